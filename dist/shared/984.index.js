export const id = 984;
export const ids = [984];
export const modules = {

/***/ 73872:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Zf: () => (/* binding */ parseConnectivity),
/* harmony export */   cD: () => (/* binding */ analyzeConnectivity)
/* harmony export */ });
/* unused harmony export summarizeConnectivity */
/* harmony import */ var _net_ip_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1022);

/**
 * A host's stored connectivity report, parsed. Not kept on the host (a parsed report costs several times its
 * text); the cluster analysis and the latency checks parse it when they run.
 */
function parseConnectivity(host) {
    if (!host.connectivity)
        return null;
    try {
        return summarizeConnectivity(JSON.parse(host.connectivity));
    }
    catch {
        return null;
    }
}
/** The per-remote-host summary of a connectivity-check reply. */
function summarizeConnectivity(report) {
    const map = new Map();
    for (const remote of report.remote_hosts ?? []) {
        if (!remote.host_id)
            continue;
        const entry = { l2: new Set(), l3: new Map(), macs: new Map(), mtuFailed: false };
        for (const l2 of remote.l2_connectivity ?? []) {
            if (!l2.remote_ip_address)
                continue;
            if (l2.successful)
                entry.l2.add(l2.remote_ip_address);
            if (l2.remote_mac)
                entry.macs.set(l2.remote_ip_address, l2.remote_mac.toLowerCase());
        }
        for (const l3 of remote.l3_connectivity ?? []) {
            if (!l3.remote_ip_address || !l3.successful)
                continue;
            entry.l3.set(l3.remote_ip_address, {
                rtt: l3.average_rtt_ms ?? 0,
                loss: l3.packet_loss_percentage ?? 0
            });
        }
        entry.mtuFailed = (remote.mtu_report ?? []).some(m => m.mtu_successful === false);
        map.set(remote.host_id, entry);
    }
    return map;
}
function addressesIn(host, net) {
    const out = [];
    for (const nic of host.inv?.nics ?? []) {
        for (const a of net.family === 4 ? nic.ipv4 : nic.ipv6) {
            const ip = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_0__/* .parseIp */ .r5)((0,_net_ip_js__WEBPACK_IMPORTED_MODULE_0__/* .addressOf */ .ci)(a));
            if (ip && (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_0__/* .cidrContains */ .eX)(net, ip))
                out.push((0,_net_ip_js__WEBPACK_IMPORTED_MODULE_0__/* .addressOf */ .ci)(a));
        }
    }
    return out;
}
/** Does `from` report reaching `to` on an address of `to` inside the network (L2; for IPv6 L3 also counts)? */
function reaches(reports, from, to, toAddresses, ipv6) {
    const entry = reports.get(from.id)?.get(to.id);
    if (!entry)
        return false;
    return toAddresses.some(a => entry.l2.has(a) || (ipv6 && entry.l3.has(a)));
}
/** Largest set of hosts that all reach each other both ways (greedy clique from the best-connected hosts). */
function largestFullMesh(ids, adjacent) {
    const degree = new Map(ids.map(id => [id, ids.filter(o => o !== id && adjacent(id, o)).length]));
    const order = ids.slice().sort((a, b) => degree.get(b) - degree.get(a) || a.localeCompare(b));
    let best = [];
    for (const start of order.slice(0, 4)) {
        const clique = [start];
        for (const candidate of order) {
            if (candidate === start)
                continue;
            if (clique.every(member => adjacent(member, candidate)))
                clique.push(candidate);
        }
        if (clique.length > best.length)
            best = clique;
        if (best.length === ids.length)
            break;
    }
    return best;
}
/**
 * Majority groups per machine network (cluster-managed networking, L2 both ways, at least 3 hosts) or per
 * address family (user-managed networking, L3: an address every other host reached), plus IP collisions from
 * the MACs reported over L2 (service-behavior §2.4).
 */
function analyzeConnectivity(cluster) {
    const hosts = [...cluster.hosts.values()];
    const byId = new Map(hosts.map(h => [h.id, h]));
    const reports = new Map(hosts.map(h => [h.id, parseConnectivity(h)]));
    const groups = new Map();
    const minimum = cluster.controlPlaneCount === 2 ? 2 : 3;
    if (cluster.userManagedNetworking) {
        for (const family of [4, 6]) {
            const key = family === 4 ? 'IPv4' : 'IPv6';
            const members = hosts.filter(h => h.inv?.nics.some(n => (family === 4 ? n.ipv4 : n.ipv6).length));
            if (members.length === 0)
                continue;
            const passing = new Set();
            for (const h of members) {
                const mine = (h.inv?.nics ?? []).flatMap(n => (family === 4 ? n.ipv4 : n.ipv6).map(_net_ip_js__WEBPACK_IMPORTED_MODULE_0__/* .addressOf */ .ci));
                const others = members.filter(o => o !== h);
                if (others.length === 0)
                    continue;
                if (mine.some(a => others.every(o => reports.get(o.id)?.get(h.id)?.l3.has(a))))
                    passing.add(h.id);
            }
            if (passing.size >= Math.min(minimum, members.length) && members.length >= minimum)
                groups.set(key, passing);
        }
    }
    else {
        for (const mn of cluster.machineNetworks) {
            const net = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_0__/* .parseCidr */ .GN)(mn.cidr);
            if (!net)
                continue;
            const addresses = new Map(hosts.map(h => [h.id, addressesIn(h, net)]));
            const ids = hosts.filter(h => addresses.get(h.id).length).map(h => h.id);
            const adjacent = (a, b) => reaches(reports, byId.get(a), byId.get(b), addresses.get(b), net.family === 6) &&
                reaches(reports, byId.get(b), byId.get(a), addresses.get(a), net.family === 6);
            const mesh = largestFullMesh(ids, adjacent);
            if (mesh.length >= minimum)
                groups.set(mn.cidr, new Set(mesh));
            else
                groups.set(mn.cidr, new Set());
        }
    }
    const macsByIp = new Map();
    for (const h of hosts) {
        const report = reports.get(h.id);
        if (!report)
            continue;
        for (const entry of report.values()) {
            for (const [ip, mac] of entry.macs) {
                let set = macsByIp.get(ip);
                if (!set)
                    macsByIp.set(ip, (set = new Set()));
                set.add(mac);
            }
        }
    }
    const collisions = new Set();
    const collisionsJson = {};
    for (const [ip, macs] of macsByIp) {
        if (macs.size > 1) {
            collisions.add(ip);
            collisionsJson[ip] = [...macs].sort();
        }
    }
    const groupsJson = {};
    for (const [key, set] of groups)
        groupsJson[key] = [...set].sort();
    return {
        groups,
        groupsText: JSON.stringify({ MajorityGroups: groupsJson, L3ConnectedAddresses: {} }),
        collisions,
        collisionsText: collisions.size ? JSON.stringify(collisionsJson) : ''
    };
}
//# sourceMappingURL=connectivity.js.map

/***/ }),

/***/ 43650:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B6: () => (/* binding */ checkImages),
/* harmony export */   CU: () => (/* binding */ findReleaseImage),
/* harmony export */   Hs: () => (/* binding */ minorOf),
/* harmony export */   M3: () => (/* binding */ DEFAULT_OS_IMAGES),
/* harmony export */   Zy: () => (/* binding */ compareVersions),
/* harmony export */   qA: () => (/* binding */ normalizeArch),
/* harmony export */   xd: () => (/* binding */ DEFAULT_RELEASE_IMAGES),
/* harmony export */   z$: () => (/* binding */ findOsImage)
/* harmony export */ });
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(99661);

/** Release payloads of 4.14 … 4.22; the z-streams are placeholders (nothing is ever pulled). */
const VERSIONS = [
    { minor: '4.14', version: '4.14.71', support: 'maintenance', rhcos: '414.92.202407091253-0' },
    { minor: '4.15', version: '4.15.59', support: 'maintenance', rhcos: '415.92.202407091355-0' },
    { minor: '4.16', version: '4.16.48', support: 'production', rhcos: '416.94.202410211619-0' },
    { minor: '4.17', version: '4.17.40', support: 'production', rhcos: '417.94.202410211619-0' },
    { minor: '4.18', version: '4.18.25', support: 'production', rhcos: '418.94.202501221327-0' },
    { minor: '4.19', version: '4.19.14', support: 'production', rhcos: '9.6.20250523-0' },
    { minor: '4.20', version: '4.20.2', support: 'production', rhcos: '9.6.20251015-1' },
    { minor: '4.21', version: '4.21.0', support: 'production', rhcos: '9.6.20260112-0' },
    { minor: '4.22', version: '4.22.0-ec.3', support: 'beta', rhcos: '9.8.20260301-0' }
];
const ARCHES = [
    { arch: 'x86_64', suffix: 'x86_64' },
    { arch: 'arm64', suffix: 'aarch64' }
];
const DEFAULT_RELEASE_IMAGES = VERSIONS.flatMap(v => ARCHES.map(a => ({
    openshift_version: v.minor,
    cpu_architecture: a.arch,
    cpu_architectures: [a.arch],
    url: `quay.io/openshift-release-dev/ocp-release:${v.version}-${a.suffix}`,
    version: v.version,
    ...(v.minor === '4.20' && a.arch === 'x86_64' ? { default: true } : {}),
    ...(v.support ? { support_level: v.support } : {})
})));
const DEFAULT_OS_IMAGES = VERSIONS.flatMap(v => ARCHES.map(a => ({
    openshift_version: v.minor,
    cpu_architecture: a.arch,
    url: `https://mirror.openshift.com/pub/openshift-v4/${a.suffix}/dependencies/rhcos/${v.minor}/latest/rhcos-live.${a.suffix}.iso`,
    version: v.rhcos
})));
/** `x.y` of a version string such as `4.14.71` or `4.22.0-ec.3`. */
function minorOf(version) {
    const match = /^(\d+)\.(\d+)/.exec(version);
    return match ? `${match[1]}.${match[2]}` : version;
}
/** Numeric compare of dotted versions (pre-release suffixes ignored): <0, 0, >0. */
function compareVersions(a, b) {
    const pa = a.split(/[.-]/).map(p => Number.parseInt(p, 10));
    const pb = b.split(/[.-]/).map(p => Number.parseInt(p, 10));
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const x = Number.isFinite(pa[i]) ? pa[i] : 0;
        const y = Number.isFinite(pb[i]) ? pb[i] : 0;
        if (x !== y)
            return x - y;
    }
    return 0;
}
const ARCH_ALIASES = { aarch64: 'arm64', amd64: 'x86_64' };
function normalizeArch(arch) {
    const value = arch || 'x86_64';
    return ARCH_ALIASES[value] ?? value;
}
/**
 * The release image for a requested version and architecture: the requested text may be a key of
 * `GET /v2/openshift-versions` (the full version), `x.y`, `x.y.z` or `x.y.z-<arch>`.
 */
function findReleaseImage(images, requested, arch) {
    const wanted = normalizeArch(arch);
    const matchesArch = (image) => normalizeArch(image.cpu_architecture) === wanted ||
        (image.cpu_architectures ?? []).map(normalizeArch).includes(wanted);
    const candidates = images.filter(matchesArch);
    const stripped = requested.replace(/-(x86_64|aarch64|arm64|ppc64le|s390x|multi)$/, '');
    return (candidates.find(i => i.version === requested || i.version === stripped) ??
        candidates.find(i => i.openshift_version === requested || i.openshift_version === stripped) ??
        candidates.find(i => minorOf(i.version) === stripped));
}
function findOsImage(images, version, arch) {
    const wanted = normalizeArch(arch);
    const minor = minorOf(version);
    return images.find(i => normalizeArch(i.cpu_architecture) === wanted &&
        (i.openshift_version === version || i.openshift_version === minor));
}
/** Checks release and OS image lists given as options; problems name the field and the entry. */
function checkImages(releases, osImages) {
    const problems = [];
    const list = (value, field, required) => {
        if (!Array.isArray(value)) {
            problems.push(`${field}: must be a JSON list, got ${JSON.stringify(value)?.slice(0, 80)}`);
            return [];
        }
        value.forEach((entry, i) => {
            for (const key of required) {
                if (!entry ||
                    typeof entry !== 'object' ||
                    typeof entry[key] !== 'string') {
                    problems.push(`${field}[${i}].${String(key)}: is required (a string)`);
                }
            }
        });
        return value;
    };
    const r = list(releases, 'release-images', [
        'openshift_version',
        'cpu_architecture',
        'url',
        'version'
    ]);
    const o = list(osImages, 'os-images', ['openshift_version', 'cpu_architecture', 'url', 'version']);
    if (problems.length)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(problems, 'invalid simulator image lists:');
    return { releases: r, osImages: o };
}
//# sourceMappingURL=releases.js.map

/***/ }),

/***/ 59454:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BW: () => (/* binding */ isBeforeRebooting),
/* harmony export */   Bs: () => (/* binding */ clusterDeadline),
/* harmony export */   Pq: () => (/* binding */ hostDeadline),
/* harmony export */   me: () => (/* binding */ stageTimeoutMs),
/* harmony export */   r8: () => (/* binding */ disconnectionDeadline)
/* harmony export */ });
/** Stages during which the agent still polls, so connectivity is checked (service-behavior §1.5). */
const PRE_REBOOT_STAGES = new Set([
    '',
    'Starting installation',
    'Installing',
    'Writing image to disk',
    'Copying registry data to disk',
    'Waiting for control plane',
    'Waiting for bootkube',
    'Waiting for controller'
]);
function isBeforeRebooting(host) {
    return PRE_REBOOT_STAGES.has(host.progress?.currentStage ?? '');
}
/** When the host counts as disconnected if it does not poll again. */
function disconnectionDeadline(sim, host) {
    if (!host.checkedInAt)
        return 0;
    const t = sim.opts.timings;
    return (host.checkedInAt + t.hostMaxDisconnectionMs + (host.bootstrap ? t.bootstrapExtraDisconnectionMs : 0) + 1);
}
function stageTimeoutMs(sim, stage, singleNode) {
    const t = sim.opts.timings;
    if (stage === 'Rebooting' && singleNode)
        return t.snoRebootingTimeoutMs;
    return t.stageTimeoutsMs[stage] ?? t.defaultStageTimeoutMs;
}
function earliest(...values) {
    let best = 0;
    for (const v of values)
        if (v > 0 && (best === 0 || v < best))
            best = v;
    return best;
}
/** The next moment a time-driven rule could move this host (0: none pending). */
function hostDeadline(sim, host) {
    const t = sim.opts.timings;
    switch (host.status) {
        case 'discovering':
        case 'insufficient':
        case 'pending-for-input':
        case 'known':
        case 'discovering-unbound':
        case 'insufficient-unbound':
        case 'known-unbound':
        case 'preparing-successful':
            return disconnectionDeadline(sim, host);
        case 'preparing-for-installation':
            return earliest(disconnectionDeadline(sim, host), host.statusUpdatedAt + t.prepareHostTimeoutMs + 1);
        case 'installing':
            return earliest(disconnectionDeadline(sim, host), host.statusUpdatedAt + t.installingNoProgressTimeoutMs + 1);
        case 'installing-in-progress': {
            const cluster = sim.store.clusterOf(host);
            const stage = host.progress?.currentStage ?? '';
            const stageDeadline = host.progress
                ? host.progress.stageUpdatedAt + stageTimeoutMs(sim, stage, Boolean(cluster?.isSingleNode())) + 1
                : 0;
            return earliest(isBeforeRebooting(host) ? disconnectionDeadline(sim, host) : 0, stageDeadline);
        }
        case 'installing-pending-user-action':
            return host.statusUpdatedAt + t.pendingUserActionTimeoutMs + 1;
        case 'resetting':
            return host.statusUpdatedAt + t.resetTimeoutMs + 1;
        case 'error':
        case 'cancelled':
            if (host.logsInfo === 'completed' || host.logsInfo === 'timeout')
                return 0;
            if (host.logsInfo === '')
                return host.statusUpdatedAt + t.logPendingTimeoutMs + 1;
            return (host.logsStartedAt || host.statusUpdatedAt) + t.logCollectionTimeoutMs + 1;
        default:
            return 0;
    }
}
function clusterDeadline(sim, cluster) {
    const t = sim.opts.timings;
    switch (cluster.status) {
        case 'preparing-for-installation':
            return earliest(cluster.lastPreparation.status === 'not_started' ? cluster.preparationDueAt : 0, cluster.statusUpdatedAt + t.prepareClusterTimeoutMs + 1);
        case 'installing-pending-user-action':
            return (cluster.installStartedAt || cluster.statusUpdatedAt) + t.installationTimeoutMs + 1;
        case 'finalizing': {
            const stage = cluster.progress.finalizingStage;
            const stageDeadline = stage && !cluster.progress.finalizingStageTimedOut
                ? cluster.progress.finalizingStageStartedAt +
                    (t.finalizingStageTimeoutsMs[stage] ?? t.finalizingTimeoutMs) +
                    1
                : 0;
            return earliest(cluster.statusUpdatedAt + t.finalizingTimeoutMs + 1, stageDeadline);
        }
        default:
            return 0;
    }
}
//# sourceMappingURL=deadlines.js.map

/***/ }),

/***/ 45966:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ keptText),
/* harmony export */   b: () => (/* binding */ sharedText)
/* harmony export */ });
/**
 * Texts the simulator keeps for a long time (stored step replies, status infos, event details).
 *
 * V8 returns `JSON.stringify` results and concatenations as trees of parts ("cons strings"); kept as they are,
 * a 300-byte reply can cost three times its length. Flattening once, when the text is stored, keeps one
 * contiguous copy. Texts that many hosts share (the same DNS answers, NTP sources and free addresses for every
 * host of a cluster, the same status info) are also kept once: a bounded table of recent texts maps each text
 * to its first copy. bench/sim.ts measures the effect.
 */
const SHARED_LIMIT = 8192;
const recent = new Map();
/** Makes V8 flatten `text` in place (number conversion reads the string as one sequence); costs one copy. */
function flatten(text) {
    void Number(text);
}
/** A text that is kept but rarely equal to another (an inventory, a connectivity report): flattened. */
function keptText(text) {
    if (text.length > 0)
        flatten(text);
    return text;
}
/** A text that is kept and often equal to other hosts' (DNS, NTP, free addresses, status info): shared. */
function sharedText(text) {
    if (text.length === 0)
        return text;
    const hit = recent.get(text);
    if (hit !== undefined)
        return hit;
    flatten(text);
    if (recent.size >= SHARED_LIMIT)
        recent.delete(recent.keys().next().value);
    recent.set(text, text);
    return text;
}
//# sourceMappingURL=stored-text.js.map

/***/ }),

/***/ 18796:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I_: () => (/* binding */ simError),
/* harmony export */   Wj: () => (/* binding */ SimError),
/* harmony export */   az: () => (/* binding */ SIM_ERRORS),
/* harmony export */   t4: () => (/* binding */ errorBody),
/* harmony export */   z_: () => (/* binding */ SIM_ERROR_HEADER)
/* harmony export */ });
function spec(code, status, message) {
    return { code, status, message };
}
const SIM_ERRORS = {
    // Request shape (HTTP layer)
    BAD_REQUEST: spec('SIM_ERR_BAD_REQUEST', 400, 'invalid request: %s'),
    INVALID_JSON: spec('SIM_ERR_INVALID_JSON', 400, 'the request body is not valid JSON: %s'),
    BODY_TOO_LARGE: spec('SIM_ERR_BODY_TOO_LARGE', 413, 'the request body is larger than %s bytes'),
    UNSUPPORTED_MEDIA_TYPE: spec('SIM_ERR_UNSUPPORTED_MEDIA_TYPE', 415, 'unsupported content type %s'),
    NOT_ACCEPTABLE_DOWNLOAD: spec('SIM_ERR_DOWNLOAD_ACCEPT', 400, 'downloads need the header Accept: application/octet-stream'),
    ROUTE_NOT_FOUND: spec('SIM_ERR_ROUTE_NOT_FOUND', 404, 'path %s %s not found'),
    METHOD_NOT_ALLOWED: spec('SIM_ERR_METHOD_NOT_ALLOWED', 405, 'method %s not allowed on %s'),
    NOT_IMPLEMENTED: spec('SIM_ERR_NOT_IMPLEMENTED', 501, '%s %s is part of the contract but not implemented by the simulator'),
    UNAUTHORIZED: spec('SIM_ERR_UNAUTHORIZED', 401, 'unauthenticated for invalid credentials'),
    // Missing resources
    CLUSTER_NOT_FOUND: spec('SIM_ERR_CLUSTER_NOT_FOUND', 404, 'cluster %s not found'),
    INFRA_ENV_NOT_FOUND: spec('SIM_ERR_INFRA_ENV_NOT_FOUND', 404, 'infra-env %s not found'),
    HOST_NOT_FOUND: spec('SIM_ERR_HOST_NOT_FOUND', 404, 'host %s not found in infra-env %s'),
    OPERATOR_NOT_FOUND: spec('SIM_ERR_OPERATOR_NOT_FOUND', 404, 'monitored operator %s not found in cluster %s'),
    // Bad input that passed the schema
    INVALID_PULL_SECRET: spec('SIM_ERR_INVALID_PULL_SECRET', 400, 'invalid pull secret: %s'),
    UNSUPPORTED_VERSION: spec('SIM_ERR_UNSUPPORTED_VERSION', 400, 'OpenShift version %s for CPU architecture %s is not supported'),
    NO_OS_IMAGE: spec('SIM_ERR_NO_OS_IMAGE', 400, 'no OS image for OpenShift version %s and CPU architecture %s'),
    INVALID_CLUSTER_PARAMS: spec('SIM_ERR_INVALID_CLUSTER_PARAMS', 400, '%s'),
    INVALID_HOST_PARAMS: spec('SIM_ERR_INVALID_HOST_PARAMS', 400, '%s'),
    INVALID_STEP_OUTPUT: spec('SIM_ERR_INVALID_STEP_OUTPUT', 400, 'cannot decode the %s output: %s'),
    INVALID_INGRESS_CERT: spec('SIM_ERR_INVALID_INGRESS_CERT', 400, 'the ingress CA is not a valid PEM certificate: %s'),
    INGRESS_CERT_WRONG_STATE: spec('SIM_ERR_INGRESS_CERT_WRONG_STATE', 400, 'cluster %s is in %s; the ingress CA is accepted only in finalizing or installed'),
    BOOT_ORDER: spec('SIM_ERR_BOOT_ORDER', 400, 'Host is required to be booted from disk %s'),
    INFRA_ENV_BOUND: spec('SIM_ERR_INFRA_ENV_BOUND', 400, 'infra-env %s is bound to cluster %s; %s works only for late-binding infra-envs'),
    // Wrong state
    CLUSTER_CANNOT_ACCEPT_HOSTS: spec('SIM_ERR_CLUSTER_CANNOT_ACCEPT_HOSTS', 409, 'Cannot add hosts to cluster %s in status %s'),
    CLUSTER_ALREADY_INSTALLED: spec('SIM_ERR_CLUSTER_ALREADY_INSTALLED', 409, 'Cannot register host %s: the cluster has already been installed; the host may be booting from the discovery ISO instead of its disk, fix the boot order'),
    HOST_ALREADY_INSTALLED: spec('SIM_ERR_HOST_ALREADY_INSTALLED', 409, 'Host %s is registering after the cluster has already been installed; it may be booting from the discovery ISO, fix the boot order'),
    CLUSTER_NOT_READY: spec('SIM_ERR_CLUSTER_NOT_READY', 409, 'cluster %s is not ready to install (status %s: %s)'),
    CLUSTER_WRONG_STATE: spec('SIM_ERR_CLUSTER_WRONG_STATE', 409, 'cannot %s cluster %s in status %s'),
    HOST_WRONG_STATE: spec('SIM_ERR_HOST_WRONG_STATE', 409, 'cannot %s host %s in status %s'),
    PROGRESS_WRONG_STATE: spec('SIM_ERR_PROGRESS_WRONG_STATE', 409, "can't update progress of host %s in status %s"),
    PROGRESS_STAGE_INVALID: spec('SIM_ERR_PROGRESS_STAGE', 409, 'stage %s is not valid for host %s (current stage %s, role stages: %s)'),
    DOWNLOAD_NOT_READY: spec('SIM_ERR_DOWNLOAD_NOT_READY', 409, '%s is not available for cluster %s in status %s'),
    NOT_DAY2: spec('SIM_ERR_NOT_DAY2', 409, 'Method only allowed when adding hosts to an existing cluster'),
    INFRA_ENV_HAS_HOSTS: spec('SIM_ERR_INFRA_ENV_HAS_HOSTS', 409, 'infra-env %s still has %s hosts'),
    // The real service answers these with 500 (an internal 409 re-wrapped)
    INVENTORY_WRONG_STATE: spec('SIM_ERR_INVENTORY_WRONG_STATE', 500, 'host %s: inventory is not accepted in status %s'),
    // Fault injection
    INJECTED_FAULT: spec('SIM_ERR_INJECTED_FAULT', 503, 'injected fault on %s'),
    INTERNAL: spec('SIM_ERR_INTERNAL', 500, 'internal error: %s')
};
/** An error with a catalogue entry; the HTTP layer turns it into the real service's body and status. */
class SimError extends Error {
    spec;
    code;
    status;
    constructor(spec, ...args) {
        super(formatMessage(spec.message, args));
        this.spec = spec;
        this.name = 'SimError';
        this.code = spec.code;
        this.status = spec.status;
    }
}
function simError(name, ...args) {
    return new SimError(SIM_ERRORS[name], ...args);
}
function formatMessage(template, args) {
    let i = 0;
    return template.replace(/%s/g, () => String(args[i++] ?? ''));
}
/** The header carrying the `SIM_ERR_*` code, so the body keeps exactly the real service's shape. */
const SIM_ERROR_HEADER = 'x-sim-error-code';
/** The swagger `error` body (or `infra_error` for 401/403), as the real service writes it. */
function errorBody(status, reason) {
    if (status === 401 || status === 403)
        return { code: status, message: reason };
    return { kind: 'Error', id: status, href: '', code: String(status), reason };
}
//# sourceMappingURL=errors.js.map

/***/ }),

/***/ 83906:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cu: () => (/* binding */ SimEvent),
/* harmony export */   Fz: () => (/* binding */ EVENT_TEXT),
/* harmony export */   vu: () => (/* binding */ EventLog)
/* harmony export */ });
/* harmony import */ var _model_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(21876);
/**
 * Events per cluster (and per infra-env for hosts without a cluster), as `GET /v2/events` lists them. Each
 * scope keeps its newest `perScope` events; ids are shared string references, so an event costs little more
 * than its message.
 */

/** Message templates: events keep references to shared strings and render the text when listed. */
const EVENT_TEXT = {
    raw: 0,
    hostStatus: 1,
    validationFixed: 2,
    validationFailed: 3,
    registered: 4
};
/** (name, severity, template, b, c) tuples; events keep the index, so the five cost one small integer. */
const KINDS = [];
const KIND_INDEX = new Map();
function kindOf(name, severity, text, b, c) {
    const key = `${name}|${severity}|${text}|${b}|${c}`;
    let index = KIND_INDEX.get(key);
    if (index === undefined) {
        index = KINDS.length;
        KINDS.push({ name, severity, text, b, c });
        KIND_INDEX.set(key, index);
    }
    return index;
}
class SimEvent {
    a;
    clusterId;
    hostId;
    infraEnvId;
    /** Milliseconds since TIME_EPOCH (a small integer: no boxed number per event). */
    t;
    /** Index into KINDS. */
    k;
    d;
    constructor(time, severity, name, 
    /** The message, or the first argument of the template. */
    a, clusterId, hostId, infraEnvId, props = null, text = EVENT_TEXT.raw, b = '', c = '', d = '') {
        this.a = a;
        this.clusterId = clusterId;
        this.hostId = hostId;
        this.infraEnvId = infraEnvId;
        this.t = (0,_model_types_js__WEBPACK_IMPORTED_MODULE_0__/* .sinceEpoch */ .mf)(time);
        this.k = kindOf(name, severity, text, b, c);
        this.d = text === EVENT_TEXT.raw ? (props ?? '') : d;
    }
    /** The event kept in a scope's columns, as EventLog stores it. */
    static columns(e) {
        return [e.t, e.k, e.a, e.d];
    }
    /** An event back from a scope's columns. */
    static fromColumns(t, k, a, d, clusterId, hostId, infraEnvId) {
        const e = Object.create(SimEvent.prototype);
        e.t = t;
        e.k = k;
        e.a = a;
        e.d = d;
        e.clusterId = clusterId;
        e.hostId = hostId;
        e.infraEnvId = infraEnvId;
        return e;
    }
    get time() {
        return this.t + _model_types_js__WEBPACK_IMPORTED_MODULE_0__/* .TIME_EPOCH */ .sA;
    }
    get severity() {
        return KINDS[this.k].severity;
    }
    get name() {
        return KINDS[this.k].name;
    }
    get props() {
        return KINDS[this.k].text === EVENT_TEXT.raw && this.d ? this.d : null;
    }
    get message() {
        const { text, b, c } = KINDS[this.k];
        switch (text) {
            case EVENT_TEXT.hostStatus:
                return `Host ${this.a}: updated status from ${b} to ${c} (${this.d})`;
            case EVENT_TEXT.validationFixed:
                return `Host ${this.a}: validation '${b}' is now fixed`;
            case EVENT_TEXT.validationFailed:
                return `Host ${this.a}: validation '${b}' that used to succeed is now failing`;
            case EVENT_TEXT.registered:
                return `Host ${this.a}: Successfully registered`;
            default:
                return this.a;
        }
    }
}
/**
 * One scope's events (a cluster's, or an infra-env's hosts without a cluster) in columns: one array slot per
 * field instead of one object per event, which halves what the simulator keeps per event. The cluster id is the
 * scope's own.
 */
class Scope {
    clusterId;
    times = [];
    kinds = [];
    firsts = [];
    details = [];
    hostIds = [];
    infraEnvIds = [];
    constructor(clusterId) {
        this.clusterId = clusterId;
    }
    get length() {
        return this.times.length;
    }
    push(event) {
        const [t, k, a, d] = SimEvent.columns(event);
        this.times.push(t);
        this.kinds.push(k);
        this.firsts.push(a);
        this.details.push(d);
        this.hostIds.push(event.hostId);
        this.infraEnvIds.push(event.infraEnvId);
    }
    dropOldest(count) {
        this.times.splice(0, count);
        this.kinds.splice(0, count);
        this.firsts.splice(0, count);
        this.details.splice(0, count);
        this.hostIds.splice(0, count);
        this.infraEnvIds.splice(0, count);
    }
    at(i) {
        return SimEvent.fromColumns(this.times[i], this.kinds[i], this.firsts[i], this.details[i], this.clusterId, this.hostIds[i], this.infraEnvIds[i]);
    }
    events() {
        const out = new Array(this.length);
        for (let i = 0; i < out.length; i++)
            out[i] = this.at(i);
        return out;
    }
}
class EventLog {
    perScope;
    scopes = new Map();
    total = 0;
    constructor(perScope) {
        this.perScope = perScope;
    }
    add(event) {
        const key = event.clusterId ?? `ie:${event.infraEnvId ?? ''}`;
        let scope = this.scopes.get(key);
        if (!scope) {
            scope = new Scope(event.clusterId);
            this.scopes.set(key, scope);
        }
        scope.push(event);
        this.total++;
        if (scope.length > this.perScope + Math.max(16, this.perScope >> 3)) {
            const drop = scope.length - this.perScope;
            scope.dropOldest(drop);
            this.total -= drop;
        }
    }
    /** Drops a cluster's events (cluster deregistered). */
    dropScope(clusterId) {
        const scope = this.scopes.get(clusterId);
        if (scope)
            this.total -= scope.length;
        this.scopes.delete(clusterId);
    }
    query(q) {
        let source;
        if (q.clusterId)
            source = this.scopes.get(q.clusterId)?.events() ?? [];
        else if (q.infraEnvId) {
            source = this.scopes.get(`ie:${q.infraEnvId}`)?.events() ?? [];
            for (const [key, scope] of this.scopes) {
                if (key.startsWith('ie:'))
                    continue;
                for (let i = 0; i < scope.length; i++)
                    if (scope.infraEnvIds[i] === q.infraEnvId && scope.hostIds[i])
                        source.push(scope.at(i));
            }
            source.sort((a, b) => a.time - b.time);
        }
        else
            source = this.snapshot().sort((a, b) => a.time - b.time);
        const hostIds = q.hostIds?.length ? new Set(q.hostIds) : q.hostId ? new Set([q.hostId]) : undefined;
        const severities = q.severities?.length ? new Set(q.severities) : undefined;
        const needle = q.message?.toLowerCase();
        const filtered = source.filter(e => (!hostIds || (e.hostId !== null && hostIds.has(e.hostId))) &&
            (!q.clusterLevel || e.hostId === null) &&
            (!q.infraEnvId || !q.clusterId || e.infraEnvId === q.infraEnvId || e.hostId === null) &&
            (!severities || severities.has(e.severity)) &&
            (!needle || e.message.toLowerCase().includes(needle)));
        const ordered = q.order === 'descending' ? filtered.slice().reverse() : filtered;
        const offset = Math.max(0, q.offset ?? 0);
        const limit = q.limit === undefined || q.limit < 0 ? 5000 : q.limit;
        return { events: ordered.slice(offset, offset + limit), total: filtered.length };
    }
    snapshot() {
        return [...this.scopes.values()].flatMap(scope => scope.events());
    }
    restore(events) {
        for (const e of events.sort((a, b) => a.time - b.time))
            this.add(e);
    }
}
//# sourceMappingURL=events.js.map

/***/ }),

/***/ 7485:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vi: () => (/* binding */ domainsToResolve),
/* harmony export */   fe: () => (/* binding */ parseResolutions),
/* harmony export */   qN: () => (/* binding */ clusterDomains)
/* harmony export */ });
/* unused harmony export registryHost */
function clusterDomains(cluster) {
    if (!cluster.name || !cluster.baseDnsDomain)
        return undefined;
    const suffix = `${cluster.name}.${cluster.baseDnsDomain}`;
    return {
        api: `api.${suffix}`,
        apiInt: `api-int.${suffix}`,
        apps: `console-openshift-console.apps.${suffix}`,
        wildcard: `validateNoWildcardDNS.${suffix}`,
        wildcardDot: `validateNoWildcardDNS.${suffix}.`
    };
}
/** The registry host of a release image reference (`quay.io/...` → `quay.io`). */
function registryHost(image) {
    const first = image.split('/')[0] ?? '';
    return first.includes('.') || first.includes(':') ? first.replace(/:\d+$/, '') : 'docker.io';
}
/** The names the domain-resolution step asks for (service-behavior §2.6). */
function domainsToResolve(cluster) {
    const d = clusterDomains(cluster);
    const names = d ? [d.api, d.apiInt, d.apps, d.wildcardDot, d.wildcard] : [];
    if (cluster.releaseImage && cluster.kind === 'Cluster')
        names.push(registryHost(cluster.releaseImage));
    return names;
}
/** Parses a stored domain-resolution reply into name → resolution. */
function parseResolutions(text) {
    if (!text)
        return undefined;
    try {
        const parsed = JSON.parse(text);
        const map = new Map();
        for (const r of parsed.resolutions ?? []) {
            if (!r.domain_name)
                continue;
            map.set(r.domain_name, {
                ipv4: r.ipv4_addresses ?? [],
                ipv6: r.ipv6_addresses ?? [],
                cnames: r.cnames ?? []
            });
        }
        return map;
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=dns.js.map

/***/ }),

/***/ 87722:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CD: () => (/* binding */ summarizeInventory),
/* harmony export */   UW: () => (/* binding */ storedInventory),
/* harmony export */   nv: () => (/* binding */ diskEligible),
/* harmony export */   tc: () => (/* binding */ chooseInstallationDisk),
/* harmony export */   y$: () => (/* binding */ bootDeviceOf)
/* harmony export */ });
/* unused harmony exports diskIdOf, serviceDiskReasons */
/* harmony import */ var _config_releases_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43650);
/* harmony import */ var _core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(45966);


/** NIC types the service keeps unless ENABLE_VIRTUAL_INTERFACES is set. */
const KEPT_NIC_TYPES = new Set(['physical', 'vlan', 'bond']);
/** The disk identifier the service uses: the agent's id, else `/dev/<name>`. */
function diskIdOf(disk) {
    return disk.id || (disk.name ? `/dev/${disk.name}` : '');
}
/**
 * Service-side reasons a disk cannot be the installation disk (service-behavior §2.3): size below the role's
 * total, or a drive type the version and architecture do not allow.
 */
function serviceDiskReasons(disk, minDiskGb, openshiftVersion, architecture) {
    const reasons = [];
    const minBytes = minDiskGb * 1_000_000_000;
    if (disk.sizeBytes < minBytes) {
        reasons.push(`Disk is too small (disk only has ${formatGb(disk.sizeBytes)}, but the role requires at least ${formatGb(minBytes)})`);
    }
    const type = disk.driveType;
    const atLeast = (v) => !openshiftVersion || (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(openshiftVersion, v) >= 0;
    const allowed = type === 'HDD' ||
        type === 'SSD' ||
        type === 'Multipath' ||
        (type === 'RAID' && atLeast('4.14')) ||
        (type === 'iSCSI' && atLeast('4.15')) ||
        (type === 'FC' && (architecture === 'x86_64' || architecture === 's390x')) ||
        ((type === 'ECKD' || type === 'ECKD (ESE)' || type === 'FBA') && architecture === 's390x');
    if (!allowed)
        reasons.push(`Drive type is ${type || 'Unknown'}, it must be one of HDD, SSD, Multipath.`);
    return reasons;
}
function formatGb(bytes) {
    return `${Math.round((bytes / 1e9) * 100) / 100} GB`;
}
function diskEligible(disk, minDiskGb, openshiftVersion, architecture) {
    if (disk.agentVerdict && (!disk.agentEligible || disk.agentReasons.length))
        return false;
    return serviceDiskReasons(disk, minDiskGb, openshiftVersion, architecture).length === 0;
}
const NO_STRINGS = [];
/** Parses an inventory (already decoded and pruned to the swagger model) into the summary validations use. */
function summarizeInventory(raw, keepVirtualNics) {
    const disks = (raw.disks ?? []).map(d => {
        const eligibility = d.installation_eligibility;
        const reasons = eligibility?.not_eligible_reasons?.length ? eligibility.not_eligible_reasons : NO_STRINGS;
        const id = diskIdOf(d);
        return {
            id,
            name: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(d.name ?? ''),
            path: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(d.path ?? (d.name ? `/dev/${d.name}` : '')),
            // One string when the agent sent the same value twice (id and by_id usually are).
            byId: d.by_id === id ? id : (d.by_id ?? ''),
            byPath: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(d.by_path ?? ''),
            sizeBytes: d.size_bytes ?? 0,
            driveType: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(d.drive_type ?? ''),
            bootable: Boolean(d.bootable),
            removable: Boolean(d.removable),
            installationMedia: Boolean(d.is_installation_media),
            hasUuid: Boolean(d.has_uuid),
            agentReasons: reasons,
            agentVerdict: eligibility !== undefined && (eligibility.eligible !== undefined || reasons.length > 0),
            agentEligible: eligibility?.eligible ?? true,
            hctl: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(d.hctl ?? ''),
            iscsiHostIp: d.iscsi?.host_ip_address ?? ''
        };
    });
    const nics = (raw.interfaces ?? [])
        .filter(n => keepVirtualNics || KEPT_NIC_TYPES.has(n.type ?? ''))
        .map(n => ({
        name: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(n.name ?? ''),
        mac: n.mac_address ?? '',
        type: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(n.type ?? ''),
        ipv4: n.ipv4_addresses?.length ? n.ipv4_addresses : NO_STRINGS,
        ipv6: n.ipv6_addresses?.length ? n.ipv6_addresses : NO_STRINGS
    }));
    const hasDefaultRoute = (raw.routes ?? []).some(r => (r.destination === '0.0.0.0' ||
        r.destination === '::' ||
        r.destination === '0.0.0.0/0' ||
        r.destination === '::/0') &&
        Boolean(r.gateway));
    const truncation = raw.truncation?.type === 'full' || raw.truncation?.type === 'partial' ? raw.truncation.type : '';
    return {
        hostname: raw.hostname ?? '',
        cpuCount: raw.cpu?.count ?? 0,
        architecture: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(raw.cpu?.architecture ?? ''),
        physicalBytes: raw.memory?.physical_bytes ?? 0,
        memoryMethod: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(raw.memory?.physical_bytes_method ?? ''),
        disks,
        nics,
        hasDefaultRoute,
        productName: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(raw.system_vendor?.product_name ?? ''),
        manufacturer: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(raw.system_vendor?.manufacturer ?? ''),
        tpmVersion: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(raw.tpm_version ?? ''),
        truncation,
        bootDeviceType: (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(raw.boot?.device_type ?? '')
    };
}
/**
 * Rewrites the stored inventory as the service does: disk ids filled in, eligibility recomputed for the role's
 * disk size, NICs the service ignores removed.
 */
function storedInventory(raw, summary, minDiskGb, openshiftVersion, keepVirtualNics) {
    const disks = (raw.disks ?? []).map((d, i) => {
        const s = summary.disks[i];
        const reasons = [
            ...s.agentReasons,
            ...serviceDiskReasons(s, minDiskGb, openshiftVersion, summary.architecture || 'x86_64')
        ];
        if (s.agentVerdict && !s.agentEligible && reasons.length === 0)
            reasons.push('Disk is not eligible according to the agent');
        return {
            ...d,
            id: s.id,
            installation_eligibility: {
                eligible: reasons.length === 0,
                ...(reasons.length ? { not_eligible_reasons: reasons } : {})
            }
        };
    });
    const interfaces = keepVirtualNics
        ? raw.interfaces
        : (raw.interfaces ?? []).filter(n => KEPT_NIC_TYPES.has(n.type ?? ''));
    return JSON.stringify({
        ...raw,
        ...(raw.disks ? { disks } : {}),
        ...(raw.interfaces ? { interfaces } : {})
    });
}
/**
 * The installation disk: the user's pick while still eligible, else the first eligible disk ordered bootable
 * first, non-NVMe before NVMe, then by drive type, then smallest, then by HCTL.
 */
function chooseInstallationDisk(eligible, userDiskId) {
    if (userDiskId) {
        const picked = eligible.find(d => d.id === userDiskId || d.path === userDiskId || d.byId === userDiskId);
        if (picked)
            return picked;
    }
    const nvme = (d) => (d.name.startsWith('nvme') ? 1 : 0);
    return eligible
        .slice()
        .sort((a, b) => Number(b.bootable) - Number(a.bootable) ||
        nvme(a) - nvme(b) ||
        a.driveType.localeCompare(b.driveType) ||
        a.sizeBytes - b.sizeBytes ||
        a.hctl.localeCompare(b.hctl))[0];
}
/** The device the installer writes to: the by-id path when known, else `/dev/<name>`. */
function bootDeviceOf(disk) {
    return disk.byId || disk.path || `/dev/${disk.name}`;
}
//# sourceMappingURL=inventory.js.map

/***/ }),

/***/ 56016:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cz: () => (/* binding */ memoryEnough),
/* harmony export */   Z: () => (/* binding */ hostVersion),
/* harmony export */   fl: () => (/* binding */ roleRequirements),
/* harmony export */   hR: () => (/* binding */ minimumRequirements)
/* harmony export */ });
const EDGE_WORKER_PRODUCTS = new Set(['BlueField SoC']);
/** The OpenShift version the host's requirements come from: its cluster's, else its infra-env's. */
function hostVersion(sim, host, cluster) {
    return cluster?.openshiftVersion || sim.store.infraEnvs.get(host.infraEnvId)?.openshiftVersion || '';
}
/**
 * Requirements for the host's role (service-behavior §2.3): an SNO host is checked against `sno`, an
 * auto-assign host against its suggested role or `worker`, an aarch64 BlueField worker against `edge-worker`.
 */
function roleRequirements(sim, host, cluster) {
    const reqs = sim.opts.hw.forVersion(hostVersion(sim, host, cluster));
    if (cluster?.isSingleNode())
        return reqs.sno;
    const role = host.bootstrap ? 'master' : host.effectiveRole();
    if (role === 'master' || role === 'bootstrap')
        return reqs.master;
    if (role === 'arbiter')
        return reqs.arbiter;
    const arch = host.inv?.architecture;
    if ((arch === 'aarch64' || arch === 'arm64') && EDGE_WORKER_PRODUCTS.has(host.inv?.productName ?? ''))
        return reqs['edge-worker'];
    return reqs.worker;
}
/** Minimums any role needs: the looser of master (or SNO) and worker; disks the smallest of master, worker, arbiter. */
function minimumRequirements(sim, host, cluster) {
    const reqs = sim.opts.hw.forVersion(hostVersion(sim, host, cluster));
    const control = cluster?.isSingleNode() ? reqs.sno : reqs.master;
    return {
        cpu_cores: Math.min(control.cpu_cores, reqs.worker.cpu_cores),
        ram_mib: Math.min(control.ram_mib, reqs.worker.ram_mib),
        disk_size_gb: cluster?.isSingleNode()
            ? Math.min(reqs.sno.disk_size_gb, reqs.worker.disk_size_gb)
            : Math.min(reqs.master.disk_size_gb, reqs.worker.disk_size_gb, reqs.arbiter.disk_size_gb),
        installation_disk_speed_threshold_ms: control.installation_disk_speed_threshold_ms
    };
}
/** Memory check with the service's tolerance: 100 MiB, plus 2 % of the requirement when measured from meminfo. */
function memoryEnough(physicalBytes, method, ramMib) {
    const required = ramMib * 1024 * 1024;
    const tolerance = 100 * 1024 * 1024 + (method === 'meminfo' ? required * 0.02 : 0);
    return physicalBytes >= required - tolerance;
}
//# sourceMappingURL=requirements.js.map

/***/ }),

/***/ 55655:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ stagesFor)
/* harmony export */ });
/* unused harmony export STAGES */
/** Progress stages by role, in order (service-behavior §1.7). */
const STAGES = {
    bootstrap: [
        'Starting installation',
        'Installing',
        'Writing image to disk',
        'Copying registry data to disk',
        'Waiting for control plane',
        'Waiting for bootkube',
        'Waiting for controller',
        'Rebooting',
        'Configuring',
        'Joined',
        'Done'
    ],
    master: [
        'Starting installation',
        'Installing',
        'Writing image to disk',
        'Copying registry data to disk',
        'Rebooting',
        'Configuring',
        'Joined',
        'Done'
    ],
    worker: [
        'Starting installation',
        'Installing',
        'Writing image to disk',
        'Waiting for control plane',
        'Rebooting',
        'Waiting for ignition',
        'Configuring',
        'Joined',
        'Done'
    ],
    sno: [
        'Starting installation',
        'Installing',
        'Waiting for bootkube',
        'Writing image to disk',
        'Copying registry data to disk',
        'Rebooting',
        'Joined',
        'Done'
    ]
};
/** The stage list a host's progress is checked against (day-2 hosts end at Rebooting). */
function stagesFor(host, cluster) {
    let list;
    if (cluster?.isSingleNode())
        list = STAGES.sno;
    else if (host.bootstrap)
        list = STAGES.bootstrap;
    else {
        const role = host.role === 'auto-assign' ? host.suggestedRole || 'worker' : host.role;
        list = role === 'master' || role === 'arbiter' || role === 'bootstrap' ? STAGES.master : STAGES.worker;
    }
    if (host.kind === 'AddToExistingClusterHost') {
        const reboot = list.indexOf('Rebooting');
        return list.slice(0, reboot + 1);
    }
    return list;
}
//# sourceMappingURL=stages.js.map

/***/ }),

/***/ 15984:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  startSimulator: () => (/* binding */ startSimulator)
});

// UNUSED EXPORTS: SIM_ERRORS, createSimulator, parseDiscoveryIgnition

// EXTERNAL MODULE: ./lib/util/errors.js
var errors = __webpack_require__(99661);
// EXTERNAL MODULE: ./lib/util/random.js
var random = __webpack_require__(75073);
// EXTERNAL MODULE: ./lib/sim/events.js
var sim_events = __webpack_require__(83906);
// EXTERNAL MODULE: ./lib/sim/model/store.js
var store = __webpack_require__(4900);
;// CONCATENATED MODULE: ./lib/sim/monitor/deadline-queue.js
/**
 * A min-heap of (deadline, item) with at most one live entry per item. Re-arming an item to a later deadline is
 * free (the early entry pops, the caller sees the real deadline is later and re-arms); arming it earlier pushes a
 * new entry and the older one is skipped when it pops. This keeps the monitors' time-driven work proportional to
 * the items whose deadline actually passed.
 */
class DeadlineQueue {
    times = [];
    items = [];
    get size() {
        return this.items.length;
    }
    /** Queues `item` for `at` unless it is already queued for an earlier (or the same) time. `at` 0 means never. */
    arm(item, at) {
        if (at <= 0)
            return;
        // Whole milliseconds: items keep the deadline as a small integer (see HostRecord.queuedDeadline).
        at = Math.ceil(at);
        if (item.queuedDeadline > 0 && item.queuedDeadline <= at)
            return;
        item.queuedDeadline = at;
        this.push(at, item);
    }
    /** Removes and returns the items whose queued deadline is ≤ now (stale entries skipped). */
    popDue(now, into = []) {
        while (this.times.length && this.times[0] <= now) {
            const at = this.times[0];
            const item = this.pop();
            if (item.queuedDeadline !== at)
                continue;
            item.queuedDeadline = 0;
            into.push(item);
        }
        return into;
    }
    clear() {
        for (const item of this.items)
            item.queuedDeadline = 0;
        this.times = [];
        this.items = [];
    }
    push(at, item) {
        const times = this.times;
        const items = this.items;
        let i = times.length;
        times.push(at);
        items.push(item);
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (times[parent] <= at)
                break;
            times[i] = times[parent];
            items[i] = items[parent];
            i = parent;
        }
        times[i] = at;
        items[i] = item;
    }
    pop() {
        const times = this.times;
        const items = this.items;
        const top = items[0];
        const lastTime = times.pop();
        const lastItem = items.pop();
        const n = times.length;
        if (n === 0)
            return top;
        let i = 0;
        for (;;) {
            const left = 2 * i + 1;
            if (left >= n)
                break;
            const right = left + 1;
            const child = right < n && times[right] < times[left] ? right : left;
            if (times[child] >= lastTime)
                break;
            times[i] = times[child];
            items[i] = items[child];
            i = child;
        }
        times[i] = lastTime;
        items[i] = lastItem;
        return top;
    }
}
//# sourceMappingURL=deadline-queue.js.map
// EXTERNAL MODULE: ./lib/sim/core/deadlines.js
var deadlines = __webpack_require__(59454);
// EXTERNAL MODULE: ./lib/sim/core/stored-text.js
var stored_text = __webpack_require__(45966);
;// CONCATENATED MODULE: ./lib/sim/core/context.js






/**
 * Everything the simulated service shares: options, the store, events, and the monitors' work queues (hosts and
 * clusters marked dirty by requests, plus deadline queues for time-driven transitions). Request handlers and
 * monitors both go through `setHostStatus`/`setClusterStatus`, so counts, events and scheduling stay consistent.
 */
class SimContext {
    opts;
    store = new store/* Store */.il();
    events;
    hostDeadlines = new DeadlineQueue();
    clusterDeadlines = new DeadlineQueue();
    dirtyHosts = new Set();
    dirtyClusters = new Set();
    random;
    /** The simulator's own base URL, known once it listens. */
    selfUrl = 'http://127.0.0.1:8090';
    /** Counters the metrics module exposes. */
    counters = { unexpectedStepReplies: 0, hostRefreshes: 0, clusterRefreshes: 0, fastPathRequests: 0 };
    /** Extension point: told of host and cluster changes (the kube-api mode, src/sim/kube, listens). */
    hooks = {};
    constructor(opts) {
        this.opts = opts;
        this.events = new sim_events/* EventLog */.vu(opts.eventsPerScope);
        this.random = (0,random/* seededRandom */.Is)(opts.seed);
    }
    now() {
        return this.opts.now();
    }
    /** SERVICE_BASE_URL as agents should see it. */
    serviceUrl() {
        return this.opts.serviceBaseUrl ?? this.selfUrl;
    }
    imageServiceUrl() {
        return this.opts.imageServiceBaseUrl ?? this.selfUrl;
    }
    hostName(host) {
        return host.hostname() || host.id;
    }
    hostEvent(host, severity, name, message, props = null) {
        this.events.add(new sim_events/* SimEvent */.Cu(this.now(), severity, name, (0,stored_text/* keptText */.G)(message), host.clusterId, host.id, host.infraEnvId, props));
    }
    /** A host event rendered from a template with shared strings (cheaper to keep than a message per host). */
    hostTemplateEvent(host, severity, name, text, b = '', c = '', d = '') {
        this.events.add(new sim_events/* SimEvent */.Cu(this.now(), severity, name, this.hostName(host), host.clusterId, host.id, host.infraEnvId, null, text, b, c, d));
    }
    clusterEvent(cluster, severity, name, message) {
        this.events.add(new sim_events/* SimEvent */.Cu(this.now(), severity, name, (0,stored_text/* keptText */.G)(message), cluster.id, null, null));
    }
    /** Moves a host to a status (or only updates its status info); returns whether the status changed. */
    setHostStatus(host, status, info) {
        const old = host.status;
        if (old === status && host.statusInfo === info)
            return false;
        const now = this.now();
        info = (0,stored_text/* sharedText */.b)(info);
        host.statusInfo = info;
        host.updatedAt = now;
        if (old === status) {
            this.hooks.hostChanged?.(host);
            return false;
        }
        this.store.countHost(old, -1);
        this.store.countHost(status, 1);
        host.status = status;
        host.statusUpdatedAt = now;
        this.hostTemplateEvent(host, status === 'error' ? 'error' : 'info', 'host_status_updated', sim_events/* EVENT_TEXT */.Fz.hostStatus, old, status, info);
        const cluster = this.store.clusterOf(host);
        if (cluster)
            this.markClusterDirty(cluster);
        this.scheduleHost(host);
        this.hooks.hostChanged?.(host);
        return true;
    }
    setClusterStatus(cluster, status, info) {
        const old = cluster.status;
        if (old === status && cluster.statusInfo === info)
            return false;
        const now = this.now();
        info = (0,stored_text/* sharedText */.b)(info);
        cluster.statusInfo = info;
        cluster.updatedAt = now;
        if (old === status) {
            this.hooks.clusterChanged?.(cluster);
            return false;
        }
        this.store.countCluster(old, -1);
        this.store.countCluster(status, 1);
        cluster.status = status;
        cluster.statusUpdatedAt = now;
        this.clusterEvent(cluster, status === 'error' ? 'error' : 'info', 'cluster_status_updated', `Updated status of the cluster to ${status}`);
        // Host rules look at the cluster status (preparing, installing, error).
        this.markClusterHostsDirty(cluster);
        this.scheduleCluster(cluster);
        this.hooks.clusterChanged?.(cluster);
        return true;
    }
    markHostDirty(host) {
        if (host.dirty)
            return;
        host.dirty = true;
        this.dirtyHosts.add(host);
    }
    markClusterDirty(cluster) {
        if (cluster.dirty)
            return;
        cluster.dirty = true;
        this.dirtyClusters.add(cluster);
    }
    markClusterHostsDirty(cluster) {
        for (const host of cluster.hosts.values())
            this.markHostDirty(host);
    }
    /** (Re-)arms the host's next time-driven check. */
    scheduleHost(host) {
        this.hostDeadlines.arm(host, (0,deadlines/* hostDeadline */.Pq)(this, host));
    }
    scheduleCluster(cluster) {
        this.clusterDeadlines.arm(cluster, (0,deadlines/* clusterDeadline */.Bs)(this, cluster));
    }
}
//# sourceMappingURL=context.js.map
// EXTERNAL MODULE: ./node_modules/fastify/fastify.js
var fastify = __webpack_require__(16703);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: ./lib/sim/errors.js
var sim_errors = __webpack_require__(18796);
// EXTERNAL MODULE: ./lib/api/swagger.js + 1 modules
var swagger = __webpack_require__(342);
;// CONCATENATED MODULE: ./lib/sim/http/route.js

function rewriteRefs(schema) {
    return JSON.parse(JSON.stringify(schema).replace(/"#\/definitions\//g, '"swagger#/definitions/'));
}
function paramSchema(p) {
    const out = {};
    for (const key of ['type', 'format', 'enum', 'minimum', 'maximum', 'pattern', 'default'])
        if (p[key] !== undefined)
            out[key] = p[key];
    if (p.type === 'array')
        out.items = paramSchema(p.items ?? { type: 'string' });
    if (p.type === 'file')
        return {};
    return out;
}
/**
 * The fastify schema of a swagger operation: params, querystring and body come straight from the contract, so
 * routes are data and a contract change reaches the simulator through `npm run contracts`.
 */
function operationSchema(op) {
    const schema = {};
    const path = op.parameters.filter(p => p.in === 'path');
    const query = op.parameters.filter(p => p.in === 'query');
    const body = op.parameters.find(p => p.in === 'body');
    if (path.length) {
        schema.params = {
            type: 'object',
            properties: Object.fromEntries(path.map(p => [p.name, paramSchema(p)])),
            required: path.map(p => p.name)
        };
    }
    if (query.length) {
        schema.querystring = {
            type: 'object',
            properties: Object.fromEntries(query.map(p => [p.name, paramSchema(p)])),
            ...(query.some(p => p.required)
                ? { required: query.filter(p => p.required).map(p => p.name) }
                : {})
        };
    }
    if (body?.schema) {
        schema.body = rewriteRefs((0,swagger/* toJsonSchema */.PF)(body.schema, { rejectUnknownFields: true }));
    }
    return schema;
}
/** The fastify URL of a swagger path: base path prepended, `{param}` → `:param`. */
function fastifyUrl(path) {
    return swagger/* API_BASE */.tE + path.replace(/\{([^}]+)\}/g, ':$1');
}
const DEFAULT_SECURITY = ['userAuth'];
/** Registers the swagger operation `operationId` with `handler`. */
function route(app, operationId, handler, options = {}) {
    const op = (0,swagger/* swaggerOperation */.kt)(operationId);
    const config = {
        operationId,
        security: op.security ? op.security.flatMap(s => Object.keys(s)) : DEFAULT_SECURITY
    };
    app.route({
        method: op.method.toUpperCase(),
        url: fastifyUrl(op.path),
        schema: operationSchema(op),
        config,
        handler: handler,
        ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {})
    });
}
/** Typed accessors for a request's validated parts. */
function params(request) {
    return request.params;
}
function query(request) {
    return (request.query ?? {});
}
function body(request) {
    return request.body;
}
/** The agent version header (`discovery_agent_version`, with underscores). */
function agentVersionHeader(request) {
    const value = request.headers['discovery_agent_version'];
    return typeof value === 'string' && value ? value : undefined;
}
/** §9: downloads answer 400 unless the request accepts application/octet-stream. */
function acceptsOctetStream(request) {
    const accept = request.headers.accept;
    return typeof accept === 'string' && accept.includes('application/octet-stream');
}
/** Swagger 2.0 collectionFormat csv: `a,b` and repeated keys both become a list. */
function listParam(value) {
    if (value === undefined)
        return undefined;
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap(v => String(v).split(',')).filter(Boolean);
}
//# sourceMappingURL=route.js.map
// EXTERNAL MODULE: ./lib/sim/service/host-service.js
var host_service = __webpack_require__(44591);
// EXTERNAL MODULE: ./lib/sim/views.js
var views = __webpack_require__(42465);
;// CONCATENATED MODULE: ./lib/sim/routes/agents.js




const IGNITION_READY = new Set(['installing', 'installing-pending-user-action', 'finalizing', 'installed']);
/** Agent-facing host routes: register, progress, logs progress, host ignition (instructions: instructions.ts). */
async function agentRoutes(app, { sim }) {
    route(app, 'v2RegisterHost', (request, reply) => {
        const { infra_env_id } = params(request);
        const b = body(request);
        const version = b.discovery_agent_version || agentVersionHeader(request) || '';
        const host = (0,host_service/* registerHost */.Y_)(sim, infra_env_id, b.host_id, version);
        sim.hooks.hostRegistered?.(host);
        reply.code(201).send({
            ...(0,views/* hostView */.CZ)(sim, host),
            next_step_runner_command: {
                command: '',
                args: [
                    JSON.stringify({
                        infra_env_id: host.infraEnvId,
                        host_id: host.id,
                        agent_version: sim.opts.agentImage
                    })
                ]
            }
        });
    });
    route(app, 'v2UpdateHostInstallProgress', (request, reply) => {
        const p = params(request);
        const host = (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id);
        const b = body(request);
        if (!b.current_stage)
            throw (0,sim_errors/* simError */.I_)('BAD_REQUEST', 'current_stage is required');
        (0,host_service/* updateProgress */.DW)(sim, host, b.current_stage, b.progress_info ?? '');
        reply.code(200).send();
    });
    route(app, 'v2UpdateHostLogsProgress', (request, reply) => {
        const p = params(request);
        const host = (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id);
        (0,host_service/* updateLogsProgress */.eA)(sim, host, body(request).logs_state);
        reply.code(204).send();
    });
    route(app, 'v2DownloadHostIgnition', (request, reply) => {
        const p = params(request);
        const host = (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id);
        if (!acceptsOctetStream(request))
            throw (0,sim_errors/* simError */.I_)('NOT_ACCEPTABLE_DOWNLOAD');
        const cluster = sim.store.clusterOf(host);
        if (!cluster || !IGNITION_READY.has(cluster.status)) {
            throw (0,sim_errors/* simError */.I_)('DOWNLOAD_NOT_READY', 'the host ignition', cluster?.id ?? '(no cluster)', cluster?.status ?? host.status);
        }
        const role = host.bootstrap || host.role === 'master' ? 'master' : 'worker';
        const ignition = {
            ignition: {
                version: '3.2.0',
                config: {
                    merge: [{ source: `https://api-int.${cluster.name}.${cluster.baseDnsDomain}:22623/config/${role}` }]
                }
            }
        };
        reply
            .header('content-type', 'application/octet-stream')
            .header('content-disposition', `attachment; filename=${role}-${host.id}.ign`)
            .send(JSON.stringify(ignition));
    });
    route(app, 'v2GetHostIgnition', (request, reply) => {
        const p = params(request);
        const host = (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id);
        const cluster = sim.store.clusterOf(host);
        if (!cluster || !IGNITION_READY.has(cluster.status)) {
            throw (0,sim_errors/* simError */.I_)('DOWNLOAD_NOT_READY', 'the host ignition', cluster?.id ?? '(no cluster)', cluster?.status ?? host.status);
        }
        reply.send({ config: JSON.stringify({ ignition: { version: '3.2.0' } }) });
    });
}
//# sourceMappingURL=agents.js.map
// EXTERNAL MODULE: ./lib/sim/service/cluster-service.js
var cluster_service = __webpack_require__(40895);
;// CONCATENATED MODULE: ./lib/sim/routes/clusters.js





const FILES = new Set([
    'bootstrap.ign',
    'master.ign',
    'worker.ign',
    'arbiter.ign',
    'metadata.json',
    'kubeconfig-noingress',
    'install-config.yaml',
    'custom_manifests.json',
    'custom_manifests.yaml'
]);
function kubeconfig(cluster, withIngress) {
    const server = `https://api.${cluster.name}.${cluster.baseDnsDomain}:6443`;
    return [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- cluster:',
        '    certificate-authority-data: c2ltdWxhdGVkLWNh',
        `    server: ${server}`,
        `  name: ${cluster.name}`,
        'contexts:',
        '- context:',
        `    cluster: ${cluster.name}`,
        '    user: admin',
        '  name: admin',
        'current-context: admin',
        'users:',
        '- name: admin',
        '  user:',
        `    token: simulated-${withIngress ? 'with' : 'without'}-ingress-ca`,
        ''
    ].join('\n');
}
function clusterFile(cluster, name) {
    switch (name) {
        case 'metadata.json':
            return JSON.stringify({
                clusterName: cluster.name,
                clusterID: cluster.openshiftClusterId,
                infraID: cluster.id
            });
        case 'kubeconfig-noingress':
            return kubeconfig(cluster, false);
        case 'install-config.yaml':
            return `apiVersion: v1\nbaseDomain: ${cluster.baseDnsDomain}\nmetadata:\n  name: ${cluster.name}\ncontrolPlane:\n  name: master\n  replicas: ${cluster.controlPlaneCount}\n`;
        case 'custom_manifests.json':
            return '[]';
        case 'custom_manifests.yaml':
            return '';
        default:
            return JSON.stringify({ ignition: { version: '3.2.0' } });
    }
}
/** User- and controller-facing cluster routes. */
async function clusterRoutes(app, { sim }) {
    route(app, 'v2ListClusters', (request, reply) => {
        const withHosts = query(request).with_hosts === true;
        reply.send([...sim.store.clusters.values()].map(c => (0,views/* clusterView */.a)(sim, c, { withHosts })));
    });
    route(app, 'v2RegisterCluster', (request, reply) => {
        const cluster = (0,cluster_service/* registerCluster */.s2)(sim, body(request));
        reply.code(201).send((0,views/* clusterView */.a)(sim, cluster));
    });
    route(app, 'v2ImportCluster', (request, reply) => {
        reply.code(201).send((0,views/* clusterView */.a)(sim, (0,cluster_service/* importCluster */.g_)(sim, body(request))));
    });
    route(app, 'v2GetCluster', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        const exclude = query(request)['exclude-hosts'] === true;
        reply.send((0,views/* clusterView */.a)(sim, cluster, { withHosts: !exclude }));
    });
    route(app, 'V2UpdateCluster', (request, reply) => {
        const cluster = (0,cluster_service/* updateCluster */.Aq)(sim, (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id), body(request));
        reply.code(201).send((0,views/* clusterView */.a)(sim, cluster));
    });
    route(app, 'v2DeregisterCluster', (request, reply) => {
        (0,cluster_service/* deregisterCluster */.pV)(sim, (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id));
        reply.code(204).send();
    });
    route(app, 'v2InstallCluster', (request, reply) => {
        const cluster = (0,cluster_service/* installCluster */.c_)(sim, (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id));
        reply.code(202).send((0,views/* clusterView */.a)(sim, cluster));
    });
    route(app, 'V2CancelInstallation', (request, reply) => {
        reply
            .code(202)
            .send((0,views/* clusterView */.a)(sim, (0,cluster_service/* cancelInstallation */.n_)(sim, (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id))));
    });
    route(app, 'v2ResetCluster', (request, reply) => {
        reply.code(202).send((0,views/* clusterView */.a)(sim, (0,cluster_service/* resetCluster */.y9)(sim, (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id))));
    });
    route(app, 'ListClusterHosts', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        const q = query(request);
        const hosts = [...cluster.hosts.values()].filter(h => (!q.role || h.role === q.role || (h.role === 'auto-assign' && h.suggestedRole === q.role)) &&
            (!q.status || h.status === q.status));
        reply.send(hosts.map(h => (0,views/* hostView */.CZ)(sim, h, {
            stripFreeAddresses: true,
            withInventory: q['with-inventory'] !== false,
            withConnectivity: q['with-connectivity'] !== false
        })));
    });
    route(app, 'v2UploadClusterIngressCert', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        (0,cluster_service/* uploadIngressCert */.rZ)(sim, cluster, body(request));
        reply.code(201).send();
    });
    route(app, 'V2ListOfClusterOperators', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        reply.send((0,views/* operatorsView */.vE)(cluster, query(request).operator_name));
    });
    route(app, 'v2ReportMonitoredOperatorStatus', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        (0,cluster_service/* reportOperator */.fk)(sim, cluster, body(request));
        reply.code(200).send();
    });
    route(app, 'v2UpdateClusterFinalizingProgress', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        const stage = body(request).finalizing_stage;
        if (!stage)
            throw (0,sim_errors/* simError */.I_)('BAD_REQUEST', 'finalizing_stage is required');
        (0,cluster_service/* updateFinalizingProgress */.Ig)(sim, cluster, stage);
        reply.code(200).send();
    });
    route(app, 'v2CompleteInstallation', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        (0,cluster_service/* completeInstallation */.qL)(sim, cluster, body(request));
        reply.code(202).send((0,views/* clusterView */.a)(sim, cluster, { withHosts: false }));
    });
    route(app, 'v2UpdateClusterLogsProgress', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        const state = body(request).logs_state;
        cluster.logsInfo = state;
        if (state === 'requested')
            cluster.controllerLogsStartedAt = sim.now();
        if (state === 'completed')
            cluster.controllerLogsCollectedAt = sim.now();
        cluster.updatedAt = sim.now();
        reply.code(204).send();
    });
    route(app, 'V2UploadLogs', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        const q = query(request);
        const raw = request.body;
        if (!Buffer.isBuffer(raw) || !raw.includes('name="upfile"'))
            throw (0,sim_errors/* simError */.I_)('BAD_REQUEST', 'a multipart/form-data body with the file field "upfile" is required');
        if (q.logs_type === 'host' || q.host_id) {
            if (!q.host_id || !q.infra_env_id)
                throw (0,sim_errors/* simError */.I_)('BAD_REQUEST', 'host logs need host_id and infra_env_id');
            const host = (0,host_service/* getHost */.Ln)(sim, q.infra_env_id, q.host_id);
            host.logsCollectedAt = sim.now();
            host.updatedAt = sim.now();
        }
        else {
            cluster.controllerLogsCollectedAt = sim.now();
            cluster.updatedAt = sim.now();
        }
        reply.code(204).send();
    });
    route(app, 'V2DownloadClusterFiles', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        const name = query(request).file_name ?? '';
        if (!acceptsOctetStream(request))
            throw (0,sim_errors/* simError */.I_)('NOT_ACCEPTABLE_DOWNLOAD');
        if (!FILES.has(name))
            throw (0,sim_errors/* simError */.I_)('BAD_REQUEST', `unknown file_name ${name}`);
        if (cluster.lastPreparation.status !== 'success')
            throw (0,sim_errors/* simError */.I_)('DOWNLOAD_NOT_READY', name, cluster.id, cluster.status);
        reply
            .header('content-type', 'application/octet-stream')
            .header('content-disposition', `attachment; filename=${name}`)
            .send(clusterFile(cluster, name));
    });
    route(app, 'V2DownloadClusterCredentials', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        const name = query(request).file_name ?? '';
        if (!acceptsOctetStream(request))
            throw (0,sim_errors/* simError */.I_)('NOT_ACCEPTABLE_DOWNLOAD');
        if (!['kubeconfig', 'kubeconfig-noingress', 'kubeadmin-password'].includes(name))
            throw (0,sim_errors/* simError */.I_)('BAD_REQUEST', `unknown file_name ${name}`);
        if (cluster.lastPreparation.status !== 'success' ||
            (name === 'kubeconfig' && !cluster.ingressCertUploaded)) {
            throw (0,sim_errors/* simError */.I_)('DOWNLOAD_NOT_READY', name, cluster.id, cluster.status);
        }
        const content = name === 'kubeadmin-password'
            ? 'simulated-kubeadmin-password'
            : kubeconfig(cluster, name === 'kubeconfig');
        reply
            .header('content-type', 'application/octet-stream')
            .header('content-disposition', `attachment; filename=${name}`)
            .send(content);
    });
    route(app, 'V2GetCredentials', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        if (cluster.status !== 'finalizing' && cluster.status !== 'installed')
            throw (0,sim_errors/* simError */.I_)('DOWNLOAD_NOT_READY', 'credentials', cluster.id, cluster.status);
        reply.send({
            username: 'kubeadmin',
            password: 'simulated-kubeadmin-password',
            console_url: `https://console-openshift-console.apps.${cluster.name}.${cluster.baseDnsDomain}`
        });
    });
    route(app, 'v2GetIgnoredValidations', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        reply.send({
            'host-validation-ids': JSON.stringify(cluster.ignoredHostValidations),
            'cluster-validation-ids': JSON.stringify(cluster.ignoredClusterValidations)
        });
    });
    route(app, 'v2SetIgnoredValidations', (request, reply) => {
        const cluster = (0,cluster_service/* getCluster */.dB)(sim, params(request).cluster_id);
        (0,cluster_service/* setIgnoredValidations */.DP)(sim, cluster, body(request));
        reply.code(201).send({
            'host-validation-ids': JSON.stringify(cluster.ignoredHostValidations),
            'cluster-validation-ids': JSON.stringify(cluster.ignoredClusterValidations)
        });
    });
    route(app, 'V2GetClusterDefaultConfig', (_request, reply) => {
        reply.send({
            cluster_network_cidr: '10.128.0.0/14',
            cluster_network_host_prefix: 23,
            service_network_cidr: '172.30.0.0/16',
            ntp_source: '',
            inactive_deletion_hours: 480,
            cluster_networks_ipv4: [{ cidr: '10.128.0.0/14', host_prefix: 23 }],
            service_networks_ipv4: [{ cidr: '172.30.0.0/16' }]
        });
    });
}
//# sourceMappingURL=clusters.js.map
;// CONCATENATED MODULE: ./lib/sim/routes/events.js



/** `GET /v2/events` (with the `Total-Count` headers the real service sets) and `POST /v2/events`. */
async function eventRoutes(app, { sim }) {
    route(app, 'v2ListEvents', (request, reply) => {
        const q = query(request);
        const severities = listParam(q.severities);
        const hostIds = listParam(q.host_ids);
        const { events, total } = sim.events.query({
            ...(q.cluster_id ? { clusterId: q.cluster_id } : {}),
            ...(q.host_id ? { hostId: q.host_id } : {}),
            ...(hostIds ? { hostIds } : {}),
            ...(q.infra_env_id ? { infraEnvId: q.infra_env_id } : {}),
            ...(severities ? { severities } : {}),
            ...(q.message ? { message: q.message } : {}),
            ...(q.cluster_level ? { clusterLevel: true } : {}),
            ...(q.limit !== undefined ? { limit: q.limit } : {}),
            ...(q.offset !== undefined ? { offset: q.offset } : {}),
            order: q.order === 'descending' ? 'descending' : 'ascending'
        });
        const counts = { info: 0, warning: 0, error: 0, critical: 0 };
        for (const e of events)
            counts[e.severity] = (counts[e.severity] ?? 0) + 1;
        reply
            .header('total-count', String(total))
            .header('severity-count-info', String(counts.info))
            .header('severity-count-warning', String(counts.warning))
            .header('severity-count-error', String(counts.error))
            .header('severity-count-critical', String(counts.critical))
            .send(events.map(views/* eventView */.WD));
    });
    route(app, 'v2TriggerEvent', (request, reply) => {
        const b = body(request);
        const time = b.event_time ? Date.parse(b.event_time) || sim.now() : sim.now();
        sim.events.add(new sim_events/* SimEvent */.Cu(time, b.severity, b.name ?? 'agent_event', b.message, b.cluster_id ?? null, b.host_id ?? null, b.infra_env_id ?? null, b.props ?? null));
        reply.code(201).send();
    });
}
//# sourceMappingURL=events.js.map
// EXTERNAL MODULE: ./lib/sim/ignition.js
var ignition = __webpack_require__(20140);
// EXTERNAL MODULE: ./lib/sim/service/infra-env-service.js
var infra_env_service = __webpack_require__(68145);
;// CONCATENATED MODULE: ./lib/sim/routes/infra-envs.js







/** Infra-env routes, the discovery ignition, and the user-facing host routes under an infra-env. */
async function infraEnvRoutes(app, { sim }) {
    route(app, 'ListInfraEnvs', (request, reply) => {
        const clusterId = query(request).cluster_id;
        reply.send([...sim.store.infraEnvs.values()]
            .filter(i => !clusterId || i.clusterId === clusterId)
            .map(i => (0,views/* infraEnvView */.Zs)(sim, i)));
    });
    route(app, 'RegisterInfraEnv', (request, reply) => {
        reply.code(201).send((0,views/* infraEnvView */.Zs)(sim, (0,infra_env_service/* registerInfraEnv */.ZW)(sim, body(request))));
    });
    route(app, 'GetInfraEnv', (request, reply) => {
        reply.send((0,views/* infraEnvView */.Zs)(sim, (0,host_service/* getInfraEnv */.S3)(sim, params(request).infra_env_id)));
    });
    route(app, 'UpdateInfraEnv', (request, reply) => {
        reply
            .code(201)
            .send((0,views/* infraEnvView */.Zs)(sim, (0,infra_env_service/* updateInfraEnv */.n$)(sim, params(request).infra_env_id, body(request))));
    });
    route(app, 'DeregisterInfraEnv', (request, reply) => {
        (0,infra_env_service/* deregisterInfraEnv */.MU)(sim, params(request).infra_env_id);
        reply.code(204).send();
    });
    route(app, 'GetInfraEnvDownloadURL', (request, reply) => {
        const infraEnv = (0,host_service/* getInfraEnv */.S3)(sim, params(request).infra_env_id);
        reply.send({ url: (0,infra_env_service/* imageUrl */.b8)(sim, infraEnv), expires_at: (0,views/* iso */.KH)(infraEnv.expiresAt) });
    });
    route(app, 'GetInfraEnvPresignedFileURL', (request, reply) => {
        const infraEnv = (0,host_service/* getInfraEnv */.S3)(sim, params(request).infra_env_id);
        const name = query(request).file_name ?? '';
        const search = new URLSearchParams({ file_name: name });
        if (sim.opts.agentKey)
            search.set('api_key', sim.opts.agentKey);
        reply.send({
            url: `${sim.serviceUrl()}${swagger/* API_BASE */.tE}/v2/infra-envs/${infraEnv.id}/downloads/files?${search.toString()}`,
            expires_at: (0,views/* iso */.KH)(infraEnv.expiresAt)
        });
    });
    route(app, 'v2DownloadInfraEnvFiles', (request, reply) => {
        const infraEnv = (0,host_service/* getInfraEnv */.S3)(sim, params(request).infra_env_id);
        const name = query(request).file_name ?? '';
        if (!acceptsOctetStream(request))
            throw (0,sim_errors/* simError */.I_)('NOT_ACCEPTABLE_DOWNLOAD');
        let content;
        if (name === 'discovery.ign') {
            content = (0,ignition/* renderDiscoveryIgnition */.sK)({
                serviceBaseUrl: sim.serviceUrl(),
                infraEnvId: infraEnv.id,
                agentImage: sim.opts.agentImage,
                ...(sim.opts.agentKey ? { pullSecretToken: sim.opts.agentKey } : {}),
                pullSecret: infraEnv.pullSecret,
                sshAuthorizedKey: infraEnv.sshAuthorizedKey,
                skipCertVerification: sim.opts.skipCertVerification,
                ...(sim.opts.serviceCaCertPem ? { caCertPem: sim.opts.serviceCaCertPem } : {}),
                proxy: infraEnv.proxy
            });
        }
        else if (name === 'ipxe-script') {
            content = `#!ipxe\nkernel ${sim.imageServiceUrl()}/boot-artifacts/kernel?arch=${infraEnv.cpuArchitecture} initrd=initrd coreos.live.rootfs_url=${sim.imageServiceUrl()}/boot-artifacts/rootfs\ninitrd --name initrd ${(0,infra_env_service/* imageUrl */.b8)(sim, infraEnv)}\nboot\n`;
        }
        else if (name === 'static-network-config') {
            content = infraEnv.staticNetworkConfig;
        }
        else
            throw (0,sim_errors/* simError */.I_)('BAD_REQUEST', `unknown file_name ${name}`);
        reply
            .header('content-type', 'application/octet-stream')
            .header('content-disposition', `attachment; filename=${name}`)
            .send(content);
    });
    route(app, 'v2ListHosts', (request, reply) => {
        const infraEnv = (0,host_service/* getInfraEnv */.S3)(sim, params(request).infra_env_id);
        reply.send([...infraEnv.hosts.values()].map(h => (0,views/* hostView */.CZ)(sim, h)));
    });
    route(app, 'v2GetHost', (request, reply) => {
        const p = params(request);
        reply.send((0,views/* hostView */.CZ)(sim, (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id)));
    });
    route(app, 'v2UpdateHost', (request, reply) => {
        const p = params(request);
        const host = (0,host_service/* updateHost */.i3)(sim, (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id), body(request));
        reply.code(201).send((0,views/* hostView */.CZ)(sim, host));
    });
    route(app, 'v2DeregisterHost', (request, reply) => {
        const p = params(request);
        (0,host_service/* deregisterHost */.Jc)(sim, (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id));
        reply.code(204).send();
    });
    route(app, 'BindHost', (request, reply) => {
        const p = params(request);
        const host = (0,host_service/* bindHost */.YP)(sim, (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id), body(request).cluster_id);
        reply.code(200).send((0,views/* hostView */.CZ)(sim, host));
    });
    route(app, 'UnbindHost', (request, reply) => {
        const p = params(request);
        reply.code(200).send((0,views/* hostView */.CZ)(sim, (0,host_service/* unbindHost */.xd)(sim, (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id))));
    });
    route(app, 'v2InstallHost', (request, reply) => {
        const p = params(request);
        reply.code(202).send((0,views/* hostView */.CZ)(sim, (0,host_service/* installHost */.Ig)(sim, (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id))));
    });
    route(app, 'v2ResetHost', (request, reply) => {
        const p = params(request);
        reply.code(200).send((0,views/* hostView */.CZ)(sim, (0,host_service/* resetHost */.uB)(sim, (0,host_service/* getHost */.Ln)(sim, p.infra_env_id, p.host_id))));
    });
}
//# sourceMappingURL=infra-envs.js.map
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./lib/sim/http/auth.js


function same(a, b) {
    if (a === undefined)
        return false;
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && (0,external_node_crypto_.timingSafeEqual)(x, y);
}
function authorized(request, security, keys) {
    for (const scheme of security) {
        switch (scheme) {
            case 'agentAuth':
                if (!keys.agentKey)
                    return true;
                if (same(headerValue(request, 'x-secret-key'), keys.agentKey))
                    return true;
                break;
            case 'userAuth': {
                if (!keys.userToken)
                    return true;
                const header = headerValue(request, 'authorization');
                if (header && same(header.replace(/^Bearer\s+/i, ''), keys.userToken))
                    return true;
                break;
            }
            case 'urlAuth': {
                const key = request.query?.api_key;
                if (typeof key === 'string' &&
                    ((keys.agentKey && same(key, keys.agentKey)) || (keys.userToken && same(key, keys.userToken))))
                    return true;
                break;
            }
            default:
                break;
        }
    }
    return false;
}
function headerValue(request, name) {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
}
/** The onRequest hook that answers 401 with the `infra_error` body. */
function authHook(keys) {
    return async (request, reply) => {
        const config = request.routeOptions.config;
        if (!config?.security)
            return;
        if (authorized(request, config.security, keys))
            return;
        reply
            .code(401)
            .header(sim_errors/* SIM_ERROR_HEADER */.z_, sim_errors/* SIM_ERRORS */.az.UNAUTHORIZED.code)
            .send((0,sim_errors/* errorBody */.t4)(401, sim_errors/* SIM_ERRORS */.az.UNAUTHORIZED.message));
    };
}
//# sourceMappingURL=auth.js.map
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(42463);
// EXTERNAL MODULE: ./node_modules/ajv-formats/dist/index.js
var dist = __webpack_require__(82815);
;// CONCATENATED MODULE: ./lib/sim/http/validation.js



const addFormats = dist["default"] ??
    dist;
function makeAjv(coerce) {
    const ajv = new dist_ajv.Ajv({
        allErrors: false,
        strict: false,
        coerceTypes: coerce ? 'array' : false,
        useDefaults: false
    });
    addFormats(ajv);
    ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    ajv.addFormat('mac', /^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$/);
    for (const name of ['binary', 'string', 'int32', 'int64', 'double', 'float', 'byte'])
        ajv.addFormat(name, () => true);
    return ajv;
}
let bodyAjv;
let paramAjv;
const compiled = new Map();
/**
 * Request validators, shared by every simulator in the process (compiling the contract once): bodies are checked
 * strictly against the swagger models with unknown fields rejected (ENABLE_REJECT_UNKNOWN_FIELDS), path and query
 * parameters are coerced from text like go-swagger does.
 */
function compileValidator(schema, part) {
    const isBody = part === 'body';
    const key = `${isBody ? 'b' : 'p'}:${JSON.stringify(schema)}`;
    const hit = compiled.get(key);
    if (hit)
        return hit;
    let ajv;
    if (isBody) {
        if (!bodyAjv) {
            bodyAjv = makeAjv(false);
            bodyAjv.addSchema({
                $id: 'swagger',
                definitions: (0,swagger/* toJsonSchema */.PF)((0,swagger/* swaggerDefinitions */.hN)(), { rejectUnknownFields: true })
            });
        }
        ajv = bodyAjv;
    }
    else {
        paramAjv ??= makeAjv(true);
        ajv = paramAjv;
    }
    const fn = ajv.compile(schema);
    compiled.set(key, fn);
    return fn;
}
//# sourceMappingURL=validation.js.map
;// CONCATENATED MODULE: ./lib/sim/http/hot-route.js





const JSON_TYPE = 'application/json; charset=utf-8';
function errorOutput(status, code, message) {
    return { status, body: JSON.stringify((0,sim_errors/* errorBody */.t4)(status, message)), contentType: JSON_TYPE, errorCode: code };
}
/**
 * A route on the agents' hot path (GET and POST instructions: one each per host per poll). The same swagger
 * operation, validators, auth, fault injection, metrics and error bodies as every other route, but run as one
 * function over the request's parts, so it can be served two ways with one behaviour:
 * - as a fastify route (what `inject()` and any unusual request use), and
 * - straight from the node:http server for well-formed requests (`fastPath`), skipping fastify's per-request
 *   objects, hooks and reply plumbing, which cost more than the work itself (bench/sim.ts).
 * test/sim/hot-routes.test.ts checks both give identical answers.
 */
class HotRoute {
    handler;
    deps;
    operationId;
    url;
    method;
    checks = [];
    security;
    record;
    constructor(operationId, handler, deps) {
        this.handler = handler;
        this.deps = deps;
        const op = (0,swagger/* swaggerOperation */.kt)(operationId);
        this.operationId = operationId;
        this.url = fastifyUrl(op.path);
        this.method = op.method.toUpperCase();
        const schema = operationSchema(op);
        for (const part of ['params', 'querystring', 'body']) {
            if (schema[part])
                this.checks.push([part, compileValidator(schema[part], part)]);
        }
        this.security = op.security ? op.security.flatMap(s => Object.keys(s)) : ['userAuth'];
        this.record = deps.metrics.recorder(this.url, this.method);
    }
    /** Auth, validation (coercing query and path values like fastify), then the handler. */
    run(input) {
        const keys = this.deps.sim.opts;
        if ((keys.agentKey || keys.userToken) && !authorized(input, this.security, keys)) {
            return errorOutput(401, sim_errors/* SIM_ERRORS */.az.UNAUTHORIZED.code, sim_errors/* SIM_ERRORS */.az.UNAUTHORIZED.message);
        }
        for (const [part, validate] of this.checks) {
            const data = part === 'params' ? input.params : part === 'querystring' ? input.query : input.body;
            if (!validate(data)) {
                // The same text as fastify's schema errors: `<part><path> <message>`.
                const text = (validate.errors ?? [])
                    .map(e => `${part}${e.instancePath} ${e.message ?? 'is invalid'}`)
                    .join(', ');
                return errorOutput(400, sim_errors/* SIM_ERRORS */.az.BAD_REQUEST.code, sim_errors/* SIM_ERRORS */.az.BAD_REQUEST.message.replace('%s', text));
            }
        }
        try {
            return this.handler(input);
        }
        catch (error) {
            if (error instanceof sim_errors/* SimError */.Wj)
                return errorOutput(error.status, error.code, error.message);
            this.deps.sim.opts.logger.error(`simulator: ${this.operationId} failed: ${error.stack ?? String(error)}`);
            return errorOutput(500, sim_errors/* SIM_ERRORS */.az.INTERNAL.code, sim_errors/* SIM_ERRORS */.az.INTERNAL.message.replace('%s', error.message));
        }
    }
    /** Registers the fastify side of the route. */
    register(app) {
        const config = { operationId: this.operationId, security: this.security, hot: true };
        const send = (request, reply) => {
            const out = this.run({
                params: request.params,
                query: (request.query ?? {}),
                body: request.body,
                headers: request.headers
            });
            if (out.contentType)
                reply.header('content-type', out.contentType);
            if (out.errorCode)
                reply.header(sim_errors/* SIM_ERROR_HEADER */.z_, out.errorCode);
            reply.code(out.status).send(out.status === 204 ? undefined : out.body);
            this.record(out.status, reply.elapsedTime / 1000);
        };
        app.route({
            method: this.method,
            url: this.url,
            config,
            handler: (request, reply) => {
                const { faults } = this.deps;
                if (!faults.active)
                    return send(request, reply);
                faults.apply(request, reply, this.operationId, () => send(request, reply), () => this.record(reply.statusCode, reply.elapsedTime / 1000));
            }
        });
    }
    /** Answers straight on node:http (the caller checked the request is one this route takes). */
    serve(params, query, body, req, res, started) {
        const out = this.run({ params, query, body, headers: req.headers });
        const headers = {};
        if (out.contentType)
            headers['content-type'] = out.contentType;
        if (out.errorCode)
            headers[sim_errors/* SIM_ERROR_HEADER */.z_] = out.errorCode;
        if (out.status === 204)
            res.writeHead(204, headers).end();
        else {
            headers['content-length'] = Buffer.byteLength(out.body);
            res.writeHead(out.status, headers).end(out.body);
        }
        this.record(out.status, (performance.now() - started) / 1000);
    }
}
function isHotRoute(request) {
    return request.routeOptions.config?.hot === true;
}
const INSTRUCTIONS = /^\/api\/assisted-install\/v2\/infra-envs\/([^/?#]+)\/hosts\/([^/?#]+)\/instructions(?:\?([^#]*))?$/;
/** Query string → object as fastify's parser gives it (repeated keys become lists). */
function parseQuery(text) {
    const out = {};
    if (!text)
        return out;
    for (const [k, v] of new URLSearchParams(text)) {
        const prev = out[k];
        out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    return out;
}
/**
 * The node:http front of the two hot routes. It takes only what needs no fastify machinery — no fault injection
 * active, not closing, GET without a body, or POST with `Content-Type: application/json` and a Content-Length
 * within the body limit — and hands everything else (and every other path) to fastify. JSON bodies are parsed
 * with fastify's own default parser, so prototype-poisoning checks and error answers are the same.
 */
function hotFastPath(get, post, deps, jsonParser, isClosing) {
    const limit = deps.sim.opts.bodyLimitBytes;
    return (req, res) => {
        const method = req.method;
        if ((method !== 'GET' && method !== 'POST') || deps.faults.active || isClosing())
            return false;
        const url = req.url ?? '';
        if (!url.startsWith('/api/assisted-install/v2/infra-envs/'))
            return false;
        const match = INSTRUCTIONS.exec(url);
        if (!match)
            return false;
        const started = performance.now();
        deps.sim.counters.fastPathRequests++;
        const params = { infra_env_id: decodeURIComponent(match[1]), host_id: decodeURIComponent(match[2]) };
        const query = parseQuery(match[3]);
        if (method === 'GET') {
            if (req.headers['content-length'] && req.headers['content-length'] !== '0')
                return false;
            if (req.headers['transfer-encoding'])
                return false;
            get.serve(params, query, undefined, req, res, started);
            return true;
        }
        const type = req.headers['content-type'] ?? '';
        const length = Number(req.headers['content-length']);
        if (!/^application\/json\s*(;|$)/i.test(type) ||
            !(length > 0) ||
            length > limit ||
            req.headers['transfer-encoding'])
            return false;
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => {
            const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
            jsonParser(req, text, (error, body) => {
                if (error) {
                    const out = errorOutput(400, sim_errors/* SIM_ERRORS */.az.INVALID_JSON.code, sim_errors/* SIM_ERRORS */.az.INVALID_JSON.message.replace('%s', error.message));
                    res
                        .writeHead(400, {
                        'content-type': out.contentType,
                        [sim_errors/* SIM_ERROR_HEADER */.z_]: out.errorCode,
                        'content-length': Buffer.byteLength(out.body)
                    })
                        .end(out.body);
                    return;
                }
                post.serve(params, query, body, req, res, started);
            });
        });
        return true;
    };
}
//# sourceMappingURL=hot-route.js.map
;// CONCATENATED MODULE: ./lib/sim/core/prune.js

/** Go's JSON decoding treats `null` as "absent"; drop nulls so the swagger types (which are not nullable) accept them. */
function dropNulls(value) {
    if (Array.isArray(value))
        return value.filter(v => v !== null).map(dropNulls);
    if (value && typeof value === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(value))
            if (v !== null)
                out[k] = dropNulls(v);
        return out;
    }
    return value;
}
function resolve(schema) {
    let s = schema;
    for (let i = 0; s && typeof s.$ref === 'string' && i < 16; i++) {
        s = (0,swagger/* swaggerDefinitions */.hN)()[s.$ref.replace('#/definitions/', '')];
    }
    return s;
}
/**
 * Keeps only the fields the swagger model defines, recursively: what the real service's unmarshal and
 * re-marshal of a step output does to unknown fields.
 */
function pruneToSchema(value, schema) {
    const s = resolve(schema);
    if (!s)
        return value;
    if (Array.isArray(value))
        return s.items ? value.map(v => pruneToSchema(v, s.items)) : value;
    if (!value || typeof value !== 'object')
        return value;
    const properties = s.properties;
    if (!properties) {
        if (s.additionalProperties && typeof s.additionalProperties === 'object') {
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pruneToSchema(v, s.additionalProperties)]));
        }
        return value;
    }
    const out = {};
    for (const [k, v] of Object.entries(value)) {
        const child = properties[k];
        if (child)
            out[k] = pruneToSchema(v, child);
    }
    return out;
}
/**
 * Decodes a step output as the service does: JSON, nulls as absent, types checked against the model, unknown
 * fields dropped. Returns the problem text when the output cannot be decoded.
 */
function decodeOutput(output, definition) {
    let parsed;
    try {
        parsed = JSON.parse(output);
    }
    catch (error) {
        return { problem: error.message };
    }
    const cleaned = output.includes('null') ? dropNulls(parsed) : parsed;
    // Fast path: an output that is exactly the model (what agents send) needs no pruning.
    if ((0,swagger/* modelValidator */.kX)({ rejectUnknownFields: true }).validate(definition, cleaned).length === 0)
        return { value: cleaned };
    // Go's unmarshal checks JSON types only: enums, formats, patterns and required fields are not enforced.
    const problems = (0,swagger/* modelValidator */.kX)()
        .validate(definition, cleaned)
        .filter(p => / must be (string|integer|number|object|array|boolean)(,|$)/.test(p));
    if (problems.length)
        return { problem: problems.slice(0, 3).join('; ') };
    return { value: pruneToSchema(cleaned, { $ref: `#/definitions/${definition}` }) };
}
//# sourceMappingURL=prune.js.map
// EXTERNAL MODULE: ./lib/sim/host/inventory.js
var inventory = __webpack_require__(87722);
// EXTERNAL MODULE: ./lib/sim/host/requirements.js
var requirements = __webpack_require__(56016);
// EXTERNAL MODULE: ./lib/sim/machine/host-refresh.js
var host_refresh = __webpack_require__(88373);
// EXTERNAL MODULE: ./lib/sim/model/types.js
var types = __webpack_require__(21876);
// EXTERNAL MODULE: ./lib/sim/service/host-reset.js
var host_reset = __webpack_require__(89923);
;// CONCATENATED MODULE: ./lib/sim/service/step-replies.js








/** Statuses in which an inventory reply is stored; elsewhere the real service answers 500 (§1.10). */
const INVENTORY_STATUSES = new Set([
    'discovering',
    'known',
    'disconnected',
    'insufficient',
    'pending-for-input',
    'installing-in-progress',
    'discovering-unbound',
    'insufficient-unbound',
    'known-unbound',
    'disconnected-unbound'
]);
const OUTPUT_MODELS = {
    inventory: 'inventory',
    'connectivity-check': 'connectivity-report',
    'free-network-addresses': 'free_networks_addresses',
    'ntp-synchronizer': 'ntp_synchronization_response',
    'domain-resolution': 'domain_resolution_response',
    'verify-vips': 'verify_vips_response',
    'installation-disk-speed-check': 'disk_speed_check_response',
    'container-image-availability': 'container_image_availability_response',
    'dhcp-lease-allocate': 'dhcp_allocation_response',
    'api-vip-connectivity-check': 'api_vip_connectivity_response',
    'tang-connectivity-check': 'tang_connectivity_response',
    'upgrade-agent': 'upgrade_agent_response'
};
const PREPARING_OR_INSTALLING = new Set([
    'preparing-for-installation',
    'preparing-successful',
    'installing',
    'installing-in-progress',
    'installing-pending-user-action'
]);
function decode(type, output) {
    const result = decodeOutput(output, OUTPUT_MODELS[type]);
    if ('problem' in result)
        throw (0,sim_errors/* simError */.I_)('INVALID_STEP_OUTPUT', type, result.problem);
    return result.value;
}
/**
 * `POST .../instructions` (service-behavior §1.10): store what the reply carries; statuses change only through
 * the monitors, except the synchronous install failure and media disconnect. Step ids are not checked (the real
 * service never checks them either).
 */
function applyStepReply(sim, host, reply) {
    const type = reply.step_type ?? '';
    const exitCode = reply.exit_code ?? 0;
    const output = reply.output ?? '';
    const now = sim.now();
    const cluster = sim.store.clusterOf(host);
    if (exitCode === 256) {
        if (!host.mediaDisconnected) {
            host.mediaDisconnected = true;
            host.updatedAt = now;
            if (types/* DISCOVERY_STATUSES */.a6.has(host.status))
                sim.setHostStatus(host, 'disconnected', host_refresh/* HOST_INFO */.I7.mediaDisconnected);
            else if (PREPARING_OR_INSTALLING.has(host.status))
                sim.setHostStatus(host, 'error', host_refresh/* HOST_INFO */.I7.mediaDisconnected);
            sim.markHostDirty(host);
        }
        return;
    }
    if (exitCode === 0 && host.mediaDisconnected) {
        host.mediaDisconnected = false;
        sim.markHostDirty(host);
    }
    if (exitCode !== 0) {
        switch (type) {
            case 'install':
                if (exitCode === 125 &&
                    /assisted-installer.{0,3} is already in use/.test(`${reply.error ?? ''} ${output}`))
                    return;
                if (PREPARING_OR_INSTALLING.has(host.status)) {
                    sim.setHostStatus(host, 'error', `installation command failed: ${reply.error || `exit code ${exitCode}`}`);
                }
                return;
            case 'container-image-availability':
            case 'installation-disk-speed-check':
                break;
            case 'tang-connectivity-check':
                host.tangConnectivity = reply.error ?? '';
                host.updatedAt = now;
                sim.markHostDirty(host);
                return;
            default:
                return;
        }
    }
    switch (type) {
        case 'inventory': {
            if (!INVENTORY_STATUSES.has(host.status))
                throw (0,sim_errors/* simError */.I_)('INVENTORY_WRONG_STATE', host.id, host.status);
            const raw = decode(type, output);
            const summary = (0,inventory/* summarizeInventory */.CD)(raw, sim.opts.enableVirtualInterfaces);
            const tempHost = host;
            const previous = host.inv;
            host.inv = summary;
            const size = cluster
                ? (0,requirements/* roleRequirements */.fl)(sim, tempHost, cluster).disk_size_gb
                : (0,requirements/* minimumRequirements */.hR)(sim, tempHost, cluster).disk_size_gb;
            host.inv = previous;
            const text = (0,inventory/* storedInventory */.UW)(raw, summary, size, (0,requirements/* hostVersion */.Z)(sim, host, cluster), sim.opts.enableVirtualInterfaces);
            if (text !== host.inventory) {
                (0,host_reset/* setInventory */.Z2)(sim, host, text, summary);
                host.updatedAt = now;
                sim.markHostDirty(host);
            }
            return;
        }
        case 'connectivity-check': {
            const report = decode(type, output);
            const text = JSON.stringify(report);
            if (text === host.connectivity)
                return;
            host.connectivity = (0,stored_text/* keptText */.G)(text);
            host.updatedAt = now;
            sim.markHostDirty(host);
            if (cluster) {
                cluster.connectivityDirty = true;
                sim.markClusterDirty(cluster);
            }
            return;
        }
        case 'free-network-addresses': {
            const text = JSON.stringify(decode(type, output));
            if (text === host.freeAddresses)
                return;
            host.freeAddresses = (0,stored_text/* sharedText */.b)(text);
            host.updatedAt = now;
            if (cluster)
                sim.markClusterDirty(cluster);
            return;
        }
        case 'ntp-synchronizer': {
            const parsed = decode(type, output);
            const text = JSON.stringify(parsed.ntp_sources ?? []);
            if (text === host.ntpSources)
                return;
            host.ntpSources = (0,stored_text/* sharedText */.b)(text);
            host.ntpSynced = (parsed.ntp_sources ?? []).some(s => s.source_state === 'synced');
            host.updatedAt = now;
            sim.markHostDirty(host);
            return;
        }
        case 'domain-resolution': {
            const text = JSON.stringify(decode(type, output));
            if (text === host.domainResolutions)
                return;
            host.domainResolutions = (0,stored_text/* sharedText */.b)(text);
            host.updatedAt = now;
            sim.markHostDirty(host);
            return;
        }
        case 'verify-vips': {
            const list = decode(type, output);
            if (!cluster)
                return;
            let changed = false;
            for (const v of list) {
                const vips = v.vip_type === 'ingress' ? cluster.ingressVips : cluster.apiVips;
                const target = vips.find(x => x.ip === v.vip);
                const verification = v.verification === 'succeeded' || v.verification === 'failed' ? v.verification : 'unverified';
                if (target && target.verification !== verification) {
                    target.verification = verification;
                    changed = true;
                }
            }
            if (changed) {
                cluster.updatedAt = now;
                sim.markClusterDirty(cluster);
            }
            return;
        }
        case 'installation-disk-speed-check': {
            if (!output)
                return;
            const parsed = decode(type, output);
            host.diskSpeed = {
                path: parsed.path ?? '',
                tested: true,
                exitCode,
                speedMs: parsed.io_sync_duration ?? 0
            };
            host.updatedAt = now;
            const threshold = (0,requirements/* roleRequirements */.fl)(sim, host, cluster).installation_disk_speed_threshold_ms;
            if (exitCode === 0 && (parsed.io_sync_duration ?? 0) > threshold) {
                sim.hostEvent(host, 'warning', 'disk_speed_slower_than_supported', `Host ${sim.hostName(host)}: the installation disk ${parsed.path} fdatasync duration ${parsed.io_sync_duration} ms is above the ${threshold} ms threshold`);
            }
            sim.markHostDirty(host);
            return;
        }
        case 'container-image-availability': {
            if (!output)
                return;
            const parsed = decode(type, output);
            host.images ??= new Map();
            for (const image of parsed.images ?? []) {
                if (!image.name)
                    continue;
                const previous = host.images.get(image.name);
                host.images.set(image.name, {
                    ...(previous ?? {}),
                    ...image,
                    name: image.name,
                    result: image.result ?? previous?.result ?? ''
                });
            }
            host.updatedAt = now;
            sim.markHostDirty(host);
            return;
        }
        case 'dhcp-lease-allocate': {
            const parsed = decode(type, output);
            if (!cluster?.vipDhcpAllocation)
                return;
            if (parsed.api_vip_address)
                cluster.apiVips = [{ ip: parsed.api_vip_address, verification: 'succeeded' }];
            if (parsed.ingress_vip_address)
                cluster.ingressVips = [{ ip: parsed.ingress_vip_address, verification: 'succeeded' }];
            cluster.stepArgs.clear();
            cluster.updatedAt = now;
            sim.markClusterDirty(cluster);
            return;
        }
        case 'api-vip-connectivity-check':
            host.apiVipConnectivity = (0,stored_text/* sharedText */.b)(JSON.stringify(decode(type, output)));
            host.updatedAt = now;
            sim.markHostDirty(host);
            return;
        case 'tang-connectivity-check':
            host.tangConnectivity = (0,stored_text/* sharedText */.b)(JSON.stringify(decode(type, output)));
            host.updatedAt = now;
            sim.markHostDirty(host);
            return;
        case 'upgrade-agent': {
            const parsed = decode(type, output);
            sim.hostEvent(host, parsed.result === 'success' ? 'info' : 'warning', parsed.result === 'success' ? 'upgrade_agent_finished' : 'upgrade_agent_failed', `Host ${sim.hostName(host)}: agent upgrade to ${parsed.agent_image ?? ''} ${parsed.result === 'success' ? 'succeeded' : 'failed'}`);
            return;
        }
        default:
            // install (exit 0), logs-gather, stop-installation, ...: nothing to store.
            return;
    }
}
//# sourceMappingURL=step-replies.js.map
// EXTERNAL MODULE: ./lib/sim/host/dns.js
var dns = __webpack_require__(7485);
// EXTERNAL MODULE: ./lib/sim/net/ip.js
var net_ip = __webpack_require__(1022);
// EXTERNAL MODULE: ./lib/sim/config/releases.js
var releases = __webpack_require__(43650);
;// CONCATENATED MODULE: ./lib/sim/steps/images.js


/**
 * The release payload images the real service looks up with `oc adm release info` (MCO, must-gather). The
 * simulator derives stable placeholders from the release image instead of reading a registry.
 */
function mcoImage(cluster) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(`machine-config-operator:${cluster.releaseImage}`).digest('hex');
    return `quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:${digest}`;
}
function mustGatherImage(sim, cluster) {
    const minor = (0,releases/* minorOf */.Hs)(cluster.openshiftVersion);
    const key = `${minor}-${(0,releases/* normalizeArch */.qA)(cluster.cpuArchitecture)}`;
    const configured = sim.opts.mustGatherImages[key] ?? sim.opts.mustGatherImages[minor];
    if (configured)
        return configured;
    const digest = (0,external_node_crypto_.createHash)('sha256').update(`must-gather:${cluster.releaseImage}`).digest('hex');
    return `quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:${digest}`;
}
/** The images the container-image-availability step asks for: release, MCO, must-gather and installer. */
function preparationImages(sim, cluster) {
    return [cluster.releaseImage, mcoImage(cluster), mustGatherImage(sim, cluster), sim.opts.installerImage];
}
//# sourceMappingURL=images.js.map
// EXTERNAL MODULE: ./lib/sim/validations/host-validations.js
var host_validations = __webpack_require__(81965);
;// CONCATENATED MODULE: ./lib/sim/steps/install-request.js




/** Installer arguments: the user's, plus `--append-karg ip=<nic>:dhcp` for NICs in the machine network (user-managed networking). */
function installerArgs(host, cluster) {
    let args = [];
    if (host.installerArgs) {
        try {
            const parsed = JSON.parse(host.installerArgs);
            if (Array.isArray(parsed))
                args = parsed.map(String);
        }
        catch {
            args = [];
        }
    }
    if (cluster.userManagedNetworking && !args.some(a => a.startsWith('ip='))) {
        const net = cluster.machineNetworks[0] ? (0,net_ip/* parseCidr */.GN)(cluster.machineNetworks[0].cidr) : undefined;
        if (net) {
            for (const nic of host.inv?.nics ?? []) {
                const addresses = net.family === 4 ? nic.ipv4 : nic.ipv6;
                if (addresses.some(a => {
                    const ip = (0,net_ip/* parseIp */.r5)((0,net_ip/* addressOf */.ci)(a));
                    return ip !== undefined && (0,net_ip/* cidrContains */.eX)(net, ip);
                })) {
                    args.push('--append-karg', `ip=${nic.name}:${net.family === 4 ? 'dhcp' : 'dhcp6'}`);
                }
            }
        }
    }
    return args;
}
/** The `install_cmd_request` the install step carries (service-behavior §1.7, agent-protocol §3.1). */
function installRequest(sim, host, cluster) {
    const disk = host.inv?.disks.find(d => d.id === host.installationDiskId);
    const role = host.bootstrap
        ? 'bootstrap'
        : host.role === 'auto-assign'
            ? host.suggestedRole || 'worker'
            : host.role;
    const skipped = (0,host_validations/* skippedDisks */.f8)(host);
    const disksToFormat = (host.inv?.disks ?? [])
        .filter(d => d.bootable &&
        !d.removable &&
        !d.installationMedia &&
        !/-fc-|-iscsi-|mmcblk/.test(d.byPath) &&
        !skipped.includes(d.id))
        .map(d => (0,inventory/* bootDeviceOf */.y$)(d));
    const args = installerArgs(host, cluster);
    const proxy = cluster.httpProxy || cluster.httpsProxy
        ? { http_proxy: cluster.httpProxy, https_proxy: cluster.httpsProxy, no_proxy: cluster.noProxy }
        : undefined;
    return {
        cluster_id: cluster.id,
        infra_env_id: host.infraEnvId,
        host_id: host.id,
        role,
        boot_device: disk ? (0,inventory/* bootDeviceOf */.y$)(disk) : host.installationDiskPath,
        controller_image: sim.opts.controllerImage,
        installer_image: sim.opts.installerImage,
        mco_image: mcoImage(cluster),
        must_gather_image: mustGatherImage(sim, cluster),
        openshift_version: cluster.openshiftVersion,
        control_plane_count: cluster.controlPlaneCount,
        check_cvo: sim.opts.checkClusterVersion,
        disks_to_format: disksToFormat,
        ...(args.length ? { installer_args: JSON.stringify(args) } : {}),
        ...(proxy ? { proxy } : {}),
        skip_installation_disk_cleanup: false,
        notify_num_reboots: true
    };
}
//# sourceMappingURL=install-request.js.map
;// CONCATENATED MODULE: ./lib/sim/steps/next-steps.js




/** One JSON-string argument, rendered as a JSON array: `["<escaped>"]`. */
function jsonArg(value) {
    return `[${JSON.stringify(JSON.stringify(value))}]`;
}
function cached(cluster, key, build) {
    const hit = cluster.stepArgs.get(key);
    if (hit !== undefined)
        return hit || undefined;
    const value = build();
    cluster.stepArgs.set(key, value ?? '');
    return value;
}
const next_steps_inventory = (_sim, host) => ({ type: 'inventory', args: `[${JSON.stringify(host.id)}]` });
const ntpArgs = new Map();
const ntp = (sim, host, cluster) => {
    const infraEnv = sim.store.infraEnvs.get(host.infraEnvId);
    const a = cluster?.additionalNtpSource ?? '';
    const b = infraEnv?.additionalNtpSources ?? '';
    const source = a && b ? `${a},${b}` : a || b;
    let args = ntpArgs.get(source);
    if (args === undefined) {
        args = jsonArg({ ntp_source: source });
        if (ntpArgs.size < 1024)
            ntpArgs.set(source, args);
    }
    return { type: 'ntp-synchronizer', args };
};
const domainResolution = (_sim, _host, cluster) => {
    if (!cluster?.name || !cluster.baseDnsDomain)
        return undefined;
    const args = cached(cluster, 'domain-resolution', () => jsonArg({ domains: (0,dns/* domainsToResolve */.Vi)(cluster).map(domain_name => ({ domain_name })) }));
    return args ? { type: 'domain-resolution', args } : undefined;
};
const verifyVips = (_sim, _host, cluster) => {
    if (!cluster || (cluster.apiVips.length === 0 && cluster.ingressVips.length === 0))
        return undefined;
    const args = cached(cluster, 'verify-vips', () => jsonArg([
        ...cluster.apiVips.map(v => ({ vip: v.ip, vip_type: 'api' })),
        ...cluster.ingressVips.map(v => ({ vip: v.ip, vip_type: 'ingress' }))
    ]));
    return args ? { type: 'verify-vips', args } : undefined;
};
/** REST mode only: the host's IPv4 networks of /22 or smaller (precomputed when the inventory arrives). */
const freeAddresses = (_sim, host) => host.freeNetworksArgs ? { type: 'free-network-addresses', args: host.freeNetworksArgs } : undefined;
const CONNECTIVITY_ADMISSIONS_PER_MINUTE = 150;
function connectivityEntries(cluster) {
    if (cluster.connectivityEntries)
        return cluster.connectivityEntries;
    const entries = new Map();
    for (const h of cluster.hosts.values()) {
        if (!h.inv)
            continue;
        const nics = h.inv.nics
            .filter(n => n.ipv4.length || n.ipv6.length)
            // The contract's connectivity-check-nic takes plain addresses (no /prefix), as the real service sends.
            .map(n => ({
            name: n.name,
            mac: n.mac,
            ip_addresses: [...n.ipv4, ...n.ipv6].map(a => a.split('/')[0])
        }));
        // Kept already escaped for embedding in the JSON-string argument, so a poll only concatenates.
        entries.set(h.id, JSON.stringify(JSON.stringify({ host_id: h.id, nics })).slice(1, -1));
    }
    cluster.connectivityEntries = entries;
    return entries;
}
const connectivity = (sim, host, cluster) => {
    if (!cluster || cluster.hosts.size < 2)
        return undefined;
    if (cluster.hosts.size > CONNECTIVITY_ADMISSIONS_PER_MINUTE) {
        const minute = Math.floor(sim.now() / 60_000);
        const admissions = cluster.connectivityAdmissions;
        if (admissions.minute !== minute) {
            admissions.minute = minute;
            admissions.count = 0;
        }
        if (admissions.count >= CONNECTIVITY_ADMISSIONS_PER_MINUTE)
            return undefined;
        admissions.count++;
    }
    let args = '';
    for (const [id, entry] of connectivityEntries(cluster))
        if (id !== host.id)
            args += args ? `,${entry}` : entry;
    if (!args)
        return undefined;
    return { type: 'connectivity-check', args: `["[${args}]"]` };
};
const tang = (_sim, _host, cluster) => {
    const enc = cluster?.diskEncryption;
    if (!enc || enc.mode !== 'tang' || enc.enable_on === 'none' || !enc.tang_servers)
        return undefined;
    return { type: 'tang-connectivity-check', args: jsonArg({ tang_servers: enc.tang_servers }) };
};
function vipMac(cluster, kind) {
    const hex = (cluster.id + kind)
        .replace(/[^0-9a-f]/g, '')
        .slice(-10)
        .padStart(10, '0');
    return `00:${hex.match(/../g).join(':')}`;
}
const dhcp = (_sim, host, cluster) => {
    if (!cluster?.vipDhcpAllocation || cluster.machineNetworks.length === 0)
        return undefined;
    const nic = host.inv?.nics.find(n => n.ipv4.some(a => cluster.machineNetworks.some(m => (0,net_ip/* networkOf */.Af)(a) === m.cidr)));
    if (!nic)
        return undefined;
    return {
        type: 'dhcp-lease-allocate',
        args: jsonArg({
            interface: nic.name,
            api_vip_mac: vipMac(cluster, 'api'),
            ingress_vip_mac: vipMac(cluster, 'ingress')
        })
    };
};
const diskSpeed = (sim, host) => {
    if (!host.installationDiskId)
        return undefined;
    if (host.diskSpeed?.tested && host.diskSpeed.path === host.installationDiskId)
        return undefined;
    return {
        type: 'installation-disk-speed-check',
        args: `[${JSON.stringify(JSON.stringify({ path: host.installationDiskId }))},${JSON.stringify((sim.opts.timings.diskCheckTimeoutMs / 1000).toFixed(2))}]`
    };
};
const imageAvailability = (sim, host, cluster) => {
    if (!cluster)
        return undefined;
    const missing = preparationImages(sim, cluster).filter(i => !host.images?.has(i));
    if (missing.length === 0)
        return undefined;
    return {
        type: 'container-image-availability',
        args: jsonArg({
            images: missing,
            timeout: Math.round(sim.opts.timings.imageAvailabilityTimeoutMs / 1000)
        })
    };
};
const install = (sim, host, cluster) => {
    if (!cluster || !host.installationDiskId)
        return undefined;
    host.installerVersion = sim.opts.installerImage;
    return { type: 'install', args: jsonArg(installRequest(sim, host, cluster)) };
};
const logsGather = (_sim, host, cluster) => {
    if (!cluster || host.logsInfo === 'completed' || host.logsInfo === 'timeout')
        return undefined;
    const masterIps = host.bootstrap
        ? [...cluster.hosts.values()]
            .filter(h => h !== host && (h.role === 'master' || h.suggestedRole === 'master'))
            .map(h => h.inv?.nics.flatMap(n => n.ipv4)[0]?.split('/')[0])
            .filter((ip) => Boolean(ip))
        : undefined;
    return {
        type: 'logs-gather',
        args: jsonArg({
            cluster_id: cluster.id,
            infra_env_id: host.infraEnvId,
            host_id: host.id,
            bootstrap: host.bootstrap,
            installer_gather: host.bootstrap,
            ...(masterIps?.length ? { master_ips: masterIps } : {})
        })
    };
};
const stopInstallation = () => ({ type: 'stop-installation', args: '[]' });
/** Day-2: can the host fetch its ignition from the existing cluster's machine-config server? */
const apiVipConnectivity = (_sim, _host, cluster) => {
    if (!cluster?.apiVipDnsName)
        return undefined;
    return {
        type: 'api-vip-connectivity-check',
        args: jsonArg({ url: `http://${cluster.apiVipDnsName}:22624/config/worker` })
    };
};
const DISCOVERY_KNOWN = [
    connectivity,
    tang,
    freeAddresses,
    dhcp,
    next_steps_inventory,
    ntp,
    domainResolution,
    verifyVips
];
const DISCOVERY_OTHER = [
    next_steps_inventory,
    connectivity,
    tang,
    freeAddresses,
    dhcp,
    ntp,
    domainResolution,
    verifyVips
];
/** Steps by host status (service-behavior §1.9 and the §9 observations). */
const BY_STATUS = {
    discovering: { builders: [next_steps_inventory] },
    known: { builders: DISCOVERY_KNOWN },
    insufficient: { builders: DISCOVERY_OTHER },
    'pending-for-input': { builders: DISCOVERY_OTHER },
    disconnected: { builders: [next_steps_inventory], backedOff: true },
    'preparing-for-installation': { builders: [dhcp, diskSpeed, imageAvailability] },
    installing: { builders: [install, dhcp] },
    'installing-in-progress': { builders: [dhcp] },
    error: { builders: [logsGather, stopInstallation], backedOff: true },
    cancelled: { builders: [logsGather, stopInstallation], backedOff: true },
    resetting: { builders: [], backedOff: true },
    binding: { builders: [], exit: true },
    'discovering-unbound': { builders: [next_steps_inventory, ntp] },
    'insufficient-unbound': { builders: [next_steps_inventory, ntp] },
    'known-unbound': { builders: [next_steps_inventory, ntp] },
    'disconnected-unbound': { builders: [next_steps_inventory], backedOff: true },
    unbinding: { builders: [], exit: true },
    'unbinding-pending-user-action': { builders: [], exit: true }
};
/** Hosts added to an existing (imported) cluster (instruction manager's add-hosts table). */
const DAY2_BY_STATUS = {
    discovering: { builders: [next_steps_inventory, ntp, domainResolution] },
    known: { builders: [connectivity, apiVipConnectivity, tang, next_steps_inventory, ntp, domainResolution] },
    insufficient: { builders: [next_steps_inventory, connectivity, apiVipConnectivity, tang, ntp, domainResolution] },
    'pending-for-input': { builders: [next_steps_inventory, connectivity, apiVipConnectivity, tang] },
    disconnected: { builders: [next_steps_inventory], backedOff: true },
    installing: { builders: [install] },
    'installing-in-progress': { builders: [] },
    error: { builders: [stopInstallation], backedOff: true },
    cancelled: { builders: [stopInstallation], backedOff: true },
    resetting: { builders: [], backedOff: true }
};
const UPGRADE_ALLOWED = new Set([
    'binding',
    'discovering',
    'discovering-unbound',
    'insufficient',
    'insufficient-unbound',
    'known',
    'pending-for-input',
    'known-unbound'
]);
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** `<type>-<8 hex digits>`, as the real service names steps (a byte table: `toString(16)` costs more per poll). */
function stepId(sim, type) {
    const n = Math.floor(sim.random() * 0x100000000);
    return `${type}-${HEX_BYTE[n >>> 24]}${HEX_BYTE[(n >>> 16) & 255]}${HEX_BYTE[(n >>> 8) & 255]}${HEX_BYTE[n & 255]}`;
}
/**
 * The `steps` body of GET instructions, rendered to JSON text. Empty instruction lists are `null`, as the
 * running service returned them (§9).
 */
function nextStepsJson(sim, host) {
    const cluster = sim.store.clusterOf(host);
    const spec = host.kind === 'AddToExistingClusterHost' && cluster ? DAY2_BY_STATUS[host.status] : BY_STATUS[host.status];
    const t = sim.opts.timings;
    let seconds = Math.max(0, Math.round(t.nextInstructionMs / 1000));
    let action = 'continue';
    const steps = [];
    if (spec) {
        if (spec.exit) {
            seconds = 0;
            action = 'exit';
        }
        else if (spec.backedOff)
            seconds = Math.max(0, Math.round(t.backedOffInstructionMs / 1000));
        const disabled = sim.opts.disabledSteps;
        for (const build of spec.builders) {
            const step = build(sim, host, cluster);
            if (step && !disabled.has(step.type))
                steps.push(step);
        }
    }
    if (sim.opts.enableUpgradeAgent &&
        !sim.opts.disabledSteps.has('upgrade-agent') &&
        UPGRADE_ALLOWED.has(host.status) &&
        host.agentVersion !== sim.opts.agentImage) {
        steps.length = 0;
        steps.push({ type: 'upgrade-agent', args: jsonArg({ agent_image: sim.opts.agentImage }) });
        seconds = Math.max(0, Math.round(t.nextInstructionMs / 1000));
        action = 'continue';
    }
    let out = `{"next_instruction_seconds":${seconds},"post_step_action":"${action}","instructions":`;
    if (steps.length === 0)
        return out + 'null}';
    out += '[';
    for (let i = 0; i < steps.length; i++) {
        const s = steps[i];
        if (i)
            out += ',';
        out += `{"step_type":"${s.type}","step_id":"${stepId(sim, s.type)}","args":${s.args}}`;
    }
    return out + ']}';
}
//# sourceMappingURL=next-steps.js.map
;// CONCATENATED MODULE: ./lib/sim/routes/instructions.js




function agentVersion(headers) {
    const value = headers['discovery_agent_version'];
    return typeof value === 'string' && value ? value : undefined;
}
/**
 * The agents' poll loop: GET instructions (check-in and next steps) and POST instructions (step replies), the
 * two hot routes of the service (see http/hot-route.ts for how they are served).
 */
function instructionRoutes(deps) {
    const { sim } = deps;
    const get = new HotRoute('v2GetNextSteps', ({ params, query, headers }) => {
        const host = (0,host_service/* getHost */.Ln)(sim, params.infra_env_id, params.host_id);
        (0,host_service/* checkIn */.is)(sim, host, query.timestamp, agentVersion(headers));
        return { status: 200, body: nextStepsJson(sim, host), contentType: 'application/json; charset=utf-8' };
    }, deps);
    const post = new HotRoute('v2PostStepReply', ({ params, body, headers }) => {
        const host = (0,host_service/* getHost */.Ln)(sim, params.infra_env_id, params.host_id);
        const version = agentVersion(headers);
        if (version && version !== host.agentVersion) {
            host.agentVersion = version === sim.opts.agentImage ? sim.opts.agentImage : version;
            sim.markHostDirty(host);
        }
        applyStepReply(sim, host, body ?? {});
        return { status: 204, body: '' };
    }, deps);
    return { get, post };
}
//# sourceMappingURL=instructions.js.map
;// CONCATENATED MODULE: ./lib/sim/http/faults.js

/** Checks settings (from options or the admin endpoint); returns problems, empty when valid. */
function checkFaults(value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return ['faults: must be an object'];
    const f = value;
    const problems = [];
    const known = new Set(['latencyMs', 'latencyJitterMs', 'errorRate', 'errorStatus', 'dropRate']);
    for (const key of Object.keys(f))
        if (!known.has(key))
            problems.push(`faults.${key}: unknown setting (known: ${[...known].join(', ')})`);
    for (const key of ['latencyMs', 'latencyJitterMs']) {
        if (f[key] !== undefined && (typeof f[key] !== 'number' || !(f[key] >= 0)))
            problems.push(`faults.${key}: must be a number >= 0`);
    }
    if (f.errorStatus !== undefined &&
        (typeof f.errorStatus !== 'number' || f.errorStatus < 400 || f.errorStatus > 599)) {
        problems.push('faults.errorStatus: must be an HTTP status 400..599');
    }
    for (const key of ['errorRate', 'dropRate']) {
        const rates = f[key];
        if (rates === undefined)
            continue;
        if (!rates || typeof rates !== 'object' || Array.isArray(rates)) {
            problems.push(`faults.${key}: must map operationIds (or "*") to probabilities`);
            continue;
        }
        for (const [op, rate] of Object.entries(rates)) {
            if (typeof rate !== 'number' || rate < 0 || rate > 1)
                problems.push(`faults.${key}.${op}: must be a probability 0..1`);
        }
    }
    return problems;
}
class FaultInjector {
    random;
    settings = {};
    counts = { delayed: 0, errors: 0, drops: 0 };
    constructor(settings, random) {
        this.random = random;
        this.set(settings);
    }
    get current() {
        return this.settings;
    }
    get active() {
        const s = this.settings;
        return Boolean(s.latencyMs ||
            s.latencyJitterMs ||
            (s.errorRate && Object.keys(s.errorRate).length) ||
            (s.dropRate && Object.keys(s.dropRate).length));
    }
    set(settings) {
        this.settings = { ...settings };
    }
    rate(map, operationId) {
        if (!map)
            return 0;
        return map[operationId] ?? map['*'] ?? 0;
    }
    /** The onRequest hook: delay, drop or fail the request. */
    /**
     * Applies the current faults to a request of `operationId`: maybe a delay, then a dropped connection, an
     * injected error, or `next()` (go on handling). Shared by the onRequest hook and the hot instruction routes.
     */
    apply(request, reply, operationId, next, answered) {
        const s = this.settings;
        const decide = () => {
            if (this.random() < this.rate(s.dropRate, operationId)) {
                this.counts.drops++;
                reply.hijack();
                request.raw.socket?.destroy();
                return;
            }
            if (this.random() < this.rate(s.errorRate, operationId)) {
                this.counts.errors++;
                const status = s.errorStatus ?? sim_errors/* SIM_ERRORS */.az.INJECTED_FAULT.status;
                reply
                    .code(status)
                    .header(sim_errors/* SIM_ERROR_HEADER */.z_, sim_errors/* SIM_ERRORS */.az.INJECTED_FAULT.code)
                    .send((0,sim_errors/* errorBody */.t4)(status, sim_errors/* SIM_ERRORS */.az.INJECTED_FAULT.message.replace('%s', operationId)));
                answered?.();
                return;
            }
            next();
        };
        const delay = (s.latencyMs ?? 0) + (s.latencyJitterMs ? this.random() * s.latencyJitterMs : 0);
        if (delay > 0) {
            this.counts.delayed++;
            setTimeout(decide, delay);
        }
        else
            decide();
    }
    /** The onRequest hook (callback style, so the common no-fault case costs no promise). */
    hook = (request, reply, done) => {
        if (!this.active)
            return done();
        const config = request.routeOptions.config;
        const operationId = config?.operationId;
        if (!operationId || config.noFaults)
            return done();
        this.apply(request, reply, operationId, () => done());
    };
}
//# sourceMappingURL=faults.js.map
;// CONCATENATED MODULE: ./lib/sim/routes/service.js


const ADMIN = {
    config: { operationId: 'simAdmin', security: ['userAuth'], noFaults: true }
};
/**
 * Service endpoints outside the API: `/health`, `/ready`, `/metrics`, a placeholder image service at
 * `/images/{id}`, and the admin endpoints (fault injection, save state, run the monitors now).
 */
async function serviceRoutes(app, deps) {
    const { sim, monitors, faults, metrics } = deps;
    app.get('/health', (_request, reply) => reply.send({ status: 'ok' }));
    app.get('/ready', (_request, reply) => reply.send({ status: 'ready' }));
    app.get('/metrics', async (_request, reply) => {
        reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
    });
    app.get('/images/:id', (request, reply) => {
        if (!sim.store.infraEnvs.has(request.params.id)) {
            return reply
                .code(404)
                .header(sim_errors/* SIM_ERROR_HEADER */.z_, sim_errors/* SIM_ERRORS */.az.INFRA_ENV_NOT_FOUND.code)
                .send((0,sim_errors/* errorBody */.t4)(404, `infra-env ${request.params.id} not found`));
        }
        return reply
            .header('content-type', 'application/octet-stream')
            .send(Buffer.from(`simulated discovery image for infra-env ${request.params.id}\n`));
    });
    if (!sim.opts.enableAdmin)
        return;
    app.get('/admin/faults', ADMIN, (_request, reply) => reply.send(faults.current));
    app.put('/admin/faults', ADMIN, (request, reply) => {
        const problems = checkFaults(request.body);
        if (problems.length) {
            return reply
                .code(400)
                .header(sim_errors/* SIM_ERROR_HEADER */.z_, sim_errors/* SIM_ERRORS */.az.BAD_REQUEST.code)
                .send((0,sim_errors/* errorBody */.t4)(400, problems.join('; ')));
        }
        faults.set(request.body);
        return reply.send(faults.current);
    });
    app.delete('/admin/faults', ADMIN, (_request, reply) => {
        faults.set({});
        reply.code(204).send();
    });
    app.post('/admin/persist', ADMIN, async (_request, reply) => {
        if (!deps.persist) {
            return reply
                .code(409)
                .header(sim_errors/* SIM_ERROR_HEADER */.z_, sim_errors/* SIM_ERRORS */.az.BAD_REQUEST.code)
                .send((0,sim_errors/* errorBody */.t4)(409, 'the simulator runs without a state file'));
        }
        return reply.send({ path: await deps.persist() });
    });
    app.post('/admin/monitors', ADMIN, async (_request, reply) => {
        const hosts = await monitors.runHostPass();
        const clusters = await monitors.runClusterPass();
        reply.send({ hosts, clusters });
    });
    app.get('/admin/stats', ADMIN, (_request, reply) => {
        reply.send({
            hosts: sim.store.hostCount,
            clusters: sim.store.clusters.size,
            infraEnvs: sim.store.infraEnvs.size,
            events: sim.events.total,
            hostsByStatus: Object.fromEntries([...sim.store.hostStatusCounts].filter(([, n]) => n > 0)),
            clustersByStatus: Object.fromEntries([...sim.store.clusterStatusCounts].filter(([, n]) => n > 0)),
            refreshes: sim.counters,
            faults: faults.counts
        });
    });
}
//# sourceMappingURL=service.js.map
;// CONCATENATED MODULE: ./lib/sim/routes/versions.js


/** Versions and small catalogue routes a client reads before creating clusters. */
async function versionRoutes(app, { sim }) {
    route(app, 'v2ListSupportedOpenshiftVersions', (request, reply) => {
        const q = query(request);
        const out = {};
        for (const image of sim.opts.releaseImages) {
            if (q.version && !image.version.startsWith(q.version) && image.openshift_version !== q.version)
                continue;
            const entry = (out[image.version] ??= {
                display_name: image.version,
                support_level: image.support_level ?? 'production',
                cpu_architectures: []
            });
            for (const arch of image.cpu_architectures?.length
                ? image.cpu_architectures
                : [image.cpu_architecture]) {
                if (!entry.cpu_architectures.includes(arch))
                    entry.cpu_architectures.push(arch);
            }
            if (image.default)
                entry.default = true;
        }
        if (q.only_latest) {
            const latest = new Map();
            for (const version of Object.keys(out)) {
                const minor = (0,releases/* minorOf */.Hs)(version);
                const seen = latest.get(minor);
                if (!seen || seen.localeCompare(version, undefined, { numeric: true }) < 0)
                    latest.set(minor, version);
            }
            for (const version of Object.keys(out))
                if (latest.get((0,releases/* minorOf */.Hs)(version)) !== version)
                    delete out[version];
        }
        reply.send(out);
    });
    route(app, 'v2ListComponentVersions', (_request, reply) => {
        reply.send({
            versions: {
                'assisted-installer-service': 'assisted-swarm-simulator',
                'discovery-agent': sim.opts.agentImage,
                'assisted-installer': sim.opts.installerImage,
                'assisted-installer-controller': sim.opts.controllerImage
            },
            release_tag: 'simulator'
        });
    });
    route(app, 'V2ListSupportedOperators', (_request, reply) => reply.send([]));
    route(app, 'V2ListManagedDomains', (_request, reply) => reply.send([]));
    route(app, 'v2ListReleaseSources', (_request, reply) => reply.send([]));
}
//# sourceMappingURL=versions.js.map
;// CONCATENATED MODULE: ./lib/sim/http/error-handler.js



function send(reply, spec, status, message) {
    reply.code(status).header(sim_errors/* SIM_ERROR_HEADER */.z_, spec.code).send((0,sim_errors/* errorBody */.t4)(status, message));
}
function fill(template, ...args) {
    let i = 0;
    return template.replace(/%s/g, () => String(args[i++] ?? ''));
}
/**
 * Turns every failure into the real service's error shape: catalogue errors keep their status; schema
 * violations, bad JSON and wrong media types are 4xx; anything else is a 500 that is logged (a simulator bug).
 */
function installErrorHandling(app, logger, bodyLimit, metrics) {
    const handleError = (error, request, reply) => {
        if (error instanceof sim_errors/* SimError */.Wj)
            return send(reply, error.spec, error.status, error.message);
        const e = error;
        if (e.validation)
            return send(reply, sim_errors/* SIM_ERRORS */.az.BAD_REQUEST, 400, fill(sim_errors/* SIM_ERRORS */.az.BAD_REQUEST.message, e.message));
        switch (e.code) {
            case 'FST_ERR_CTP_BODY_TOO_LARGE':
                return send(reply, sim_errors/* SIM_ERRORS */.az.BODY_TOO_LARGE, 413, fill(sim_errors/* SIM_ERRORS */.az.BODY_TOO_LARGE.message, bodyLimit));
            case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
                return send(reply, sim_errors/* SIM_ERRORS */.az.UNSUPPORTED_MEDIA_TYPE, 415, fill(sim_errors/* SIM_ERRORS */.az.UNSUPPORTED_MEDIA_TYPE.message, String(request.headers['content-type'] ?? '(none)')));
            case 'FST_ERR_CTP_EMPTY_JSON_BODY':
            case 'FST_ERR_CTP_INVALID_JSON_BODY':
                return send(reply, sim_errors/* SIM_ERRORS */.az.INVALID_JSON, 400, fill(sim_errors/* SIM_ERRORS */.az.INVALID_JSON.message, e.message));
            default:
                break;
        }
        if (e instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message))) {
            return send(reply, sim_errors/* SIM_ERRORS */.az.INVALID_JSON, 400, fill(sim_errors/* SIM_ERRORS */.az.INVALID_JSON.message, e.message));
        }
        if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
            return send(reply, sim_errors/* SIM_ERRORS */.az.BAD_REQUEST, e.statusCode, fill(sim_errors/* SIM_ERRORS */.az.BAD_REQUEST.message, e.message));
        }
        logger.error(`simulator: ${request.method} ${request.url} failed: ${e.stack ?? e.message}`);
        return send(reply, sim_errors/* SIM_ERRORS */.az.INTERNAL, 500, fill(sim_errors/* SIM_ERRORS */.az.INTERNAL.message, e.message));
    };
    app.setErrorHandler((error, request, reply) => {
        handleError(error, request, reply);
        // Hot routes have no onResponse hook; neither has the 404 handler below.
        if (isHotRoute(request))
            metrics.record(request, reply);
    });
    const patterns = [...(0,swagger/* swaggerOperations */.bv)().values()].map(op => ({
        method: op.method.toUpperCase(),
        regex: new RegExp(`^${swagger/* API_BASE */.tE}${op.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`)
    }));
    app.setNotFoundHandler((request, reply) => {
        notFound(request, reply);
        metrics.record(request, reply);
    });
    const notFound = (request, reply) => {
        const path = request.url.split('?')[0];
        const known = patterns.filter(p => p.regex.test(path));
        if (known.length && !known.some(p => p.method === request.method)) {
            return send(reply, sim_errors/* SIM_ERRORS */.az.METHOD_NOT_ALLOWED, 405, fill(sim_errors/* SIM_ERRORS */.az.METHOD_NOT_ALLOWED.message, request.method, path));
        }
        if (known.length)
            return send(reply, sim_errors/* SIM_ERRORS */.az.NOT_IMPLEMENTED, 501, fill(sim_errors/* SIM_ERRORS */.az.NOT_IMPLEMENTED.message, request.method, path));
        return send(reply, sim_errors/* SIM_ERRORS */.az.ROUTE_NOT_FOUND, 404, fill(sim_errors/* SIM_ERRORS */.az.ROUTE_NOT_FOUND.message, request.method, path));
    };
}
//# sourceMappingURL=error-handler.js.map
;// CONCATENATED MODULE: ./lib/sim/http/app.js













/**
 * The simulator as a fastify app. Hook order per request (every route but the two hot ones):
 *   onRequest: fault injection (latency, drop, injected error) → auth (401)
 *   preValidation: params/querystring/body against the swagger operation (400)
 *   handler → onResponse: request metrics
 * GET/POST instructions run the same steps inline and are served straight from node:http when the request is
 * well formed (http/hot-route.ts). Each API area is a plugin in
 * src/sim/routes/; the hooks live in an encapsulated context around the non-hot plugins.
 */
function buildApp(deps) {
    const { sim } = deps;
    const hot = instructionRoutes(deps);
    const front = {};
    let closing = false;
    const app = fastify({
        logger: false,
        bodyLimit: sim.opts.bodyLimitBytes,
        return503OnClosing: true,
        forceCloseConnections: true,
        // The same HTTP server fastify would make, with the hot routes' fast path in front (http/hot-route.ts).
        serverFactory: (handler, options) => {
            const o = options;
            const server = (0,external_node_http_.createServer)((req, res) => {
                if (!front.fastPath?.(req, res))
                    handler(req, res);
            });
            server.keepAliveTimeout = o.keepAliveTimeout ?? 72_000;
            server.requestTimeout = o.requestTimeout ?? 0;
            server.setTimeout(o.connectionTimeout ?? 0);
            return server;
        }
    });
    app.addHook('preClose', done => {
        closing = true;
        done();
    });
    app.setValidatorCompiler(({ schema, httpPart }) => compileValidator(schema, httpPart ?? 'body'));
    // The contract consumes JSON only (and multipart for log uploads); text bodies get 415 like go-swagger.
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, payload, done) => done(null, payload));
    installErrorHandling(app, sim.opts.logger, sim.opts.bodyLimitBytes, deps.metrics);
    const parseJson = app.getDefaultJsonParser('error', 'error');
    front.fastPath = hotFastPath(hot.get, hot.post, deps, parseJson, () => closing);
    void app.register(async (instructions) => {
        hot.get.register(instructions);
        hot.post.register(instructions);
    });
    void app.register(async (scoped) => {
        scoped.addHook('onRequest', deps.faults.hook);
        if (sim.opts.agentKey || sim.opts.userToken) {
            scoped.addHook('onRequest', authHook({ agentKey: sim.opts.agentKey, userToken: sim.opts.userToken }));
        }
        scoped.addHook('onResponse', deps.metrics.onResponse);
        for (const plugin of [
            agentRoutes,
            clusterRoutes,
            infraEnvRoutes,
            eventRoutes,
            versionRoutes,
            serviceRoutes
        ]) {
            await scoped.register(plugin, deps);
        }
    });
    return app;
}
//# sourceMappingURL=app.js.map
// EXTERNAL MODULE: ./node_modules/prom-client/index.js
var prom_client = __webpack_require__(95222);
;// CONCATENATED MODULE: ./lib/sim/http/metrics.js

/**
 * The simulator's Prometheus metrics (one registry per simulator, so several can run in one process):
 * requests by route and status with durations, hosts and clusters by status, monitor pass durations.
 */
class SimMetrics {
    registry = new prom_client.Registry();
    requests;
    duration;
    monitorDuration;
    monitorItems;
    requestChildren = new Map();
    durationChildren = new Map();
    constructor(sim, faults) {
        const registers = [this.registry];
        this.requests = new prom_client.Counter({
            name: 'assisted_sim_requests_total',
            help: 'API requests by route template, method and status',
            labelNames: ['route', 'method', 'status'],
            registers
        });
        this.duration = new prom_client.Histogram({
            name: 'assisted_sim_request_duration_seconds',
            help: 'Time from request start to response, by route template',
            labelNames: ['route'],
            buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
            registers
        });
        new prom_client.Gauge({
            name: 'assisted_sim_hosts',
            help: 'Registered hosts by status',
            labelNames: ['status'],
            registers,
            collect() {
                this.reset();
                for (const [status, n] of sim.store.hostStatusCounts)
                    if (n)
                        this.set({ status }, n);
            }
        });
        new prom_client.Gauge({
            name: 'assisted_sim_clusters',
            help: 'Clusters by status',
            labelNames: ['status'],
            registers,
            collect() {
                this.reset();
                for (const [status, n] of sim.store.clusterStatusCounts)
                    if (n)
                        this.set({ status }, n);
            }
        });
        this.monitorDuration = new prom_client.Histogram({
            name: 'assisted_sim_monitor_duration_seconds',
            help: 'Duration of host and cluster monitor passes',
            labelNames: ['monitor'],
            buckets: [0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
            registers
        });
        this.monitorItems = new prom_client.Counter({
            name: 'assisted_sim_monitor_refreshes_total',
            help: 'Hosts and clusters refreshed by the monitors',
            labelNames: ['monitor'],
            registers
        });
        new prom_client.Gauge({
            name: 'assisted_sim_injected_faults',
            help: 'Requests affected by fault injection since start, by kind',
            labelNames: ['kind'],
            registers,
            collect() {
                this.set({ kind: 'delayed' }, faults.counts.delayed);
                this.set({ kind: 'error' }, faults.counts.errors);
                this.set({ kind: 'dropped' }, faults.counts.drops);
            }
        });
        new prom_client.Gauge({
            name: 'assisted_sim_events',
            help: 'Events kept in memory',
            registers,
            collect() {
                this.set(sim.events.total);
            }
        });
    }
    /** A recorder bound to one route and method (the hot routes), so counting needs no key string per request. */
    recorder(route, method) {
        const byStatus = new Map();
        const timer = this.duration.labels(route);
        return (status, seconds) => {
            let child = byStatus.get(status);
            if (!child) {
                child = this.requests.labels(route, method, String(status));
                byStatus.set(status, child);
            }
            child.inc();
            timer.observe(seconds);
        };
    }
    /** Counts one answered request (route template, method, status) and its duration. */
    record(request, reply) {
        const route = request.routeOptions.url ?? 'unmatched';
        const key = `${route}|${request.method}|${reply.statusCode}`;
        let child = this.requestChildren.get(key);
        if (!child) {
            child = this.requests.labels(route, request.method, String(reply.statusCode));
            this.requestChildren.set(key, child);
        }
        child.inc();
        let timer = this.durationChildren.get(route);
        if (!timer) {
            timer = this.duration.labels(route);
            this.durationChildren.set(route, timer);
        }
        timer.observe(reply.elapsedTime / 1000);
    }
    onResponse = (request, reply, done) => {
        this.record(request, reply);
        done();
    };
    onMonitorPass = (kind, seconds, items) => {
        this.monitorDuration.labels(kind).observe(seconds);
        if (items)
            this.monitorItems.labels(kind).inc(items);
    };
}
//# sourceMappingURL=metrics.js.map
// EXTERNAL MODULE: ./lib/sim/machine/cluster-refresh.js
var cluster_refresh = __webpack_require__(93581);
;// CONCATENATED MODULE: ./lib/sim/monitor/monitors.js


/** How long one slice of a pass may run before yielding to request handling. */
const SLICE_MS = 8;
/**
 * The host and cluster monitors. Each pass refreshes only what changed (hosts and clusters marked dirty by
 * requests or by other refreshes) and what is due (deadline queues: disconnection, stage and preparation
 * timeouts), plus a full scan every `fullScanIntervalMs` like the real monitors' 5-minute full pass. Work is
 * done in slices so a burst of 100k registrations does not stall the API.
 */
class Monitors {
    sim;
    observe;
    hostTimer;
    clusterTimer;
    running = false;
    lastFullScan = 0;
    hostPass;
    clusterPass;
    lastHostPassAt = 0;
    lastClusterPassAt = 0;
    constructor(sim, observe = () => { }) {
        this.sim = sim;
        this.observe = observe;
    }
    start() {
        if (this.running)
            return;
        this.running = true;
        this.lastFullScan = this.sim.now();
        this.scheduleHost();
        this.scheduleCluster();
    }
    async stop() {
        this.running = false;
        clearTimeout(this.hostTimer);
        clearTimeout(this.clusterTimer);
        await Promise.all([this.hostPass, this.clusterPass]);
    }
    scheduleHost() {
        if (!this.running)
            return;
        this.hostTimer = setTimeout(() => {
            this.hostPass = this.runHostPass().finally(() => this.scheduleHost());
        }, this.sim.opts.timings.hostMonitorIntervalMs);
        this.hostTimer.unref?.();
    }
    scheduleCluster() {
        if (!this.running)
            return;
        this.clusterTimer = setTimeout(() => {
            this.clusterPass = this.runClusterPass().finally(() => this.scheduleCluster());
        }, this.sim.opts.timings.clusterMonitorIntervalMs);
        this.clusterTimer.unref?.();
    }
    maybeFullScan(now) {
        const interval = this.sim.opts.timings.fullScanIntervalMs;
        if (!interval || now - this.lastFullScan < interval)
            return;
        this.lastFullScan = now;
        for (const host of this.sim.store.allHosts())
            this.sim.markHostDirty(host);
        for (const cluster of this.sim.store.clusters.values())
            this.sim.markClusterDirty(cluster);
    }
    /** One host-monitor pass; public so tests and benchmarks can drive the monitors by hand. */
    async runHostPass() {
        const sim = this.sim;
        const started = performance.now();
        const now = sim.now();
        this.maybeFullScan(now);
        const batch = [];
        for (const host of sim.dirtyHosts) {
            host.dirty = false;
            batch.push(host);
        }
        sim.dirtyHosts.clear();
        sim.hostDeadlines.popDue(now, batch);
        let processed = 0;
        let sliceStart = performance.now();
        const seen = new Set();
        for (const host of batch) {
            if (seen.has(host))
                continue;
            seen.add(host);
            if (!sim.store.host(host.infraEnvId, host.id))
                continue;
            (0,host_refresh/* refreshHost */.aJ)(sim, host);
            processed++;
            if (performance.now() - sliceStart > SLICE_MS) {
                await new Promise(resolve => setImmediate(resolve));
                sliceStart = performance.now();
            }
        }
        this.lastHostPassAt = sim.now();
        this.observe('host', (performance.now() - started) / 1000, processed);
        return processed;
    }
    async runClusterPass() {
        const sim = this.sim;
        const started = performance.now();
        const now = sim.now();
        this.maybeFullScan(now);
        const batch = [];
        for (const cluster of sim.dirtyClusters) {
            cluster.dirty = false;
            batch.push(cluster);
        }
        sim.dirtyClusters.clear();
        sim.clusterDeadlines.popDue(now, batch);
        let processed = 0;
        let sliceStart = performance.now();
        const seen = new Set();
        for (const cluster of batch) {
            if (seen.has(cluster) || !sim.store.clusters.has(cluster.id))
                continue;
            seen.add(cluster);
            (0,cluster_refresh/* refreshCluster */.eb)(sim, cluster);
            processed++;
            if (performance.now() - sliceStart > SLICE_MS) {
                await new Promise(resolve => setImmediate(resolve));
                sliceStart = performance.now();
            }
        }
        this.lastClusterPassAt = sim.now();
        this.observe('cluster', (performance.now() - started) / 1000, processed);
        return processed;
    }
}
//# sourceMappingURL=monitors.js.map
;// CONCATENATED MODULE: ./lib/util/logging.js
function createConsoleLogger(options = {}) {
    const stream = options.stream ?? process.stderr;
    let indent = '';
    const write = (level, message) => {
        if (options.json) {
            stream.write(JSON.stringify({ level, time: new Date().toISOString(), msg: message }) + '\n');
            return;
        }
        const prefix = level === 'info' || level === 'debug' ? '' : `${level}: `;
        for (const line of message.split('\n'))
            stream.write(`${indent}${prefix}${line}\n`);
    };
    return {
        debug: m => {
            if (options.debug)
                write('debug', m);
        },
        info: m => {
            if (!options.quiet)
                write('info', m);
        },
        warning: m => write('warning', m),
        error: m => write('error', m),
        isDebug: () => Boolean(options.debug),
        async withGroup(title, fn) {
            if (!options.quiet)
                write('info', `▸ ${title}`);
            const saved = indent;
            indent += '  ';
            try {
                return await fn();
            }
            finally {
                indent = saved;
            }
        }
    };
}
/** A logger that keeps every line, for tests. */
class RecordingLogger {
    lines = [];
    debug(message) {
        this.lines.push({ level: 'debug', message });
    }
    info(message) {
        this.lines.push({ level: 'info', message });
    }
    warning(message) {
        this.lines.push({ level: 'warning', message });
    }
    error(message) {
        this.lines.push({ level: 'error', message });
    }
    isDebug() {
        return true;
    }
    async withGroup(title, fn) {
        this.lines.push({ level: 'group', message: title });
        return fn();
    }
    /** Everything logged, one message per line. */
    text() {
        return this.lines.map(l => l.message).join('\n');
    }
}
/** A logger that drops everything. */
const silentLogger = {
    debug: () => { },
    info: () => { },
    warning: () => { },
    error: () => { },
    isDebug: () => false,
    withGroup: (_title, fn) => fn()
};
//# sourceMappingURL=logging.js.map
;// CONCATENATED MODULE: ./lib/sim/config/hw-requirements.js


const ROLES = ['master', 'arbiter', 'worker', 'sno', 'edge-worker'];
/** The shipped defaults (data/default_hw_requirements.json as summarised in service-behavior §2.3). */
const DEFAULT_HW_REQUIREMENTS = [
    {
        version: 'default',
        master: {
            cpu_cores: 4,
            ram_mib: 16384,
            disk_size_gb: 100,
            installation_disk_speed_threshold_ms: 10,
            network_latency_threshold_ms: 100,
            packet_loss_percentage: 0
        },
        arbiter: {
            cpu_cores: 2,
            ram_mib: 8192,
            disk_size_gb: 50,
            installation_disk_speed_threshold_ms: 10,
            network_latency_threshold_ms: 1000,
            packet_loss_percentage: 0
        },
        worker: {
            cpu_cores: 2,
            ram_mib: 8192,
            disk_size_gb: 100,
            installation_disk_speed_threshold_ms: 10,
            network_latency_threshold_ms: 1000,
            packet_loss_percentage: 10
        },
        sno: { cpu_cores: 8, ram_mib: 16384, disk_size_gb: 100, installation_disk_speed_threshold_ms: 10 },
        'edge-worker': { cpu_cores: 2, ram_mib: 8192, disk_size_gb: 15, installation_disk_speed_threshold_ms: 10 }
    },
    { version: '4.22', match_type: 'min_version', sno: { cpu_cores: 4 } }
];
/** Resolves requirements per cluster version, caching by version. */
class HwRequirements {
    entries;
    cache = new Map();
    constructor(entries) {
        this.entries = entries;
    }
    /** Parses the HW_VALIDATOR_REQUIREMENTS JSON text (or an already parsed list) and checks it like the service does at startup. */
    static parse(value) {
        let entries = value ?? DEFAULT_HW_REQUIREMENTS;
        if (typeof value === 'string') {
            try {
                entries = JSON.parse(value);
            }
            catch (error) {
                throw new errors/* ConfigurationError */.j1(`hw-requirements: not valid JSON (${error.message})`);
            }
        }
        if (!Array.isArray(entries))
            throw new errors/* ConfigurationError */.j1('hw-requirements: must be a JSON list of {version, master, worker, sno, ...}');
        const problems = [];
        entries.forEach((e, i) => {
            if (!e || typeof e !== 'object' || typeof e.version !== 'string') {
                problems.push(`hw-requirements[${i}].version: is required`);
            }
        });
        const list = entries;
        if (!list.some(e => e.version === 'default')) {
            problems.push('hw-requirements: needs an entry with version "default" (without it the real service never validates a host)');
        }
        if (problems.length)
            throw new errors/* ConfigurationError */.j1(problems, 'invalid HW requirements:');
        const requirements = new HwRequirements(list);
        for (const entry of list) {
            const resolved = requirements.forVersion(entry.version === 'default' ? '0.0' : entry.version);
            for (const role of ROLES) {
                const r = resolved[role];
                if (!(r.cpu_cores > 0 && r.ram_mib > 0 && r.disk_size_gb > 0)) {
                    problems.push(`hw-requirements (version ${entry.version}).${role}: cpu_cores, ram_mib and disk_size_gb must all be > 0`);
                }
            }
        }
        if (problems.length)
            throw new errors/* ConfigurationError */.j1(problems, 'invalid HW requirements:');
        return requirements;
    }
    /** Exact entry, else the highest min_version entry ≤ version, else default; merged field by field over default. */
    forVersion(version) {
        const cached = this.cache.get(version);
        if (cached)
            return cached;
        const base = this.entries.find(e => e.version === 'default');
        const minor = (0,releases/* minorOf */.Hs)(version);
        const exact = this.entries.find(e => e.version !== 'default' &&
            e.match_type !== 'min_version' &&
            (e.version === version || e.version === minor));
        const minMatch = exact
            ? undefined
            : this.entries
                .filter(e => e.match_type === 'min_version' && (0,releases/* compareVersions */.Zy)(e.version, version) <= 0)
                .sort((a, b) => (0,releases/* compareVersions */.Zy)(b.version, a.version))[0];
        const overlay = exact ?? minMatch;
        const merged = {};
        for (const role of ROLES) {
            const fromBase = base?.[role];
            const fromOverlay = overlay?.[role];
            merged[role] = { ...(fromBase ?? {}), ...(fromOverlay ?? {}) };
        }
        // Missing arbiter or edge-worker values fall back to the worker's.
        for (const role of ['arbiter', 'edge-worker']) {
            if (!base?.[role] && !overlay?.[role])
                merged[role] = { ...merged.worker };
        }
        this.cache.set(version, merged);
        return merged;
    }
}
//# sourceMappingURL=hw-requirements.js.map
;// CONCATENATED MODULE: ./lib/sim/config/timings.js
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const HOST_STAGE_TIMEOUTS_MS = {
    'Starting installation': 30 * MINUTE,
    Installing: 60 * MINUTE,
    'Writing image to disk': 30 * MINUTE,
    'Copying registry data to disk': 90 * MINUTE,
    'Waiting for control plane': 60 * MINUTE,
    'Waiting for bootkube': 60 * MINUTE,
    'Waiting for controller': 60 * MINUTE,
    Rebooting: 40 * MINUTE,
    'Waiting for ignition': 24 * HOUR,
    Configuring: 60 * MINUTE,
    Joined: 60 * MINUTE
};
const FINALIZING_STAGE_TIMEOUTS_MS = {
    'Waiting for cluster operators': 10 * HOUR,
    'Adding router ca': 70 * MINUTE,
    'Applying olm manifests': 10 * MINUTE,
    'Waiting for olm operators csv initialization': 70 * MINUTE,
    'Waiting for olm operators csv': 70 * MINUTE,
    'Waiting for OLM operator setup jobs': 10 * MINUTE,
    Done: 70 * MINUTE
};
const REAL_TIMINGS = {
    hostMonitorIntervalMs: 8000,
    clusterMonitorIntervalMs: 10_000,
    fullScanIntervalMs: 5 * MINUTE,
    nextInstructionMs: 60_000,
    backedOffInstructionMs: 120_000,
    hostMaxDisconnectionMs: 3 * MINUTE,
    bootstrapExtraDisconnectionMs: 2 * MINUTE,
    prepareHostTimeoutMs: 17 * MINUTE,
    prepareClusterTimeoutMs: 18 * MINUTE,
    installationPreparationMs: 2000,
    installingNoProgressTimeoutMs: 20 * MINUTE,
    stageTimeoutsMs: HOST_STAGE_TIMEOUTS_MS,
    defaultStageTimeoutMs: 60 * MINUTE,
    snoRebootingTimeoutMs: 80 * MINUTE,
    pendingUserActionTimeoutMs: 60 * MINUTE,
    installationTimeoutMs: 24 * HOUR,
    finalizingTimeoutMs: 5 * HOUR,
    finalizingStageTimeoutsMs: FINALIZING_STAGE_TIMEOUTS_MS,
    logPendingTimeoutMs: 2 * MINUTE,
    logCollectionTimeoutMs: 10 * MINUTE,
    resetTimeoutMs: 3 * MINUTE,
    diskCheckTimeoutMs: 8 * MINUTE,
    imageAvailabilityTimeoutMs: 16 * MINUTE
};
/** Test timings: monitors every second, agents asked to poll every second, timeouts as in the real service. */
const FAST_TIMINGS = {
    ...REAL_TIMINGS,
    hostMonitorIntervalMs: 1000,
    clusterMonitorIntervalMs: 1000,
    nextInstructionMs: 1000,
    backedOffInstructionMs: 2000,
    installationPreparationMs: 200
};
function timingsFor(profile, overrides = {}) {
    const base = profile === 'real' ? REAL_TIMINGS : FAST_TIMINGS;
    return {
        ...base,
        ...overrides,
        stageTimeoutsMs: { ...base.stageTimeoutsMs, ...(overrides.stageTimeoutsMs ?? {}) },
        finalizingStageTimeoutsMs: {
            ...base.finalizingStageTimeoutsMs,
            ...(overrides.finalizingStageTimeoutsMs ?? {})
        }
    };
}
//# sourceMappingURL=timings.js.map
;// CONCATENATED MODULE: ./lib/sim/options.js





const DEFAULT_AGENT_IMAGE = 'quay.io/edge-infrastructure/assisted-installer-agent:latest';
const DEFAULT_INSTALLER_IMAGE = 'quay.io/edge-infrastructure/assisted-installer:latest';
const DEFAULT_CONTROLLER_IMAGE = 'quay.io/edge-infrastructure/assisted-installer-controller:latest';
const IMAGE_REFERENCE = /^(([a-zA-Z0-9\-.]+)(:[0-9]+)?\/)?[a-z0-9._\-/@]+[?::a-zA-Z0-9_\-.]+$/;
function resolveOptions(options = {}) {
    const problems = [];
    const profile = options.profile ?? 'fast';
    if (profile !== 'fast' && profile !== 'real')
        problems.push(`profile: must be fast or real, got ${JSON.stringify(profile)}`);
    const port = options.port ?? 8090;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
        problems.push(`port: must be 0..65535, got ${port}`);
    const timings = timingsFor(profile === 'real' ? 'real' : 'fast', options.timings);
    for (const [key, value] of Object.entries(timings)) {
        if (typeof value === 'number' && (!Number.isFinite(value) || value < 0))
            problems.push(`timings.${key}: must be >= 0 ms, got ${value}`);
    }
    if (timings.hostMonitorIntervalMs <= 0)
        problems.push('timings.hostMonitorIntervalMs: must be > 0');
    if (timings.clusterMonitorIntervalMs <= 0)
        problems.push('timings.clusterMonitorIntervalMs: must be > 0');
    const agentImage = options.agentImage ?? DEFAULT_AGENT_IMAGE;
    for (const [field, image] of [
        ['agent-image', agentImage],
        ['installer-image', options.installerImage ?? DEFAULT_INSTALLER_IMAGE],
        ['controller-image', options.controllerImage ?? DEFAULT_CONTROLLER_IMAGE]
    ]) {
        if (!IMAGE_REFERENCE.test(image))
            problems.push(`${field}: not an image reference: ${JSON.stringify(image)}`);
    }
    for (const [field, url] of [
        ['service-base-url', options.serviceBaseUrl],
        ['image-service-base-url', options.imageServiceBaseUrl]
    ]) {
        if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url))
            problems.push(`${field}: must be an http(s) URL, got ${JSON.stringify(url)}`);
    }
    if (problems.length)
        throw new errors/* ConfigurationError */.j1(problems, 'invalid simulator options:');
    const images = (0,releases/* checkImages */.B6)(options.releaseImages ?? releases/* DEFAULT_RELEASE_IMAGES */.xd, options.osImages ?? releases/* DEFAULT_OS_IMAGES */.M3);
    return {
        host: options.host ?? '127.0.0.1',
        port,
        profile,
        timings,
        serviceBaseUrl: options.serviceBaseUrl?.replace(/\/+$/, ''),
        imageServiceBaseUrl: options.imageServiceBaseUrl?.replace(/\/+$/, ''),
        agentImage,
        enableUpgradeAgent: options.enableUpgradeAgent ?? true,
        installerImage: options.installerImage ?? DEFAULT_INSTALLER_IMAGE,
        controllerImage: options.controllerImage ?? DEFAULT_CONTROLLER_IMAGE,
        releaseImages: images.releases,
        osImages: images.osImages,
        mustGatherImages: options.mustGatherImages ?? {},
        hw: HwRequirements.parse(options.hwRequirements),
        enableSingleNodeDnsmasq: options.enableSingleNodeDnsmasq ?? true,
        checkClusterVersion: options.checkClusterVersion ?? false,
        enableAutoAssign: options.enableAutoAssign ?? true,
        enableVirtualInterfaces: options.enableVirtualInterfaces ?? false,
        disabledHostValidations: new Set(options.disabledHostValidations ?? []),
        disabledClusterValidations: new Set(options.disabledClusterValidations ?? []),
        disabledSteps: new Set(options.disabledSteps ?? []),
        skipCertVerification: options.skipCertVerification ?? false,
        serviceCaCertPem: options.serviceCaCertPem,
        agentKey: options.auth?.agentKey || undefined,
        userToken: options.auth?.userToken || undefined,
        faults: options.faults ?? {},
        stateFile: options.stateFile,
        persistIntervalMs: options.persistIntervalMs ?? 30_000,
        bodyLimitBytes: options.bodyLimitBytes ?? 32 * 1024 * 1024,
        eventsPerScope: options.eventsPerScope ?? 5000,
        enableAdmin: options.enableAdmin ?? true,
        seed: options.seed ?? 1,
        now: options.now ?? Date.now,
        logger: options.logger ?? silentLogger
    };
}
//# sourceMappingURL=options.js.map
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(80481);
;// CONCATENATED MODULE: ./lib/sim/persistence.js










/**
 * The state file: JSON lines (a header, then one record per line), written to a temporary file and renamed, so
 * a crash mid-save keeps the previous state and 100k hosts never become one giant string. Derived data (parsed
 * inventories, connectivity summaries, majority groups, hostname counts) is rebuilt on load.
 */
const FORMAT = 'assisted-swarm-sim-state';
const VERSION = 1;
const CLUSTER_SKIP = new Set([
    'hosts',
    'hostnameCounts',
    'stepArgs',
    'connectivityEntries',
    'majorityGroups',
    'ipCollisions',
    'dirty',
    'queuedDeadline',
    'connectivityAdmissions',
    'id',
    'createdAt'
]);
const INFRA_ENV_SKIP = new Set(['hosts', 'id', 'createdAt']);
const SHARED_HOST_FIELDS = new Set([
    'statusInfo',
    'validations',
    'ntpSources',
    'domainResolutions',
    'freeAddresses'
]);
/** Copies persisted host fields back through the record's setters. */
function assignHost(host, data) {
    const values = data;
    const target = host;
    for (const field of types/* HOST_FIELDS */.Rc) {
        if (!(field in values))
            continue;
        const value = values[field];
        // Texts many hosts share (DNS answers, NTP sources, status infos) are kept once, as when first stored.
        target[field] = typeof value === 'string' && SHARED_HOST_FIELDS.has(field) ? (0,stored_text/* sharedText */.b)(value) : value;
    }
    return host;
}
function plain(record, skip) {
    const out = {};
    for (const [k, v] of Object.entries(record))
        if (!skip.has(k))
            out[k] = v;
    return out;
}
async function writeLines(path, lines) {
    // The state holds credentials (pull secrets, the agent key): readable by its owner only.
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    const out = (0,external_node_fs_.createWriteStream)(tmp, { mode: 0o600 });
    const failed = new Promise((_resolve, reject) => out.on('error', reject));
    failed.catch(() => undefined);
    for (const line of lines) {
        if (!out.write(line + '\n'))
            await Promise.race([new Promise(resolve => out.once('drain', () => resolve())), failed]);
    }
    await Promise.race([new Promise(resolve => out.end(() => resolve())), failed]);
    await (0,promises_.rename)(tmp, path);
}
function* snapshotLines(sim) {
    yield JSON.stringify({ format: FORMAT, version: VERSION, savedAt: new Date(sim.now()).toISOString() });
    for (const c of sim.store.clusters.values())
        yield JSON.stringify({ t: 'cluster', id: c.id, createdAt: c.createdAt, data: plain(c, CLUSTER_SKIP) });
    for (const ie of sim.store.infraEnvs.values()) {
        yield JSON.stringify({
            t: 'infraEnv',
            id: ie.id,
            createdAt: ie.createdAt,
            data: plain(ie, INFRA_ENV_SKIP)
        });
        for (const h of ie.hosts.values()) {
            yield JSON.stringify({
                t: 'host',
                id: h.id,
                infraEnvId: h.infraEnvId,
                clusterId: h.clusterId,
                createdAt: h.createdAt,
                images: h.images ? [...h.images.values()] : null,
                data: Object.fromEntries(types/* HOST_FIELDS */.Rc.map(f => [f, h[f]]))
            });
        }
    }
    for (const e of sim.events.snapshot())
        yield JSON.stringify({
            t: 'event',
            e: [e.time, e.severity, e.name, e.message, e.clusterId, e.hostId, e.infraEnvId, e.props]
        });
}
/** Saves the whole state; returns the path. */
async function saveState(sim, path) {
    await writeLines(path, snapshotLines(sim));
    return path;
}
/** Loads a state file into an empty simulator; returns false when the file does not exist. */
async function loadState(sim, path) {
    if (!(0,external_node_fs_.existsSync)(path))
        return false;
    const lines = (0,external_node_readline_.createInterface)({ input: (0,external_node_fs_.createReadStream)(path), crlfDelay: Infinity });
    const hosts = [];
    const events = [];
    let first = true;
    for await (const line of lines) {
        if (!line.trim())
            continue;
        const item = JSON.parse(line);
        if (first) {
            first = false;
            if (item.format !== FORMAT || item.version !== VERSION)
                throw new Error(`${path} is not a simulator state file (version ${VERSION})`);
            continue;
        }
        switch (item.t) {
            case 'cluster': {
                const c = Object.assign(new types/* ClusterRecord */.ED(item.id, item.createdAt), item.data);
                c.stepArgs = new Map();
                c.connectivityEntries = null;
                c.connectivityDirty = true;
                c.connectivityAdmissions = { minute: 0, count: 0 };
                c.majorityGroups = groupsFromText(c.majorityGroupsText);
                c.ipCollisions = new Set(c.ipCollisionsText ? Object.keys(JSON.parse(c.ipCollisionsText)) : []);
                sim.store.addCluster(c);
                break;
            }
            case 'infraEnv':
                sim.store.infraEnvs.set(item.id, Object.assign(new types/* InfraEnvRecord */.BW(item.id, item.createdAt), item.data));
                break;
            case 'host': {
                const h = assignHost(new types/* HostRecord */.KD(item.id, item.infraEnvId, item.clusterId ?? null, item.createdAt), item.data);
                h.inv = h.inventory
                    ? (0,inventory/* summarizeInventory */.CD)(JSON.parse(h.inventory), sim.opts.enableVirtualInterfaces)
                    : null;
                h.freeNetworksArgs = (0,host_reset/* freeNetworksArgs */.Th)(h.inv);
                const images = item.images;
                h.images = images ? new Map(images.map(i => [i.name, i])) : null;
                hosts.push({ record: h, clusterId: h.clusterId });
                break;
            }
            case 'event': {
                const e = item.e;
                events.push(new sim_events/* SimEvent */.Cu(e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7]));
                break;
            }
            default:
                break;
        }
    }
    for (const { record, clusterId } of hosts) {
        const infraEnv = sim.store.infraEnvs.get(record.infraEnvId);
        if (!infraEnv)
            continue;
        const cluster = clusterId ? sim.store.clusters.get(clusterId) : undefined;
        if (clusterId && !cluster)
            record.clusterId = null;
        infraEnv.hosts.set(record.id, record);
        sim.store.hostCount++;
        sim.store.countHost(record.status, 1);
        if (cluster)
            (0,store/* attachHost */.OF)(cluster, record);
    }
    sim.events.restore(events);
    for (const h of sim.store.allHosts()) {
        sim.markHostDirty(h);
        sim.scheduleHost(h);
    }
    for (const c of sim.store.clusters.values()) {
        sim.markClusterDirty(c);
        sim.scheduleCluster(c);
    }
    return true;
}
function groupsFromText(text) {
    if (!text)
        return new Map();
    const parsed = JSON.parse(text);
    return new Map(Object.entries(parsed.MajorityGroups ?? {}).map(([k, v]) => [k, new Set(v)]));
}
//# sourceMappingURL=persistence.js.map
;// CONCATENATED MODULE: ./lib/sim/index.js










/**
 * Builds the simulator: restores the state file if one exists and starts the monitors, without opening a port.
 */
async function createSimulator(options = {}) {
    const opts = resolveOptions(options);
    const faultProblems = checkFaults(opts.faults);
    if (faultProblems.length)
        throw new errors/* ConfigurationError */.j1(faultProblems, 'invalid fault injection settings:');
    const sim = new SimContext(opts);
    const faults = new FaultInjector(opts.faults, sim.random);
    const metrics = new SimMetrics(sim, faults);
    const monitors = new Monitors(sim, metrics.onMonitorPass);
    const stateFile = opts.stateFile;
    let saving;
    let lastSaveMs = 0;
    let lastSaveEnd = 0;
    const persist = async () => {
        if (!stateFile)
            return undefined;
        if (saving)
            await saving.catch(() => undefined);
        const started = performance.now();
        saving = saveState(sim, stateFile);
        try {
            return await saving;
        }
        finally {
            saving = undefined;
            lastSaveMs = performance.now() - started;
            lastSaveEnd = performance.now();
        }
    };
    if (stateFile) {
        try {
            if (await loadState(sim, stateFile)) {
                opts.logger.info(`simulator: restored ${sim.store.clusters.size} clusters and ${sim.store.hostCount} hosts from ${stateFile}`);
            }
        }
        catch (error) {
            throw new errors/* ConfigurationError */.j1(`state-file: cannot restore ${stateFile}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    const app = buildApp({
        sim,
        monitors,
        faults,
        metrics,
        ...(stateFile ? { persist: async () => (await persist()) } : {})
    });
    await app.ready();
    monitors.start();
    let timer;
    if (stateFile && opts.persistIntervalMs > 0) {
        timer = setInterval(() => {
            // A big state (100k hosts) takes a while to write: keep periodic saves under ~10 % of the time.
            if (saving || performance.now() - lastSaveEnd < 9 * lastSaveMs)
                return;
            persist().catch(error => opts.logger.warning(`simulator: saving ${stateFile} failed: ${(0,errors/* errorMessage */.gJ)(error)}`));
        }, opts.persistIntervalMs);
        timer.unref();
    }
    let closing;
    return {
        app,
        sim,
        monitors,
        faults,
        async runMonitors() {
            const hosts = await monitors.runHostPass();
            const clusters = await monitors.runClusterPass();
            return { hosts, clusters };
        },
        persist,
        close() {
            closing ??= (async () => {
                clearInterval(timer);
                await monitors.stop();
                try {
                    await persist();
                }
                finally {
                    await app.close();
                }
            })();
            return closing;
        }
    };
}
/**
 * Starts the simulator on `host:port` (127.0.0.1:8090 by default; port 0 picks a free one). Agents are given
 * `serviceBaseUrl`, which defaults to the URL it listens on.
 */
async function startSimulator(options = {}) {
    const kubeMode = options.kubeconfig ? await __webpack_require__.e(/* import() */ 43).then(__webpack_require__.bind(__webpack_require__, 45043)) : undefined;
    if (kubeMode)
        options = kubeMode.kubeModeOptions(options);
    const simulator = await createSimulator(options);
    const host = options.host ?? '127.0.0.1';
    try {
        await simulator.app.listen({ host, port: options.port ?? 8090 });
    }
    catch (error) {
        await simulator.close().catch(() => undefined);
        throw new errors/* ConfigurationError */.j1(`cannot listen on ${host}:${options.port ?? 8090}: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    const address = simulator.app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 8090);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    simulator.sim.selfUrl = url;
    if (!kubeMode || !options.kubeconfig)
        return { ...simulator, url, port };
    let kube;
    try {
        kube = await kubeMode.startKubeMode(simulator.sim, {
            kubeconfig: options.kubeconfig,
            ...(options.kubeContext ? { context: options.kubeContext } : {}),
            logger: simulator.sim.opts.logger
        });
    }
    catch (error) {
        await simulator.close().catch(() => undefined);
        throw error;
    }
    const close = simulator.close;
    let closing;
    return {
        ...simulator,
        url,
        port,
        kube: kube.controller,
        close: () => (closing ??= kube.stop().finally(() => close()))
    };
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 93581:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _1: () => (/* binding */ CLUSTER_INFO),
/* harmony export */   eb: () => (/* binding */ refreshCluster),
/* harmony export */   m0: () => (/* binding */ hostNetworks)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _cluster_connectivity_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73872);
/* harmony import */ var _host_requirements_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(56016);
/* harmony import */ var _net_ip_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1022);
/* harmony import */ var _validations_cluster_validations_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(95263);
/* harmony import */ var _validations_status_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(98068);
/* harmony import */ var _core_stored_text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(45966);







const CLUSTER_INFO = {
    pendingForInput: 'User input required',
    insufficient: 'Cluster is not ready for install',
    ready: 'Cluster ready to be installed',
    preparing: 'Preparing cluster for installation',
    installing: 'Installation in progress',
    finalizing: 'Finalizing cluster installation',
    installed: 'Cluster is installed',
    pendingUser: 'Cluster has hosts pending user action',
    hostsInError: 'cluster has hosts in error',
    cancelled: 'Canceled cluster installation'
};
const PRE_INSTALL = new Set(['pending-for-input', 'insufficient', 'ready']);
const VALIDATED = new Set(['pending-for-input', 'insufficient', 'ready', 'preparing-for-installation']);
const PREPARING_OK = new Set([
    'known',
    'preparing-for-installation',
    'preparing-successful',
    'preparing-failed'
]);
const INSTALLING_ISH = new Set([
    'installing',
    'installing-in-progress',
    'installed',
    'installing-pending-user-action',
    'preparing-successful'
]);
function gatePasses(cluster, outcome, gate, dhcpVipsAreReq) {
    return _validations_cluster_validations_js__WEBPACK_IMPORTED_MODULE_4__/* .CLUSTER_VALIDATIONS */ .o8.every((spec, i) => {
        let g = spec.gate;
        if (dhcpVipsAreReq && (spec.id === 'api-vips-defined' || spec.id === 'ingress-vips-defined'))
            g = 'REQ';
        if (g !== gate)
            return true;
        return (0,_validations_status_js__WEBPACK_IMPORTED_MODULE_5__/* .passing */ .qO)(outcome.codes[i]) || (0,_validations_cluster_validations_js__WEBPACK_IMPORTED_MODULE_4__/* .clusterValidationIgnored */ .Kc)(cluster, spec);
    });
}
function emitValidationEvents(sim, cluster, before, after) {
    if (!before || before.length !== after.length)
        return;
    for (let i = 0; i < after.length; i++) {
        const was = before[i];
        const now = after[i];
        if (was === now)
            continue;
        const id = _validations_cluster_validations_js__WEBPACK_IMPORTED_MODULE_4__/* .CLUSTER_VALIDATIONS */ .o8[i].id;
        if ((was === _validations_status_js__WEBPACK_IMPORTED_MODULE_5__.V.failure || was === _validations_status_js__WEBPACK_IMPORTED_MODULE_5__.V.error) && (0,_validations_status_js__WEBPACK_IMPORTED_MODULE_5__/* .passing */ .qO)(now)) {
            sim.clusterEvent(cluster, 'info', 'cluster_validation_fixed', `Cluster validation '${id}' is now fixed`);
        }
        else if ((0,_validations_status_js__WEBPACK_IMPORTED_MODULE_5__/* .passing */ .qO)(was) && (now === _validations_status_js__WEBPACK_IMPORTED_MODULE_5__.V.failure || now === _validations_status_js__WEBPACK_IMPORTED_MODULE_5__.V.error)) {
            sim.clusterEvent(cluster, 'warning', 'cluster_validation_failed', `Cluster validation '${id}' that used to succeed is now failing`);
        }
    }
}
/** SNO: the machine network comes from the host's NIC; cluster-managed multi-node: from the network holding the API VIP. */
function autoAssignMachineNetwork(sim, cluster) {
    if (cluster.machineNetworks.length)
        return;
    let cidr;
    if (cluster.isSingleNode()) {
        const host = [...cluster.hosts.values()].find(h => h.inv);
        const address = host?.inv?.nics.flatMap(n => n.ipv4)[0] ?? host?.inv?.nics.flatMap(n => n.ipv6)[0];
        cidr = address ? (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_3__/* .networkOf */ .Af)(address) : undefined;
    }
    else if (!cluster.userManagedNetworking && cluster.apiVips.length) {
        const vip = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_3__/* .parseIp */ .r5)(cluster.apiVips[0].ip);
        if (!vip)
            return;
        for (const h of cluster.hosts.values()) {
            for (const a of h.inv?.nics.flatMap(n => [...n.ipv4, ...n.ipv6]) ?? []) {
                const net = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_3__/* .parseCidr */ .GN)(a);
                if (net && (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_3__/* .cidrContains */ .eX)(net, vip)) {
                    cidr = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_3__/* .networkOf */ .Af)(a);
                    break;
                }
            }
            if (cidr)
                break;
        }
    }
    if (!cidr)
        return;
    cluster.machineNetworks = [{ cidr }];
    cluster.updatedAt = sim.now();
    cluster.stepArgs.clear();
    cluster.connectivityDirty = true;
    sim.markClusterHostsDirty(cluster);
}
/** Suggested roles once every host has an inventory: masters first (hosts that meet master CPU/RAM), then workers. */
function suggestRoles(sim, cluster) {
    if (!sim.opts.enableAutoAssign || cluster.isSingleNode())
        return;
    const hosts = [...cluster.hosts.values()];
    if (hosts.length === 0 || hosts.some(h => !h.inv))
        return;
    const master = sim.opts.hw.forVersion(cluster.openshiftVersion).master;
    let mastersLeft = Math.max(0, (cluster.controlPlaneCount === 2 ? 2 : cluster.controlPlaneCount) -
        hosts.filter(h => h.role === 'master').length);
    const candidates = hosts.filter(h => h.role === 'auto-assign').sort((a, b) => a.id.localeCompare(b.id));
    for (const h of candidates) {
        let suggestion = 'worker';
        if (mastersLeft > 0 &&
            h.inv.cpuCount >= master.cpu_cores &&
            (0,_host_requirements_js__WEBPACK_IMPORTED_MODULE_2__/* .memoryEnough */ .Cz)(h.inv.physicalBytes, h.inv.memoryMethod, master.ram_mib)) {
            suggestion = 'master';
            mastersLeft--;
        }
        if (h.suggestedRole !== suggestion) {
            h.suggestedRole = suggestion;
            h.updatedAt = sim.now();
            // Peers compare latency by role and the role decides requirements: re-check the whole cluster.
            sim.markClusterHostsDirty(cluster);
        }
    }
}
function installedEnough(cluster) {
    let masters = 0;
    let mastersInstalled = 0;
    let workers = 0;
    let workersInstalled = 0;
    let arbiters = 0;
    let arbitersInstalled = 0;
    for (const h of cluster.hosts.values()) {
        const role = h.bootstrap ? 'master' : h.role;
        const done = h.status === 'installed';
        if (role === 'master') {
            masters++;
            if (done)
                mastersInstalled++;
        }
        else if (role === 'arbiter') {
            arbiters++;
            if (done)
                arbitersInstalled++;
        }
        else {
            workers++;
            if (done)
                workersInstalled++;
        }
    }
    if (cluster.isSingleNode())
        return mastersInstalled >= 1;
    const minMasters = cluster.controlPlaneCount === 2 ? 2 : Math.min(3, cluster.controlPlaneCount);
    if (mastersInstalled < masters || mastersInstalled < minMasters)
        return false;
    if (arbiters > 0 && arbitersInstalled < 1)
        return false;
    if (workers >= 2 && workersInstalled < 2)
        return false;
    return true;
}
function tooFewInstalling(cluster) {
    let masters = 0;
    let workers = 0;
    let workersTotal = 0;
    for (const h of cluster.hosts.values()) {
        const role = h.bootstrap ? 'master' : h.role;
        if (role !== 'master' && role !== 'arbiter')
            workersTotal++;
        if (!INSTALLING_ISH.has(h.status))
            continue;
        if (role === 'master')
            masters++;
        else if (role !== 'arbiter')
            workers++;
    }
    const needMasters = cluster.isSingleNode()
        ? 1
        : cluster.controlPlaneCount === 2
            ? 2
            : Math.min(3, cluster.controlPlaneCount);
    return masters < needMasters || (workersTotal >= 2 && workers < 2);
}
function operatorsDone(cluster) {
    const degraded = [];
    for (const op of cluster.monitoredOperators) {
        if (op.operator_type === 'builtin' && op.status !== 'available')
            return { done: false, degraded };
        if (op.operator_type === 'olm') {
            if (op.status === 'failed')
                degraded.push(op.name);
            else if (op.status !== 'available')
                return { done: false, degraded };
        }
    }
    return { done: true, degraded };
}
const OLM_STAGES = new Set([
    'Applying olm manifests',
    'Waiting for olm operators csv initialization',
    'Waiting for olm operators csv'
]);
/** One cluster-monitor pass over a cluster (service-behavior §3.2, §3.4). */
function refreshCluster(sim, cluster) {
    sim.counters.clusterRefreshes++;
    const now = sim.now();
    const t = sim.opts.timings;
    if (PRE_INSTALL.has(cluster.status)) {
        autoAssignMachineNetwork(sim, cluster);
        if (cluster.connectivityDirty) {
            cluster.connectivityDirty = false;
            const analysis = (0,_cluster_connectivity_js__WEBPACK_IMPORTED_MODULE_1__/* .analyzeConnectivity */ .cD)(cluster);
            if (analysis.groupsText !== cluster.majorityGroupsText ||
                analysis.collisionsText !== cluster.ipCollisionsText) {
                cluster.majorityGroupsText = analysis.groupsText;
                cluster.majorityGroups = analysis.groups;
                cluster.ipCollisionsText = analysis.collisionsText;
                cluster.ipCollisions = analysis.collisions;
                cluster.updatedAt = now;
                sim.markClusterHostsDirty(cluster);
            }
        }
        suggestRoles(sim, cluster);
    }
    let outcome;
    if (VALIDATED.has(cluster.status)) {
        outcome = (0,_validations_cluster_validations_js__WEBPACK_IMPORTED_MODULE_4__/* .evaluateClusterValidations */ .wP)(sim, cluster);
        if (outcome.codes !== cluster.validations) {
            emitValidationEvents(sim, cluster, cluster.validations, outcome.codes);
            cluster.validations = outcome.codes;
            cluster.updatedAt = now;
        }
    }
    const set = (status, info) => sim.setClusterStatus(cluster, status, info);
    let changed = false;
    switch (cluster.status) {
        case 'pending-for-input':
        case 'insufficient':
        case 'ready': {
            const dhcp = cluster.vipDhcpAllocation;
            if (!gatePasses(cluster, outcome, 'INPUT', dhcp))
                changed = set('pending-for-input', CLUSTER_INFO.pendingForInput);
            else if (!gatePasses(cluster, outcome, 'REQ', dhcp))
                changed = set('insufficient', CLUSTER_INFO.insufficient);
            else
                changed = set('ready', CLUSTER_INFO.ready);
            break;
        }
        case 'preparing-for-installation': {
            if (cluster.lastPreparation.status === 'not_started' &&
                cluster.preparationDueAt &&
                now >= cluster.preparationDueAt) {
                cluster.lastPreparation = { status: 'success', reason: '' };
                cluster.openshiftClusterId ||= (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_6__/* .keptText */ .G)((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)());
                cluster.updatedAt = now;
                sim.clusterEvent(cluster, 'info', 'cluster_prepare_installation_succeeded', 'Cluster was prepared successfully for installation');
            }
            const hosts = [...cluster.hosts.values()];
            if (hosts.some(h => !PREPARING_OK.has(h.status))) {
                changed = set('insufficient', CLUSTER_INFO.insufficient);
            }
            else if (hosts.some(h => h.status === 'preparing-failed') ||
                cluster.lastPreparation.status === 'failed') {
                changed = set('ready', 'Cluster failed to prepare for installation');
            }
            else if (hosts.length &&
                hosts.every(h => h.status === 'preparing-successful') &&
                cluster.lastPreparation.status === 'success') {
                changed = set('installing', CLUSTER_INFO.installing);
            }
            else if (now - cluster.statusUpdatedAt > t.prepareClusterTimeoutMs) {
                changed = set('ready', 'Preparing cluster for installation timeout');
            }
            break;
        }
        case 'installing':
            if (installedEnough(cluster)) {
                changed = set('finalizing', CLUSTER_INFO.finalizing);
            }
            else if ([...cluster.hosts.values()].some(h => h.status === 'installing-pending-user-action')) {
                changed = set('installing-pending-user-action', CLUSTER_INFO.pendingUser);
            }
            else if (tooFewInstalling(cluster)) {
                changed = set('error', CLUSTER_INFO.hostsInError);
            }
            break;
        case 'installing-pending-user-action':
            if (tooFewInstalling(cluster))
                changed = set('error', CLUSTER_INFO.hostsInError);
            else if (now - (cluster.installStartedAt || cluster.statusUpdatedAt) > t.installationTimeoutMs) {
                changed = set('error', 'Timeout while waiting for the cluster installation to complete');
            }
            else if (![...cluster.hosts.values()].some(h => h.status === 'installing-pending-user-action')) {
                changed = set(installedEnough(cluster) ? 'finalizing' : 'installing', installedEnough(cluster) ? CLUSTER_INFO.finalizing : CLUSTER_INFO.installing);
            }
            break;
        case 'finalizing': {
            const hostsDone = [...cluster.hosts.values()].every(h => h.status === 'installed' || h.status === 'error');
            const operators = operatorsDone(cluster);
            if (hostsDone && cluster.ingressCertUploaded && operators.done) {
                const workersFailed = [...cluster.hosts.values()].some(h => h.status === 'error');
                cluster.installCompletedAt = now;
                changed = set('installed', operators.degraded.length
                    ? `Cluster is installed but degraded: failed operators ${operators.degraded.join(', ')}`
                    : workersFailed
                        ? 'Cluster is installed but some workers did not join'
                        : CLUSTER_INFO.installed);
            }
            else if (now - cluster.statusUpdatedAt > t.finalizingTimeoutMs) {
                changed = set('error', 'Timeout while waiting for cluster version to be available');
            }
            else {
                const stage = cluster.progress.finalizingStage;
                const limit = t.finalizingStageTimeoutsMs[stage];
                if (stage &&
                    limit !== undefined &&
                    !cluster.progress.finalizingStageTimedOut &&
                    now - cluster.progress.finalizingStageStartedAt > limit) {
                    cluster.progress.finalizingStageTimedOut = true;
                    if (OLM_STAGES.has(stage)) {
                        sim.clusterEvent(cluster, 'warning', 'finalizing_stage_timed_out', `Finalizing stage ${stage} timed out; waiting for the OLM operators continues`);
                    }
                    else {
                        changed = set('error', `Timeout while waiting for the cluster to finish installation: stage ${stage} took longer than ${Math.round(limit / 60_000)} minutes`);
                    }
                }
            }
            break;
        }
        default:
            break;
    }
    sim.scheduleCluster(cluster);
    return changed;
}
/** Host networks as the cluster view lists them: each IPv4/IPv6 network and the hosts on it. */
function hostNetworks(cluster) {
    const map = new Map();
    for (const h of cluster.hosts.values()) {
        for (const a of h.inv?.nics.flatMap(n => [...n.ipv4, ...n.ipv6]) ?? []) {
            const net = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_3__/* .networkOf */ .Af)(a);
            if (!net || (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_3__/* .addressOf */ .ci)(a) === a)
                continue;
            const list = map.get(net) ?? [];
            if (!list.includes(h.id))
                list.push(h.id);
            map.set(net, list);
        }
    }
    return [...map].map(([cidr, host_ids]) => ({ cidr, host_ids }));
}
//# sourceMappingURL=cluster-refresh.js.map

/***/ }),

/***/ 88373:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I7: () => (/* binding */ HOST_INFO),
/* harmony export */   aJ: () => (/* binding */ refreshHost)
/* harmony export */ });
/* unused harmony export refreshInstallationDisk */
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83906);
/* harmony import */ var _core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(45966);
/* harmony import */ var _core_deadlines_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(59454);
/* harmony import */ var _host_inventory_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(87722);
/* harmony import */ var _host_requirements_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(56016);
/* harmony import */ var _validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(81965);
/* harmony import */ var _validations_status_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(98068);







const HOST_INFO = {
    discovering: 'Waiting for host to send hardware details',
    known: 'Host is ready to be installed',
    knownUnbound: 'Host is ready to be bound to a cluster',
    disconnected: 'Host has stopped communicating with the installation service',
    mediaDisconnected: 'Unable to read from the discovery media. It was either disconnected or poor network conditions prevented it from being read. Try using the minimal ISO option and be sure to keep the media connected until the installation is completed',
    preparing: 'Host finished successfully to prepare for installation',
    preparingStarted: 'Host is preparing for installation',
    installing: 'Installation is in progress',
    clusterFailed: 'Host is part of a cluster that failed to install',
    binding: 'Host is waiting to be bound to the cluster',
    resetPending: 'Host requires booting into the discovery image to complete resetting the installation'
};
/** Which gates pass, honouring the cluster's ignore list. */
class Gates {
    outcome;
    cluster;
    constructor(outcome, cluster) {
        this.outcome = outcome;
        this.cluster = cluster;
    }
    passes(id) {
        const i = _validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .HOST_VALIDATION_INDEX */ .y8.get(id);
        const code = this.outcome.codes[i];
        return (code === _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.absent ||
            (0,_validations_status_js__WEBPACK_IMPORTED_MODULE_6__/* .passing */ .qO)(code ?? _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.pending) ||
            (0,_validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .hostValidationIgnored */ .uR)(this.cluster, _validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .HOST_VALIDATIONS */ .Ed[i]));
    }
    all(gate, filter) {
        return _validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .HOST_VALIDATIONS */ .Ed.every((spec, i) => {
            if (spec.gate !== gate || (filter && !filter(spec.id)))
                return true;
            const code = this.outcome.codes[i];
            return code === _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.absent || (0,_validations_status_js__WEBPACK_IMPORTED_MODULE_6__/* .passing */ .qO)(code) || (0,_validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .hostValidationIgnored */ .uR)(this.cluster, spec);
        });
    }
    /** Messages of failing (not pending) validations of a gate; pending ones when nothing fails. */
    messages(gate, filter) {
        const pick = (codes) => _validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .HOST_VALIDATIONS */ .Ed.flatMap((spec, i) => spec.gate === gate &&
            (!filter || filter(spec.id)) &&
            codes.includes(this.outcome.codes[i]) &&
            !(0,_validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .hostValidationIgnored */ .uR)(this.cluster, spec)
            ? [this.outcome.messages[i]]
            : []);
        const failing = pick([_validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.failure, _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.error]);
        return (failing.length ? failing : pick([_validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.pending])).join(' ; ');
    }
}
const MIN_UNBOUND = new Set(['has-min-cpu-cores', 'has-min-valid-disks', 'has-min-memory']);
/** Keeps the installation disk current: the user's pick or the best eligible disk for the host's role. */
function refreshInstallationDisk(sim, host, cluster) {
    const inv = host.inv;
    if (!inv)
        return;
    const size = cluster
        ? (0,_host_requirements_js__WEBPACK_IMPORTED_MODULE_4__/* .roleRequirements */ .fl)(sim, host, cluster).disk_size_gb
        : (0,_host_requirements_js__WEBPACK_IMPORTED_MODULE_4__/* .minimumRequirements */ .hR)(sim, host, cluster).disk_size_gb;
    const version = (0,_host_requirements_js__WEBPACK_IMPORTED_MODULE_4__/* .hostVersion */ .Z)(sim, host, cluster);
    const arch = inv.architecture || cluster?.cpuArchitecture || 'x86_64';
    const chosen = (0,_host_inventory_js__WEBPACK_IMPORTED_MODULE_3__/* .chooseInstallationDisk */ .tc)(inv.disks.filter(d => (0,_host_inventory_js__WEBPACK_IMPORTED_MODULE_3__/* .diskEligible */ .nv)(d, size, version, arch)), host.userDiskId);
    const id = chosen?.id ?? '';
    const path = chosen ? chosen.path || `/dev/${chosen.name}` : '';
    if (id !== host.installationDiskId || path !== host.installationDiskPath) {
        host.installationDiskId = id;
        host.installationDiskPath = path;
        host.updatedAt = sim.now();
    }
}
function emitValidationEvents(sim, host, before, after) {
    if (!before || before.length !== after.length)
        return;
    for (let i = 0; i < after.length; i++) {
        const was = before[i];
        const now = after[i];
        if (was === now || was === _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.absent || now === _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.absent)
            continue;
        const wasBad = was === _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.failure || was === _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.error;
        const nowBad = now === _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.failure || now === _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.error;
        const id = _validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .HOST_VALIDATIONS */ .Ed[i].id;
        if (wasBad && (0,_validations_status_js__WEBPACK_IMPORTED_MODULE_6__/* .passing */ .qO)(now)) {
            sim.hostTemplateEvent(host, 'info', 'host_validation_fixed', _events_js__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_TEXT */ .Fz.validationFixed, id);
        }
        else if ((0,_validations_status_js__WEBPACK_IMPORTED_MODULE_6__/* .passing */ .qO)(was) && nowBad) {
            sim.hostTemplateEvent(host, 'warning', 'host_validation_failed', _events_js__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_TEXT */ .Fz.validationFailed, id);
        }
    }
}
/** Re-runs the validations and applies the first matching refresh rule (service-behavior §1.4–§1.8). */
function refreshHost(sim, host) {
    sim.counters.hostRefreshes++;
    const cluster = sim.store.clusterOf(host);
    const now = sim.now();
    refreshInstallationDisk(sim, host, cluster);
    const outcome = (0,_validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .evaluateHostValidations */ .I7)(sim, host, cluster, now);
    if (outcome.codes !== host.validations) {
        emitValidationEvents(sim, host, host.validations, outcome.codes);
        host.validations = (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(outcome.codes);
        host.updatedAt = now;
    }
    const gates = new Gates(outcome, cluster);
    const connected = gates.passes('connected') && !host.mediaDisconnected;
    const changed = applyRules(sim, host, cluster, gates, connected, now);
    sim.scheduleHost(host);
    return changed;
}
function applyRules(sim, host, cluster, gates, connected, now) {
    const t = sim.opts.timings;
    const set = (status, info) => sim.setHostStatus(host, status, info);
    switch (host.status) {
        case 'discovering':
        case 'insufficient':
        case 'pending-for-input':
        case 'known':
        case 'disconnected': {
            if (!cluster)
                return false;
            if (!connected)
                return set('disconnected', host.mediaDisconnected ? HOST_INFO.mediaDisconnected : HOST_INFO.disconnected);
            const hasInventory = gates.passes('has-inventory') && gates.passes('inventory-not-fully-truncated');
            if (!hasInventory) {
                if (host.status === 'discovering' || host.status === 'disconnected')
                    return set('discovering', HOST_INFO.discovering);
                return set('discovering', HOST_INFO.discovering);
            }
            if (!gates.all('MIN')) {
                return set('insufficient', `Host does not meet the minimum hardware requirements: ${gates.messages('MIN')}`);
            }
            if (!gates.all('INPUT') && gates.all('VSPHERE'))
                return set('pending-for-input', `Waiting for user input: ${gates.messages('INPUT')}`);
            if (!gates.all('INPUT') || !gates.all('VSPHERE') || !gates.all('SUFF')) {
                const messages = [gates.messages('INPUT'), gates.messages('VSPHERE'), gates.messages('SUFF')]
                    .filter(Boolean)
                    .join(' ; ');
                return set('insufficient', `Host cannot be installed due to following failing validation(s): ${messages}`);
            }
            if (host.status === 'known' &&
                cluster.status === 'preparing-for-installation' &&
                host.role !== 'auto-assign') {
                return set('preparing-for-installation', HOST_INFO.preparingStarted);
            }
            return set('known', HOST_INFO.known);
        }
        case 'preparing-for-installation': {
            if (!cluster || cluster.status !== 'preparing-for-installation')
                return set('known', HOST_INFO.known);
            if (host.mediaDisconnected)
                return set('error', HOST_INFO.mediaDisconnected);
            if (!connected)
                return set('disconnected', 'Host failed to install due to timeout while connecting to host during the preparation phase');
            const disk = diskCondition(host);
            const images = imagesCondition(sim, host, cluster);
            if (disk === 'ok' && images === 'ok')
                return set('preparing-successful', HOST_INFO.preparing);
            if (disk === 'bad') {
                return set('insufficient', 'Host cannot be installed due to following failing validation(s): While preparing the previous installation the installation disk speed measurement failed or was found to be insufficient');
            }
            if (images === 'bad') {
                const failed = [...(host.images?.values() ?? [])].filter(i => i.result === 'failure').map(i => i.name);
                return set('preparing-failed', `Host failed to prepare for installation due to following failing validation(s): Failed to fetch container images needed for installation from ${failed.join(',')}`);
            }
            if (now - host.statusUpdatedAt > t.prepareHostTimeoutMs) {
                return set('preparing-failed', 'Host failed to prepare for installation due to timeout: the disk speed check or the image availability check did not report in time');
            }
            return false;
        }
        case 'preparing-successful':
            if (!cluster)
                return false;
            if (cluster.status === 'installing')
                return set('installing', HOST_INFO.installing);
            if (cluster.status !== 'preparing-for-installation')
                return set('known', HOST_INFO.known);
            if (!connected)
                return set('disconnected', 'Host failed to install due to timeout while connecting to host during the preparation phase');
            return false;
        case 'preparing-failed':
            if (!cluster || cluster.status !== 'preparing-for-installation')
                return set('known', HOST_INFO.known);
            return false;
        case 'installing':
            if (cluster?.status === 'error')
                return set('error', HOST_INFO.clusterFailed);
            if (!connected)
                return set('error', 'Host failed to install due to timeout while connecting to host');
            if (now - host.statusUpdatedAt > t.installingNoProgressTimeoutMs) {
                return set('error', 'Host failed to install due to timeout while starting installation');
            }
            return false;
        case 'installing-in-progress': {
            if (cluster?.status === 'error')
                return set('error', HOST_INFO.clusterFailed);
            if ((0,_core_deadlines_js__WEBPACK_IMPORTED_MODULE_2__/* .isBeforeRebooting */ .BW)(host) && !connected)
                return set('error', 'Host failed to install due to timeout while connecting to host');
            const progress = host.progress;
            if (progress) {
                const stage = progress.currentStage;
                const exempt = cluster?.status === 'installing-pending-user-action' &&
                    [
                        'Waiting for control plane',
                        'Waiting for controller',
                        'Waiting for bootkube',
                        'Rebooting'
                    ].includes(stage);
                const limit = (0,_core_deadlines_js__WEBPACK_IMPORTED_MODULE_2__/* .stageTimeoutMs */ .me)(sim, stage, Boolean(cluster?.isSingleNode()));
                if (!exempt && now - progress.stageUpdatedAt > limit) {
                    if (stage === 'Rebooting') {
                        return set('installing-pending-user-action', 'Host timed out when pulling the configuration files. Verify in the host console that the host boots from the OpenShift installation disk and has network access to the cluster API. The installation will resume once the host successfully boots and can access the cluster API');
                    }
                    return set('error', `Host failed to install because its installation stage ${stage} took longer than expected ${Math.round(limit / 60_000)}m0s`);
                }
            }
            return false;
        }
        case 'installing-pending-user-action':
            if (cluster?.status === 'error')
                return set('error', HOST_INFO.clusterFailed);
            if (now - host.statusUpdatedAt > t.pendingUserActionTimeoutMs && cluster?.status !== 'installed') {
                return set('error', 'Host failed to install: it was pending user action for too long');
            }
            return false;
        case 'installed':
        case 'resetting-pending-user-action':
            if (cluster?.status === 'error' && host.kind === 'Host')
                return set('error', HOST_INFO.clusterFailed);
            return false;
        case 'resetting':
            if (now - host.statusUpdatedAt > t.resetTimeoutMs)
                return set('resetting-pending-user-action', HOST_INFO.resetPending);
            return false;
        case 'error':
        case 'cancelled':
            if (host.logsInfo === '' && now - host.statusUpdatedAt > t.logPendingTimeoutMs) {
                host.logsInfo = 'timeout';
                host.updatedAt = now;
            }
            else if ((host.logsInfo === 'requested' || host.logsInfo === 'collecting') &&
                now - (host.logsStartedAt || host.statusUpdatedAt) > t.logCollectionTimeoutMs) {
                host.logsInfo = 'timeout';
                host.updatedAt = now;
            }
            return false;
        case 'discovering-unbound':
        case 'insufficient-unbound':
        case 'known-unbound':
        case 'disconnected-unbound': {
            if (cluster)
                return false;
            if (!connected)
                return set('disconnected-unbound', host.mediaDisconnected ? HOST_INFO.mediaDisconnected : HOST_INFO.disconnected);
            if (!gates.passes('has-inventory') || !gates.passes('inventory-not-fully-truncated')) {
                return set('discovering-unbound', HOST_INFO.discovering);
            }
            const minOk = gates.all('MIN', id => MIN_UNBOUND.has(id));
            if (!minOk || !gates.passes('hostname-valid')) {
                const messages = [
                    gates.messages('MIN', id => MIN_UNBOUND.has(id)),
                    gates.passes('hostname-valid') ? '' : gates.messages('SUFF', id => id === 'hostname-valid')
                ];
                return set('insufficient-unbound', `Host does not meet the minimum hardware requirements: ${messages.filter(Boolean).join(' ; ')}`);
            }
            return set('known-unbound', HOST_INFO.knownUnbound);
        }
        default:
            return false;
    }
}
/** installation-disk-speed-check-successful (a condition, not a validation). */
function diskCondition(host) {
    if (host.inv?.bootDeviceType === 'persistent')
        return 'ok';
    if (/--save-partindex|--save-partlabel/.test(host.installerArgs))
        return 'ok';
    const r = host.diskSpeed;
    if (!r || !r.tested)
        return 'unknown';
    if (host.installationDiskId && r.path !== host.installationDiskId && r.path !== host.installationDiskPath)
        return 'unknown';
    return r.exitCode === 0 ? 'ok' : 'bad';
}
/** successful-container-image-availability. */
function imagesCondition(_sim, host, _cluster) {
    const images = host.images;
    if (!images || images.size === 0)
        return 'unknown';
    for (const i of images.values()) {
        if (i.result === 'failure' || ((i.size_bytes ?? 0) > 0 && (i.download_rate ?? 0) < 0.001))
            return 'bad';
    }
    return 'ok';
}
//# sourceMappingURL=host-refresh.js.map

/***/ }),

/***/ 4900:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ej: () => (/* binding */ detachHost),
/* harmony export */   OF: () => (/* binding */ attachHost),
/* harmony export */   il: () => (/* binding */ Store),
/* harmony export */   nJ: () => (/* binding */ countHostname)
/* harmony export */ });
/**
 * The simulator's in-memory database: clusters, infra-envs and their hosts, plus status counts kept
 * incrementally (the `/metrics` gauges read them without scanning).
 */
class Store {
    clusters = new Map();
    infraEnvs = new Map();
    hostStatusCounts = new Map();
    clusterStatusCounts = new Map();
    hostCount = 0;
    host(infraEnvId, hostId) {
        return this.infraEnvs.get(infraEnvId)?.hosts.get(hostId);
    }
    clusterOf(host) {
        return host.clusterId ? this.clusters.get(host.clusterId) : undefined;
    }
    *allHosts() {
        for (const infraEnv of this.infraEnvs.values())
            yield* infraEnv.hosts.values();
    }
    countHost(status, delta) {
        this.hostStatusCounts.set(status, (this.hostStatusCounts.get(status) ?? 0) + delta);
    }
    countCluster(status, delta) {
        this.clusterStatusCounts.set(status, (this.clusterStatusCounts.get(status) ?? 0) + delta);
    }
    addCluster(cluster) {
        this.clusters.set(cluster.id, cluster);
        this.countCluster(cluster.status, 1);
    }
    removeCluster(cluster) {
        if (this.clusters.delete(cluster.id))
            this.countCluster(cluster.status, -1);
    }
    addHost(infraEnv, host, cluster) {
        infraEnv.hosts.set(host.id, host);
        this.hostCount++;
        this.countHost(host.status, 1);
        if (cluster)
            attachHost(cluster, host);
    }
    removeHost(host) {
        const infraEnv = this.infraEnvs.get(host.infraEnvId);
        if (!infraEnv?.hosts.delete(host.id))
            return;
        this.hostCount--;
        this.countHost(host.status, -1);
        const cluster = this.clusterOf(host);
        if (cluster)
            detachHost(cluster, host);
    }
}
/** Adds a host to a cluster's host list and hostname counts. */
function attachHost(cluster, host) {
    cluster.hosts.set(host.id, host);
    countHostname(cluster, host.hostname(), 1);
    cluster.connectivityEntries = null;
    cluster.stepArgs.clear();
}
function detachHost(cluster, host) {
    if (!cluster.hosts.delete(host.id))
        return;
    countHostname(cluster, host.hostname(), -1);
    cluster.connectivityEntries = null;
    cluster.stepArgs.clear();
}
function countHostname(cluster, hostname, delta) {
    if (!hostname)
        return;
    const next = (cluster.hostnameCounts.get(hostname) ?? 0) + delta;
    if (next <= 0)
        cluster.hostnameCounts.delete(hostname);
    else
        cluster.hostnameCounts.set(hostname, next);
}
//# sourceMappingURL=store.js.map

/***/ }),

/***/ 21876:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BW: () => (/* binding */ InfraEnvRecord),
/* harmony export */   Dt: () => (/* binding */ UNBOUND_STATUSES),
/* harmony export */   ED: () => (/* binding */ ClusterRecord),
/* harmony export */   KD: () => (/* binding */ HostRecord),
/* harmony export */   Rc: () => (/* binding */ HOST_FIELDS),
/* harmony export */   a6: () => (/* binding */ DISCOVERY_STATUSES),
/* harmony export */   mf: () => (/* binding */ sinceEpoch),
/* harmony export */   sA: () => (/* binding */ TIME_EPOCH)
/* harmony export */ });
/* unused harmony export INSTALLING_STATUSES */
const UNBOUND_STATUSES = new Set([
    'known-unbound',
    'disconnected-unbound',
    'insufficient-unbound',
    'discovering-unbound',
    'reclaiming',
    'reclaiming-rebooting',
    'unbinding',
    'unbinding-pending-user-action'
]);
/** Pre-installation statuses of a bound host (those the discovery refresh rules handle). */
const DISCOVERY_STATUSES = new Set([
    'discovering',
    'insufficient',
    'pending-for-input',
    'known',
    'disconnected'
]);
const INSTALLING_STATUSES = new Set([
    'installing',
    'installing-in-progress',
    'installing-pending-user-action'
]);
/** Times are stored relative to this epoch so they stay small integers (unboxed) in every host record. */
const TIME_EPOCH = Date.now();
/**
 * A time as an offset from TIME_EPOCH, typed as a 32-bit integer when it fits (±24 days), so V8 keeps the field
 * unboxed; a time outside that range (a state file from long ago) stays a plain number.
 */
function sinceEpoch(time) {
    const offset = time - TIME_EPOCH;
    return offset === (offset | 0) ? offset | 0 : offset;
}
/** Host fields most hosts never set, allocated on first write (keeps the common host small). */
class HostExtras {
    requestedHostname = '';
    userDiskId = '';
    diskSpeed = null;
    images = null;
    apiVipConnectivity = '';
    tangConnectivity = '';
    progress = null;
    logsInfo = '';
    logsStartedAt = 0;
    logsCollectedAt = 0;
    installerVersion = '';
    installerArgs = '';
    machineConfigPoolName = '';
    ignitionConfigOverrides = '';
    nodeLabels = '';
    disksToBeFormatted = '';
    skipFormattingDisks = '';
    connectionTimedOut = false;
}
const NO_EXTRAS = Object.freeze(new HostExtras());
/** The public fields persistence copies (everything a host needs besides derived data). */
const HOST_FIELDS = [
    'kind',
    'status',
    'statusInfo',
    'statusUpdatedAt',
    'updatedAt',
    'registeredAt',
    'checkedInAt',
    'role',
    'suggestedRole',
    'bootstrap',
    'agentVersion',
    'timestamp',
    'inventory',
    'installationDiskId',
    'installationDiskPath',
    'mediaDisconnected',
    'ntpSources',
    'ntpSynced',
    'domainResolutions',
    'connectivity',
    'freeAddresses',
    'validations',
    ...Object.keys(new HostExtras()).filter(k => k !== 'images')
];
class HostRecord {
    id;
    infraEnvId;
    clusterId;
    kind = 'Host';
    status = 'discovering';
    statusInfo = '';
    tStatus = 0;
    tUpdated = 0;
    tRegistered = 0;
    tCheckedIn = 0;
    tCreated = 0;
    tQueued = 0;
    queued = false;
    role = 'auto-assign';
    suggestedRole = '';
    bootstrap = false;
    agentVersion = '';
    /** Host clock (unix seconds) from the last GET instructions; 0 when never sent. */
    timestamp = 0;
    /** The stored inventory text (re-marshalled as the service stores it). */
    inventory = '';
    inv = null;
    /** The free-network-addresses step arguments (JSON array text), derived from the inventory; '' when none. */
    freeNetworksArgs = '';
    installationDiskId = '';
    installationDiskPath = '';
    mediaDisconnected = false;
    ntpSources = '';
    ntpSynced = false;
    domainResolutions = '';
    connectivity = '';
    freeAddresses = '';
    /** Validation statuses, one character per entry of HOST_VALIDATIONS (see validations/host-validations.ts). */
    validations = '';
    /** Set while the host waits in the dirty set. */
    dirty = false;
    x = null;
    constructor(id, infraEnvId, clusterId, createdAt) {
        this.id = id;
        this.infraEnvId = infraEnvId;
        this.clusterId = clusterId;
        const t = sinceEpoch(createdAt);
        this.tCreated = t;
        this.tStatus = t;
        this.tUpdated = t;
        this.tRegistered = t;
        this.tCheckedIn = t;
    }
    get ro() {
        return this.x ?? NO_EXTRAS;
    }
    get rw() {
        return (this.x ??= new HostExtras());
    }
    get createdAt() {
        return this.tCreated + TIME_EPOCH;
    }
    get statusUpdatedAt() {
        return this.tStatus + TIME_EPOCH;
    }
    set statusUpdatedAt(v) {
        this.tStatus = sinceEpoch(v);
    }
    get updatedAt() {
        return this.tUpdated + TIME_EPOCH;
    }
    set updatedAt(v) {
        this.tUpdated = sinceEpoch(v);
    }
    get registeredAt() {
        return this.tRegistered + TIME_EPOCH;
    }
    set registeredAt(v) {
        this.tRegistered = sinceEpoch(v);
    }
    get checkedInAt() {
        return this.tCheckedIn + TIME_EPOCH;
    }
    set checkedInAt(v) {
        this.tCheckedIn = sinceEpoch(v);
    }
    /** Scheduler bookkeeping: the deadline this host is queued for (0: not queued). */
    get queuedDeadline() {
        return this.queued ? this.tQueued + TIME_EPOCH : 0;
    }
    set queuedDeadline(v) {
        this.queued = v !== 0;
        this.tQueued = v === 0 ? 0 : sinceEpoch(v);
    }
    get requestedHostname() {
        return this.ro.requestedHostname;
    }
    set requestedHostname(v) {
        if (v || this.x)
            this.rw.requestedHostname = v;
    }
    /** The user's disk choice (disks_selected_config with role install). */
    get userDiskId() {
        return this.ro.userDiskId;
    }
    set userDiskId(v) {
        if (v || this.x)
            this.rw.userDiskId = v;
    }
    get diskSpeed() {
        return this.ro.diskSpeed;
    }
    set diskSpeed(v) {
        if (v || this.x)
            this.rw.diskSpeed = v;
    }
    /** Image name → status as stored (`images_status` JSON is built from it). */
    get images() {
        return this.ro.images;
    }
    set images(v) {
        if (v || this.x)
            this.rw.images = v;
    }
    get apiVipConnectivity() {
        return this.ro.apiVipConnectivity;
    }
    set apiVipConnectivity(v) {
        if (v || this.x)
            this.rw.apiVipConnectivity = v;
    }
    get tangConnectivity() {
        return this.ro.tangConnectivity;
    }
    set tangConnectivity(v) {
        if (v || this.x)
            this.rw.tangConnectivity = v;
    }
    get progress() {
        return this.ro.progress;
    }
    set progress(v) {
        if (v || this.x)
            this.rw.progress = v;
    }
    get logsInfo() {
        return this.ro.logsInfo;
    }
    set logsInfo(v) {
        if (v || this.x)
            this.rw.logsInfo = v;
    }
    get logsStartedAt() {
        return this.ro.logsStartedAt;
    }
    set logsStartedAt(v) {
        if (v || this.x)
            this.rw.logsStartedAt = v;
    }
    get logsCollectedAt() {
        return this.ro.logsCollectedAt;
    }
    set logsCollectedAt(v) {
        if (v || this.x)
            this.rw.logsCollectedAt = v;
    }
    get installerVersion() {
        return this.ro.installerVersion;
    }
    set installerVersion(v) {
        if (v || this.x)
            this.rw.installerVersion = v;
    }
    get installerArgs() {
        return this.ro.installerArgs;
    }
    set installerArgs(v) {
        if (v || this.x)
            this.rw.installerArgs = v;
    }
    get machineConfigPoolName() {
        return this.ro.machineConfigPoolName;
    }
    set machineConfigPoolName(v) {
        if (v || this.x)
            this.rw.machineConfigPoolName = v;
    }
    get ignitionConfigOverrides() {
        return this.ro.ignitionConfigOverrides;
    }
    set ignitionConfigOverrides(v) {
        if (v || this.x)
            this.rw.ignitionConfigOverrides = v;
    }
    get nodeLabels() {
        return this.ro.nodeLabels;
    }
    set nodeLabels(v) {
        if (v || this.x)
            this.rw.nodeLabels = v;
    }
    get disksToBeFormatted() {
        return this.ro.disksToBeFormatted;
    }
    set disksToBeFormatted(v) {
        if (v || this.x)
            this.rw.disksToBeFormatted = v;
    }
    get skipFormattingDisks() {
        return this.ro.skipFormattingDisks;
    }
    set skipFormattingDisks(v) {
        if (v || this.x)
            this.rw.skipFormattingDisks = v;
    }
    get connectionTimedOut() {
        return this.ro.connectionTimedOut;
    }
    set connectionTimedOut(v) {
        if (v || this.x)
            this.rw.connectionTimedOut = v;
    }
    /** The hostname validations use: the user's, else the inventory's. */
    hostname() {
        return this.requestedHostname || this.inv?.hostname || '';
    }
    /** The role validations and requirements use: the assigned one, else the suggestion, else worker. */
    effectiveRole() {
        if (this.role !== 'auto-assign')
            return this.role;
        return this.suggestedRole || 'auto-assign';
    }
}
class ClusterRecord {
    id;
    createdAt;
    kind = 'Cluster';
    status = 'insufficient';
    statusInfo = '';
    statusUpdatedAt = 0;
    updatedAt = 0;
    name = '';
    openshiftVersion = '';
    releaseImage = '';
    cpuArchitecture = 'x86_64';
    baseDnsDomain = '';
    clusterNetworks = [];
    serviceNetworks = [];
    machineNetworks = [];
    apiVips = [];
    ingressVips = [];
    controlPlaneCount = 3;
    userManagedNetworking = false;
    vipDhcpAllocation = false;
    networkType = 'OVNKubernetes';
    platformType = 'baremetal';
    pullSecret = '';
    sshPublicKey = '';
    httpProxy = '';
    httpsProxy = '';
    noProxy = '';
    additionalNtpSource = '';
    hyperthreading = 'all';
    schedulableMasters = false;
    tags = '';
    diskEncryption = {
        enable_on: 'none',
        mode: 'tpmv2',
        tang_servers: ''
    };
    loadBalancerType = 'cluster-managed';
    /** Imported (day-2) clusters: the API DNS name hosts fetch their ignition from. */
    apiVipDnsName = '';
    installConfigOverrides = '';
    openshiftClusterId = '';
    installStartedAt = 0;
    installCompletedAt = 0;
    progress = {
        finalizingStage: '',
        finalizingStageStartedAt: 0,
        finalizingStageTimedOut: false
    };
    monitoredOperators = [];
    lastPreparation = {
        status: 'not_started',
        reason: ''
    };
    /** Set when the (dummy) ignition generation is due to finish. */
    preparationDueAt = 0;
    ingressCertUploaded = false;
    logsInfo = '';
    controllerLogsStartedAt = 0;
    controllerLogsCollectedAt = 0;
    /** `connectivity_majority_groups` JSON and its parsed form (CIDR or family → host ids). */
    majorityGroupsText = '';
    majorityGroups = new Map();
    /** Set when a host's inventory or connectivity changed, so groups and collisions are recomputed. */
    connectivityDirty = true;
    ipCollisionsText = '';
    /** Addresses reported with more than one MAC. */
    ipCollisions = new Set();
    ignoredHostValidations = [];
    ignoredClusterValidations = [];
    validations = '';
    /** Hosts in registration order. */
    hosts = new Map();
    /** Effective hostname → how many hosts use it (hostname-unique in O(1)). */
    hostnameCounts = new Map();
    /** Cached step arguments (JSON-escaped) keyed by step type; cleared when the cluster or its hosts change. */
    stepArgs = new Map();
    /** Cached connectivity-check entries per host (JSON text), for building each host's peer list. */
    connectivityEntries = null;
    connectivityAdmissions = { minute: 0, count: 0 };
    queuedDeadline = 0;
    dirty = false;
    constructor(id, createdAt) {
        this.id = id;
        this.createdAt = createdAt;
        this.statusUpdatedAt = createdAt;
        this.updatedAt = createdAt;
    }
    isSingleNode() {
        return this.controlPlaneCount === 1;
    }
}
class InfraEnvRecord {
    id;
    createdAt;
    name = '';
    clusterId = null;
    openshiftVersion = '';
    cpuArchitecture = 'x86_64';
    pullSecret = '';
    sshAuthorizedKey = '';
    imageType = 'full-iso';
    proxy = {};
    additionalNtpSources = '';
    ignitionConfigOverride = '';
    staticNetworkConfig = '';
    kernelArguments = '';
    additionalTrustBundle = '';
    updatedAt = 0;
    expiresAt = 0;
    hosts = new Map();
    constructor(id, createdAt) {
        this.id = id;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }
}
//# sourceMappingURL=types.js.map

/***/ }),

/***/ 1022:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Af: () => (/* binding */ networkOf),
/* harmony export */   GN: () => (/* binding */ parseCidr),
/* harmony export */   LA: () => (/* binding */ isIpText),
/* harmony export */   ci: () => (/* binding */ addressOf),
/* harmony export */   eX: () => (/* binding */ cidrContains),
/* harmony export */   hj: () => (/* binding */ cidrsOverlap),
/* harmony export */   hm: () => (/* binding */ broadcastOf),
/* harmony export */   r5: () => (/* binding */ parseIp)
/* harmony export */ });
/* unused harmony exports bits, formatIp, cidrContainsText */
function parseIp(text) {
    if (!text)
        return undefined;
    if (text.includes(':')) {
        const value = parseIpv6(text);
        return value === undefined ? undefined : { family: 6, value };
    }
    // IPv4 in plain numbers, one bigint at the end (validations parse addresses on every refresh).
    let value = 0;
    let octet = -1;
    let dots = 0;
    for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 46) {
            if (octet < 0 || ++dots > 3)
                return undefined;
            value = value * 256 + octet;
            octet = -1;
        }
        else if (ch >= 48 && ch <= 57) {
            octet = octet < 0 ? ch - 48 : octet * 10 + ch - 48;
            if (octet > 255)
                return undefined;
        }
        else
            return undefined;
    }
    if (dots !== 3 || octet < 0)
        return undefined;
    return { family: 4, value: BigInt(value * 256 + octet) };
}
function parseIpv6(text) {
    const zone = text.indexOf('%');
    const clean = zone >= 0 ? text.slice(0, zone) : text;
    const halves = clean.split('::');
    if (halves.length > 2)
        return undefined;
    const expand = (part) => {
        if (part === '')
            return [];
        const groups = part.split(':');
        const last = groups[groups.length - 1];
        if (last.includes('.')) {
            const v4 = parseIp(last);
            if (!v4 || v4.family !== 4)
                return undefined;
            groups.splice(groups.length - 1, 1, ((v4.value >> 16n) & 0xffffn).toString(16), (v4.value & 0xffffn).toString(16));
        }
        return groups.every(g => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups : undefined;
    };
    const head = expand(halves[0]);
    const tail = halves.length === 2 ? expand(halves[1]) : [];
    if (!head || !tail)
        return undefined;
    const missing = 8 - head.length - tail.length;
    if (halves.length === 1 ? missing !== 0 : missing < 1)
        return undefined;
    const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
    let value = 0n;
    for (const g of groups)
        value = (value << 16n) | BigInt(Number.parseInt(g, 16));
    return value;
}
function bits(family) {
    return family === 4 ? 32 : 128;
}
const MASKS = { 4: [], 6: [] };
function mask(family, prefix) {
    const cached = MASKS[family][prefix];
    if (cached !== undefined)
        return cached;
    const total = BigInt(bits(family));
    const p = BigInt(prefix);
    const value = ((1n << total) - 1n) ^ ((1n << (total - p)) - 1n);
    MASKS[family][prefix] = value;
    return value;
}
function parseCidr(text) {
    const slash = text.indexOf('/');
    if (slash < 0)
        return undefined;
    const ip = parseIp(text.slice(0, slash));
    const prefixText = text.slice(slash + 1);
    if (!ip || !/^\d{1,3}$/.test(prefixText))
        return undefined;
    const prefix = Number(prefixText);
    if (prefix > bits(ip.family))
        return undefined;
    return { family: ip.family, network: ip.value & mask(ip.family, prefix), address: ip.value, prefix };
}
function formatIp(family, value) {
    if (family === 4) {
        return [24n, 16n, 8n, 0n].map(shift => String((value >> shift) & 0xffn)).join('.');
    }
    const groups = [];
    for (let shift = 112n; shift >= 0n; shift -= 16n)
        groups.push(((value >> shift) & 0xffffn).toString(16));
    // Compress the longest run of zero groups.
    let best = -1;
    let bestLen = 0;
    for (let i = 0; i < 8;) {
        if (groups[i] !== '0') {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && groups[j] === '0')
            j++;
        if (j - i > bestLen && j - i > 1) {
            best = i;
            bestLen = j - i;
        }
        i = j;
    }
    if (best < 0)
        return groups.join(':');
    return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
/** `10.0.0.5/24` → `10.0.0.0/24`. */
function networkOf(cidr) {
    const parsed = parseCidr(cidr);
    return parsed ? `${formatIp(parsed.family, parsed.network)}/${parsed.prefix}` : undefined;
}
function cidrContains(cidr, ip) {
    return cidr.family === ip.family && (ip.value & mask(cidr.family, cidr.prefix)) === cidr.network;
}
function cidrContainsText(cidr, ip) {
    const c = parseCidr(cidr);
    const i = parseIp(ip.includes('/') ? ip.slice(0, ip.indexOf('/')) : ip);
    return Boolean(c && i && cidrContains(c, i));
}
function cidrsOverlap(a, b) {
    if (a.family !== b.family)
        return false;
    const prefix = Math.min(a.prefix, b.prefix);
    const m = mask(a.family, prefix);
    return (a.network & m) === (b.network & m);
}
function broadcastOf(cidr) {
    return cidr.network | ((1n << BigInt(bits(cidr.family) - cidr.prefix)) - 1n);
}
/** The address part of `ip/len` text. */
function addressOf(cidrOrIp) {
    const slash = cidrOrIp.indexOf('/');
    return slash < 0 ? cidrOrIp : cidrOrIp.slice(0, slash);
}
function isIpText(text) {
    return parseIp(text) !== undefined;
}
//# sourceMappingURL=ip.js.map

/***/ }),

/***/ 40895:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aq: () => (/* binding */ updateCluster),
/* harmony export */   DP: () => (/* binding */ setIgnoredValidations),
/* harmony export */   Ig: () => (/* binding */ updateFinalizingProgress),
/* harmony export */   c_: () => (/* binding */ installCluster),
/* harmony export */   dB: () => (/* binding */ getCluster),
/* harmony export */   fk: () => (/* binding */ reportOperator),
/* harmony export */   g_: () => (/* binding */ importCluster),
/* harmony export */   n_: () => (/* binding */ cancelInstallation),
/* harmony export */   pV: () => (/* binding */ deregisterCluster),
/* harmony export */   qL: () => (/* binding */ completeInstallation),
/* harmony export */   rZ: () => (/* binding */ uploadIngressCert),
/* harmony export */   s2: () => (/* binding */ registerCluster),
/* harmony export */   y9: () => (/* binding */ resetCluster)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _config_releases_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43650);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(18796);
/* harmony import */ var _machine_cluster_refresh_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(93581);
/* harmony import */ var _machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(88373);
/* harmony import */ var _model_types_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(21876);
/* harmony import */ var _net_ip_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1022);
/* harmony import */ var _host_service_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(44591);
/* harmony import */ var _pull_secret_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(43765);
/* harmony import */ var _core_stored_text_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(45966);










function getCluster(sim, clusterId) {
    const cluster = sim.store.clusters.get(clusterId);
    if (!cluster)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('CLUSTER_NOT_FOUND', clusterId);
    return cluster;
}
const DNS_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
function vipsOf(list, kind) {
    return (list ?? []).map(v => {
        if (!v.ip || !(0,_net_ip_js__WEBPACK_IMPORTED_MODULE_6__/* .isIpText */ .LA)(v.ip))
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', `${kind} VIP ${JSON.stringify(v.ip ?? '')} is not a valid IP address`);
        return { ip: v.ip, verification: 'unverified' };
    });
}
function networksOf(list, kind) {
    for (const n of list) {
        if (!n.cidr || !(0,_net_ip_js__WEBPACK_IMPORTED_MODULE_6__/* .parseCidr */ .GN)(n.cidr))
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', `${kind} CIDR ${JSON.stringify(n.cidr ?? '')} is not a valid CIDR`);
    }
    return list;
}
function builtinOperators(sim) {
    const make = (name, namespace) => ({
        name,
        operator_type: 'builtin',
        namespace,
        subscription_name: '',
        timeout_seconds: 3600,
        version: '',
        status: '',
        status_info: '',
        status_updated_at: 0,
        properties: ''
    });
    return [
        make('console', 'openshift-console'),
        ...(sim.opts.checkClusterVersion ? [make('cvo', 'openshift-cluster-version')] : [])
    ];
}
function applyParams(_sim, cluster, p, creating) {
    if (p.name !== undefined && p.name !== null) {
        if (!CLUSTER_NAME.test(p.name))
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', `cluster name ${JSON.stringify(p.name)} is not a valid DNS label`);
        cluster.name = p.name;
    }
    if (p.base_dns_domain !== undefined && p.base_dns_domain !== null) {
        if (p.base_dns_domain && !DNS_NAME.test(p.base_dns_domain)) {
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', `base domain ${JSON.stringify(p.base_dns_domain)} is not a valid DNS name`);
        }
        cluster.baseDnsDomain = p.base_dns_domain;
    }
    if (p.pull_secret !== undefined && p.pull_secret !== null) {
        (0,_pull_secret_js__WEBPACK_IMPORTED_MODULE_8__/* .checkPullSecret */ .C)(p.pull_secret);
        cluster.pullSecret = p.pull_secret;
    }
    if (p.ssh_public_key !== undefined && p.ssh_public_key !== null)
        cluster.sshPublicKey = p.ssh_public_key;
    if (p.cluster_networks) {
        cluster.clusterNetworks = networksOf(p.cluster_networks, 'cluster network').map(n => ({
            cidr: n.cidr,
            host_prefix: n.host_prefix ?? 23
        }));
    }
    else if (p.cluster_network_cidr) {
        networksOf([{ cidr: p.cluster_network_cidr }], 'cluster network');
        cluster.clusterNetworks = [
            {
                cidr: p.cluster_network_cidr,
                host_prefix: p.cluster_network_host_prefix ?? cluster.clusterNetworks[0]?.host_prefix ?? 23
            }
        ];
    }
    else if (p.cluster_network_host_prefix && cluster.clusterNetworks[0]) {
        cluster.clusterNetworks = [{ ...cluster.clusterNetworks[0], host_prefix: p.cluster_network_host_prefix }];
    }
    if (p.service_networks)
        cluster.serviceNetworks = networksOf(p.service_networks, 'service network').map(n => ({ cidr: n.cidr }));
    else if (p.service_network_cidr)
        cluster.serviceNetworks = networksOf([{ cidr: p.service_network_cidr }], 'service network').map(n => ({
            cidr: n.cidr
        }));
    if (p.machine_networks)
        cluster.machineNetworks = networksOf(p.machine_networks, 'machine network').map(n => ({ cidr: n.cidr }));
    else if (p.machine_network_cidr)
        cluster.machineNetworks = networksOf([{ cidr: p.machine_network_cidr }], 'machine network').map(n => ({
            cidr: n.cidr
        }));
    if (p.user_managed_networking !== undefined && p.user_managed_networking !== null) {
        if (cluster.isSingleNode() && !p.user_managed_networking) {
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', 'User Managed Networking must be enabled on single node OpenShift');
        }
        cluster.userManagedNetworking = p.user_managed_networking;
    }
    if (p.platform?.type) {
        cluster.platformType = p.platform.type;
        if (p.platform.type === 'none')
            cluster.userManagedNetworking = true;
    }
    if (p.vip_dhcp_allocation !== undefined && p.vip_dhcp_allocation !== null)
        cluster.vipDhcpAllocation = p.vip_dhcp_allocation && !cluster.userManagedNetworking;
    if (p.api_vips !== undefined && p.api_vips !== null)
        cluster.apiVips = vipsOf(p.api_vips, 'API');
    if (p.ingress_vips !== undefined && p.ingress_vips !== null)
        cluster.ingressVips = vipsOf(p.ingress_vips, 'Ingress');
    if ((cluster.apiVips.length || cluster.ingressVips.length) &&
        (cluster.isSingleNode() || cluster.userManagedNetworking)) {
        if (p.api_vips?.length || p.ingress_vips?.length) {
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', 'API and Ingress VIPs cannot be set with user-managed networking or on a single-node cluster');
        }
    }
    for (const api of cluster.apiVips) {
        if (cluster.ingressVips.some(i => i.ip === api.ip))
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', `the API and Ingress VIPs must differ (both ${api.ip})`);
    }
    if (p.network_type !== undefined && p.network_type !== null)
        cluster.networkType = p.network_type;
    if (p.http_proxy !== undefined && p.http_proxy !== null)
        cluster.httpProxy = p.http_proxy;
    if (p.https_proxy !== undefined && p.https_proxy !== null)
        cluster.httpsProxy = p.https_proxy;
    if (p.no_proxy !== undefined && p.no_proxy !== null)
        cluster.noProxy = p.no_proxy;
    if (p.additional_ntp_source !== undefined && p.additional_ntp_source !== null)
        cluster.additionalNtpSource = p.additional_ntp_source;
    if (p.hyperthreading)
        cluster.hyperthreading = p.hyperthreading;
    if (p.schedulable_masters !== undefined)
        cluster.schedulableMasters = p.schedulable_masters;
    if (p.tags !== undefined && p.tags !== null)
        cluster.tags = p.tags;
    if (p.disk_encryption)
        cluster.diskEncryption = {
            ...cluster.diskEncryption,
            ...p.disk_encryption
        };
    if (p.load_balancer?.type)
        cluster.loadBalancerType = p.load_balancer.type;
    if (p.olm_operators?.length && creating) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', `OLM operators are not supported by the simulator: ${p.olm_operators.map(o => o.name).join(', ')}`);
    }
    cluster.stepArgs.clear();
    cluster.connectivityDirty = true;
}
/** `POST /v2/clusters` (201). */
function registerCluster(sim, p) {
    const arch = (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeArch */ .qA)(p.cpu_architecture);
    const release = (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .findReleaseImage */ .CU)(sim.opts.releaseImages, p.openshift_version, arch);
    if (!release)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('UNSUPPORTED_VERSION', p.openshift_version, p.cpu_architecture ?? 'x86_64');
    const now = sim.now();
    const cluster = new _model_types_js__WEBPACK_IMPORTED_MODULE_5__/* .ClusterRecord */ .ED((0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_9__/* .keptText */ .G)((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()), now);
    cluster.openshiftVersion = release.version;
    cluster.releaseImage = p.ocp_release_image || release.url;
    cluster.cpuArchitecture = p.cpu_architecture ?? 'x86_64';
    const count = p.control_plane_count ?? (p.high_availability_mode === 'None' ? 1 : 3);
    if (p.high_availability_mode === 'None' &&
        p.control_plane_count !== undefined &&
        p.control_plane_count !== null &&
        p.control_plane_count !== 1) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', 'high_availability_mode None requires control_plane_count 1');
    }
    if (!Number.isInteger(count) || count < 1 || count > 5) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', `control_plane_count must be between 1 and 5, got ${count}`);
    }
    cluster.controlPlaneCount = count;
    cluster.userManagedNetworking = count === 1;
    cluster.platformType = count === 1 ? 'none' : 'baremetal';
    cluster.clusterNetworks = [{ cidr: '10.128.0.0/14', host_prefix: 23 }];
    cluster.serviceNetworks = [{ cidr: '172.30.0.0/16' }];
    cluster.monitoredOperators = builtinOperators(sim);
    cluster.statusInfo = _machine_cluster_refresh_js__WEBPACK_IMPORTED_MODULE_3__/* .CLUSTER_INFO */ ._1.insufficient;
    applyParams(sim, cluster, p, true);
    if (p.user_managed_networking === true && !p.platform?.type)
        cluster.platformType = 'none';
    sim.store.addCluster(cluster);
    sim.clusterEvent(cluster, 'info', 'cluster_registration_succeeded', `Successfully registered cluster ${cluster.name} with id ${cluster.id}`);
    sim.markClusterDirty(cluster);
    return cluster;
}
/** `POST /v2/clusters/import` (201): an existing cluster that only takes day-2 hosts (`adding-hosts`). */
function importCluster(sim, p) {
    const requested = p.openshift_version ||
        sim.opts.releaseImages.find(r => r.default)?.version ||
        sim.opts.releaseImages[0]?.version ||
        '';
    const release = (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .findReleaseImage */ .CU)(sim.opts.releaseImages, requested, 'x86_64');
    if (!release)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('UNSUPPORTED_VERSION', requested, 'x86_64');
    const cluster = new _model_types_js__WEBPACK_IMPORTED_MODULE_5__/* .ClusterRecord */ .ED((0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_9__/* .keptText */ .G)((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()), sim.now());
    cluster.kind = 'AddHostsCluster';
    cluster.status = 'adding-hosts';
    cluster.statusInfo = 'cluster is adding hosts to existing OCP cluster';
    cluster.name = p.name;
    cluster.apiVipDnsName = p.api_vip_dnsname;
    cluster.openshiftClusterId = p.openshift_cluster_id;
    cluster.openshiftVersion = release.version;
    cluster.releaseImage = release.url;
    cluster.clusterNetworks = [{ cidr: '10.128.0.0/14', host_prefix: 23 }];
    cluster.serviceNetworks = [{ cidr: '172.30.0.0/16' }];
    cluster.lastPreparation = { status: 'success', reason: '' };
    sim.store.addCluster(cluster);
    sim.clusterEvent(cluster, 'info', 'cluster_registration_succeeded', `Successfully imported cluster ${cluster.name} with id ${cluster.id}`);
    return cluster;
}
const UPDATABLE = new Set(['pending-for-input', 'insufficient', 'ready', 'adding-hosts']);
/** `PATCH /v2/clusters/{c}` (201): applies the change and refreshes at once, as the real service does. */
function updateCluster(sim, cluster, p) {
    if (!UPDATABLE.has(cluster.status))
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('CLUSTER_WRONG_STATE', 'update', cluster.id, cluster.status);
    const vipsChanged = p.api_vips !== undefined || p.ingress_vips !== undefined;
    applyParams(sim, cluster, p, false);
    if (vipsChanged && !p.machine_networks && !p.machine_network_cidr && !cluster.userManagedNetworking)
        cluster.machineNetworks = [];
    cluster.updatedAt = sim.now();
    sim.markClusterHostsDirty(cluster);
    (0,_host_service_js__WEBPACK_IMPORTED_MODULE_7__/* .refreshNow */ .Ce)(sim, cluster);
    return cluster;
}
/** `POST /v2/clusters/{c}/actions/install` (202). */
function installCluster(sim, cluster) {
    if (cluster.status !== 'ready' &&
        cluster.status !== 'insufficient' &&
        cluster.status !== 'pending-for-input') {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('CLUSTER_WRONG_STATE', 'install', cluster.id, cluster.status);
    }
    (0,_host_service_js__WEBPACK_IMPORTED_MODULE_7__/* .refreshNow */ .Ce)(sim, cluster);
    let rolesChanged = false;
    for (const h of cluster.hosts.values()) {
        if (h.role === 'auto-assign') {
            h.role = h.suggestedRole || 'worker';
            rolesChanged = true;
        }
    }
    if (rolesChanged)
        (0,_host_service_js__WEBPACK_IMPORTED_MODULE_7__/* .refreshNow */ .Ce)(sim, cluster);
    if (cluster.status !== 'ready')
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('CLUSTER_NOT_READY', cluster.id, cluster.status, cluster.statusInfo);
    const hosts = [...cluster.hosts.values()];
    if (!hosts.some(h => h.bootstrap)) {
        const bootstrap = hosts.find(h => h.role === 'master');
        if (bootstrap)
            bootstrap.bootstrap = true;
    }
    const now = sim.now();
    cluster.installStartedAt = now;
    cluster.installCompletedAt = 0;
    cluster.lastPreparation = { status: 'not_started', reason: '' };
    cluster.preparationDueAt = now + sim.opts.timings.installationPreparationMs;
    cluster.progress = { finalizingStage: '', finalizingStageStartedAt: 0, finalizingStageTimedOut: false };
    sim.setClusterStatus(cluster, 'preparing-for-installation', _machine_cluster_refresh_js__WEBPACK_IMPORTED_MODULE_3__/* .CLUSTER_INFO */ ._1.preparing);
    sim.scheduleCluster(cluster);
    return cluster;
}
const CANCELLABLE_HOSTS = new Set([
    'installing',
    'installing-in-progress',
    'installing-pending-user-action',
    'installed',
    'preparing-successful',
    'error'
]);
/** `POST /v2/clusters/{c}/actions/cancel` (202). */
function cancelInstallation(sim, cluster) {
    if (cluster.status === 'preparing-for-installation') {
        sim.setClusterStatus(cluster, 'ready', 'Installation was cancelled by the user');
        for (const h of cluster.hosts.values())
            if (h.status.startsWith('preparing'))
                sim.setHostStatus(h, 'known', _machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__/* .HOST_INFO */ .I7.known);
        return cluster;
    }
    if (!['installing', 'installing-pending-user-action', 'finalizing', 'error'].includes(cluster.status)) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('CLUSTER_WRONG_STATE', 'cancel', cluster.id, cluster.status);
    }
    sim.setClusterStatus(cluster, 'cancelled', _machine_cluster_refresh_js__WEBPACK_IMPORTED_MODULE_3__/* .CLUSTER_INFO */ ._1.cancelled);
    for (const h of cluster.hosts.values())
        if (CANCELLABLE_HOSTS.has(h.status))
            sim.setHostStatus(h, 'cancelled', 'Installation cancelled by user');
    return cluster;
}
/** `POST /v2/clusters/{c}/actions/reset` (202): back to insufficient; hosts must boot the discovery image again. */
function resetCluster(sim, cluster) {
    if (![
        'cancelled',
        'error',
        'installing',
        'installing-pending-user-action',
        'finalizing',
        'preparing-for-installation'
    ].includes(cluster.status)) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('CLUSTER_WRONG_STATE', 'reset', cluster.id, cluster.status);
    }
    cluster.lastPreparation = { status: 'not_started', reason: '' };
    cluster.ingressCertUploaded = false;
    cluster.installStartedAt = 0;
    cluster.installCompletedAt = 0;
    cluster.progress = { finalizingStage: '', finalizingStageStartedAt: 0, finalizingStageTimedOut: false };
    cluster.monitoredOperators = cluster.monitoredOperators.map(o => ({
        ...o,
        status: '',
        status_info: '',
        status_updated_at: 0
    }));
    sim.setClusterStatus(cluster, 'insufficient', 'Reset cluster installation');
    for (const h of cluster.hosts.values()) {
        h.progress = null;
        h.logsInfo = '';
        h.bootstrap = cluster.isSingleNode();
        sim.setHostStatus(h, 'resetting', 'Resetting the host installation');
    }
    return cluster;
}
/** `DELETE /v2/clusters/{c}` (204). */
function deregisterCluster(sim, cluster) {
    if (['preparing-for-installation', 'installing', 'installing-pending-user-action', 'finalizing'].includes(cluster.status)) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('CLUSTER_WRONG_STATE', 'delete', cluster.id, cluster.status);
    }
    for (const h of [...cluster.hosts.values()]) {
        sim.store.removeHost(h);
        sim.dirtyHosts.delete(h);
    }
    sim.store.removeCluster(cluster);
    sim.dirtyClusters.delete(cluster);
    sim.events.dropScope(cluster.id);
}
/** `POST /v2/clusters/{c}/uploads/ingress-cert` (201): only in finalizing or installed, with a valid PEM. */
function uploadIngressCert(sim, cluster, pem) {
    if (cluster.status !== 'finalizing' && cluster.status !== 'installed')
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INGRESS_CERT_WRONG_STATE', cluster.id, cluster.status);
    try {
        new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(pem);
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_INGRESS_CERT', error.message);
    }
    if (!cluster.ingressCertUploaded) {
        cluster.ingressCertUploaded = true;
        cluster.updatedAt = sim.now();
        sim.clusterEvent(cluster, 'info', 'cluster_ingress_cert_uploaded', 'Ingress CA uploaded; the kubeconfig is available');
    }
    sim.markClusterDirty(cluster);
}
function reportOperator(sim, cluster, report) {
    const op = cluster.monitoredOperators.find(o => o.name === report.name);
    if (!op)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('OPERATOR_NOT_FOUND', report.name ?? '', cluster.id);
    const status = (report.status ?? '');
    if (op.status !== status) {
        sim.clusterEvent(cluster, 'info', 'operator_status_updated', `Operator ${op.name} status: ${status || 'unknown'} message: ${report.status_info ?? ''}`);
    }
    op.status = status;
    op.status_info = report.status_info ?? '';
    if (report.version !== undefined)
        op.version = report.version;
    op.status_updated_at = sim.now();
    cluster.updatedAt = sim.now();
    sim.markClusterDirty(cluster);
}
function updateFinalizingProgress(sim, cluster, stage) {
    if (cluster.progress.finalizingStage === stage)
        return;
    cluster.progress = {
        finalizingStage: stage,
        finalizingStageStartedAt: sim.now(),
        finalizingStageTimedOut: false
    };
    cluster.updatedAt = sim.now();
    sim.clusterEvent(cluster, 'info', 'cluster_finalizing_stage_updated', `Finalizing stage: ${stage}`);
    sim.markClusterDirty(cluster);
    sim.scheduleCluster(cluster);
}
/** `POST .../actions/complete-installation` (202): informational; the monitor decides completion. */
function completeInstallation(sim, cluster, params) {
    if (cluster.status !== 'finalizing' && cluster.status !== 'installed')
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('CLUSTER_WRONG_STATE', 'complete the installation of', cluster.id, cluster.status);
    sim.clusterEvent(cluster, params.is_success ? 'info' : 'error', 'cluster_installation_completed_reported', params.is_success
        ? 'The installer controller reported the installation as completed'
        : `The installer controller reported a failed installation: ${params.error_info ?? ''}`);
}
function setIgnoredValidations(sim, cluster, body) {
    const parse = (text, field) => {
        if (text === undefined)
            return undefined;
        try {
            const list = JSON.parse(text);
            if (!Array.isArray(list) || !list.every(x => typeof x === 'string'))
                throw new Error('not a list of strings');
            return list;
        }
        catch (error) {
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_CLUSTER_PARAMS', `${field}: must be a JSON list of validation ids (${error.message})`);
        }
    };
    const hosts = parse(body['host-validation-ids'], 'host-validation-ids');
    const clusters = parse(body['cluster-validation-ids'], 'cluster-validation-ids');
    if (hosts)
        cluster.ignoredHostValidations = hosts;
    if (clusters)
        cluster.ignoredClusterValidations = clusters;
    cluster.updatedAt = sim.now();
    sim.markClusterHostsDirty(cluster);
    sim.markClusterDirty(cluster);
}
//# sourceMappingURL=cluster-service.js.map

/***/ }),

/***/ 89923:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bp: () => (/* binding */ applySingleNodeRole),
/* harmony export */   Th: () => (/* binding */ freeNetworksArgs),
/* harmony export */   Z2: () => (/* binding */ setInventory),
/* harmony export */   _7: () => (/* binding */ resetDiscoveryData),
/* harmony export */   sJ: () => (/* binding */ clearClusterData)
/* harmony export */ });
/* harmony import */ var _net_ip_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1022);
/* harmony import */ var _model_store_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4900);
/* harmony import */ var _core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(45966);



/** REST mode: the host's IPv4 networks of /22 or smaller, as the free-network-addresses step arguments. */
function freeNetworksArgs(summary) {
    const nets = new Set();
    for (const nic of summary?.nics ?? []) {
        for (const a of nic.ipv4) {
            const net = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_0__/* .parseCidr */ .GN)(a);
            if (net && net.prefix >= 22)
                nets.add((0,_net_ip_js__WEBPACK_IMPORTED_MODULE_0__/* .networkOf */ .Af)(a));
        }
    }
    return nets.size ? (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .sharedText */ .b)(`[${JSON.stringify(JSON.stringify([...nets]))}]`) : '';
}
/** Replaces the inventory summary, keeping the cluster's hostname counts and cached step arguments right. */
function setInventory(sim, host, text, summary) {
    const cluster = sim.store.clusterOf(host);
    const before = host.hostname();
    host.inventory = (0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_1__/* .keptText */ .G)(text);
    host.inv = summary;
    host.freeNetworksArgs = freeNetworksArgs(summary);
    const after = host.hostname();
    if (cluster) {
        if (before !== after) {
            (0,_model_store_js__WEBPACK_IMPORTED_MODULE_2__/* .countHostname */ .nJ)(cluster, before, -1);
            (0,_model_store_js__WEBPACK_IMPORTED_MODULE_2__/* .countHostname */ .nJ)(cluster, after, 1);
            // hostname-unique depends on every host's name.
            sim.markClusterHostsDirty(cluster);
        }
        cluster.connectivityEntries = null;
        cluster.connectivityDirty = true;
        sim.markClusterDirty(cluster);
    }
    if (!summary) {
        host.installationDiskId = '';
        host.installationDiskPath = '';
    }
}
/** What a re-registration clears (service-behavior §1.3): inventory, bootstrap flag, image statuses, progress, NTP, logs. */
function resetDiscoveryData(sim, host) {
    setInventory(sim, host, '', null);
    host.bootstrap = false;
    host.images = null;
    host.progress = null;
    host.ntpSources = '';
    host.ntpSynced = false;
    host.logsInfo = '';
    host.logsStartedAt = 0;
    host.logsCollectedAt = 0;
    host.mediaDisconnected = false;
    host.validations = '';
    applySingleNodeRole(sim, host);
}
/** An SNO host is a master and the bootstrap from the start. */
function applySingleNodeRole(sim, host) {
    const cluster = sim.store.clusterOf(host);
    if (cluster?.isSingleNode()) {
        host.role = 'master';
        host.bootstrap = true;
    }
}
/** Clears the cluster-related fields when a host leaves its cluster (unbind). */
function clearClusterData(host) {
    host.role = 'auto-assign';
    host.suggestedRole = '';
    host.bootstrap = false;
    host.progress = null;
    host.images = null;
    host.diskSpeed = null;
    host.connectivity = '';
    host.freeAddresses = '';
    host.domainResolutions = '';
    host.installerArgs = '';
    host.machineConfigPoolName = '';
    host.validations = '';
    host.kind = 'Host';
}
//# sourceMappingURL=host-reset.js.map

/***/ }),

/***/ 44591:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ce: () => (/* binding */ refreshNow),
/* harmony export */   DW: () => (/* binding */ updateProgress),
/* harmony export */   Ig: () => (/* binding */ installHost),
/* harmony export */   Jc: () => (/* binding */ deregisterHost),
/* harmony export */   Ln: () => (/* binding */ getHost),
/* harmony export */   S3: () => (/* binding */ getInfraEnv),
/* harmony export */   YP: () => (/* binding */ bindHost),
/* harmony export */   Y_: () => (/* binding */ registerHost),
/* harmony export */   eA: () => (/* binding */ updateLogsProgress),
/* harmony export */   i3: () => (/* binding */ updateHost),
/* harmony export */   is: () => (/* binding */ checkIn),
/* harmony export */   uB: () => (/* binding */ resetHost),
/* harmony export */   xd: () => (/* binding */ unbindHost)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(18796);
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83906);
/* harmony import */ var _host_stages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(55655);
/* harmony import */ var _machine_cluster_refresh_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(93581);
/* harmony import */ var _machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(88373);
/* harmony import */ var _model_store_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4900);
/* harmony import */ var _model_types_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(21876);
/* harmony import */ var _validations_host_validations_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(81965);
/* harmony import */ var _validations_status_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(98068);
/* harmony import */ var _host_reset_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(89923);










const ACCEPTS_NEW_HOSTS = new Set(['insufficient', 'ready', 'pending-for-input', 'adding-hosts']);
const TO_DISCOVERING = new Set([
    'discovering',
    'known',
    'insufficient',
    'pending-for-input',
    'disconnected',
    'binding',
    'resetting-pending-user-action'
]);
const TO_UNBOUND = new Set([
    ..._model_types_js__WEBPACK_IMPORTED_MODULE_5__/* .UNBOUND_STATUSES */ .Dt,
    'unbinding',
    'unbinding-pending-user-action',
    'reclaiming-rebooting'
]);
/** One shared string for the expected agent image (every host reports it): no copy per host. */
function agentVersionOf(sim, version) {
    return version === sim.opts.agentImage ? sim.opts.agentImage : version;
}
function getInfraEnv(sim, infraEnvId) {
    const infraEnv = sim.store.infraEnvs.get(infraEnvId);
    if (!infraEnv)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INFRA_ENV_NOT_FOUND', infraEnvId);
    return infraEnv;
}
function getHost(sim, infraEnvId, hostId) {
    const host = sim.store.host(infraEnvId, hostId);
    if (!host) {
        if (!sim.store.infraEnvs.has(infraEnvId))
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INFRA_ENV_NOT_FOUND', infraEnvId);
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('HOST_NOT_FOUND', hostId, infraEnvId);
    }
    return host;
}
/** `POST /v2/infra-envs/{ie}/hosts` by the host's current status (service-behavior §1.3). */
function registerHost(sim, infraEnvId, hostId, agentVersion) {
    const infraEnv = getInfraEnv(sim, infraEnvId);
    const now = sim.now();
    const existing = infraEnv.hosts.get(hostId);
    if (!existing) {
        const cluster = infraEnv.clusterId ? sim.store.clusters.get(infraEnv.clusterId) : undefined;
        if (infraEnv.clusterId && !cluster)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('CLUSTER_NOT_FOUND', infraEnv.clusterId);
        if (cluster && !ACCEPTS_NEW_HOSTS.has(cluster.status)) {
            if (cluster.status === 'installed')
                throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('CLUSTER_ALREADY_INSTALLED', hostId);
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('CLUSTER_CANNOT_ACCEPT_HOSTS', cluster.id, cluster.status);
        }
        const host = new _model_types_js__WEBPACK_IMPORTED_MODULE_5__/* .HostRecord */ .KD(hostId, infraEnv.id, cluster?.id ?? null, now);
        host.status = cluster ? 'discovering' : 'discovering-unbound';
        host.statusInfo = _machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__/* .HOST_INFO */ .I7.discovering;
        host.agentVersion = agentVersionOf(sim, agentVersion);
        if (cluster?.kind === 'AddHostsCluster') {
            host.kind = 'AddToExistingClusterHost';
            host.role = 'worker';
        }
        sim.store.addHost(infraEnv, host, cluster);
        (0,_host_reset_js__WEBPACK_IMPORTED_MODULE_8__/* .applySingleNodeRole */ .Bp)(sim, host);
        sim.hostTemplateEvent(host, 'info', 'host_registration_succeeded', _events_js__WEBPACK_IMPORTED_MODULE_1__/* .EVENT_TEXT */ .Fz.registered);
        if (cluster)
            sim.markClusterDirty(cluster);
        sim.markHostDirty(host);
        sim.scheduleHost(host);
        return host;
    }
    const host = existing;
    const cluster = sim.store.clusterOf(host);
    const stage = host.progress?.currentStage ?? '';
    const reRegistered = (status, info) => {
        host.agentVersion = agentVersionOf(sim, agentVersion);
        host.registeredAt = now;
        host.updatedAt = now;
        sim.setHostStatus(host, status, info);
        sim.hostTemplateEvent(host, 'info', 'host_registration_succeeded', _events_js__WEBPACK_IMPORTED_MODULE_1__/* .EVENT_TEXT */ .Fz.registered);
        sim.markHostDirty(host);
        return host;
    };
    if (TO_DISCOVERING.has(host.status) && host.clusterId) {
        (0,_host_reset_js__WEBPACK_IMPORTED_MODULE_8__/* .resetDiscoveryData */ ._7)(sim, host);
        return reRegistered('discovering', _machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__/* .HOST_INFO */ .I7.discovering);
    }
    if (TO_UNBOUND.has(host.status) || (TO_DISCOVERING.has(host.status) && !host.clusterId)) {
        (0,_host_reset_js__WEBPACK_IMPORTED_MODULE_8__/* .resetDiscoveryData */ ._7)(sim, host);
        return reRegistered('discovering-unbound', _machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__/* .HOST_INFO */ .I7.discovering);
    }
    switch (host.status) {
        case 'preparing-for-installation':
        case 'preparing-successful':
            if (cluster)
                sim.markClusterDirty(cluster);
            return reRegistered('known', _machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__/* .HOST_INFO */ .I7.known);
        case 'installing-pending-user-action':
            if (stage === 'Rebooting' || (host.kind === 'AddToExistingClusterHost' && stage === 'Done')) {
                throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('BOOT_ORDER', host.installationDiskPath || host.installationDiskId);
            }
            return reRegistered('error', 'Host has unexpectedly restarted during the installation');
        case 'installing-in-progress':
            if (stage === 'Rebooting') {
                return reRegistered('installing-pending-user-action', `Expected the host to boot from disk, but it booted the installation image - please reboot and fix boot order to boot from disk ${host.installationDiskPath}`);
            }
            return reRegistered('error', 'Host has unexpectedly restarted during the installation');
        case 'installing':
            return reRegistered('error', 'Host has unexpectedly restarted during the installation');
        case 'error':
        case 'cancelled':
            host.agentVersion = agentVersionOf(sim, agentVersion);
            return host;
        case 'installed':
        case 'added-to-existing-cluster':
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('HOST_ALREADY_INSTALLED', sim.hostName(host));
        case 'resetting':
            if (stage === 'Rebooting') {
                host.agentVersion = agentVersionOf(sim, agentVersion);
                return host;
            }
            (0,_host_reset_js__WEBPACK_IMPORTED_MODULE_8__/* .resetDiscoveryData */ ._7)(sim, host);
            return reRegistered('discovering', _machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__/* .HOST_INFO */ .I7.discovering);
        default:
            host.agentVersion = agentVersionOf(sim, agentVersion);
            return host;
    }
}
/** What GET instructions records: `checked_in_at`, the host clock and the agent version. */
function checkIn(sim, host, timestamp, agentVersion) {
    const now = sim.now();
    const previousCheckIn = host.checkedInAt;
    host.checkedInAt = now;
    let dirty = host.status === 'disconnected' || host.status === 'disconnected-unbound';
    if (timestamp !== undefined && timestamp !== host.timestamp) {
        const wasSynced = host.timestamp !== 0 && timeSynced(now, host.timestamp);
        const synced = timeSynced(now, timestamp);
        if (host.timestamp === 0 || wasSynced !== synced)
            dirty = true;
        // The cluster's NTP check compares host clocks: a clock that jumped (not just ticked) is news for it.
        const jump = Math.abs(timestamp * 1000 - now - (host.timestamp * 1000 - previousCheckIn));
        if (host.timestamp === 0 || jump > 30_000) {
            const cluster = sim.store.clusterOf(host);
            if (cluster)
                sim.markClusterDirty(cluster);
        }
        host.timestamp = timestamp;
    }
    if (agentVersion && agentVersion !== host.agentVersion) {
        host.agentVersion = agentVersionOf(sim, agentVersion);
        dirty = true;
    }
    if (!dirty && host.validations) {
        const code = host.validations[_validations_host_validations_js__WEBPACK_IMPORTED_MODULE_6__/* .HOST_VALIDATION_INDEX */ .y8.get('connected')];
        if (code === _validations_status_js__WEBPACK_IMPORTED_MODULE_7__.V.failure)
            dirty = true;
    }
    if (dirty)
        sim.markHostDirty(host);
    if (!host.queuedDeadline)
        sim.scheduleHost(host);
}
function timeSynced(nowMs, hostSeconds) {
    const diff = nowMs - hostSeconds * 1000;
    return diff <= 20 * 60_000 && -diff <= 60 * 60_000;
}
const PROGRESS_STATUSES = new Set([
    'installing',
    'installing-in-progress',
    'installing-pending-user-action'
]);
/** `PUT .../progress` (service-behavior §1.7). */
function updateProgress(sim, host, stage, info) {
    if (!PROGRESS_STATUSES.has(host.status))
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('PROGRESS_WRONG_STATE', host.id, host.status);
    const cluster = sim.store.clusterOf(host);
    const now = sim.now();
    const stages = (0,_host_stages_js__WEBPACK_IMPORTED_MODULE_2__/* .stagesFor */ .v)(host, cluster);
    const current = host.progress?.currentStage ?? '';
    if (stage === 'Failed') {
        host.progress = {
            ...(host.progress ?? emptyProgress(now)),
            currentStage: stage,
            progressInfo: info,
            stageUpdatedAt: now,
            stageStartedAt: now
        };
        sim.setHostStatus(host, 'error', `Failed - ${info}`);
        return;
    }
    if (current && current === stage) {
        if (host.progress.progressInfo !== info) {
            host.progress.progressInfo = info;
            host.progress.stageUpdatedAt = now;
            host.updatedAt = now;
            sim.scheduleHost(host);
        }
        return;
    }
    const index = stages.indexOf(stage);
    if (current) {
        const currentIndex = stages.indexOf(current);
        if (index < 0 || index < currentIndex) {
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('PROGRESS_STAGE_INVALID', stage, host.id, current, stages.join(', '));
        }
    }
    host.progress = {
        currentStage: stage,
        progressInfo: info,
        stageStartedAt: now,
        stageUpdatedAt: now,
        installationPercentage: index >= 0 ? Math.round(((index + 1) / stages.length) * 100) : 0,
        stageTimedOut: false
    };
    host.updatedAt = now;
    sim.hostEvent(host, 'info', 'host_install_progress_updated', `Host: ${sim.hostName(host)}, reached installation stage ${stage}${info ? `: ${info}` : ''}`);
    if (cluster)
        sim.markClusterDirty(cluster);
    if (stage === 'Done')
        sim.setHostStatus(host, 'installed', 'Done');
    else if (host.kind === 'AddToExistingClusterHost' && stage === 'Rebooting')
        sim.setHostStatus(host, 'added-to-existing-cluster', 'Host has rebooted and no further updates will be posted. Please check console for progress and to possible errors');
    else
        sim.setHostStatus(host, 'installing-in-progress', stage);
    sim.scheduleHost(host);
}
function emptyProgress(now) {
    return {
        currentStage: '',
        progressInfo: '',
        stageStartedAt: now,
        stageUpdatedAt: now,
        installationPercentage: 0,
        stageTimedOut: false
    };
}
function updateLogsProgress(sim, host, state) {
    const now = sim.now();
    host.logsInfo = state;
    if (state === 'requested')
        host.logsStartedAt = now;
    if (state === 'completed')
        host.logsCollectedAt = now;
    host.updatedAt = now;
    sim.scheduleHost(host);
}
/** Synchronous refresh after a user update, as the real service does (hosts of the cluster, then the cluster). */
function refreshNow(sim, cluster, host) {
    if (cluster) {
        (0,_machine_cluster_refresh_js__WEBPACK_IMPORTED_MODULE_3__/* .refreshCluster */ .eb)(sim, cluster);
        for (const h of cluster.hosts.values())
            (0,_machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__/* .refreshHost */ .aJ)(sim, h);
        (0,_machine_cluster_refresh_js__WEBPACK_IMPORTED_MODULE_3__/* .refreshCluster */ .eb)(sim, cluster);
    }
    else if (host)
        (0,_machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__/* .refreshHost */ .aJ)(sim, host);
}
const UPDATABLE = new Set([
    ..._model_types_js__WEBPACK_IMPORTED_MODULE_5__/* .DISCOVERY_STATUSES */ .a6,
    'binding',
    'discovering-unbound',
    'insufficient-unbound',
    'known-unbound',
    'disconnected-unbound'
]);
/** `PATCH /v2/infra-envs/{ie}/hosts/{h}` (201). */
function updateHost(sim, host, update) {
    if (!UPDATABLE.has(host.status))
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('HOST_WRONG_STATE', 'update', host.id, host.status);
    const cluster = sim.store.clusterOf(host);
    const now = sim.now();
    if (update.host_name !== undefined && update.host_name !== null) {
        const problem = (0,_validations_host_validations_js__WEBPACK_IMPORTED_MODULE_6__/* .hostnameProblem */ .RH)(update.host_name);
        if (problem)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INVALID_HOST_PARAMS', problem);
        if (cluster) {
            detachHostname(cluster, host);
            host.requestedHostname = update.host_name;
            attachHostname(cluster, host);
            sim.markClusterHostsDirty(cluster);
        }
        else
            host.requestedHostname = update.host_name;
    }
    if (update.host_role) {
        if (!cluster)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INVALID_HOST_PARAMS', 'a host without a cluster has no role');
        if (cluster.isSingleNode() && update.host_role !== 'master')
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INVALID_HOST_PARAMS', 'the host of a single-node cluster must be a master');
        if (host.role !== update.host_role) {
            host.role = update.host_role;
            sim.markClusterHostsDirty(cluster);
        }
    }
    for (const disk of update.disks_selected_config ?? []) {
        if (disk.role === 'install' && disk.id)
            host.userDiskId = disk.id;
    }
    if (update.disks_skip_formatting) {
        const skipped = new Set(host.skipFormattingDisks ? host.skipFormattingDisks.split(',') : []);
        for (const d of update.disks_skip_formatting) {
            if (!d.disk_id)
                continue;
            if (d.skip_formatting)
                skipped.add(d.disk_id);
            else
                skipped.delete(d.disk_id);
        }
        host.skipFormattingDisks = [...skipped].filter(Boolean).join(',');
    }
    if (update.machine_config_pool_name !== undefined && update.machine_config_pool_name !== null)
        host.machineConfigPoolName = update.machine_config_pool_name;
    if (update.node_labels)
        host.nodeLabels = JSON.stringify(Object.fromEntries(update.node_labels.map(l => [l.key ?? '', l.value ?? ''])));
    host.updatedAt = now;
    sim.hostEvent(host, 'info', 'host_updated', `Host ${sim.hostName(host)}: updated`);
    refreshNow(sim, cluster, host);
    return host;
}
function detachHostname(cluster, host) {
    const name = host.hostname();
    if (!name)
        return;
    const n = (cluster.hostnameCounts.get(name) ?? 0) - 1;
    if (n <= 0)
        cluster.hostnameCounts.delete(name);
    else
        cluster.hostnameCounts.set(name, n);
}
function attachHostname(cluster, host) {
    const name = host.hostname();
    if (name)
        cluster.hostnameCounts.set(name, (cluster.hostnameCounts.get(name) ?? 0) + 1);
}
/** `POST .../actions/bind` (late binding, service-behavior §1.11). */
function bindHost(sim, host, clusterId) {
    const infraEnv = getInfraEnv(sim, host.infraEnvId);
    if (infraEnv.clusterId)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INFRA_ENV_BOUND', infraEnv.id, infraEnv.clusterId, 'bind');
    const cluster = sim.store.clusters.get(clusterId);
    if (!cluster)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('CLUSTER_NOT_FOUND', clusterId);
    if (host.status !== 'known-unbound')
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('HOST_WRONG_STATE', 'bind', host.id, host.status);
    if (!ACCEPTS_NEW_HOSTS.has(cluster.status))
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('CLUSTER_CANNOT_ACCEPT_HOSTS', cluster.id, cluster.status);
    host.clusterId = cluster.id;
    (0,_model_store_js__WEBPACK_IMPORTED_MODULE_9__/* .attachHost */ .OF)(cluster, host);
    (0,_host_reset_js__WEBPACK_IMPORTED_MODULE_8__/* .resetDiscoveryData */ ._7)(sim, host);
    sim.setHostStatus(host, 'binding', _machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__/* .HOST_INFO */ .I7.binding);
    sim.hostEvent(host, 'info', 'host_bind_succeeded', `Host ${sim.hostName(host)}: bound to cluster ${cluster.id}`);
    sim.markClusterDirty(cluster);
    return host;
}
const UNBIND_PRE_INSTALL = new Set([
    ..._model_types_js__WEBPACK_IMPORTED_MODULE_5__/* .DISCOVERY_STATUSES */ .a6,
    'binding',
    'preparing-for-installation',
    'preparing-successful',
    'preparing-failed',
    'error',
    'cancelled',
    'resetting',
    'resetting-pending-user-action'
]);
const UNBIND_INSTALLING = new Set([
    'installing',
    'installing-in-progress',
    'installing-pending-user-action',
    'installed',
    'added-to-existing-cluster'
]);
/** `POST .../actions/unbind`. */
function unbindHost(sim, host) {
    const infraEnv = getInfraEnv(sim, host.infraEnvId);
    if (infraEnv.clusterId)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INFRA_ENV_BOUND', infraEnv.id, infraEnv.clusterId, 'unbind');
    const cluster = sim.store.clusterOf(host);
    let status;
    if (cluster && UNBIND_PRE_INSTALL.has(host.status))
        status = 'unbinding';
    else if (cluster && UNBIND_INSTALLING.has(host.status))
        status = 'unbinding-pending-user-action';
    else
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('HOST_WRONG_STATE', 'unbind', host.id, host.status);
    (0,_model_store_js__WEBPACK_IMPORTED_MODULE_9__/* .detachHost */ .Ej)(cluster, host);
    host.clusterId = null;
    (0,_host_reset_js__WEBPACK_IMPORTED_MODULE_8__/* .clearClusterData */ .sJ)(host);
    sim.setHostStatus(host, status, status === 'unbinding'
        ? 'Host is waiting to be unbound from the cluster'
        : 'Host is unbound from the cluster; reboot it into the discovery image to reuse it');
    sim.markClusterDirty(cluster);
    sim.markClusterHostsDirty(cluster);
    return host;
}
/** `POST .../actions/install` (202): installs one day-2 host that is known. */
function installHost(sim, host) {
    const cluster = sim.store.clusterOf(host);
    if (!cluster || host.kind !== 'AddToExistingClusterHost')
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('NOT_DAY2');
    if (host.status !== 'known')
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('HOST_WRONG_STATE', 'install', host.id, host.status);
    if (host.role === 'auto-assign')
        host.role = 'worker';
    host.progress = null;
    sim.setHostStatus(host, 'installing', _machine_host_refresh_js__WEBPACK_IMPORTED_MODULE_4__/* .HOST_INFO */ .I7.installing);
    return host;
}
const RESETTABLE = new Set([
    'error',
    'cancelled',
    'installing-pending-user-action',
    'added-to-existing-cluster',
    'installed',
    'installing',
    'installing-in-progress'
]);
/** `POST .../actions/reset`: only for hosts being added to an existing cluster. */
function resetHost(sim, host) {
    const cluster = sim.store.clusterOf(host);
    if (!cluster || cluster.kind !== 'AddHostsCluster')
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('NOT_DAY2');
    if (!RESETTABLE.has(host.status))
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('HOST_WRONG_STATE', 'reset', host.id, host.status);
    host.progress = null;
    host.logsInfo = '';
    sim.setHostStatus(host, 'resetting', 'Resetting the host installation');
    return host;
}
function deregisterHost(sim, host) {
    const cluster = sim.store.clusterOf(host);
    sim.hostEvent(host, 'info', 'host_deregistered', `Host ${sim.hostName(host)}: deregistered`);
    sim.store.removeHost(host);
    sim.dirtyHosts.delete(host);
    if (cluster) {
        cluster.connectivityDirty = true;
        sim.markClusterDirty(cluster);
        sim.markClusterHostsDirty(cluster);
    }
}
//# sourceMappingURL=host-service.js.map

/***/ }),

/***/ 68145:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MU: () => (/* binding */ deregisterInfraEnv),
/* harmony export */   ZW: () => (/* binding */ registerInfraEnv),
/* harmony export */   b8: () => (/* binding */ imageUrl),
/* harmony export */   n$: () => (/* binding */ updateInfraEnv)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _config_releases_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43650);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(18796);
/* harmony import */ var _model_types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(21876);
/* harmony import */ var _host_service_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(44591);
/* harmony import */ var _pull_secret_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(43765);
/* harmony import */ var _core_stored_text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(45966);







const IMAGE_EXPIRATION_MS = 4 * 60 * 60 * 1000;
function applyCommon(infraEnv, p) {
    if (p.pull_secret !== undefined) {
        (0,_pull_secret_js__WEBPACK_IMPORTED_MODULE_5__/* .checkPullSecret */ .C)(p.pull_secret);
        infraEnv.pullSecret = p.pull_secret;
    }
    if (p.ssh_authorized_key !== undefined && p.ssh_authorized_key !== null)
        infraEnv.sshAuthorizedKey = p.ssh_authorized_key;
    if (p.image_type)
        infraEnv.imageType = p.image_type;
    if (p.proxy) {
        infraEnv.proxy = Object.fromEntries(Object.entries(p.proxy).filter(([, v]) => typeof v === 'string'));
    }
    if (p.additional_ntp_sources !== undefined && p.additional_ntp_sources !== null)
        infraEnv.additionalNtpSources = p.additional_ntp_sources;
    if (p.ignition_config_override !== undefined)
        infraEnv.ignitionConfigOverride = p.ignition_config_override;
    if (p.static_network_config)
        infraEnv.staticNetworkConfig = p.static_network_config.length
            ? JSON.stringify(p.static_network_config)
            : '';
    if (p.kernel_arguments)
        infraEnv.kernelArguments = p.kernel_arguments.length ? JSON.stringify(p.kernel_arguments) : '';
    if (p.additional_trust_bundle !== undefined && p.additional_trust_bundle !== null)
        infraEnv.additionalTrustBundle = p.additional_trust_bundle;
}
/** `POST /v2/infra-envs` (201). */
function registerInfraEnv(sim, p) {
    const now = sim.now();
    const infraEnv = new _model_types_js__WEBPACK_IMPORTED_MODULE_3__/* .InfraEnvRecord */ .BW((0,_core_stored_text_js__WEBPACK_IMPORTED_MODULE_6__/* .keptText */ .G)((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()), now);
    infraEnv.name = p.name;
    const arch = p.cpu_architecture ?? 'x86_64';
    if (p.cluster_id) {
        const cluster = sim.store.clusters.get(p.cluster_id);
        if (!cluster)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('CLUSTER_NOT_FOUND', p.cluster_id);
        if (cluster.cpuArchitecture !== 'multi' &&
            (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeArch */ .qA)(cluster.cpuArchitecture) !== (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeArch */ .qA)(arch)) {
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INVALID_HOST_PARAMS', `infra-env CPU architecture ${arch} does not match the cluster's ${cluster.cpuArchitecture}`);
        }
        infraEnv.clusterId = cluster.id;
        infraEnv.openshiftVersion = cluster.openshiftVersion;
    }
    else {
        const requested = p.openshift_version ||
            sim.opts.releaseImages.find(r => r.default)?.version ||
            _config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_RELEASE_IMAGES */ .xd[0].version;
        infraEnv.openshiftVersion =
            (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .findReleaseImage */ .CU)(sim.opts.releaseImages, requested, arch)?.version ?? requested;
    }
    infraEnv.cpuArchitecture = arch;
    if (!(0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .findOsImage */ .z$)(sim.opts.osImages, infraEnv.openshiftVersion, arch))
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('NO_OS_IMAGE', (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .minorOf */ .Hs)(infraEnv.openshiftVersion), arch);
    applyCommon(infraEnv, p);
    infraEnv.expiresAt = now + IMAGE_EXPIRATION_MS;
    sim.store.infraEnvs.set(infraEnv.id, infraEnv);
    return infraEnv;
}
/** `PATCH /v2/infra-envs/{ie}` (201). */
function updateInfraEnv(sim, infraEnvId, p) {
    const infraEnv = (0,_host_service_js__WEBPACK_IMPORTED_MODULE_4__/* .getInfraEnv */ .S3)(sim, infraEnvId);
    if (p.openshift_version && !infraEnv.clusterId) {
        const version = (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .findReleaseImage */ .CU)(sim.opts.releaseImages, p.openshift_version, infraEnv.cpuArchitecture)?.version ??
            p.openshift_version;
        if (!(0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .findOsImage */ .z$)(sim.opts.osImages, version, infraEnv.cpuArchitecture))
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('NO_OS_IMAGE', (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .minorOf */ .Hs)(version), infraEnv.cpuArchitecture);
        infraEnv.openshiftVersion = version;
    }
    applyCommon(infraEnv, p);
    infraEnv.updatedAt = sim.now();
    infraEnv.expiresAt = infraEnv.updatedAt + IMAGE_EXPIRATION_MS;
    return infraEnv;
}
/** `DELETE /v2/infra-envs/{ie}` (204): refused while hosts remain. */
function deregisterInfraEnv(sim, infraEnvId) {
    const infraEnv = (0,_host_service_js__WEBPACK_IMPORTED_MODULE_4__/* .getInfraEnv */ .S3)(sim, infraEnvId);
    if (infraEnv.hosts.size)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .simError */ .I_)('INFRA_ENV_HAS_HOSTS', infraEnv.id, infraEnv.hosts.size);
    sim.store.infraEnvs.delete(infraEnv.id);
}
/** The image-service URL of the discovery ISO. */
function imageUrl(sim, infraEnv) {
    const params = new URLSearchParams({
        arch: infraEnv.cpuArchitecture,
        type: infraEnv.imageType,
        version: (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_1__/* .minorOf */ .Hs)(infraEnv.openshiftVersion)
    });
    if (sim.opts.agentKey)
        params.set('api_key', sim.opts.agentKey);
    return `${sim.imageServiceUrl()}/images/${infraEnv.id}?${params.toString()}`;
}
//# sourceMappingURL=infra-env-service.js.map

/***/ }),

/***/ 43765:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ checkPullSecret)
/* harmony export */ });
/* unused harmony export pullSecretToken */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(18796);

/**
 * The service's pull-secret check: JSON with an `auths` object whose `auth` values decode to `user:password`
 * (§9: `eDp4` = "x:x" is accepted, `eA==` = "x" is rejected with 400).
 */
function checkPullSecret(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INVALID_PULL_SECRET', 'the pull secret must be a well-formed JSON');
    }
    const auths = parsed?.auths;
    if (!auths || typeof auths !== 'object' || Array.isArray(auths)) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INVALID_PULL_SECRET', "the pull secret must contain an 'auths' JSON-object field");
    }
    for (const [registry, entry] of Object.entries(auths)) {
        const auth = entry?.auth;
        if (typeof auth !== 'string')
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INVALID_PULL_SECRET', `the auth for registry ${registry} must be a string`);
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(auth))
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INVALID_PULL_SECRET', `the auth for registry ${registry} is not base64`);
        const decoded = Buffer.from(auth, 'base64').toString('utf8');
        if (!decoded.includes(':'))
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .simError */ .I_)('INVALID_PULL_SECRET', `the auth for registry ${registry} must decode to 'user:password'`);
    }
}
/** The token agents present as X-Secret-Key in rhsso mode: the `cloud.openshift.com` auth, else the first one. */
function pullSecretToken(text) {
    try {
        const auths = JSON.parse(text).auths ?? {};
        return auths['cloud.openshift.com']?.auth ?? Object.values(auths)[0]?.auth ?? '';
    }
    catch {
        return '';
    }
}
//# sourceMappingURL=pull-secret.js.map

/***/ }),

/***/ 95263:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kc: () => (/* binding */ clusterValidationIgnored),
/* harmony export */   o8: () => (/* binding */ CLUSTER_VALIDATIONS),
/* harmony export */   wP: () => (/* binding */ evaluateClusterValidations)
/* harmony export */ });
/* unused harmony exports CLUSTER_VALIDATION_INDEX, roleCounts, clusterHosts */
/* harmony import */ var _config_releases_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(43650);
/* harmony import */ var _net_ip_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1022);
/* harmony import */ var _host_validations_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(81965);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(98068);




const CLUSTER_VALIDATIONS = [
    { id: 'machine-cidr-defined', category: 'network', gate: 'INPUT' },
    { id: 'cluster-cidr-defined', category: 'network', gate: 'INPUT' },
    { id: 'service-cidr-defined', category: 'network', gate: 'INPUT' },
    { id: 'no-cidrs-overlapping', category: 'network', gate: 'REQ' },
    { id: 'networks-same-address-families', category: 'network', gate: 'REQ' },
    { id: 'network-prefix-valid', category: 'network', gate: 'REQ' },
    { id: 'machine-cidr-equals-to-calculated-cidr', category: 'network', gate: 'REQ' },
    { id: 'api-vips-defined', category: 'network', gate: 'INPUT', mandatory: true },
    { id: 'api-vips-valid', category: 'network', gate: 'REQ' },
    { id: 'ingress-vips-defined', category: 'network', gate: 'INPUT', mandatory: true },
    { id: 'ingress-vips-valid', category: 'network', gate: 'REQ' },
    { id: 'all-hosts-are-ready-to-install', category: 'hosts-data', gate: 'REQ', mandatory: true },
    { id: 'sufficient-masters-count', category: 'hosts-data', gate: 'REQ', mandatory: true },
    { id: 'dns-domain-defined', category: 'network', gate: 'INPUT' },
    { id: 'pull-secret-set', category: 'configuration', gate: 'INPUT', mandatory: true },
    { id: 'ntp-server-configured', category: 'network', gate: 'REQ' },
    { id: 'network-type-valid', category: 'network', gate: 'REQ' },
    { id: 'custom-manifests-requirements-satisfied', category: 'configuration', gate: 'REQ' },
    { id: 'platform-requirements-satisfied', category: 'configuration', gate: 'INFO' },
    ...[..._host_validations_js__WEBPACK_IMPORTED_MODULE_2__/* .OPERATOR_IDS */ .Qf, 'openshift-ai-gpu'].map(op => ({
        id: `${op}-requirements-satisfied`,
        category: 'operators',
        gate: 'REQ'
    }))
];
const CLUSTER_VALIDATION_INDEX = new Map(CLUSTER_VALIDATIONS.map((v, i) => [v.id, i]));
const READY_HOST_STATUSES = new Set(['known', 'preparing-for-installation', 'preparing-successful']);
const NTP_SKIPPED = new Set(['disconnected', 'discovering', 'resetting-pending-user-action']);
function hostsWithInventory(cluster) {
    let n = 0;
    for (const h of cluster.hosts.values())
        if (h.inv)
            n++;
    return n;
}
/** Counts master and worker hosts, counting auto-assign hosts by their suggested role. */
function roleCounts(cluster) {
    const counts = { masters: 0, workers: 0, arbiters: 0, unassigned: 0 };
    for (const h of cluster.hosts.values()) {
        const role = h.bootstrap ? 'master' : h.effectiveRole();
        if (role === 'master' || role === 'bootstrap')
            counts.masters++;
        else if (role === 'worker')
            counts.workers++;
        else if (role === 'arbiter')
            counts.arbiters++;
        else
            counts.unassigned++;
    }
    return counts;
}
function vipValid(_sim, cluster, vips, kind) {
    const label = `${kind} vips`;
    if (cluster.userManagedNetworking || cluster.isSingleNode())
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)(`${kind} vips are not required: User Managed Networking`);
    if (vips.length === 0)
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .pend */ .Y7)(`${label} undefined`);
    if (cluster.machineNetworks.length === 0)
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .pend */ .Y7)(`${label} cannot be validated: machine network CIDR is undefined`);
    const nets = cluster.machineNetworks
        .map(m => (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCidr */ .GN)(m.cidr))
        .filter((n) => n !== undefined);
    const other = kind === 'api' ? cluster.ingressVips : cluster.apiVips;
    for (const vip of vips) {
        const ip = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseIp */ .r5)(vip.ip);
        if (!ip)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`${label} ${vip.ip} is not a valid IP address`);
        const net = nets.find(n => (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .cidrContains */ .eX)(n, ip));
        if (!net)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`${label} <${vip.ip}> does not belong to machine-network-cidr <${cluster.machineNetworks[0].cidr}>`);
        if (ip.family === 4 && (ip.value === (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .broadcastOf */ .hm)(net) || ip.value === net.network)) {
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`${label} <${vip.ip}> is the broadcast or network address of machine-network-cidr <${cluster.machineNetworks[0].cidr}>`);
        }
        if (!cluster.vipDhcpAllocation && other.some(o => o.ip === vip.ip))
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`${label} <${vip.ip}> is already used by the other VIP type`);
        if (vip.verification === 'failed')
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`${label} <${vip.ip}> is already in use in cidr ${cluster.machineNetworks[0].cidr}`);
        if (vip.verification !== 'succeeded' && !inFreeAddresses(cluster, vip.ip))
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`${label} <${vip.ip}> is not verified yet.`);
    }
    return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)(`${label} ${vips.map(v => v.ip).join(',')} belongs to the Machine CIDR and is not in use.`);
}
function inFreeAddresses(cluster, ip) {
    for (const h of cluster.hosts.values()) {
        if (!h.freeAddresses)
            continue;
        try {
            const lists = JSON.parse(h.freeAddresses);
            if (lists.some(l => l.free_addresses?.includes(ip)))
                return true;
        }
        catch {
            // a malformed stored list counts as absent
        }
    }
    return false;
}
function allNetworks(cluster) {
    return [
        ...cluster.machineNetworks.map(n => ({ name: `machine network ${n.cidr}`, net: (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCidr */ .GN)(n.cidr) })),
        ...cluster.clusterNetworks.map(n => ({ name: `cluster network ${n.cidr}`, net: (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCidr */ .GN)(n.cidr) })),
        ...cluster.serviceNetworks.map(n => ({ name: `service network ${n.cidr}`, net: (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCidr */ .GN)(n.cidr) }))
    ];
}
const CHECKS = {
    'machine-cidr-defined': (_sim, c) => {
        if (c.userManagedNetworking && !c.isSingleNode())
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('No Machine Network CIDR needed: User Managed Networking');
        if (c.machineNetworks.length)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The Machine Network CIDR is defined.');
        if (hostsWithInventory(c) === 0)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .pend */ .Y7)('Hosts have not been discovered yet');
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(c.isSingleNode()
            ? 'The Machine Network CIDR is undefined; it is derived from the host network once the host reports its inventory'
            : 'The Machine Network CIDR is undefined; setting either the API or Ingress virtual IPs will automatically calculate it');
    },
    'cluster-cidr-defined': (_sim, c) => c.clusterNetworks.length
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The Cluster Network CIDR is defined.')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('The Cluster Network CIDR is undefined.'),
    'service-cidr-defined': (_sim, c) => c.serviceNetworks.length
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The Service Network CIDR is defined.')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('The Service Network CIDR is undefined.'),
    'no-cidrs-overlapping': (_sim, c) => {
        const nets = allNetworks(c);
        for (let i = 0; i < nets.length; i++) {
            for (let j = i + 1; j < nets.length; j++) {
                const a = nets[i];
                const b = nets[j];
                if (a.net && b.net && (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .cidrsOverlap */ .hj)(a.net, b.net))
                    return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`CIDRS ${a.name} and ${b.name} overlap`);
            }
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('No CIDRS are overlapping.');
    },
    'networks-same-address-families': (_sim, c) => {
        const families = (list) => [...new Set(list.map(n => (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCidr */ .GN)(n.cidr)?.family).filter(Boolean))].sort().join(',');
        const sets = [
            families(c.clusterNetworks),
            families(c.serviceNetworks),
            ...(c.machineNetworks.length ? [families(c.machineNetworks)] : [])
        ];
        return sets.every(s => s === sets[0])
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('Same address families for all networks.')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('Address families of networks are not the same.');
    },
    'network-prefix-valid': (_sim, c) => {
        for (const n of c.clusterNetworks) {
            const net = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCidr */ .GN)(n.cidr);
            if (!net)
                return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`Cluster network CIDR ${n.cidr} is not valid`);
            const maxPrefix = net.family === 4 ? 30 : 128;
            if (n.host_prefix <= net.prefix || n.host_prefix > maxPrefix) {
                return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`Host prefix ${n.host_prefix} is not valid for cluster network ${n.cidr}`);
            }
            const subnets = 2 ** Math.min(60, n.host_prefix - net.prefix);
            const needed = Math.max(4, c.hosts.size);
            if (subnets < needed) {
                return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`Cluster network CIDR prefix ${net.prefix} does not contain enough addresses for ${needed} hosts each one with ${n.host_prefix} prefix (${subnets} subnets)`);
            }
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The Cluster Network prefix is valid.');
    },
    'machine-cidr-equals-to-calculated-cidr': (_sim, c) => {
        if (c.userManagedNetworking || c.isSingleNode() || c.vipDhcpAllocation)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The Cluster Machine CIDR is not required: User Managed Networking');
        if (c.apiVips.length === 0 && c.ingressVips.length === 0)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .pend */ .Y7)('The Machine Network CIDR, API virtual IPs, or Ingress virtual IPs are undefined.');
        if (c.machineNetworks.length === 0)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .pend */ .Y7)('The Machine Network CIDR is undefined.');
        const vips = [...c.apiVips, ...c.ingressVips];
        const nets = c.machineNetworks.map(m => (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCidr */ .GN)(m.cidr)).filter((n) => n !== undefined);
        const allInside = vips.every(v => {
            const ip = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .parseIp */ .r5)(v.ip);
            return ip !== undefined && nets.some(n => (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_1__/* .cidrContains */ .eX)(n, ip));
        });
        return allInside
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The Cluster Machine CIDR is equivalent to the calculated CIDR.')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('The Cluster Machine CIDR is not the same as the one calculated from the API and ingress virtual IPs.');
    },
    'api-vips-defined': (_sim, c) => {
        if (c.userManagedNetworking || c.isSingleNode())
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('API virtual IPs are not required: User Managed Networking');
        if (c.apiVips.length)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('API virtual IPs are defined.');
        return c.vipDhcpAllocation
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .pend */ .Y7)('API virtual IPs are waiting for DHCP allocation')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('API virtual IPs are undefined and must be provided.');
    },
    'api-vips-valid': (sim, c) => vipValid(sim, c, c.apiVips, 'api'),
    'ingress-vips-defined': (_sim, c) => {
        if (c.userManagedNetworking || c.isSingleNode())
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('Ingress virtual IPs are not required: User Managed Networking');
        if (c.ingressVips.length)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('Ingress virtual IPs are defined.');
        return c.vipDhcpAllocation
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .pend */ .Y7)('Ingress virtual IPs are waiting for DHCP allocation')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('Ingress virtual IPs are undefined and must be provided.');
    },
    'ingress-vips-valid': (sim, c) => vipValid(sim, c, c.ingressVips, 'ingress'),
    'all-hosts-are-ready-to-install': (_sim, c) => {
        if (c.hosts.size === 0)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('The cluster has no hosts.');
        for (const h of c.hosts.values())
            if (!READY_HOST_STATUSES.has(h.status))
                return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('The cluster has hosts that are not ready to install.');
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('All hosts in the cluster are ready to install.');
    },
    'sufficient-masters-count': (_sim, c) => {
        const counts = roleCounts(c);
        if (c.isSingleNode()) {
            return counts.masters + counts.unassigned === 1 && counts.workers === 0 && c.hosts.size === 1
                ? (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The cluster has the exact amount of dedicated control plane nodes.')
                : (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('Single-node clusters must have a single control plane node and no workers.');
        }
        const want = c.controlPlaneCount;
        if (want === 2) {
            return counts.masters === 2 && counts.arbiters >= 1
                ? (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The cluster has the exact amount of dedicated control plane nodes.')
                : (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('A two-node control plane needs exactly 2 control plane nodes and an arbiter node.');
        }
        if (counts.masters !== want) {
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`The cluster must have exactly ${want} dedicated control plane nodes. Add or remove hosts, or change their roles configurations to meet the requirement.`);
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The cluster has the exact amount of dedicated control plane nodes.');
    },
    'dns-domain-defined': (_sim, c) => c.baseDnsDomain
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The base domain is defined.')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('The base domain is undefined and must be provided.'),
    'pull-secret-set': (_sim, c) => c.pullSecret ? (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The pull secret is set.') : (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)('The pull secret is not set.'),
    'ntp-server-configured': (_sim, c) => {
        let min = Infinity;
        let max = -Infinity;
        for (const h of c.hosts.values()) {
            if (!h.timestamp || NTP_SKIPPED.has(h.status))
                continue;
            min = Math.min(min, h.timestamp);
            max = Math.max(max, h.timestamp);
        }
        if (max - min > 240) {
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)("Hosts' clocks are not synchronized (there's a difference of more than 4 minutes between them); please configure an NTP server via DHCP or set clock manually.");
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('No ntp problems found');
    },
    'network-type-valid': (_sim, c) => {
        if (c.networkType === 'OpenShiftSDN' &&
            (c.isSingleNode() || (0,_config_releases_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(c.openshiftVersion, '4.15') >= 0)) {
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__/* .fail */ .fJ)(`Network type OpenShiftSDN is not supported ${c.isSingleNode() ? 'for single-node clusters' : `in OpenShift ${c.openshiftVersion}`}; use OVNKubernetes`);
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('The cluster has a valid network type');
    },
    'custom-manifests-requirements-satisfied': () => (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)('Custom manifests requirements are satisfied'),
    'platform-requirements-satisfied': (_sim, c) => (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)(`Platform requirements for ${c.platformType} are satisfied`)
};
for (const op of [..._host_validations_js__WEBPACK_IMPORTED_MODULE_2__/* .OPERATOR_IDS */ .Qf, 'openshift-ai-gpu']) {
    const result = (0,_status_js__WEBPACK_IMPORTED_MODULE_3__.ok)(`${op} is disabled`);
    CHECKS[`${op}-requirements-satisfied`] = () => result;
}
function evaluateClusterValidations(sim, cluster) {
    const disabled = sim.opts.disabledClusterValidations;
    const useDisabled = cluster.ignoredClusterValidations.length === 0;
    let codes = '';
    const messages = [];
    for (const spec of CLUSTER_VALIDATIONS) {
        if (useDisabled && disabled.has(spec.id)) {
            codes += _status_js__WEBPACK_IMPORTED_MODULE_3__.V.disabled;
            messages.push('Validation disabled');
            continue;
        }
        const result = CHECKS[spec.id](sim, cluster);
        codes += result.code;
        messages.push(result.message);
    }
    return { codes, messages };
}
function clusterValidationIgnored(cluster, spec) {
    if (spec.mandatory || cluster.ignoredClusterValidations.length === 0)
        return false;
    return (cluster.ignoredClusterValidations.includes('all') || cluster.ignoredClusterValidations.includes(spec.id));
}
/** Hosts the NTP and role checks see; exported for tests. */
function clusterHosts(cluster) {
    return [...cluster.hosts.values()];
}
//# sourceMappingURL=cluster-validations.js.map

/***/ }),

/***/ 81965:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ed: () => (/* binding */ HOST_VALIDATIONS),
/* harmony export */   I7: () => (/* binding */ evaluateHostValidations),
/* harmony export */   Qf: () => (/* binding */ OPERATOR_IDS),
/* harmony export */   RH: () => (/* binding */ hostnameProblem),
/* harmony export */   f8: () => (/* binding */ skippedDisks),
/* harmony export */   uR: () => (/* binding */ hostValidationIgnored),
/* harmony export */   y8: () => (/* binding */ HOST_VALIDATION_INDEX)
/* harmony export */ });
/* harmony import */ var _core_deadlines_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(59454);
/* harmony import */ var _host_dns_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7485);
/* harmony import */ var _host_inventory_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87722);
/* harmony import */ var _host_requirements_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(56016);
/* harmony import */ var _cluster_connectivity_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73872);
/* harmony import */ var _net_ip_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1022);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(98068);







const OPERATOR_IDS = [
    'lso',
    'odf',
    'lvm',
    'mce',
    'mtv',
    'osc',
    'cnv',
    'node-feature-discovery',
    'nvidia-gpu',
    'pipelines',
    'servicemesh',
    'serverless',
    'openshift-ai',
    'authorino',
    'nmstate',
    'amd-gpu',
    'kmm',
    'node-healthcheck',
    'self-node-remediation',
    'fence-agents-remediation',
    'node-maintenance',
    'kube-descheduler',
    'cluster-observability',
    'numa-resources',
    'oadp',
    'metallb',
    'loki',
    'openshift-logging'
];
const HOST_VALIDATIONS = [
    { id: 'connected', category: 'network', gate: 'GATE', unbound: true, mandatory: true },
    { id: 'media-connected', category: 'network', gate: 'GATE', unbound: true },
    { id: 'has-inventory', category: 'hardware', gate: 'GATE', unbound: true, mandatory: true },
    { id: 'inventory-not-fully-truncated', category: 'hardware', gate: 'GATE', unbound: true, mandatory: true },
    { id: 'inventory-not-partially-truncated', category: 'hardware', gate: 'INFO' },
    { id: 'has-min-cpu-cores', category: 'hardware', gate: 'MIN', unbound: true },
    { id: 'has-min-valid-disks', category: 'hardware', gate: 'MIN', unbound: true },
    { id: 'has-min-memory', category: 'hardware', gate: 'MIN', unbound: true },
    { id: 'compatible-with-cluster-platform', category: 'hardware', gate: 'MIN' },
    { id: 'disk-encryption-requirements-satisfied', category: 'hardware', gate: 'MIN' },
    { id: 'machine-cidr-defined', category: 'network', gate: 'INPUT', mandatory: true },
    { id: 'vsphere-disk-uuid-enabled', category: 'hardware', gate: 'VSPHERE' },
    { id: 'has-cpu-cores-for-role', category: 'hardware', gate: 'SUFF' },
    { id: 'has-memory-for-role', category: 'hardware', gate: 'SUFF' },
    { id: 'hostname-unique', category: 'hardware', gate: 'SUFF', mandatory: true },
    { id: 'hostname-valid', category: 'hardware', gate: 'SUFF', unbound: true, mandatory: true },
    { id: 'belongs-to-machine-cidr', category: 'network', gate: 'SUFF' },
    { id: 'ignition-downloadable', category: 'network', gate: 'SUFF' },
    { id: 'belongs-to-majority-group', category: 'network', gate: 'SUFF' },
    { id: 'valid-platform-network-settings', category: 'network', gate: 'SUFF' },
    // Informational in code, but a running service named it in the insufficient message (§9): the simulator
    // treats it as blocking, so whatever passes here also passes against the real service.
    { id: 'ntp-synced', category: 'network', gate: 'SUFF' },
    { id: 'time-synced-between-host-and-service', category: 'network', gate: 'SUFF' },
    { id: 'container-images-available', category: 'network', gate: 'SUFF' },
    { id: 'sufficient-installation-disk-speed', category: 'hardware', gate: 'SUFF' },
    { id: 'sufficient-network-latency-requirement-for-role', category: 'network', gate: 'SUFF' },
    { id: 'sufficient-packet-loss-requirement-for-role', category: 'network', gate: 'SUFF' },
    { id: 'has-default-route', category: 'network', gate: 'SUFF' },
    { id: 'api-domain-name-resolved-correctly', category: 'network', gate: 'SUFF' },
    { id: 'api-int-domain-name-resolved-correctly', category: 'network', gate: 'SUFF' },
    { id: 'apps-domain-name-resolved-correctly', category: 'network', gate: 'SUFF' },
    { id: 'dns-wildcard-not-configured', category: 'network', gate: 'SUFF' },
    { id: 'non-overlapping-subnets', category: 'network', gate: 'SUFF' },
    { id: 'compatible-agent', category: 'hardware', gate: 'SUFF' },
    { id: 'no-skip-installation-disk', category: 'hardware', gate: 'SUFF' },
    { id: 'no-skip-missing-disk', category: 'hardware', gate: 'SUFF' },
    { id: 'no-ip-collisions-in-network', category: 'network', gate: 'SUFF' },
    { id: 'no-iscsi-nic-belongs-to-machine-cidr', category: 'network', gate: 'SUFF' },
    { id: 'mtu-valid', category: 'network', gate: 'INFO' },
    ...OPERATOR_IDS.map(op => ({
        id: `${op}-requirements-satisfied`,
        category: 'operators',
        gate: 'SUFF'
    }))
];
const HOST_VALIDATION_INDEX = new Map(HOST_VALIDATIONS.map((v, i) => [v.id, i]));
const LOCALHOST_NAMES = new Set([
    'localhost',
    'localhost.localdomain',
    'localhost4',
    'localhost4.localdomain4',
    'localhost6',
    'localhost6.localdomain6'
]);
const HOSTNAME = /^[a-z0-9][a-z0-9-]{0,62}(?:[.][a-z0-9-]{1,63})*$/;
function hostnameProblem(name) {
    if (!name)
        return 'Missing hostname';
    if (LOCALHOST_NAMES.has(name))
        return `Hostname ${name} is forbidden`;
    if (name.length > 63 || !HOSTNAME.test(name))
        return `Hostname ${name} does not pass the hostname validation`;
    return undefined;
}
/** Everything the host validations read, gathered once per evaluation. */
class Ctx {
    sim;
    host;
    cluster;
    now;
    reqs;
    min;
    version;
    singleNode;
    umn;
    day2;
    dnsCache = null;
    connCache = undefined;
    constructor(sim, host, cluster, now) {
        this.sim = sim;
        this.host = host;
        this.cluster = cluster;
        this.now = now;
        this.reqs = (0,_host_requirements_js__WEBPACK_IMPORTED_MODULE_2__/* .roleRequirements */ .fl)(sim, host, cluster);
        this.min = (0,_host_requirements_js__WEBPACK_IMPORTED_MODULE_2__/* .minimumRequirements */ .hR)(sim, host, cluster);
        this.version = (0,_host_requirements_js__WEBPACK_IMPORTED_MODULE_2__/* .hostVersion */ .Z)(sim, host, cluster);
        this.singleNode = Boolean(cluster?.isSingleNode());
        this.umn = Boolean(cluster?.userManagedNetworking);
        this.day2 = cluster?.kind === 'AddHostsCluster' || host.kind === 'AddToExistingClusterHost';
    }
    dns() {
        if (this.dnsCache === null)
            this.dnsCache = (0,_host_dns_js__WEBPACK_IMPORTED_MODULE_6__/* .parseResolutions */ .fe)(this.host.domainResolutions);
        return this.dnsCache;
    }
    conn() {
        if (this.connCache === undefined)
            this.connCache = (0,_cluster_connectivity_js__WEBPACK_IMPORTED_MODULE_3__/* .parseConnectivity */ .Zf)(this.host);
        return this.connCache;
    }
    roleName() {
        if (this.singleNode)
            return 'master';
        const role = this.host.bootstrap ? 'master' : this.host.effectiveRole();
        return role === 'auto-assign' ? 'worker' : role;
    }
    hostAddresses() {
        const set = new Set();
        for (const nic of this.host.inv?.nics ?? [])
            for (const a of [...nic.ipv4, ...nic.ipv6])
                set.add((0,_net_ip_js__WEBPACK_IMPORTED_MODULE_4__/* .addressOf */ .ci)(a));
        return set;
    }
}
const MISSING_INVENTORY = 'Missing inventory';
function needInventory(check) {
    return c => (c.host.inv ? check(c) : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)(MISSING_INVENTORY));
}
function resolvesCorrectly(c, which, label) {
    const cluster = c.cluster;
    if (!cluster || !c.host.inv)
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)(MISSING_INVENTORY);
    const domains = (0,_host_dns_js__WEBPACK_IMPORTED_MODULE_6__/* .clusterDomains */ .qN)(cluster);
    const shown = domains?.[which] ?? `${label}.${cluster.name}`;
    const notRequired = (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`Domain name resolution for the ${shown} domain was successful or not required`);
    if (!c.umn)
        return notRequired;
    if (c.singleNode && !c.day2 && c.sim.opts.enableSingleNodeDnsmasq)
        return notRequired;
    if (!cluster.baseDnsDomain || !domains) {
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .err */ ._q)(`DNS validation for the ${label} domain cannot be completed because the cluster does not have base_dns_domain set. Please update the cluster with the correct base_dns_domain`);
    }
    const dns = c.dns();
    if (!dns)
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)(`DNS validation for the ${shown} domain cannot be completed as the host has not yet provided domain name resolution data`);
    const r = dns.get(domains[which]);
    if (!r || r.ipv4.length + r.ipv6.length + r.cnames.length === 0) {
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`Couldn't resolve domain name ${shown} on the host. To continue installation, create the necessary DNS entries to resolve this domain name to your cluster's ${label === 'apps' ? 'ingress' : 'API'} IP address`);
    }
    const own = c.hostAddresses();
    const selfHit = [...r.ipv4, ...r.ipv6].find(a => own.has(a));
    if (selfHit) {
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`Domain ${shown} must not point at the host's own IP address ${selfHit}; it must resolve to your cluster's ${label === 'apps' ? 'ingress' : 'API'} IP address`);
    }
    return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`Domain name resolution for the ${shown} domain was successful or not required`);
}
/** Network thresholds against peers of the same role, from this host's connectivity report. */
function peerThreshold(c, kind) {
    const what = kind === 'latency' ? 'Network latency' : 'Packet loss';
    const satisfied = (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`${what} requirement has been satisfied.`);
    if (!c.host.inv)
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)(MISSING_INVENTORY);
    const cluster = c.cluster;
    if (!cluster || c.singleNode || c.day2 || cluster.hosts.size <= 1)
        return satisfied;
    const role = c.host.bootstrap ? 'master' : c.host.effectiveRole();
    if (role === 'auto-assign')
        return satisfied;
    const conn = c.conn();
    if (!conn)
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)(`Missing ${kind === 'latency' ? 'network latency' : 'packet loss'} information`);
    const limit = kind === 'latency'
        ? (c.reqs.network_latency_threshold_ms ?? Infinity)
        : (c.reqs.packet_loss_percentage ?? Infinity);
    const problems = [];
    for (const [peerId, report] of conn) {
        const peer = cluster.hosts.get(peerId);
        if (!peer || peer === c.host)
            continue;
        const peerRole = peer.bootstrap ? 'master' : peer.effectiveRole();
        if (peerRole !== role)
            continue;
        for (const [ip, m] of report.l3) {
            const value = kind === 'latency' ? m.rtt : m.loss;
            if (value > limit)
                problems.push(`${ip} (${value}${kind === 'latency' ? ' ms' : '%'})`);
        }
    }
    if (problems.length) {
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`${what} requirement of ${limit}${kind === 'latency' ? ' ms' : '%'} for role ${role} not met by connections to: ${problems.slice(0, 5).join(', ')}`);
    }
    return satisfied;
}
const CHECKS = {
    connected: c => {
        const host = c.host;
        if (!host.checkedInAt)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host is connected');
        if (host.progress?.currentStage && !(0,_core_deadlines_js__WEBPACK_IMPORTED_MODULE_0__/* .isBeforeRebooting */ .BW)(host))
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host is connected');
        return c.now < (0,_core_deadlines_js__WEBPACK_IMPORTED_MODULE_0__/* .disconnectionDeadline */ .r8)(c.sim, host) ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host is connected') : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Host is disconnected');
    },
    'media-connected': c => c.host.mediaDisconnected
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Failed to fetch the installation media: the host lost its connection to the discovery image (media disconnected)')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Media device is connected'),
    'has-inventory': c => c.host.inv
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Valid inventory exists for the host')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Inventory has not been received for the host'),
    'inventory-not-fully-truncated': needInventory(c => c.host.inv.truncation === 'full'
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Inventory has been fully truncated by the agent')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Inventory has not been fully truncated')),
    'inventory-not-partially-truncated': needInventory(c => c.host.inv.truncation === 'partial'
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Inventory has been partially truncated by the agent')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Inventory has not been truncated')),
    'has-min-cpu-cores': needInventory(c => c.host.inv.cpuCount >= c.min.cpu_cores
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Sufficient CPU cores')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`The host is not eligible to participate in Openshift Cluster because the minimum required CPU cores for any role is ${c.min.cpu_cores}, found only ${c.host.inv.cpuCount}`)),
    'has-min-memory': needInventory(c => (0,_host_requirements_js__WEBPACK_IMPORTED_MODULE_2__/* .memoryEnough */ .Cz)(c.host.inv.physicalBytes, c.host.inv.memoryMethod, c.min.ram_mib)
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Sufficient minimum RAM')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`The host is not eligible to participate in Openshift Cluster because the minimum required RAM for any role is ${c.min.ram_mib / 1024} GiB, found only ${formatGib(c.host.inv.physicalBytes)}`)),
    'has-min-valid-disks': needInventory(c => {
        const disks = c.host.inv.disks;
        if (disks.length === 0)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .err */ ._q)('Failed to detect disks');
        const size = c.cluster ? c.reqs.disk_size_gb : c.min.disk_size_gb;
        const arch = c.host.inv.architecture || c.cluster?.cpuArchitecture || 'x86_64';
        return disks.some(d => (0,_host_inventory_js__WEBPACK_IMPORTED_MODULE_1__/* .diskEligible */ .nv)(d, size, c.version, arch))
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Sufficient disk capacity')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('No eligible disks were found, please check specific disks to see why they are not eligible');
    }),
    'compatible-with-cluster-platform': needInventory(c => {
        const platform = c.cluster?.platformType;
        if (!platform)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('Missing platform');
        if (platform === 'vsphere' && !/vmware/i.test(c.host.inv.manufacturer))
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`Host is not compatible with cluster platform ${platform}`);
        if (platform === 'nutanix' && c.host.inv.productName !== 'AHV')
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`Host is not compatible with cluster platform ${platform}`);
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`Host is compatible with cluster platform ${platform}`);
    }),
    'disk-encryption-requirements-satisfied': needInventory(c => {
        const enc = c.cluster?.diskEncryption;
        if (!enc || enc.enable_on === 'none')
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Disk encryption is disabled');
        const role = c.host.bootstrap ? 'master' : c.host.effectiveRole();
        if (role === 'auto-assign')
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('Missing role assignment');
        const enabledFor = enc.enable_on === 'all' || enc.enable_on.split(',').includes(`${role}s`);
        if (!enabledFor)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`Disk encryption is not enabled for ${role}s`);
        if (enc.mode === 'tang') {
            return c.host.tangConnectivity.includes('"is_success":true')
                ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Installation disk can be encrypted using tang')
                : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Could not validate that all Tang servers are reachable and working');
        }
        return c.host.inv.tpmVersion === '2.0'
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Installation disk can be encrypted using tpmv2')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)("TPM version could not be found, make sure TPM is enabled in host's BIOS");
    }),
    'machine-cidr-defined': c => {
        const cluster = c.cluster;
        if (!cluster)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('Missing cluster');
        if (c.umn || c.day2)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('No Machine Network CIDR needed: User Managed Networking');
        if (cluster.machineNetworks.length)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Machine Network CIDR is defined');
        if (cluster.vipDhcpAllocation)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Machine Network CIDR is undefined');
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Machine Network CIDR is undefined; the Machine Network CIDR can be defined by setting either the API or Ingress virtual IPs');
    },
    'vsphere-disk-uuid-enabled': needInventory(c => {
        if (c.cluster?.platformType !== 'vsphere')
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('VSphere disk.EnableUUID is enabled for this virtual machine');
        return c.host.inv.disks.every(d => d.hasUuid)
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('VSphere disk.EnableUUID is enabled for this virtual machine')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)("VSphere disk.EnableUUID isn't enabled for this virtual machine, it's necessary for disks to be mounted properly");
    }),
    'has-cpu-cores-for-role': needInventory(c => c.host.inv.cpuCount >= c.reqs.cpu_cores
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`Sufficient CPU cores for role ${c.roleName()}`)
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`Require at least ${c.reqs.cpu_cores} CPU cores for ${c.roleName()} role, found only ${c.host.inv.cpuCount}`)),
    'has-memory-for-role': needInventory(c => (0,_host_requirements_js__WEBPACK_IMPORTED_MODULE_2__/* .memoryEnough */ .Cz)(c.host.inv.physicalBytes, c.host.inv.memoryMethod, c.reqs.ram_mib)
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`Sufficient RAM for role ${c.roleName()}`)
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`Require at least ${c.reqs.ram_mib / 1024} GiB RAM for role ${c.roleName()}, found only ${formatGib(c.host.inv.physicalBytes)}`)),
    'hostname-unique': needInventory(c => {
        const name = c.host.hostname();
        if (c.cluster && (c.cluster.hostnameCounts.get(name) ?? 0) > 1)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`Hostname ${name} is not unique in cluster`);
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`Hostname ${name} is unique in cluster`);
    }),
    'hostname-valid': needInventory(c => {
        const problem = hostnameProblem(c.host.hostname());
        return problem ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(problem) : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`Hostname ${c.host.hostname()} is allowed`);
    }),
    'belongs-to-machine-cidr': c => {
        const cluster = c.cluster;
        if (!c.host.inv)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('Missing inventory or machine network CIDR');
        if (c.day2)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('No machine network CIDR validation needed: Day2 host');
        if (c.umn && !c.singleNode && !c.host.bootstrap)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('No machine network CIDR validation needed: User Managed Networking');
        if (!cluster || cluster.machineNetworks.length === 0)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('Missing inventory or machine network CIDR');
        const addresses = c.host.inv.nics
            .flatMap(n => [...n.ipv4, ...n.ipv6])
            .map(a => (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_4__/* .parseIp */ .r5)((0,_net_ip_js__WEBPACK_IMPORTED_MODULE_4__/* .addressOf */ .ci)(a)))
            .filter(x => x !== undefined);
        for (const mn of cluster.machineNetworks) {
            const net = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_4__/* .parseCidr */ .GN)(mn.cidr);
            if (!net || !addresses.some(a => (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_4__/* .cidrContains */ .eX)(net, a))) {
                return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Host does not belong to machine network CIDRs. Verify that the host belongs to every CIDR listed under machine networks');
            }
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host belongs to all machine network CIDRs');
    },
    'ignition-downloadable': c => {
        if (!c.day2)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('No API connectivity needed: Day1');
        if (!c.host.apiVipConnectivity)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('Ignition is not ready, pending API connectivity');
        return c.host.apiVipConnectivity.includes('"is_success":true')
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Ignition is downloadable')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Ignition is not downloadable. Please ensure that the API VIP is reachable from the host');
    },
    'belongs-to-majority-group': c => {
        const cluster = c.cluster;
        if (!c.host.inv)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('Machine Network CIDR or Connectivity Majority Groups missing');
        if (!cluster || c.singleNode || c.day2)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host has connectivity to the majority of hosts in the cluster');
        const keys = c.umn ? ['IPv4'] : cluster.machineNetworks.map(m => m.cidr);
        if (keys.length === 0)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('Machine Network CIDR or Connectivity Majority Groups missing');
        const member = keys.every(k => cluster.majorityGroups.get(k)?.has(c.host.id));
        if (member)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host has connectivity to the majority of hosts in the cluster');
        if (cluster.hosts.size < 3)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('Not enough hosts in cluster to calculate connectivity groups');
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('No connectivity to the majority of hosts in the cluster');
    },
    'valid-platform-network-settings': needInventory(c => c.host.inv.productName === 'OpenStack Compute' && !c.umn
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Platform OpenStack Compute is allowed only for Single Node OpenShift or user-managed networking')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`Platform ${c.host.inv.productName || 'unknown'} is allowed`)),
    'ntp-synced': c => c.host.ntpSynced ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host NTP is synced') : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)("Host couldn't synchronize with any NTP server"),
    'time-synced-between-host-and-service': c => {
        if (!c.host.timestamp)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('Missing host time, the host has not reported it yet');
        const diffMs = c.now - c.host.timestamp * 1000;
        if (diffMs > 20 * 60_000 || -diffMs > 60 * 60_000) {
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Host clock is not synchronized, there is more than 20 minutes gap between clocks, please configure NTP on host');
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host clock is synchronized with service');
    },
    'container-images-available': c => {
        const images = c.host.images;
        if (images) {
            const failed = [...images.values()]
                .filter(i => i.result === 'failure' || ((i.size_bytes ?? 0) > 0 && (i.download_rate ?? 0) < 0.001))
                .map(i => i.name);
            if (failed.length)
                return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`Failed to fetch container images needed for installation from ${failed.join(',')}`);
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('All required container images were either pulled successfully or no attempt was made to pull them');
    },
    'sufficient-installation-disk-speed': c => {
        const result = c.host.diskSpeed;
        if (!result ||
            !result.tested ||
            (c.host.installationDiskId && result.path !== c.host.installationDiskId)) {
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Speed of installation disk has not yet been measured');
        }
        return result.exitCode === 0
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Speed of installation disk is sufficient')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('While preparing the previous installation the installation disk speed measurement failed or was found to be insufficient');
    },
    'sufficient-network-latency-requirement-for-role': c => peerThreshold(c, 'latency'),
    'sufficient-packet-loss-requirement-for-role': c => peerThreshold(c, 'loss'),
    'has-default-route': needInventory(c => c.host.inv.hasDefaultRoute
        ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host has been configured with at least one default route.')
        : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Host has not yet been configured with a default route.')),
    'api-domain-name-resolved-correctly': c => resolvesCorrectly(c, 'api', 'api'),
    'api-int-domain-name-resolved-correctly': c => resolvesCorrectly(c, 'apiInt', 'api-int'),
    'apps-domain-name-resolved-correctly': c => resolvesCorrectly(c, 'apps', 'apps'),
    'dns-wildcard-not-configured': c => {
        const cluster = c.cluster;
        if (c.day2)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('DNS wildcard check is not required for day2');
        const domains = cluster && (0,_host_dns_js__WEBPACK_IMPORTED_MODULE_6__/* .clusterDomains */ .qN)(cluster);
        if (!domains)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('DNS wildcard check is not required without a cluster name and base domain');
        const dns = c.dns();
        if (!dns)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('DNS wildcard check cannot be performed yet because the host has not yet performed DNS resolution');
        const a = dns.get(domains.wildcard);
        const b = dns.get(domains.wildcardDot);
        if (!a || !b)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .err */ ._q)('DNS wildcard check cannot be performed: the host did not report a resolution for the wildcard check names');
        const resolves = (r) => r.ipv4.length + r.ipv6.length + r.cnames.length > 0;
        if (resolves(a) || resolves(b)) {
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`DNS wildcard configuration was detected for domain *.${cluster.name}.${cluster.baseDnsDomain} - the installation will not be able to complete while this record exists. Please remove it to proceed.`);
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('DNS wildcard check was successful');
    },
    'non-overlapping-subnets': needInventory(c => {
        const nets = c.host.inv.nics.flatMap(n => [...n.ipv4, ...n.ipv6].map(a => ({ nic: n.name, net: (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_4__/* .parseCidr */ .GN)(a), text: a })));
        for (let i = 0; i < nets.length; i++) {
            for (let j = i + 1; j < nets.length; j++) {
                const x = nets[i];
                const y = nets[j];
                if (x.nic !== y.nic && x.net && y.net && (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_4__/* .cidrsOverlap */ .hj)(x.net, y.net)) {
                    return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`Address networks are overlapping: ${x.text} (${x.nic}) and ${y.text} (${y.nic})`);
                }
            }
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host subnets are not overlapping');
    }),
    'compatible-agent': c => {
        if (!c.sim.opts.enableUpgradeAgent || c.sim.opts.disabledSteps.has('upgrade-agent'))
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host agent compatibility checking is disabled');
        return c.host.agentVersion === c.sim.opts.agentImage
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Host agent is compatible with the service')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)("This host's agent is not compatible with the service");
    },
    'no-skip-installation-disk': c => {
        const skipped = skippedDisks(c.host);
        if (c.host.installationDiskId && skipped.includes(c.host.installationDiskId)) {
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)("Requesting to skip the formatting of the installation disk is not allowed. The installation disk must be formatted. Please either change this host's installation disk or do not skip the formatting of the installation disk");
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('No request to skip formatting of the installation disk');
    },
    'no-skip-missing-disk': c => {
        const skipped = skippedDisks(c.host);
        if (!c.host.inv)
            return skipped.length
                ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)(MISSING_INVENTORY)
                : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('All disks that have skipped formatting are present in the host inventory');
        const missing = skipped.filter(id => !c.host.inv.disks.some(d => d.id === id || d.byId === id || d.path === id));
        return missing.length
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`One or more of the disks that were requested to be skipped from formatting are missing from the host inventory: ${missing.join(', ')}`)
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('All disks that have skipped formatting are present in the host inventory');
    },
    'no-ip-collisions-in-network': needInventory(c => {
        const collisions = c.cluster?.ipCollisions;
        if (collisions?.size) {
            const mine = [...c.hostAddresses()].filter(a => collisions.has(a));
            if (mine.length)
                return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)(`Collisions detected for host IP addresses: ${mine.join(', ')}`);
        }
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`No IP collisions were detected by host ${c.sim.hostName(c.host)}`);
    }),
    'no-iscsi-nic-belongs-to-machine-cidr': c => {
        const disk = c.host.inv?.disks.find(d => d.id === c.host.installationDiskId);
        if (!disk || disk.driveType !== 'iSCSI')
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Installation disk is not iSCSI');
        const ip = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_4__/* .parseIp */ .r5)(disk.iscsiHostIp);
        if (!ip)
            return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .pend */ .Y7)('The host address used to reach the iSCSI target is not known yet');
        const inMachineNetwork = (c.cluster?.machineNetworks ?? []).some(m => {
            const net = (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_4__/* .parseCidr */ .GN)(m.cidr);
            return net !== undefined && (0,_net_ip_js__WEBPACK_IMPORTED_MODULE_4__/* .cidrContains */ .eX)(net, ip);
        });
        return inMachineNetwork
            ? (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('Network interface connected to the iSCSI disk cannot belong to the machine network CIDRs')
            : (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('Network interface connected to the iSCSI disk does not belong to the machine network CIDRs');
    },
    'mtu-valid': c => {
        const conn = c.conn();
        if (conn)
            for (const r of conn.values())
                if (r.mtuFailed)
                    return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__/* .fail */ .fJ)('MTU is too small for the network');
        return (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)('MTU is ok');
    }
};
for (const op of OPERATOR_IDS) {
    const result = (0,_status_js__WEBPACK_IMPORTED_MODULE_5__.ok)(`${op} is disabled`);
    CHECKS[`${op}-requirements-satisfied`] = () => result;
}
/** Disk ids the user asked not to format (`disks_skip_formatting`). */
function skippedDisks(host) {
    return host.skipFormattingDisks ? host.skipFormattingDisks.split(',').filter(Boolean) : [];
}
function formatGib(bytes) {
    return `${Math.round((bytes / 1024 ** 3) * 100) / 100} GiB`;
}
/** Runs every host validation (the subset for unbound hosts) and applies the disabled list. */
function evaluateHostValidations(sim, host, cluster, now) {
    const ctx = new Ctx(sim, host, cluster, now);
    const unbound = !cluster;
    const disabled = sim.opts.disabledHostValidations;
    const useDisabled = !cluster || cluster.ignoredHostValidations.length === 0;
    let codes = '';
    const messages = [];
    for (const spec of HOST_VALIDATIONS) {
        if (unbound && !spec.unbound) {
            codes += _status_js__WEBPACK_IMPORTED_MODULE_5__.V.absent;
            messages.push('');
            continue;
        }
        if (useDisabled && disabled.has(spec.id)) {
            codes += _status_js__WEBPACK_IMPORTED_MODULE_5__.V.disabled;
            messages.push('Validation disabled');
            continue;
        }
        const result = CHECKS[spec.id](ctx);
        codes += result.code;
        messages.push(result.message);
    }
    return { codes, messages };
}
/** Validations a cluster's ignore list covers (never the mandatory ones). */
function hostValidationIgnored(cluster, spec) {
    if (!cluster || spec.mandatory || cluster.ignoredHostValidations.length === 0)
        return false;
    return cluster.ignoredHostValidations.includes('all') || cluster.ignoredHostValidations.includes(spec.id);
}
//# sourceMappingURL=host-validations.js.map

/***/ }),

/***/ 98068:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ V),
/* harmony export */   Y7: () => (/* binding */ pend),
/* harmony export */   _q: () => (/* binding */ err),
/* harmony export */   fJ: () => (/* binding */ fail),
/* harmony export */   ok: () => (/* binding */ ok),
/* harmony export */   qO: () => (/* binding */ passing),
/* harmony export */   t8: () => (/* binding */ V_NAME)
/* harmony export */ });
/** Validation results are stored one character per validation; these are the characters. */
const V = {
    success: 's',
    failure: 'f',
    pending: 'p',
    error: 'e',
    disabled: 'd',
    /** Not evaluated for this host (unbound hosts use a subset). */
    absent: '-'
};
const V_NAME = {
    s: 'success',
    f: 'failure',
    p: 'pending',
    e: 'error',
    d: 'disabled'
};
/** Only success and disabled count as passing (service-behavior §2.1). */
function passing(code) {
    return code === V.success || code === V.disabled;
}
function ok(message) {
    return { code: V.success, message };
}
function fail(message) {
    return { code: V.failure, message };
}
function pend(message) {
    return { code: V.pending, message };
}
function err(message) {
    return { code: V.error, message };
}
//# sourceMappingURL=status.js.map

/***/ }),

/***/ 42465:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CZ: () => (/* binding */ hostView),
/* harmony export */   KH: () => (/* binding */ iso),
/* harmony export */   WD: () => (/* binding */ eventView),
/* harmony export */   Zs: () => (/* binding */ infraEnvView),
/* harmony export */   a: () => (/* binding */ clusterView),
/* harmony export */   vE: () => (/* binding */ operatorsView)
/* harmony export */ });
/* unused harmony exports hostValidationsInfo, clusterValidationsInfo */
/* harmony import */ var _api_swagger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(342);
/* harmony import */ var _host_stages_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(55655);
/* harmony import */ var _machine_cluster_refresh_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93581);
/* harmony import */ var _service_infra_env_service_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(68145);
/* harmony import */ var _validations_cluster_validations_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(95263);
/* harmony import */ var _validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(81965);
/* harmony import */ var _validations_status_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(98068);







/** Go's zero time, which the real API shows for timestamps never set. */
const ZERO_TIME = '0001-01-01T00:00:00.000Z';
function iso(ms) {
    return ms ? new Date(ms).toISOString() : ZERO_TIME;
}
const GENERIC = {
    s: 'Validation passed',
    f: 'Validation failed',
    p: 'Validation pending',
    e: 'Validation error',
    d: 'Validation disabled'
};
/**
 * `validations_info` as the real service stores it: `{"<category>": [{id, status, message}]}`. Statuses are the
 * ones the last monitor pass stored; messages are re-rendered and fall back to a generic text when the data
 * changed since that pass.
 */
function hostValidationsInfo(sim, host) {
    if (!host.validations)
        return '';
    const cluster = sim.store.clusterOf(host);
    const fresh = (0,_validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .evaluateHostValidations */ .I7)(sim, host, cluster, sim.now());
    const groups = {};
    _validations_host_validations_js__WEBPACK_IMPORTED_MODULE_5__/* .HOST_VALIDATIONS */ .Ed.forEach((spec, i) => {
        const code = host.validations[i];
        if (!code || code === _validations_status_js__WEBPACK_IMPORTED_MODULE_6__.V.absent)
            return;
        const message = fresh.codes[i] === code ? fresh.messages[i] : GENERIC[code];
        (groups[spec.category] ??= []).push({ id: spec.id, status: _validations_status_js__WEBPACK_IMPORTED_MODULE_6__/* .V_NAME */ .t8[code], message });
    });
    return JSON.stringify(groups);
}
function clusterValidationsInfo(sim, cluster) {
    if (!cluster.validations)
        return '';
    const fresh = (0,_validations_cluster_validations_js__WEBPACK_IMPORTED_MODULE_4__/* .evaluateClusterValidations */ .wP)(sim, cluster);
    const groups = {};
    _validations_cluster_validations_js__WEBPACK_IMPORTED_MODULE_4__/* .CLUSTER_VALIDATIONS */ .o8.forEach((spec, i) => {
        const code = cluster.validations[i];
        if (!code)
            return;
        const message = fresh.codes[i] === code ? fresh.messages[i] : GENERIC[code];
        (groups[spec.category] ??= []).push({ id: spec.id, status: _validations_status_js__WEBPACK_IMPORTED_MODULE_6__/* .V_NAME */ .t8[code], message });
    });
    return JSON.stringify(groups);
}
function imagesStatus(host) {
    if (!host.images || host.images.size === 0)
        return '';
    return JSON.stringify(Object.fromEntries(host.images));
}
function disksInfo(host) {
    const r = host.diskSpeed;
    if (!r)
        return '';
    return JSON.stringify({
        [r.path]: { disk_speed: { exit_code: r.exitCode, speed_ms: r.speedMs, tested: r.tested }, path: r.path }
    });
}
/** The swagger `host` model. */
function hostView(sim, host, options = {}) {
    const cluster = sim.store.clusterOf(host);
    const withInventory = options.withInventory ?? true;
    const withConnectivity = options.withConnectivity ?? true;
    const progress = host.progress;
    return {
        kind: host.kind,
        id: host.id,
        href: `${_api_swagger_js__WEBPACK_IMPORTED_MODULE_0__/* .API_BASE */ .tE}/v2/infra-envs/${host.infraEnvId}/hosts/${host.id}`,
        cluster_id: host.clusterId,
        infra_env_id: host.infraEnvId,
        status: host.status,
        status_info: host.statusInfo,
        validations_info: hostValidationsInfo(sim, host),
        logs_info: host.logsInfo,
        status_updated_at: iso(host.statusUpdatedAt),
        progress: {
            current_stage: progress?.currentStage ?? '',
            progress_info: progress?.progressInfo ?? '',
            installation_percentage: progress?.installationPercentage ?? 0,
            stage_started_at: iso(progress?.stageStartedAt ?? 0),
            stage_updated_at: iso(progress?.stageUpdatedAt ?? 0),
            ...(progress?.stageTimedOut ? { stage_timed_out: true } : {})
        },
        stage_started_at: iso(progress?.stageStartedAt ?? 0),
        stage_updated_at: iso(progress?.stageUpdatedAt ?? 0),
        progress_stages: host.clusterId ? [...(0,_host_stages_js__WEBPACK_IMPORTED_MODULE_1__/* .stagesFor */ .v)(host, cluster)] : null,
        connectivity: withConnectivity ? host.connectivity : '',
        api_vip_connectivity: host.apiVipConnectivity,
        tang_connectivity: host.tangConnectivity,
        inventory: withInventory ? host.inventory : '',
        ...(options.stripFreeAddresses ? {} : { free_addresses: host.freeAddresses }),
        ntp_sources: host.ntpSources,
        disks_info: disksInfo(host),
        role: host.role,
        suggested_role: host.suggestedRole || host.role,
        bootstrap: host.bootstrap,
        logs_collected_at: iso(host.logsCollectedAt),
        logs_started_at: iso(host.logsStartedAt),
        installer_version: host.installerVersion,
        installation_disk_path: host.installationDiskPath,
        installation_disk_id: host.installationDiskId,
        updated_at: iso(host.updatedAt),
        created_at: iso(host.createdAt),
        checked_in_at: iso(host.checkedInAt),
        connection_timed_out: host.connectionTimedOut,
        registered_at: iso(host.registeredAt),
        discovery_agent_version: host.agentVersion,
        requested_hostname: host.hostname(),
        user_name: 'admin',
        media_status: host.mediaDisconnected ? 'disconnected' : 'connected',
        deleted_at: null,
        ignition_config_overrides: host.ignitionConfigOverrides,
        installer_args: host.installerArgs,
        timestamp: host.timestamp,
        machine_config_pool_name: host.machineConfigPoolName,
        images_status: imagesStatus(host),
        domain_name_resolutions: host.domainResolutions,
        ignition_endpoint_token_set: false,
        node_labels: host.nodeLabels,
        disks_to_be_formatted: host.disksToBeFormatted,
        skip_formatting_disks: host.skipFormattingDisks
    };
}
function operatorView(cluster, op) {
    return {
        cluster_id: cluster.id,
        name: op.name,
        operator_type: op.operator_type,
        namespace: op.namespace,
        subscription_name: op.subscription_name,
        timeout_seconds: op.timeout_seconds,
        version: op.version,
        properties: op.properties,
        ...(op.status ? { status: op.status } : {}),
        status_info: op.status_info,
        status_updated_at: iso(op.status_updated_at)
    };
}
function operatorsView(cluster, name) {
    return cluster.monitoredOperators.filter(o => !name || o.name === name).map(o => operatorView(cluster, o));
}
const FINALIZING_STAGES = [
    'Waiting for cluster operators',
    'Adding router ca',
    'Applying olm manifests',
    'Waiting for olm operators csv initialization',
    'Waiting for olm operators csv',
    'Waiting for OLM operator setup jobs',
    'Done'
];
function clusterProgress(cluster) {
    const status = cluster.status;
    const hosts = [...cluster.hosts.values()];
    const past = (list) => list.includes(status);
    const preparing = past(['installing', 'installing-pending-user-action', 'finalizing', 'installed'])
        ? 100
        : 0;
    const installing = status === 'installed' || status === 'finalizing'
        ? 100
        : hosts.length && past(['installing', 'installing-pending-user-action'])
            ? Math.round(hosts.reduce((sum, h) => sum + (h.progress?.installationPercentage ?? 0), 0) / hosts.length)
            : 0;
    const stageIndex = FINALIZING_STAGES.indexOf(cluster.progress.finalizingStage);
    const finalizing = status === 'installed'
        ? 100
        : status === 'finalizing' && stageIndex >= 0
            ? Math.round(((stageIndex + 1) / FINALIZING_STAGES.length) * 100)
            : 0;
    return {
        total_percentage: Math.round(preparing * 0.1 + installing * 0.6 + finalizing * 0.3),
        preparing_for_installation_stage_percentage: preparing,
        installing_stage_percentage: installing,
        finalizing_stage_percentage: finalizing,
        ...(cluster.progress.finalizingStage
            ? {
                finalizing_stage: cluster.progress.finalizingStage,
                finalizing_stage_started_at: iso(cluster.progress.finalizingStageStartedAt),
                finalizing_stage_timed_out: cluster.progress.finalizingStageTimedOut
            }
            : {})
    };
}
/** The swagger `cluster` model; `hosts` carry full inventories, `free_addresses` stripped (service-behavior §6). */
function clusterView(sim, cluster, options = {}) {
    const hosts = [...cluster.hosts.values()];
    const umn = cluster.userManagedNetworking;
    return {
        kind: cluster.kind,
        id: cluster.id,
        href: `${_api_swagger_js__WEBPACK_IMPORTED_MODULE_0__/* .API_BASE */ .tE}/v2/clusters/${cluster.id}`,
        name: cluster.name,
        openshift_version: cluster.openshiftVersion,
        ocp_release_image: cluster.releaseImage,
        openshift_cluster_id: cluster.openshiftClusterId || undefined,
        image_info: { created_at: iso(0), expires_at: iso(0) },
        platform: { type: cluster.platformType },
        base_dns_domain: cluster.baseDnsDomain,
        cluster_network_cidr: cluster.clusterNetworks[0]?.cidr ?? '',
        cluster_network_host_prefix: cluster.clusterNetworks[0]?.host_prefix ?? 0,
        service_network_cidr: cluster.serviceNetworks[0]?.cidr ?? '',
        machine_network_cidr: cluster.machineNetworks[0]?.cidr ?? '',
        api_vips: cluster.apiVips.map(v => ({ cluster_id: cluster.id, ip: v.ip, verification: v.verification })),
        ingress_vips: cluster.ingressVips.map(v => ({
            cluster_id: cluster.id,
            ip: v.ip,
            verification: v.verification
        })),
        cluster_networks: cluster.clusterNetworks.map(n => ({ cluster_id: cluster.id, ...n })),
        service_networks: cluster.serviceNetworks.map(n => ({ cluster_id: cluster.id, ...n })),
        machine_networks: cluster.machineNetworks.map(n => ({ cluster_id: cluster.id, ...n })),
        ssh_public_key: cluster.sshPublicKey,
        http_proxy: cluster.httpProxy,
        https_proxy: cluster.httpsProxy,
        no_proxy: cluster.noProxy,
        status: cluster.status,
        status_info: cluster.statusInfo,
        status_updated_at: iso(cluster.statusUpdatedAt),
        progress: clusterProgress(cluster),
        ...(options.withHosts === false
            ? {}
            : { hosts: hosts.map(h => hostView(sim, h, { stripFreeAddresses: true })) }),
        enabled_host_count: hosts.length,
        total_host_count: hosts.length,
        ready_host_count: hosts.filter(h => h.status === 'known').length,
        schedulable_masters: cluster.schedulableMasters,
        schedulable_masters_forced_true: hosts.length < 5,
        updated_at: iso(cluster.updatedAt),
        created_at: iso(cluster.createdAt),
        install_started_at: iso(cluster.installStartedAt),
        install_completed_at: iso(cluster.installCompletedAt),
        host_networks: (0,_machine_cluster_refresh_js__WEBPACK_IMPORTED_MODULE_2__/* .hostNetworks */ .m0)(cluster),
        pull_secret_set: Boolean(cluster.pullSecret),
        vip_dhcp_allocation: cluster.vipDhcpAllocation,
        validations_info: clusterValidationsInfo(sim, cluster),
        logs_info: cluster.logsInfo,
        controller_logs_collected_at: iso(cluster.controllerLogsCollectedAt),
        controller_logs_started_at: iso(cluster.controllerLogsStartedAt),
        connectivity_majority_groups: cluster.majorityGroupsText,
        ip_collisions: cluster.ipCollisionsText,
        ignored_host_validations: cluster.ignoredHostValidations.length
            ? JSON.stringify(cluster.ignoredHostValidations)
            : '',
        ignored_cluster_validations: cluster.ignoredClusterValidations.length
            ? JSON.stringify(cluster.ignoredClusterValidations)
            : '',
        deleted_at: null,
        user_managed_networking: umn,
        additional_ntp_source: cluster.additionalNtpSource,
        monitored_operators: operatorsView(cluster),
        hyperthreading: cluster.hyperthreading,
        network_type: cluster.networkType,
        cpu_architecture: cluster.cpuArchitecture,
        high_availability_mode: cluster.isSingleNode() ? 'None' : 'Full',
        control_plane_count: cluster.controlPlaneCount,
        disk_encryption: cluster.diskEncryption,
        imported: false,
        'last-installation-preparation': cluster.lastPreparation,
        email_domain: 'example.com',
        user_name: 'admin',
        org_id: '',
        tags: cluster.tags,
        load_balancer: { type: umn ? 'user-managed' : cluster.loadBalancerType },
        feature_usage: ''
    };
}
/** The swagger `infra-env` model. */
function infraEnvView(sim, infraEnv) {
    return {
        kind: 'InfraEnv',
        id: infraEnv.id,
        href: `${_api_swagger_js__WEBPACK_IMPORTED_MODULE_0__/* .API_BASE */ .tE}/v2/infra-envs/${infraEnv.id}`,
        name: infraEnv.name,
        type: infraEnv.imageType,
        openshift_version: infraEnv.openshiftVersion,
        cpu_architecture: infraEnv.cpuArchitecture,
        ...(infraEnv.clusterId ? { cluster_id: infraEnv.clusterId } : {}),
        pull_secret_set: Boolean(infraEnv.pullSecret),
        ssh_authorized_key: infraEnv.sshAuthorizedKey,
        proxy: infraEnv.proxy,
        additional_ntp_sources: infraEnv.additionalNtpSources,
        static_network_config: infraEnv.staticNetworkConfig,
        ignition_config_override: infraEnv.ignitionConfigOverride,
        kernel_arguments: infraEnv.kernelArguments || null,
        additional_trust_bundle: infraEnv.additionalTrustBundle,
        download_url: (0,_service_infra_env_service_js__WEBPACK_IMPORTED_MODULE_3__/* .imageUrl */ .b8)(sim, infraEnv),
        size_bytes: 0,
        generator_version: 'assisted-swarm-sim',
        expires_at: iso(infraEnv.expiresAt),
        created_at: iso(infraEnv.createdAt),
        updated_at: iso(infraEnv.updatedAt),
        email_domain: 'example.com',
        user_name: 'admin',
        org_id: ''
    };
}
function eventView(e) {
    return {
        name: e.name,
        ...(e.clusterId ? { cluster_id: e.clusterId } : {}),
        ...(e.hostId ? { host_id: e.hostId } : {}),
        ...(e.infraEnvId ? { infra_env_id: e.infraEnvId } : {}),
        severity: e.severity,
        category: 'user',
        message: e.message,
        event_time: iso(e.time),
        ...(e.props ? { props: e.props } : {})
    };
}
//# sourceMappingURL=views.js.map

/***/ })

};
