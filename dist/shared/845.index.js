export const id = 845;
export const ids = [845];
export const modules = {

/***/ 15845:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gate: () => (/* binding */ Gate),
/* harmony export */   RateLimiter: () => (/* binding */ RateLimiter)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);

/**
 * Hands out launch slots at a steady rate (`perSecond`), one at a time and in order: the ramp of a run.
 * A small burst allowance lets a slow event loop catch up without exceeding the average rate.
 */
class RateLimiter {
    now;
    burst;
    next;
    interval;
    constructor(perSecond, now = Date.now, burst = 1) {
        this.now = now;
        this.burst = burst;
        this.interval = 1000 / perSecond;
        this.next = now();
    }
    /** Resolves when the caller may launch one more host; rejects when `signal` aborts. */
    async take(signal) {
        const now = this.now();
        this.next = Math.max(this.next, now - this.interval * (this.burst - 1));
        const wait = this.next - now;
        this.next += this.interval;
        if (wait > 0)
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(wait, undefined, signal ? { signal } : undefined);
    }
}
/** A counting semaphore: at most `limit` clusters in flight (the original swarm's gating). */
class Gate {
    limit;
    active = 0;
    waiters = [];
    constructor(limit) {
        this.limit = limit;
    }
    get inFlight() {
        return this.active;
    }
    async acquire(signal) {
        if (this.active < this.limit) {
            this.active++;
            return;
        }
        await new Promise((resolve, reject) => {
            const onAbort = () => {
                const i = this.waiters.indexOf(grant);
                if (i >= 0)
                    this.waiters.splice(i, 1);
                reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
            };
            const grant = () => {
                signal?.removeEventListener('abort', onAbort);
                this.active++;
                resolve();
            };
            if (signal?.aborted)
                return onAbort();
            signal?.addEventListener('abort', onAbort, { once: true });
            this.waiters.push(grant);
        });
    }
    release() {
        this.active--;
        const next = this.waiters.shift();
        if (next)
            next();
    }
}
//# sourceMappingURL=rate-limiter.js.map

/***/ })

};
