export const id = 714;
export const ids = [714];
export const modules = {

/***/ 53714:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ActionsTreeCache: () => (/* binding */ ActionsTreeCache)
/* harmony export */ });
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(18091);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99661);
/* harmony import */ var _patches_exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(95417);



/**
 * The cache of patched trees in GitHub Actions (@actions/cache): one entry per component, upstream and series
 * hash. A cache service outage only costs a fresh fetch and patch; it never fails the step.
 */
class ActionsTreeCache {
    logger;
    description = 'actions cache';
    constructor(logger) {
        this.logger = logger;
    }
    async restore(key, dir) {
        if (!_actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .isFeatureAvailable */ .w3())
            return false;
        try {
            await (0,_patches_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .removeTree */ .dM)(dir);
            return (await _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .restoreCache */ .P3([dir], key)) === key;
        }
        catch (error) {
            this.logger.warning(`cache restore of ${key} failed: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
            return false;
        }
    }
    async save(key, dir) {
        if (!_actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .isFeatureAvailable */ .w3())
            return;
        try {
            await _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .saveCache */ .Io([dir], key);
        }
        catch (error) {
            // another job saved the same key first, or the service is away: the next run patches again
            this.logger.debug(`cache save of ${key} skipped: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
        }
    }
}
//# sourceMappingURL=patched-tree-cache.js.map

/***/ })

};
