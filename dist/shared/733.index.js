export const id = 733;
export const ids = [733];
export const modules = {

/***/ 16129:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EX: () => (/* binding */ hostHasDisk),
/* harmony export */   Mi: () => (/* binding */ NIC_MTU),
/* harmony export */   Rs: () => (/* binding */ buildInventory),
/* harmony export */   _: () => (/* binding */ SMALL_DISK_BYTES),
/* harmony export */   jH: () => (/* binding */ LOW_MEMORY_BYTES),
/* harmony export */   yD: () => (/* binding */ FEW_CORES)
/* harmony export */ });
/* unused harmony export GIB */
/* harmony import */ var _plan_ipv4_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87548);

/**
 * The host's hardware as the real agent's `inventory` tool reports it (agent-protocol §2.2), built from the plan.
 * Nothing is kept per host: the text is rebuilt on demand (the reply cache makes that rare) and the constant
 * parts (CPU flags, command line) are shared.
 *
 * Plan failures change what is reported: `small-disk` (every disk 20 GB), `low-memory` (4 GiB), `few-cores`
 * (1 core) and `no-default-route` (no 0.0.0.0/0 route), so the service's validations fail as on real hardware.
 */
const GB = 1000 ** 3;
const GIB = 1024 ** 3;
const SMALL_DISK_BYTES = 20 * GB;
const LOW_MEMORY_BYTES = 4 * GIB;
const FEW_CORES = 1;
/** Standard frames on every plan NIC. */
const NIC_MTU = 1500;
/** The live ISO: a virtual CD drive, reported and marked as installation media, like on a real host. */
const ISO_SIZE_BYTES = 1_218_445_312;
const X86_FLAGS = Object.freeze(('fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss syscall nx ' +
    'pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology cpuid tsc_known_freq pni pclmulqdq vmx ssse3 fma cx16 pcid ' +
    'sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm ' +
    '3dnowprefetch invpcid_single ssbd ibrs ibpb stibp ibrs_enhanced tpr_shadow vnmi flexpriority ept vpid ept_ad ' +
    'fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid avx512f avx512dq rdseed adx smap clflushopt clwb avx512cd ' +
    'avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves arat umip pku ospke avx512_vnni md_clear arch_capabilities').split(' '));
const ARM_FLAGS = Object.freeze('fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp ssbs'.split(' '));
const NIC_FLAGS_UP = Object.freeze(['up', 'broadcast', 'multicast', 'running']);
const NIC_FLAGS_DOWN = Object.freeze(['broadcast', 'multicast']);
const COMMAND_LINE = 'BOOT_IMAGE=/images/pxeboot/vmlinuz coreos.liveiso=rhcos-9.6 ignition.firstboot ignition.platform.id=metal ' +
    'random.trust_cpu=on console=tty1 console=ttyS1,115200n8';
function hex(n, width) {
    return n.toString(16).padStart(width, '0');
}
function isArm(architecture) {
    return architecture === 'arm64' || architecture === 'aarch64';
}
/** The service's drive types: NVMe disks are reported as SSD. */
function driveType(disk) {
    return disk.driveType === 'NVMe' ? 'SSD' : disk.driveType;
}
function byPath(disk, i) {
    return disk.name.startsWith('nvme')
        ? `/dev/disk/by-path/pci-0000:0${4 + i}:00.0-nvme-1`
        : `/dev/disk/by-path/pci-0000:00:05.0-scsi-0:0:${i}:0`;
}
function buildDisks(host) {
    const small = host.failures.includes('small-disk');
    const disks = host.hardware.disks.map((disk, i) => {
        const nvme = disk.name.startsWith('nvme');
        const wwn = disk.byId.replace(/^.*wwn-/, '');
        return {
            id: disk.byId,
            by_id: disk.byId,
            by_path: byPath(disk, i),
            name: disk.name,
            path: `/dev/${disk.name}`,
            drive_type: driveType(disk),
            size_bytes: small ? SMALL_DISK_BYTES : disk.sizeBytes,
            bootable: false,
            removable: false,
            is_installation_media: false,
            installation_eligibility: { eligible: true, not_eligible_reasons: [] },
            model: nvme ? 'QEMU NVMe Ctrl' : 'QEMU HARDDISK',
            vendor: nvme ? '' : 'QEMU',
            serial: `swarm-${hex(host.index, 8)}-${i}`,
            wwn,
            ...(nvme ? {} : { hctl: `0:0:${i}:0` }),
            holders: '',
            smart: ''
        };
    });
    disks.push({
        id: '/dev/sr0',
        by_path: '/dev/disk/by-path/pci-0000:00:1f.2-ata-1',
        name: 'sr0',
        path: '/dev/sr0',
        drive_type: 'ODD',
        size_bytes: ISO_SIZE_BYTES,
        bootable: true,
        removable: true,
        is_installation_media: true,
        installation_eligibility: {
            eligible: false,
            not_eligible_reasons: [
                'Disk appears to be an ISO installation media (has partition with mountpoint suffix iso)'
            ]
        },
        model: 'QEMU DVD-ROM',
        vendor: 'QEMU',
        serial: 'QM00001',
        hctl: '1:0:0:0',
        holders: '',
        smart: ''
    });
    return disks;
}
function buildInterfaces(host) {
    return host.nics.map((nic, i) => ({
        name: nic.name,
        mac_address: nic.mac,
        ipv4_addresses: nic.ipv4 ? [nic.ipv4] : [],
        ipv6_addresses: [],
        type: 'physical',
        mtu: NIC_MTU,
        has_carrier: Boolean(nic.ipv4),
        speed_mbps: nic.ipv4 ? 10000 : -1,
        flags: (nic.ipv4 ? NIC_FLAGS_UP : NIC_FLAGS_DOWN),
        vendor: '0x1af4',
        product: '0x0001',
        biosdevname: `em${i + 1}`,
        client_id: ''
    }));
}
function buildRoutes(host, cluster) {
    const nic = host.nics.find(n => n.ipv4);
    if (!nic)
        return [];
    const network = (0,_plan_ipv4_js__WEBPACK_IMPORTED_MODULE_0__/* .parseCidr */ .GN)(cluster.machineCidr);
    const routes = [];
    if (!host.failures.includes('no-default-route')) {
        routes.push({
            interface: nic.name,
            gateway: cluster.gateway,
            destination: '0.0.0.0',
            family: 2,
            metric: 100
        });
    }
    routes.push({
        interface: nic.name,
        gateway: '0.0.0.0',
        destination: (0,_plan_ipv4_js__WEBPACK_IMPORTED_MODULE_0__/* .formatIpv4 */ .Re)(network.base),
        family: 2,
        metric: 100
    });
    routes.push({ interface: nic.name, gateway: '::', destination: 'fe80::', family: 10, metric: 1024 });
    return routes;
}
function buildInventory(host, cluster, context) {
    const arm = isArm(context.cpuArchitecture);
    const memory = host.failures.includes('low-memory') ? LOW_MEMORY_BYTES : host.hardware.memoryBytes;
    const virtual = /kvm|virtual|vmware|qemu/i.test(host.hardware.productName);
    return {
        hostname: host.hostname,
        bmc_address: '0.0.0.0',
        bmc_v6address: '::/0',
        interfaces: buildInterfaces(host),
        disks: buildDisks(host),
        boot: {
            current_boot_mode: 'uefi',
            pxe_interface: '',
            command_line: COMMAND_LINE,
            secure_boot_state: 'Disabled',
            device_type: 'ephemeral'
        },
        system_vendor: {
            manufacturer: host.hardware.manufacturer,
            product_name: host.hardware.productName,
            serial_number: `SWARM${hex(host.index, 10).toUpperCase()}`,
            virtual
        },
        memory: {
            physical_bytes: memory,
            usable_bytes: memory - Math.round(memory * 0.0175),
            physical_bytes_method: 'dmidecode'
        },
        cpu: {
            count: host.failures.includes('few-cores') ? FEW_CORES : host.hardware.cores,
            frequency: arm ? 3000 : 2494.14,
            flags: (arm ? ARM_FLAGS : X86_FLAGS),
            model_name: arm ? 'Neoverse-N1' : 'Intel Xeon Processor (Cascadelake)',
            architecture: arm ? 'aarch64' : context.cpuArchitecture
        },
        gpus: [],
        routes: buildRoutes(host, cluster),
        tpm_version: 'none'
    };
}
/** Whether `path` names one of the host's disks (by path, by-id or by-path), as the install step checks. */
function hostHasDisk(host, path) {
    return host.hardware.disks.some((d, i) => path === `/dev/${d.name}` || path === d.byId || path === byPath(d, i));
}
//# sourceMappingURL=inventory.js.map

/***/ }),

/***/ 7733:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createNativeDriver: () => (/* binding */ createNativeDriver)
});

// EXTERNAL MODULE: ./lib/api/transport.js
var api_transport = __webpack_require__(13541);
;// CONCATENATED MODULE: ./lib/agent/cluster-runtime.js
class ClusterRuntime {
    plan;
    onControllerDue;
    now;
    clusterId;
    infraEnvId;
    secretKey;
    controlPlaneCount;
    checkCvo = false;
    /** The install step's notify_num_reboots: the controller reports each node's reboots as an event. */
    notifyNumReboots = false;
    openshiftVersion;
    bootstrapId;
    roles = new Map();
    rebooted = new Map();
    readyFlag = false;
    controllerStarted = false;
    constructor(plan, onControllerDue, now = Date.now) {
        this.plan = plan;
        this.onControllerDue = onControllerDue;
        this.now = now;
        this.controlPlaneCount = plan.singleNode ? 1 : plan.masters;
    }
    get singleNode() {
        return this.controlPlaneCount === 1;
    }
    /** An install step arrived for a host: remember the cluster id, its role and the controller's settings. */
    noteInstall(hostId, infraEnvId, request, secretKey) {
        this.clusterId ??= request.cluster_id;
        this.infraEnvId ??= infraEnvId;
        this.secretKey ??= secretKey;
        this.roles.set(hostId, request.role);
        if (request.notify_num_reboots)
            this.notifyNumReboots = true;
        if (request.role === 'bootstrap') {
            this.bootstrapId = hostId;
            if (request.control_plane_count)
                this.controlPlaneCount = request.control_plane_count;
            this.checkCvo = Boolean(request.check_cvo);
            this.openshiftVersion = request.openshift_version;
        }
    }
    role(hostId) {
        return this.roles.get(hostId);
    }
    /**
     * The host's fake reboot: it becomes a node. The controller starts when the real pod could be scheduled: once the
     * nodes it needs (see controllerDue) are Ready.
     */
    markRebooted(hostId, nodeReadyMs) {
        if (this.rebooted.has(hostId))
            return;
        this.rebooted.set(hostId, { at: this.now(), readyMs: nodeReadyMs });
        if (!this.controllerStarted && this.controllerDue()) {
            this.controllerStarted = true;
            const wait = Math.max(0, this.controllerNodesReadyAt() - this.now());
            this.controllerTimer = setTimeout(() => {
                this.controllerTimer = undefined;
                this.onControllerDue(this);
            }, wait);
        }
    }
    controllerTimer;
    /** Cancels a controller start that is still pending (the run stops). */
    cancel() {
        if (this.controllerTimer)
            clearTimeout(this.controllerTimer);
        this.controllerTimer = undefined;
    }
    /** When the nodes the controller needs are Ready: SNO its node; multi-node the second non-bootstrap master's. */
    controllerNodesReadyAt() {
        const times = [...this.rebooted.entries()]
            .filter(([hostId]) => this.singleNode || this.roles.get(hostId) === 'master')
            .map(([, r]) => r.at + r.readyMs)
            .sort((a, b) => a - b);
        const needed = this.singleNode ? 1 : Math.min(2, Math.max(1, this.controlPlaneCount - 1));
        return times[needed - 1] ?? this.now();
    }
    isRebooted(hostId) {
        return this.rebooted.has(hostId);
    }
    get rebootedCount() {
        return this.rebooted.size;
    }
    /**
     * SNO: once its host rebooted. Multi-node: once at least two masters other than the bootstrap rebooted (the
     * control plane the real controller pod needs); it never waits for workers (they wait for masters Done, which
     * only the controller reports) nor for the bootstrap (it waits for the controller).
     */
    controllerDue() {
        if (this.singleNode)
            return this.rebooted.size > 0;
        let masters = 0;
        for (const hostId of this.rebooted.keys()) {
            if (this.roles.get(hostId) === 'master')
                masters++;
        }
        return masters >= Math.min(2, Math.max(1, this.controlPlaneCount - 1));
    }
    nodeState(hostId) {
        const r = this.rebooted.get(hostId);
        if (!r)
            return 'none';
        const age = this.now() - r.at;
        if (age >= r.readyMs)
            return 'ready';
        if (age >= r.readyMs / 2)
            return 'joined';
        return 'mcs';
    }
    get controllerReady() {
        return this.readyFlag;
    }
    /** The `AssistedControllerIsReady` event (the bootstrap polls for it). */
    markControllerReady() {
        this.readyFlag = true;
    }
}
//# sourceMappingURL=cluster-runtime.js.map
// EXTERNAL MODULE: ./lib/api/transport-retry.js
var transport_retry = __webpack_require__(62738);
;// CONCATENATED MODULE: ./lib/agent/backoff.js
const REAL_BACKOFF = {
    initialMs: 500,
    multiplier: 1.5,
    randomization: 0.5,
    maxIntervalMs: 60_000,
    maxElapsedMs: 15 * 60_000
};
class ExponentialBackoff {
    settings;
    random;
    now;
    currentMs;
    startedAt;
    constructor(settings = REAL_BACKOFF, random = Math.random, now = Date.now) {
        this.settings = settings;
        this.random = random;
        this.now = now;
        this.currentMs = settings.initialMs;
    }
    reset() {
        this.currentMs = this.settings.initialMs;
        this.startedAt = undefined;
    }
    /** Failing since (epoch ms), or undefined after a success. */
    get failingSince() {
        return this.startedAt;
    }
    /** The wait before the next try, or undefined when the retries are exhausted (15 min of failures). */
    next() {
        const now = this.now();
        this.startedAt ??= now;
        const { randomization, multiplier, maxIntervalMs, maxElapsedMs } = this.settings;
        const delta = randomization * this.currentMs;
        const wait = this.currentMs - delta + this.random() * (2 * delta);
        this.currentMs = Math.min(maxIntervalMs, this.currentMs * multiplier);
        if (now - this.startedAt + wait > maxElapsedMs)
            return undefined;
        return wait;
    }
}
//# sourceMappingURL=backoff.js.map
;// CONCATENATED MODULE: ./lib/agent/reply-cache.js
const REPLY_CACHE_TTL_MS = 3600_000;
class ReplyCache {
    ttlMs;
    now;
    entries;
    constructor(ttlMs = REPLY_CACHE_TTL_MS, now = Date.now) {
        this.ttlMs = ttlMs;
        this.now = now;
    }
    live(stepType) {
        const entry = this.entries?.get(stepType);
        if (!entry)
            return undefined;
        if (this.now() - entry.at >= this.ttlMs) {
            this.entries.delete(stepType);
            return undefined;
        }
        return entry;
    }
    /** True when an output for these exact arguments was already posted (only for argument-determined outputs). */
    hasArgs(stepType, argsHash) {
        return this.live(stepType)?.argsHash === argsHash;
    }
    has(stepType, outputHash) {
        return this.live(stepType)?.outputHash === outputHash;
    }
    store(stepType, outputHash, argsHash = NaN) {
        this.entries ??= new Map();
        this.entries.set(stepType, { outputHash, argsHash, at: this.now() });
    }
    clear() {
        this.entries = undefined;
    }
    get size() {
        return this.entries?.size ?? 0;
    }
}
//# sourceMappingURL=reply-cache.js.map
;// CONCATENATED MODULE: ./lib/agent/environment.js



const REAL_AGENT_TIMINGS = {
    registerRetryMs: 60_000,
    incompatibleServerMs: 3600_000,
    runnerRetryMs: 3600_000,
    minPollMs: 1000,
    reclaimBootMs: 120_000,
    backoff: REAL_BACKOFF,
    retryDelays: { minMs: 2000, maxMs: 10_000 },
    installerRetries: 360,
    controllerRetries: 15,
    replyCacheTtlMs: REPLY_CACHE_TTL_MS,
    controllerLogsMs: 300_000
};
function retryPolicies(timings) {
    return {
        agent: (0,transport_retry/* agentRetryPolicy */.yp)(timings.retryDelays),
        installer: (0,transport_retry/* installerRetryPolicy */.X$)(timings.installerRetries, timings.retryDelays),
        controller: (0,transport_retry/* installerRetryPolicy */.X$)(timings.controllerRetries, timings.retryDelays)
    };
}
const interned = new Map();
/** One copy of strings every host holds (the agent image from the registration answer). */
function intern(text) {
    const known = interned.get(text);
    if (known !== undefined)
        return known;
    if (interned.size < 1024)
        interned.set(text, text);
    return text;
}
/** A stage duration from the plan (exact stage name, else the default), with the plan's jitter. */
function stageMs(env, stage) {
    const base = env.planTiming.stagesMs[stage] ?? env.planTiming.defaultStageMs;
    return jitter(env, base);
}
function jitter(env, ms) {
    const j = env.planTiming.jitter;
    if (!j)
        return ms;
    return Math.max(0, ms * (1 + (env.random() * 2 - 1) * j));
}
//# sourceMappingURL=environment.js.map
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./lib/api/transport-multipart.js

/**
 * One file part of a `multipart/form-data` body, as Go's `mime/multipart` CreateFormFile writes it (the log
 * uploads' `upfile` field).
 */
function multipartFile(field, filename, content) {
    const boundary = (0,external_node_crypto_.randomBytes)(30).toString('hex');
    const head = Buffer.from(`--${boundary}\r\n` +
        `Content-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: application/octet-stream\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    return {
        body: Buffer.concat([head, content, tail]),
        contentType: `multipart/form-data; boundary=${boundary}`
    };
}
//# sourceMappingURL=transport-multipart.js.map
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./lib/agent/log-bundle.js

function octal(value, width) {
    return value.toString(8).padStart(width - 1, '0') + '\0';
}
function header(name, size, mtime) {
    const block = Buffer.alloc(512);
    block.write(name.slice(0, 100), 0, 'utf8');
    block.write(octal(0o644, 8), 100);
    block.write(octal(0, 8), 108);
    block.write(octal(0, 8), 116);
    block.write(octal(size, 12), 124);
    block.write(octal(mtime, 12), 136);
    block.fill(' ', 148, 156);
    block.write('0', 156);
    block.write('ustar\0', 257);
    block.write('00', 263);
    block.write('root', 265);
    block.write('root', 297);
    let sum = 0;
    for (const byte of block)
        sum += byte;
    block.write(octal(sum, 7) + ' ', 148);
    return block;
}
function tarGz(files, mtime = Math.floor(Date.now() / 1000)) {
    const parts = [];
    for (const file of files) {
        const content = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
        parts.push(header(file.name, content.length, mtime), content);
        const pad = (512 - (content.length % 512)) % 512;
        if (pad)
            parts.push(Buffer.alloc(pad));
    }
    parts.push(Buffer.alloc(1024));
    return (0,external_node_zlib_.gzipSync)(Buffer.concat(parts));
}
function journal(hostname, lines) {
    const start = Date.now() - lines.length * 1000;
    return lines
        .map((line, i) => `${new Date(start + i * 1000).toISOString()} ${hostname} ${line}`)
        .join('\n')
        .concat('\n');
}
/** logs_sender's `logs.tar.gz` for a host: journal excerpts for the agent and installer units, and mounts. */
function hostLogBundle(hostname, hostId, installerStages) {
    return tarGz([
        {
            name: `${hostname}_${hostId}/journal.logs`,
            content: journal(hostname, [
                'systemd[1]: Started agent.service - Assisted installer agent.',
                `agent[2101]: Registering host ${hostId}`,
                'next_step_runner[2240]: Query for next steps',
                ...installerStages.map(stage => `installer[3120]: Updating node installation stage: ${stage}`)
            ])
        },
        {
            name: `${hostname}_${hostId}/mount.logs`,
            content: '/dev/loop0 on /sysroot type squashfs (ro,relatime)\n'
        },
        {
            name: `${hostname}_${hostId}/dmesg.logs`,
            content: '[    0.000000] Linux version 5.14.0 (assisted-swarm native host)\n'
        }
    ]);
}
/** The controller's `controller_logs.tar.gz`. */
function controllerLogBundle(clusterName, lines) {
    return tarGz([
        {
            name: 'assisted-installer-controller.logs',
            content: journal(`${clusterName}-controller`, lines.length ? [...lines] : ['controller started'])
        }
    ]);
}
//# sourceMappingURL=log-bundle.js.map
;// CONCATENATED MODULE: ./lib/agent/log-upload.js


const ok = (status) => status >= 200 && status < 300;
async function putHostLogsProgress(env, target, state) {
    const res = await env.transport.request({
        endpoint: 'v2UpdateHostLogsProgress',
        params: { infra_env_id: target.infraEnvId, host_id: target.hostId },
        json: { logs_state: state },
        secretKey: target.secretKey,
        retry: target.retry
    });
    return res.status;
}
/**
 * logs_sender (agent-protocol §3.5): PUT logs-progress requested, collect, PUT collecting, POST the archive as
 * multipart `upfile` (`logs_type=host`), PUT completed. Returns its stdout and whether the upload worked.
 */
async function sendHostLogs(env, target) {
    await putHostLogsProgress(env, target, 'requested');
    await putHostLogsProgress(env, target, 'collecting');
    const upload = multipartFile('upfile', 'logs.tar.gz', hostLogBundle(target.hostname, target.hostId, target.stages ?? []));
    const res = await env.transport.request({
        endpoint: 'V2UploadLogs',
        params: { cluster_id: target.clusterId },
        query: { logs_type: 'host', host_id: target.hostId, infra_env_id: target.infraEnvId },
        body: upload.body,
        contentType: upload.contentType,
        secretKey: target.secretKey,
        retry: target.retry
    });
    await putHostLogsProgress(env, target, 'completed');
    if (!ok(res.status))
        return { ok: false, stdout: `Failed to run send logs  upload failed with status ${res.status}\n` };
    return { ok: true, stdout: `Logs were sent\nlogs.tar.gz: ${upload.body.length} bytes\n` };
}
async function putClusterLogsProgress(env, target, state) {
    const res = await env.transport.request({
        endpoint: 'v2UpdateClusterLogsProgress',
        params: { cluster_id: target.clusterId },
        json: { logs_state: state },
        secretKey: target.secretKey,
        retry: target.retry
    });
    return res.status;
}
/** POST /v2/clusters/{c}/logs?logs_type=controller with `controller_logs.tar.gz`. */
async function uploadControllerLogs(env, target) {
    const upload = multipartFile('upfile', 'controller_logs.tar.gz', controllerLogBundle(target.clusterName, target.lines));
    const res = await env.transport.request({
        endpoint: 'V2UploadLogs',
        params: { cluster_id: target.clusterId },
        query: { logs_type: 'controller' },
        body: upload.body,
        contentType: upload.contentType,
        secretKey: target.secretKey,
        retry: target.retry
    });
    return res.status;
}
//# sourceMappingURL=log-upload.js.map
;// CONCATENATED MODULE: ./lib/agent/progress.js
/**
 * `PUT /v2/infra-envs/{ie}/hosts/{h}/progress`. Accepted stage changes go to the timeline; a 409 (an older stage,
 * or another reporter was first) is ignored as the real installer and controller ignore it.
 */
async function reportProgress(env, report) {
    const res = await env.transport.request({
        endpoint: 'v2UpdateHostInstallProgress',
        params: { infra_env_id: report.infraEnvId, host_id: report.hostId },
        json: { current_stage: report.stage, progress_info: report.info },
        secretKey: report.secretKey,
        retry: report.retry
    });
    if (res.status >= 200 && res.status < 300) {
        if (report.record !== false) {
            env.recorder.event({
                k: 'stage',
                h: report.hostname,
                c: report.clusterName,
                stage: report.stage,
                ...(report.info ? { info: report.info } : {}),
                by: report.by
            });
        }
    }
    else if (res.status !== 409 && res.status !== 0) {
        env.recorder.event({
            k: 'error',
            scope: 'host',
            h: report.hostname,
            c: report.clusterName,
            msg: `progress ${report.stage} rejected with ${res.status}`,
            ctx: { by: report.by, body: res.text().slice(0, 300) }
        });
    }
    return res.status;
}
//# sourceMappingURL=progress.js.map
;// CONCATENATED MODULE: ./lib/agent/sleeper.js
/**
 * One cancellable wait at a time, for a host, an installer or a controller: `wake()` ends the current wait early
 * (a fake reboot, an upgrade), `stop()` ends it and every later one at once (the driver stopping).
 */
class Sleeper {
    timer;
    resolve;
    stoppedFlag = false;
    get stopped() {
        return this.stoppedFlag;
    }
    sleep(ms) {
        if (this.stoppedFlag)
            return Promise.resolve();
        this.wake();
        return new Promise(resolve => {
            this.resolve = resolve;
            this.timer = setTimeout(this.fire, Math.max(0, ms));
        });
    }
    fire = () => {
        this.timer = undefined;
        const resolve = this.resolve;
        this.resolve = undefined;
        resolve?.();
    };
    wake() {
        if (this.timer)
            clearTimeout(this.timer);
        this.fire();
    }
    stop() {
        this.stoppedFlag = true;
        this.wake();
    }
}
//# sourceMappingURL=sleeper.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/peers.js
const byCluster = new WeakMap();
/** The plan host with this service host id in the same cluster (shared lookup table per cluster). */
function peerById(cluster, hostId) {
    if (!hostId)
        return undefined;
    let table = byCluster.get(cluster);
    if (!table) {
        table = new Map(cluster.hosts.map(h => [h.id, h]));
        byCluster.set(cluster, table);
    }
    return table.get(hostId);
}
//# sourceMappingURL=peers.js.map
;// CONCATENATED MODULE: ./lib/agent/x509.js

const OID_EC_PUBLIC_KEY_SHA256_SIG = '1.2.840.10045.4.3.2';
const OID_COMMON_NAME = '2.5.4.3';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_KEY_USAGE = '2.5.29.15';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
function x509_length(n) {
    if (n < 0x80)
        return Buffer.from([n]);
    const bytes = [];
    for (let v = n; v > 0; v = Math.floor(v / 256))
        bytes.unshift(v & 0xff);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
}
function tlv(tag, ...content) {
    const body = Buffer.concat(content);
    return Buffer.concat([Buffer.from([tag]), x509_length(body.length), body]);
}
const sequence = (...c) => tlv(0x30, ...c);
const set = (...c) => tlv(0x31, ...c);
const explicit = (n, ...c) => tlv(0xa0 + n, ...c);
const octetString = (b) => tlv(0x04, b);
const bitString = (b) => tlv(0x03, Buffer.from([0]), b);
const utf8 = (s) => tlv(0x0c, Buffer.from(s, 'utf8'));
const x509_boolean = (v) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
function integer(bytes) {
    let b = bytes;
    while (b.length > 1 && b[0] === 0 && (b[1] & 0x80) === 0)
        b = b.subarray(1);
    if (b[0] & 0x80)
        b = Buffer.concat([Buffer.from([0]), b]);
    return tlv(0x02, b);
}
function oid(text) {
    const parts = text.split('.').map(Number);
    const bytes = [parts[0] * 40 + parts[1]];
    for (const part of parts.slice(2)) {
        const chunk = [];
        let v = part;
        do {
            chunk.unshift(v & 0x7f);
            v = Math.floor(v / 128);
        } while (v > 0);
        for (let i = 0; i < chunk.length - 1; i++)
            chunk[i] |= 0x80;
        bytes.push(...chunk);
    }
    return tlv(0x06, Buffer.from(bytes));
}
function time(date) {
    const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
    // UTCTime for 1950-2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5).
    return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}
const x509_name = (commonName) => sequence(set(sequence(oid(OID_COMMON_NAME), utf8(commonName))));
function ipBytes(ip) {
    if (ip.includes(':')) {
        const [head, tail] = ip.split('::');
        const h = head ? head.split(':') : [];
        const t = tail ? tail.split(':') : [];
        const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
        return Buffer.from(groups.flatMap(g => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
    }
    return Buffer.from(ip.split('.').map(Number));
}
function extension(id, critical, value) {
    return sequence(oid(id), ...(critical ? [x509_boolean(true)] : []), octetString(value));
}
function pem(label, der) {
    const b64 = der
        .toString('base64')
        .replace(/(.{64})/g, '$1\n')
        .replace(/\n$/, '');
    return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
/** Makes a certificate (self-signed, or signed by `options.issuer`). */
function generateCertificate(options) {
    const { privateKey, publicKey } = (0,external_node_crypto_.generateKeyPairSync)('ec', { namedCurve: 'prime256v1' });
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    const signatureAlgorithm = sequence(oid(OID_EC_PUBLIC_KEY_SHA256_SIG));
    const now = Date.now();
    const notBefore = new Date(now - 3600_000);
    const notAfter = new Date(now + (options.validDays ?? 3650) * 86400_000);
    const extensions = [];
    if (options.isCa) {
        extensions.push(extension(OID_BASIC_CONSTRAINTS, true, sequence(x509_boolean(true))));
        // keyCertSign (bit 5) + cRLSign (bit 6): 0b00000110, 1 unused bit.
        extensions.push(extension(OID_KEY_USAGE, true, tlv(0x03, Buffer.from([1, 0x06]))));
    }
    else {
        extensions.push(extension(OID_BASIC_CONSTRAINTS, true, sequence()));
        // digitalSignature (bit 0) + keyEncipherment (bit 2): 0b10100000, 5 unused bits.
        extensions.push(extension(OID_KEY_USAGE, true, tlv(0x03, Buffer.from([5, 0xa0]))));
        extensions.push(extension(OID_EXT_KEY_USAGE, false, sequence(oid(OID_SERVER_AUTH))));
    }
    const altNames = [
        ...(options.dnsNames ?? []).map(d => tlv(0x82, Buffer.from(d))),
        ...(options.ipAddresses ?? []).map(ip => tlv(0x87, ipBytes(ip)))
    ];
    if (altNames.length)
        extensions.push(extension(OID_SUBJECT_ALT_NAME, false, sequence(...altNames)));
    const issuerName = options.issuer?.commonName ?? options.commonName;
    const tbs = sequence(explicit(0, integer(Buffer.from([2]))), integer((0,external_node_crypto_.randomBytes)(16)), signatureAlgorithm, x509_name(issuerName), sequence(time(notBefore), time(notAfter)), x509_name(options.commonName), spki, explicit(3, sequence(...extensions)));
    const signature = (0,external_node_crypto_.sign)('sha256', tbs, { key: options.issuer?.privateKey ?? privateKey, dsaEncoding: 'der' });
    const der = sequence(tbs, signatureAlgorithm, bitString(signature));
    return {
        commonName: options.commonName,
        certPem: pem('CERTIFICATE', der),
        keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        privateKey,
        publicKey
    };
}
let ingressCa;
/** The ingress CA bundle every emulated controller uploads: one self-signed CA made once per process. */
function ingressCaPem() {
    ingressCa ??= generateCertificate({ commonName: 'ingress-operator@assisted-swarm', isCa: true }).certPem;
    return ingressCa;
}
//# sourceMappingURL=x509.js.map
;// CONCATENATED MODULE: ./lib/agent/controller.js






/** Statuses at which the controller's main loop ends (agent-protocol §4.4). */
const FINAL_CLUSTER_STATUSES = new Set(['installed', 'error', 'cancelled', 'adding-hosts']);
const JOINABLE_STAGES = new Set(['Configuring', 'Rebooting']);
const CONFIGURING_OR_LATER = new Set(['Configuring', 'Joined', 'Done']);
/** The ClusterOperators of a fresh OpenShift cluster, for complete-installation's report. */
const CLUSTER_OPERATORS = ('authentication baremetal cloud-controller-manager cloud-credential cluster-autoscaler config-operator console ' +
    'control-plane-machine-set csi-snapshot-controller dns etcd image-registry ingress insights kube-apiserver ' +
    'kube-controller-manager kube-scheduler kube-storage-version-migrator machine-api machine-approver machine-config ' +
    'marketplace monitoring network node-tuning openshift-apiserver openshift-controller-manager openshift-samples ' +
    'operator-lifecycle-manager operator-lifecycle-manager-catalog operator-lifecycle-manager-packageserver service-ca storage').split(' ');
const controller_ok = (res) => isOk(res.status);
const isOk = (status) => status >= 200 && status < 300;
/**
 * The emulated assisted-installer-controller of one cluster (agent-protocol §4, §6.4). It starts when the real
 * pod could (the driver calls `run()` when the cluster runtime says so), announces itself ready (releasing the
 * bootstrap), reports rebooted hosts Configuring/Joined/Done as their emulated nodes appear and become Ready, and
 * in finalizing walks the real sequence: operators progressing then available, the ingress CA, OLM operators,
 * Done, complete-installation. It ends when the service calls the cluster installed (or error, cancelled), after
 * the final log upload.
 */
class EmulatedController {
    env;
    runtime;
    sleeper = new Sleeper();
    loopSleepers = [];
    finished = false;
    lines = [];
    endState;
    operatorsSince;
    finalizingStarted = false;
    availableAfter = new Map();
    kubeconfig;
    notifiers = [];
    constructor(env, runtime) {
        this.env = env;
        this.runtime = runtime;
    }
    get ended() {
        return this.endState;
    }
    get active() {
        return this.endState === undefined;
    }
    get clusterId() {
        return this.runtime.clusterId;
    }
    get pollMs() {
        return this.env.planTiming.controllerPollMs;
    }
    get clusterName() {
        return this.runtime.plan.name;
    }
    log(line) {
        if (this.lines.length < 200)
            this.lines.push(line);
    }
    stop() {
        this.finished = true;
        this.sleeper.stop();
        for (const s of this.loopSleepers)
            s.stop();
    }
    get stopped() {
        return this.sleeper.stopped;
    }
    request(endpoint, extra = {}) {
        return this.env.transport.request({
            endpoint,
            params: { cluster_id: this.clusterId },
            ...extra,
            secretKey: this.runtime.secretKey,
            retry: this.env.retry.controller
        });
    }
    async getCluster(withHosts) {
        // the real client always says which (go-swagger sends exclude-hosts=false too)
        const res = await this.request('v2GetCluster', { query: { 'exclude-hosts': !withHosts } });
        if (res.status !== 200)
            return { res };
        try {
            return { res, cluster: res.json() };
        }
        catch {
            return { res };
        }
    }
    async run() {
        try {
            this.endState = await this.main();
        }
        catch (error) {
            this.env.recorder.event({
                k: 'error',
                scope: 'cluster',
                c: this.clusterName,
                msg: `controller: ${error.message}`
            });
            this.endState = 'stopped';
        }
        return this.endState;
    }
    async main() {
        // The pod is scheduled and starts (plan: controller_ready).
        await this.sleeper.sleep(jitter(this.env, this.env.planTiming.controllerReadyMs));
        // SetReadyState: every second until the service answers, then the AssistedControllerIsReady event.
        for (;;) {
            if (this.stopped)
                return 'stopped';
            const { res } = await this.getCluster(false);
            if (res.status === 200)
                break;
            if (res.status === 404)
                return 'gone';
            await this.sleeper.sleep(1000);
        }
        this.log('controller is ready');
        this.runtime.markControllerReady();
        const postInstall = this.postInstallLoop();
        const loops = [this.nodesLoop(), postInstall, this.logsLoop()];
        const end = await this.waitLoop();
        if (end === 'installed' && this.finalizingStarted) {
            // The real main loop looks every 60 s, so a finalizing sequence under way normally completes before it sees
            // `installed`; with fast timings, let it finish (bounded) instead of cutting it.
            await Promise.race([postInstall, this.sleeper.sleep(this.pollMs * 20)]);
        }
        this.finished = true;
        for (const s of this.loopSleepers)
            s.wake();
        await Promise.allSettled(loops);
        if (end !== 'stopped')
            await this.finalLogs();
        // the real main function waits for its reboot notifiers (RebootsNotifier.Finalize) before it exits
        await Promise.allSettled(this.notifiers);
        return end;
    }
    /**
     * The reboots notifier (NOTIFY_NUM_REBOOTS, §4.3): for a node newly Done, once per controller the
     * kubeconfig-noingress download, then the node's reboot count (`oc debug node -- last reboot` in the new
     * cluster: one reboot here) as a `reboots_for_node` event.
     */
    async notifyReboots(host) {
        this.kubeconfig ??= this.request('V2DownloadClusterCredentials', {
            query: { file_name: 'kubeconfig-noingress' },
            accept: 'application/octet-stream'
        }).then(controller_ok);
        if (!(await this.kubeconfig) || this.stopped)
            return;
        const peer = peerById(this.runtime.plan, host.id);
        const node = (peer?.hostname ?? host.requested_hostname ?? host.id ?? '').toLowerCase();
        await this.env.transport.request({
            endpoint: 'v2TriggerEvent',
            json: {
                name: 'reboots_for_node',
                cluster_id: this.clusterId,
                host_id: host.id,
                infra_env_id: host.infra_env_id ?? this.runtime.infraEnvId,
                category: 'user',
                severity: 'info',
                message: `Node ${node} has been rebooted 1 times before completing installation`,
                event_time: new Date().toISOString()
            },
            secretKey: this.runtime.secretKey,
            retry: this.env.retry.controller
        });
    }
    loopSleeper() {
        const sleeper = new Sleeper();
        if (this.finished || this.stopped)
            sleeper.stop();
        this.loopSleepers.push(sleeper);
        return sleeper;
    }
    /** Main wait loop (§4.4): GET the cluster until a final status; a 404 or three 401s end it. */
    async waitLoop() {
        let unauthorized = 0;
        for (;;) {
            if (this.stopped)
                return 'stopped';
            const { res, cluster } = await this.getCluster(false);
            if (this.stopped)
                return 'stopped';
            if (res.status === 404)
                return 'gone';
            if (res.status === 401) {
                if (++unauthorized >= 3)
                    return 'unauthorized';
            }
            else {
                unauthorized = 0;
            }
            if (cluster?.status && FINAL_CLUSTER_STATUSES.has(cluster.status)) {
                this.log(`cluster is ${cluster.status}`);
                return cluster.status;
            }
            await this.sleeper.sleep(this.pollMs * 2);
        }
    }
    async putStage(host, stage) {
        const peer = peerById(this.runtime.plan, host.id);
        return reportProgress(this.env, {
            infraEnvId: host.infra_env_id ?? this.runtime.infraEnvId ?? '',
            hostId: host.id,
            stage,
            info: '',
            secretKey: this.runtime.secretKey,
            retry: this.env.retry.controller,
            by: 'controller',
            hostname: peer?.hostname ?? host.requested_hostname ?? host.id,
            clusterName: this.clusterName
        });
    }
    /** WaitAndUpdateNodesStatus (§4.3): Joined for nodes that appeared, Done for Ready ones, Configuring from the MCS log. */
    async nodesLoop() {
        const sleeper = this.loopSleeper();
        while (!this.finished) {
            const { cluster } = await this.getCluster(true);
            const hosts = cluster?.hosts ?? [];
            if (cluster && hosts.length && hosts.every(h => h.status === 'installed' || h.status === 'error'))
                return;
            for (const host of hosts) {
                if (!host.id || this.finished)
                    continue;
                const node = this.runtime.nodeState(host.id);
                let stage = host.progress?.current_stage ?? '';
                if ((node === 'joined' || node === 'ready') && JOINABLE_STAGES.has(stage)) {
                    if (isOk(await this.putStage(host, 'Joined')))
                        stage = 'Joined';
                }
                if (node === 'ready' && stage !== 'Done' && stage !== 'Failed' && stage !== '') {
                    if (isOk(await this.putStage(host, 'Done')) && this.runtime.notifyNumReboots)
                        this.notifiers.push(this.notifyReboots(host));
                }
            }
            if (!this.runtime.singleNode && !this.finished) {
                const again = await this.getCluster(true);
                for (const host of again.cluster?.hosts ?? []) {
                    if (!host.id || this.finished)
                        continue;
                    if (this.runtime.nodeState(host.id) === 'mcs' &&
                        !CONFIGURING_OR_LATER.has(host.progress?.current_stage ?? '')) {
                        await this.putStage(host, 'Configuring');
                    }
                }
            }
            await sleeper.sleep(this.pollMs);
        }
    }
    /** UploadLogs (§4.3): the controller logs every 5 minutes while it runs. */
    async logsLoop() {
        const sleeper = this.loopSleeper();
        while (!this.finished) {
            await sleeper.sleep(this.env.timings.controllerLogsMs);
            if (this.finished)
                return;
            await uploadControllerLogs(this.env, this.logsTarget());
        }
    }
    logsTarget() {
        return {
            clusterId: this.clusterId,
            clusterName: this.clusterName,
            secretKey: this.runtime.secretKey,
            retry: this.env.retry.controller,
            lines: this.lines
        };
    }
    async finalLogs() {
        const target = this.logsTarget();
        await putClusterLogsProgress(this.env, target, 'requested');
        await uploadControllerLogs(this.env, target);
        await putClusterLogsProgress(this.env, target, 'completed');
    }
    async finalizingStage(stage, sleeper) {
        while (!this.finished) {
            const res = await this.request('v2UpdateClusterFinalizingProgress', {
                json: { finalizing_stage: stage }
            });
            if (controller_ok(res)) {
                this.log(`finalizing stage: ${stage}`);
                return;
            }
            await sleeper.sleep(this.pollMs);
        }
    }
    async operators(sleeper) {
        while (!this.finished) {
            const res = await this.request('V2ListOfClusterOperators');
            if (res.status === 200) {
                try {
                    return res.json();
                }
                catch {
                    /* retried */
                }
            }
            await sleeper.sleep(Math.min(10_000, this.pollMs));
        }
        return undefined;
    }
    /** What the new cluster's ClusterOperator/CSV says about an operator: progressing, then available with plan timing. */
    k8sStatus(name) {
        this.operatorsSince ??= Date.now();
        let after = this.availableAfter.get(name);
        if (after === undefined) {
            after = jitter(this.env, this.env.planTiming.operatorsAvailableMs);
            this.availableAfter.set(name, after);
        }
        return Date.now() - this.operatorsSince >= after ? 'available' : 'progressing';
    }
    report(op, status) {
        const version = op.version || this.runtime.openshiftVersion || '';
        return {
            name: op.name,
            version,
            status,
            status_info: status === 'available' ? 'All is well' : `Working towards ${version || 'the release'}`
        };
    }
    /** Reports `watched` operators until the service shows each available. */
    async reportOperators(watched, sleeper) {
        while (!this.finished) {
            const listed = await this.operators(sleeper);
            if (!listed)
                return;
            const pending = listed.filter(op => watched(op) && op.status !== 'available');
            if (!pending.length)
                return;
            for (const op of pending) {
                const status = this.k8sStatus(op.name ?? '');
                if (status !== op.status) {
                    await this.request('v2ReportMonitoredOperatorStatus', { json: this.report(op, status) });
                    this.log(`operator ${op.name}: ${status}`);
                }
            }
            await sleeper.sleep(this.pollMs);
        }
    }
    /** PostInstallConfigs (§4.5): waits for finalizing, then the finalizing sequence and complete-installation. */
    async postInstallLoop() {
        const sleeper = this.loopSleeper();
        while (!this.finished) {
            const { cluster } = await this.getCluster(false);
            if (cluster?.status === 'finalizing')
                break;
            await sleeper.sleep(this.pollMs);
        }
        if (this.finished)
            return;
        this.finalizingStarted = true;
        await this.finalizingStage('Waiting for cluster operators', sleeper);
        this.operatorsSince = Date.now();
        // console (and cvo when the service monitors it): the builtin operators the controller watches.
        await this.reportOperators(op => op.operator_type !== 'olm' && (op.name === 'console' || op.name === 'cvo'), sleeper);
        await this.finalizingStage('Adding router ca', sleeper);
        while (!this.finished) {
            const res = await this.request('v2UploadClusterIngressCert', { json: ingressCaPem() });
            if (res.status === 201)
                break;
            await sleeper.sleep(Math.min(10_000, this.pollMs));
        }
        await this.finalizingStage('Waiting for olm operators csv initialization', sleeper);
        const listed = await this.operators(sleeper);
        const olm = (listed ?? []).filter(op => op.operator_type === 'olm');
        if (olm.length && !this.finished) {
            await this.finalizingStage('Applying olm manifests', sleeper);
            await this.request('V2DownloadClusterFiles', {
                query: { file_name: 'custom_manifests.json' },
                accept: 'application/octet-stream'
            });
            await this.request('V2DownloadClusterCredentials', {
                query: { file_name: 'kubeconfig-noingress' },
                accept: 'application/octet-stream'
            });
            await this.finalizingStage('Waiting for olm operators csv', sleeper);
            this.operatorsSince = Date.now();
            await this.reportOperators(op => op.operator_type === 'olm', sleeper);
        }
        if (this.finished)
            return;
        await this.finalizingStage('Done', sleeper);
        const data = {
            CLUSTER_OPERATORS_REPORT: CLUSTER_OPERATORS.map(name => ({
                name,
                status: 'available',
                status_info: 'All is well'
            }))
        };
        while (!this.finished) {
            const res = await this.request('v2CompleteInstallation', {
                json: { is_success: true, error_info: '', data }
            });
            if (controller_ok(res)) {
                this.log('complete-installation sent');
                return;
            }
            await sleeper.sleep(this.pollMs * 2);
        }
    }
}
//# sourceMappingURL=controller.js.map
;// CONCATENATED MODULE: ./lib/agent/hash.js
/**
 * A fast 53-bit string hash (cyrb53 construction), used to remember what a host already sent without keeping
 * the text. Not cryptographic: a collision only means one unchanged-looking reply is suppressed early.
 */
function hash53(text, seed = 0) {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
/** Hash of a step's arguments (their order and boundaries count). */
function hashArgs(args) {
    if (!args || args.length === 0)
        return 0;
    return hash53(args.join('\u0000'), args.length);
}
//# sourceMappingURL=hash.js.map
;// CONCATENATED MODULE: ./lib/agent/installer-plan.js
function installerKind(request, singleNode) {
    if (request.role === 'bootstrap')
        return request.control_plane_count === 1 || (request.control_plane_count === undefined && singleNode)
            ? 'sno'
            : 'bootstrap';
    if (request.role === 'worker')
        return 'worker';
    return 'master';
}
const PLANS = {
    sno: [
        { op: 'stage', stage: 'Starting installation', info: 'bootstrap' },
        { op: 'pause', stage: 'Starting installation' },
        { op: 'stage', stage: 'Installing', info: 'bootstrap' },
        { op: 'download', file: 'bootstrap.ign' },
        { op: 'pause', stage: 'Installing' },
        { op: 'stage', stage: 'Waiting for bootkube', info: '' },
        { op: 'pause', stage: 'Waiting for bootkube' },
        { op: 'write-image' },
        { op: 'host-logs' },
        { op: 'reboot' }
    ],
    bootstrap: [
        { op: 'stage', stage: 'Starting installation', info: 'bootstrap' },
        { op: 'download', file: 'bootstrap.ign' },
        { op: 'pause', stage: 'Starting installation' },
        { op: 'stage', stage: 'Installing', info: 'master' },
        { op: 'start-scan' },
        { op: 'download', file: 'host-ignition' },
        { op: 'pause', stage: 'Installing' },
        { op: 'write-image' },
        { op: 'stage', stage: 'Waiting for control plane', info: 'Waiting for bootstrap node preparation' },
        { op: 'pause', stage: 'Waiting for control plane' },
        {
            op: 'stage',
            stage: 'Waiting for control plane',
            info: 'Waiting for masters to join bootstrap control plane'
        },
        { op: 'control-plane-reads' },
        { op: 'wait-masters-joined' },
        { op: 'stage', stage: 'Waiting for bootkube', info: '' },
        { op: 'pause', stage: 'Waiting for bootkube' },
        { op: 'stage', stage: 'Waiting for bootkube', info: 'waiting for ETCD bootstrap to be complete' },
        { op: 'stage', stage: 'Waiting for controller', info: 'waiting for controller pod ready event' },
        { op: 'wait-controller' },
        { op: 'controller-logs' },
        { op: 'host-logs' },
        { op: 'reboot' }
    ],
    master: [
        { op: 'stage', stage: 'Starting installation', info: 'master' },
        { op: 'pause', stage: 'Starting installation' },
        { op: 'stage', stage: 'Installing', info: 'master' },
        { op: 'download', file: 'host-ignition' },
        { op: 'pause', stage: 'Installing' },
        { op: 'write-image' },
        { op: 'host-logs' },
        { op: 'reboot' }
    ],
    worker: [
        { op: 'stage', stage: 'Starting installation', info: 'worker' },
        { op: 'pause', stage: 'Starting installation' },
        { op: 'stage', stage: 'Installing', info: 'worker' },
        { op: 'download', file: 'host-ignition' },
        { op: 'pause', stage: 'Installing' },
        { op: 'write-image' },
        { op: 'stage', stage: 'Waiting for control plane', info: '' },
        { op: 'wait-masters-done' },
        { op: 'host-logs' },
        { op: 'reboot' }
    ]
};
function installerPlan(kind) {
    return PLANS[kind];
}
/** The stages the installer itself reports for a role, in order (without repeats). */
function installerStages(kind) {
    const stages = [];
    for (const op of PLANS[kind]) {
        const stage = op.op === 'stage'
            ? op.stage
            : op.op === 'write-image'
                ? 'Writing image to disk'
                : op.op === 'reboot'
                    ? 'Rebooting'
                    : undefined;
        if (stage && stages[stages.length - 1] !== stage)
            stages.push(stage);
    }
    return stages;
}
/** Where an `install-fails` host fails: its planned stage when this role reports it, else Writing image to disk. */
function failingStage(kind, planned) {
    const stages = installerStages(kind);
    return stages.includes(planned ?? '') ? planned : 'Writing image to disk';
}
//# sourceMappingURL=installer-plan.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/step.js
const succeeded = (output) => ({ exitCode: 0, output, error: '' });
const failed = (exitCode, error, output = '') => ({
    exitCode,
    output,
    error
});
//# sourceMappingURL=step.js.map
;// CONCATENATED MODULE: ./lib/agent/installer.js







/** Progress percentages of "Writing image to disk" (coreos-installer prints every ≥5 points). */
const WRITE_STEP_PERCENT = 5;
/** SIGTERM from `podman stop`. */
const STOPPED_EXIT_CODE = 143;
const DONE_OR_LATER = new Set(['Configuring', 'Joined', 'Done']);
const IGNITION_OR_LATER = new Set(['Waiting for ignition', 'Configuring', 'Joined', 'Done']);
const JOINED_OR_DONE = new Set(['Joined', 'Done']);
class InstallFailure extends Error {
}
/**
 * The emulated assisted-installer of one host (agent-protocol §3, §6.3): the role's stages in the real order with
 * the plan's durations, the downloads and polls the real one makes, the host log upload, then the fake reboot.
 * The bootstrap of a multi-node cluster also reports the other hosts' Configuring / Waiting for ignition / Joined
 * and waits for the controller. `install-fails` hosts PUT Failed at their stage and exit 1.
 */
class Installer {
    env;
    host;
    request;
    runtime;
    kind;
    sleeper = new Sleeper();
    scanSleeper = new Sleeper();
    runningFlag = false;
    stagesSeen = [];
    scanning = false;
    /** The other hosts as the bootstrap read them, with the stage it last knew or reported for each. */
    scanHosts;
    scanDone;
    joinedMasters = new Set();
    failAt;
    constructor(env, host, request, runtime) {
        this.env = env;
        this.host = host;
        this.request = request;
        this.runtime = runtime;
        this.kind = installerKind(request, host.cluster.singleNode);
        this.failAt = host.plan.failures.includes('install-fails')
            ? failingStage(this.kind, host.plan.failStage)
            : undefined;
    }
    get running() {
        return this.runningFlag;
    }
    get pollMs() {
        return this.env.planTiming.controllerPollMs;
    }
    /** `podman stop`: the installer process ends (exit 143). */
    stop() {
        this.sleeper.stop();
        this.scanSleeper.stop();
    }
    /** Runs the installation; resolves with the install step's outcome when the installer process exits. */
    async run() {
        this.runningFlag = true;
        try {
            for (const op of installerPlan(this.kind)) {
                if (this.sleeper.stopped)
                    return failed(STOPPED_EXIT_CODE, '');
                await this.execute(op);
            }
            if (this.sleeper.stopped)
                return failed(STOPPED_EXIT_CODE, '');
            return succeeded(`Installation of ${this.host.plan.hostname} (${this.kind}) finished, rebooting\n`);
        }
        catch (error) {
            if (!(error instanceof InstallFailure))
                throw error;
            return failed(1, error.message);
        }
        finally {
            this.stopScan();
            await this.scanDone;
            this.runningFlag = false;
        }
    }
    async execute(op) {
        switch (op.op) {
            case 'stage':
                return this.stage(op.stage, op.info);
            case 'pause':
                return this.sleeper.sleep(stageMs(this.env, op.stage));
            case 'download':
                return this.download(op.file);
            case 'write-image':
                return this.writeImage();
            case 'start-scan':
                this.scanning = true;
                this.scanDone = this.scanLoop();
                return;
            case 'control-plane-reads':
                return this.controlPlaneClusterReads();
            case 'wait-masters-joined':
                return this.waitMastersJoined();
            case 'wait-controller':
                return this.waitController();
            case 'controller-logs':
                return this.controllerLogs();
            case 'wait-masters-done':
                return this.waitMastersDone();
            case 'host-logs':
                return this.hostLogs();
            case 'reboot':
                return this.reboot();
        }
    }
    async stage(stage, info, record = true) {
        const first = this.stagesSeen[this.stagesSeen.length - 1] !== stage;
        if (first)
            this.stagesSeen.push(stage);
        this.host.onMilestone(`stage: ${stage}`);
        await reportProgress(this.env, {
            infraEnvId: this.host.infraEnvId,
            hostId: this.host.plan.id,
            stage,
            info,
            secretKey: this.host.secretKey,
            retry: this.env.retry.installer,
            by: 'installer',
            hostname: this.host.plan.hostname,
            clusterName: this.host.cluster.name,
            record: record && first
        });
        if (first && stage === this.failAt)
            await this.fail(stage);
    }
    async fail(stage, reason) {
        if (!reason)
            await this.sleeper.sleep(stageMs(this.env, stage) / 2);
        const message = reason ?? `failed executing stage ${stage}: injected by the test plan (install-fails)`;
        await reportProgress(this.env, {
            infraEnvId: this.host.infraEnvId,
            hostId: this.host.plan.id,
            stage: 'Failed',
            info: message,
            secretKey: this.host.secretKey,
            retry: this.env.retry.installer,
            by: 'installer',
            hostname: this.host.plan.hostname,
            clusterName: this.host.cluster.name
        });
        this.host.onMilestone('stage: Failed');
        throw new InstallFailure(message);
    }
    async download(file) {
        const res = file === 'bootstrap.ign'
            ? await this.env.transport.request({
                endpoint: 'V2DownloadClusterFiles',
                params: { cluster_id: this.request.cluster_id },
                query: { file_name: 'bootstrap.ign' },
                accept: 'application/octet-stream',
                secretKey: this.host.secretKey,
                retry: this.env.retry.installer
            })
            : await this.env.transport.request({
                endpoint: 'v2DownloadHostIgnition',
                params: { infra_env_id: this.host.infraEnvId, host_id: this.host.plan.id },
                accept: 'application/octet-stream',
                secretKey: this.host.secretKey,
                retry: this.env.retry.installer
            });
        if (this.sleeper.stopped)
            return;
        if (res.status < 200 || res.status >= 300) {
            const current = (this.stagesSeen[this.stagesSeen.length - 1] ?? 'Starting installation');
            await this.fail(current, `failed to download ${file}: status ${res.status}`);
        }
    }
    async writeImage() {
        const stage = 'Writing image to disk';
        await this.stage(stage, '');
        const total = stageMs(this.env, stage);
        const steps = 100 / WRITE_STEP_PERCENT;
        for (let i = 1; i <= steps && !this.sleeper.stopped; i++) {
            await this.sleeper.sleep(total / steps);
            if (this.sleeper.stopped)
                return;
            await this.stage(stage, `${i * WRITE_STEP_PERCENT}%`);
        }
    }
    getCluster(withHosts) {
        return this.env.transport
            .request({
            endpoint: 'v2GetCluster',
            params: { cluster_id: this.request.cluster_id },
            // the real client always says which (go-swagger sends exclude-hosts=false too)
            query: { 'exclude-hosts': !withHosts },
            secretKey: this.host.secretKey,
            retry: this.env.retry.installer
        })
            .then(res => {
            if (res.status !== 200)
                return { status: res.status };
            try {
                return { status: res.status, cluster: res.json() };
            }
            catch {
                return { status: 0 };
            }
        });
    }
    async putOther(target, stage) {
        const peer = peerById(this.host.cluster, target.id);
        return reportProgress(this.env, {
            infraEnvId: target.infra_env_id ?? this.host.infraEnvId,
            hostId: target.id,
            stage,
            info: '',
            secretKey: this.host.secretKey,
            retry: this.env.retry.installer,
            by: 'bootstrap',
            hostname: peer?.hostname ?? target.requested_hostname ?? target.id,
            clusterName: this.host.cluster.name
        });
    }
    /**
     * The bootstrap's view of the other hosts: MCS log lines (Configuring / Waiting for ignition) and Ready nodes
     * (Joined). Like the real installer, it reads the cluster's hosts once (its hosts map) and afterwards goes by
     * what it reported itself; it reads them again only after a failed read or a refused report (found by the
     * fidelity loop: polling the cluster with its hosts on every look was a request the real bootstrap never makes).
     */
    async scanOnce() {
        if (!this.scanHosts) {
            const { cluster } = await this.getCluster(true);
            if (!cluster || this.sleeper.stopped)
                return;
            this.scanHosts = (cluster.hosts ?? [])
                .filter(h => h.id && h.id !== this.host.plan.id)
                .map(host => ({ host, stage: host.progress?.current_stage ?? '' }));
        }
        for (const entry of this.scanHosts) {
            const other = entry.host;
            const node = this.runtime.nodeState(other.id);
            if (node === 'none')
                continue;
            const isWorker = other.role === 'worker';
            let report;
            if (!isWorker && node === 'ready' && !JOINED_OR_DONE.has(entry.stage))
                report = 'Joined';
            else if (!isWorker && JOINED_OR_DONE.has(entry.stage))
                this.joinedMasters.add(other.id);
            else if (!isWorker && !DONE_OR_LATER.has(entry.stage))
                report = 'Configuring';
            else if (isWorker && !IGNITION_OR_LATER.has(entry.stage))
                report = 'Waiting for ignition';
            if (!report)
                continue;
            const status = await this.putOther(other, report);
            if (status >= 200 && status < 300) {
                entry.stage = report;
                if (report === 'Joined')
                    this.joinedMasters.add(other.id);
            }
            else {
                // read the hosts again at the next look, as the real one does after a failed update
                this.scanHosts = undefined;
                return;
            }
        }
    }
    /** Looks every controller_poll, the first time one interval after it started (the real loops are timers). */
    async scanLoop() {
        while (this.scanning && !this.sleeper.stopped) {
            await this.scanSleeper.sleep(this.pollMs);
            if (!this.scanning || this.sleeper.stopped)
                break;
            await this.scanOnce();
        }
    }
    /**
     * waitForControlPlane's two reads of the cluster without hosts: the vSphere credentials check, then the
     * platform for the node wait.
     */
    async controlPlaneClusterReads() {
        for (let i = 0; i < 2 && !this.sleeper.stopped; i++)
            await this.getCluster(false);
    }
    /**
     * The real installer looks for ready masters on a timer (waitForNodes: every 5 s, the first time 5 s after it
     * began to wait), so it never goes on at once even when they are already there (found by the fidelity loop).
     */
    async waitMastersJoined() {
        const needed = Math.max(1, Math.min(this.runtime.controlPlaneCount - 1, 2));
        do {
            await this.sleeper.sleep(this.pollMs);
        } while (this.joinedMasters.size < needed && !this.sleeper.stopped);
    }
    /** The controller's ready event, on the real installer's 5 s ticker (first look after one tick). */
    async waitController() {
        const interval = Math.min(5000, this.pollMs);
        do {
            await this.sleeper.sleep(interval);
        } while (!this.runtime.controllerReady && !this.sleeper.stopped);
    }
    async controllerLogs() {
        const target = {
            clusterId: this.request.cluster_id,
            clusterName: this.host.cluster.name,
            secretKey: this.host.secretKey,
            retry: this.env.retry.installer,
            lines: ['controller pod ready', 'bootstrap: uploading controller logs before reboot']
        };
        await putClusterLogsProgress(this.env, target, 'requested');
        await uploadControllerLogs(this.env, target);
    }
    async waitMastersDone() {
        await this.getCluster(false);
        const interval = Math.min(5000, this.pollMs);
        while (!this.sleeper.stopped) {
            const res = await this.env.transport.request({
                endpoint: 'ListClusterHosts',
                params: { cluster_id: this.request.cluster_id },
                query: { role: 'master' },
                secretKey: this.host.secretKey,
                retry: this.env.retry.installer
            });
            if (res.status === 200) {
                let done = 0;
                try {
                    for (const h of res.json())
                        if (h.progress?.current_stage === 'Done')
                            done++;
                }
                catch {
                    done = 0;
                }
                if (done >= 2)
                    return;
            }
            await this.sleeper.sleep(interval);
        }
    }
    async hostLogs() {
        const target = {
            clusterId: this.request.cluster_id,
            infraEnvId: this.host.infraEnvId,
            hostId: this.host.plan.id,
            hostname: this.host.plan.hostname,
            secretKey: this.host.secretKey,
            retry: this.env.retry.installer,
            stages: this.stagesSeen
        };
        await putHostLogsProgress(this.env, target, 'requested');
        if (this.sleeper.stopped)
            return;
        await sendHostLogs(this.env, target);
    }
    stopScan() {
        this.scanning = false;
        this.scanSleeper.wake();
    }
    async reboot() {
        this.stopScan();
        await this.stage('Rebooting', '');
        if (this.sleeper.stopped)
            return;
        this.runtime.markRebooted(this.host.plan.id, jitter(this.env, this.env.planTiming.nodeReadyMs));
        this.host.onRebooted();
    }
}
//# sourceMappingURL=installer.js.map
// EXTERNAL MODULE: ./lib/api/swagger.js + 1 modules
var swagger = __webpack_require__(342);
;// CONCATENATED MODULE: ./lib/agent/steps/args.js


/**
 * The agent's argument checks before running a step (agent:`src/commands/actions/action.go` ValidateCommon): the
 * argument count, then args[0] unmarshalled into the request model and validated. A failure is a reply with
 * exit code -1 and the error text; the step does not run.
 */
/** Go's `%v` of a string slice. */
function goSlice(args) {
    return `[${args.join(' ')}]`;
}
function checkCount(name, args, expected) {
    if (args.length === expected)
        return undefined;
    return failed(-1, `${name} cmd accepts ${expected} params in args, given args ${goSlice(args)}`);
}
/** Checks the count, parses args[0] as JSON and validates it against the swagger `definition`. */
function parseModelArg(name, args, expected, definition) {
    const count = checkCount(name, args, expected);
    if (count)
        return { outcome: count };
    let value;
    try {
        value = JSON.parse(args[0]);
    }
    catch (error) {
        return { outcome: failed(-1, `failed to unmarshal ${name}: ${error.message}`) };
    }
    const problems = (0,swagger/* modelValidator */.kX)().validate(definition, value);
    if (problems.length)
        return { outcome: failed(-1, `validation failure list:\n${problems.join('\n')}`) };
    return { value: value };
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(text) {
    return UUID.test(text);
}
//# sourceMappingURL=args.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/api-vip-connectivity-check.js


/** The trimmed worker ignition a day-2 host would fetch from the cluster's machine config server. */
const WORKER_IGNITION = JSON.stringify({
    ignition: { version: '3.2.0' },
    storage: { files: [] },
    systemd: {}
});
/**
 * `api-vip-connectivity-check` (day 2): the real agent downloads the worker ignition from the URL. The URL names
 * the emulated cluster, which does not exist, so nothing is contacted: the download is reported successful.
 */
const apiVipConnectivityCheckStep = {
    type: 'api-vip-connectivity-check',
    deterministic: true,
    run(_host, args) {
        const parsed = parseModelArg('api vip connectivity check', args, 1, 'api_vip_connectivity_request');
        if (parsed.outcome)
            return parsed.outcome;
        const response = {
            is_success: true,
            url: parsed.value.url,
            ignition: WORKER_IGNITION
        };
        return succeeded(JSON.stringify(response));
    }
};
//# sourceMappingURL=api-vip-connectivity-check.js.map
// EXTERNAL MODULE: ./lib/plan/ipv4.js
var ipv4 = __webpack_require__(87548);
// EXTERNAL MODULE: ./lib/agent/inventory.js
var inventory = __webpack_require__(16129);
;// CONCATENATED MODULE: ./lib/agent/steps/connectivity-check.js






/**
 * `connectivity-check`: per requested host (sorted by id) and remote address, what the real checkers report:
 * - L2 (arping) from each local NIC whose subnet holds the address, only when the peer answers;
 * - L3 (ping) always: successful with the average RTT and 0 % loss, or just the address when nothing answers;
 * - MTU only from NICs whose MTU is not 1500 (the real checker skips standard frames; plan NICs use 1500).
 * A pair where either side has the plan failure `missing-connectivity` is unreachable both ways, as a real
 * partition would be. The service sends plain addresses; a `/prefix` is tolerated as the agent does.
 */
function localNicFor(host, remoteIp) {
    for (const nic of host.nics) {
        if (!nic.ipv4)
            continue;
        const cidr = (0,ipv4/* parseCidr */.GN)(nic.ipv4);
        if (cidr && remoteIp - (remoteIp % 2 ** (32 - cidr.prefix)) === cidr.base)
            return { name: nic.name, ip: nic.ipv4.split('/')[0] };
    }
    return undefined;
}
/** A plausible LAN round trip: a fixed base per pair, and per-run variation like real ping averages. */
function rtt(host, remoteIp) {
    const base = 0.15 + (hash53(host.plan.id + remoteIp) % 400) / 1000;
    const value = host.fleet.varyingRtt ? base * (0.8 + host.fleet.random() * 0.4) : base;
    return Math.round(value * 1000) / 1000;
}
function buildConnectivityReport(host, request) {
    const selfMissing = host.plan.failures.includes('missing-connectivity');
    const remote = [];
    const sorted = [...request].sort((a, b) => ((a.host_id ?? '') < (b.host_id ?? '') ? -1 : 1));
    for (const peer of sorted) {
        const peerPlan = peerById(host.cluster, peer.host_id);
        const reachable = !selfMissing && !peerPlan?.failures.includes('missing-connectivity');
        const l2 = [];
        const l3 = [];
        const mtu = [];
        for (const nic of peer.nics ?? []) {
            for (const address of nic.ip_addresses ?? []) {
                const remoteIp = address.split('/')[0];
                const remoteValue = (0,ipv4/* parseIpv4 */.ni)(remoteIp);
                if (remoteValue === undefined)
                    continue;
                const local = localNicFor(host.plan, remoteValue);
                if (local && reachable) {
                    l2.push({
                        outgoing_ip_address: local.ip,
                        outgoing_nic: local.name,
                        remote_ip_address: remoteIp,
                        remote_mac: (nic.mac ?? '').toLowerCase(),
                        successful: true
                    });
                }
                l3.push(reachable
                    ? {
                        remote_ip_address: remoteIp,
                        successful: true,
                        average_rtt_ms: rtt(host, remoteIp),
                        packet_loss_percentage: 0
                    }
                    : { remote_ip_address: remoteIp });
                if (local && inventory/* NIC_MTU */.Mi !== 1500)
                    mtu.push({ outgoing_nic: local.name, remote_ip_address: remoteIp, mtu_successful: reachable });
            }
        }
        l3.sort((a, b) => (a.remote_ip_address < b.remote_ip_address ? -1 : 1));
        remote.push({
            host_id: peer.host_id,
            l2_connectivity: l2,
            l3_connectivity: l3,
            ...(mtu.length ? { mtu_report: mtu } : {})
        });
    }
    return { remote_hosts: remote };
}
const connectivityCheckStep = {
    type: 'connectivity-check',
    // Round-trip times vary per run unless the fleet asks for stable ones.
    deterministic: fleet => !fleet.varyingRtt,
    run(host, args) {
        const parsed = parseModelArg('connectivity check', args, 1, 'connectivity-check-params');
        if (parsed.outcome)
            return parsed.outcome;
        return succeeded(JSON.stringify(buildConnectivityReport(host, parsed.value)));
    }
};
//# sourceMappingURL=connectivity-check.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/container-image-availability.js


/**
 * `container-image-availability`: a pull record per image. With the plan failure `image-unavailable` every pull
 * fails and the exit code is 2, with the complete output (which the service still parses).
 */
const containerImageAvailabilityStep = {
    type: 'container-image-availability',
    deterministic: true,
    run(host, args) {
        const parsed = parseModelArg('image availability', args, 1, 'container_image_availability_request');
        if (parsed.outcome)
            return parsed.outcome;
        const unavailable = host.plan.failures.includes('image-unavailable');
        const images = parsed.value.images.map(name => unavailable
            ? { name, result: 'failure' }
            : { name, result: 'success', size_bytes: 400_000_000, time: 10, download_rate: 100 });
        const response = { images };
        const output = JSON.stringify(response);
        if (unavailable) {
            return failed(2, `failed to pull images: ${parsed.value.images.join(', ')}: manifest unknown`, output);
        }
        return succeeded(output);
    }
};
//# sourceMappingURL=container-image-availability.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/dhcp-lease-allocate.js



function leaseText(host, iface, address) {
    const cidr = (0,ipv4/* parseCidr */.GN)(host.cluster.machineCidr);
    const mask = (0,ipv4/* formatIpv4 */.Re)((0xffffffff << (32 - cidr.prefix)) >>> 0);
    const renew = new Date(Date.now() + 43_200_000)
        .toISOString()
        .replace('T', ' ')
        .slice(0, 19)
        .replace(/-/g, '/');
    const expire = new Date(Date.now() + 86_400_000)
        .toISOString()
        .replace('T', ' ')
        .slice(0, 19)
        .replace(/-/g, '/');
    return (`lease {\n  interface "${iface}";\n  fixed-address ${address};\n  option subnet-mask ${mask};\n` +
        `  option routers ${host.cluster.gateway};\n  option dhcp-lease-time 86400;\n  option dhcp-message-type 5;\n` +
        `  option dhcp-server-identifier ${host.cluster.gateway};\n  renew 0 ${renew};\n  rebind 0 ${expire};\n  expire 0 ${expire};\n}\n`);
}
/**
 * `dhcp-lease-allocate`: a DHCP lease for each VIP MAC. The machine network's DHCP server hands out the plan's VIPs
 * (or its reserved .2/.3); a lease passed in the request is renewed for the same address.
 */
const dhcpLeaseAllocateStep = {
    type: 'dhcp-lease-allocate',
    deterministic: false,
    run(host, args) {
        const parsed = parseModelArg('dhcp leases', args, 1, 'dhcp_allocation_request');
        if (parsed.outcome)
            return parsed.outcome;
        const cidr = (0,ipv4/* parseCidr */.GN)(host.cluster.machineCidr);
        const fromLease = (lease) => /fixed-address ([\d.]+);/.exec(lease ?? '')?.[1];
        const api = fromLease(parsed.value.api_vip_lease) ?? host.cluster.apiVip ?? (0,ipv4/* formatIpv4 */.Re)(cidr.base + 2);
        const ingress = fromLease(parsed.value.ingress_vip_lease) ?? host.cluster.ingressVip ?? (0,ipv4/* formatIpv4 */.Re)(cidr.base + 3);
        const response = {
            api_vip_address: api,
            ingress_vip_address: ingress,
            api_vip_lease: leaseText(host, 'api', api),
            ingress_vip_lease: leaseText(host, 'ingress', ingress)
        };
        return succeeded(JSON.stringify(response));
    }
};
//# sourceMappingURL=dhcp-lease-allocate.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/domain-resolution.js




function reserved(host, offset) {
    const cidr = (0,ipv4/* parseCidr */.GN)(host.cluster.machineCidr);
    return cidr ? (0,ipv4/* formatIpv4 */.Re)(cidr.base + offset) : '';
}
function resolve(host, domainName) {
    const name = domainName.replace(/\.$/, '').toLowerCase();
    const suffix = `.${host.cluster.name}.${host.fleet.baseDomain}`.toLowerCase();
    let ipv4 = [];
    if (name.startsWith('validatenowildcarddns.')) {
        if (host.plan.failures.includes('dns-wildcard'))
            ipv4 = [host.cluster.ingressVip ?? reserved(host, 3)];
    }
    else if (name === `api${suffix}` || name === `api-int${suffix}`) {
        ipv4 = [host.cluster.apiVip ?? reserved(host, 2)];
    }
    else if (name.endsWith(`.apps${suffix}`)) {
        ipv4 = [host.cluster.ingressVip ?? reserved(host, 3)];
    }
    else if (!name.endsWith(suffix)) {
        const h = hash53(name);
        ipv4 = [`198.${18 + (h & 1)}.${(h >>> 1) & 255}.${((h >>> 9) % 254) + 1}`];
    }
    return { domain_name: domainName, ipv4_addresses: ipv4.filter(Boolean), ipv6_addresses: [], cnames: [] };
}
const domainResolutionStep = {
    type: 'domain-resolution',
    deterministic: true,
    run(host, args) {
        const parsed = parseModelArg('domain resolution', args, 1, 'domain_resolution_request');
        if (parsed.outcome)
            return parsed.outcome;
        const response = {
            resolutions: parsed.value.domains.map(d => resolve(host, String(d.domain_name ?? '')))
        };
        return succeeded(JSON.stringify(response));
    }
};
//# sourceMappingURL=domain-resolution.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/download-boot-artifacts.js


/**
 * `download-boot-artifacts` (reclaim): writes the discovery kernel, initrd and a boot entry. The URLs are not
 * fetched (only loopback is ever contacted); the step reports what the real one prints on success.
 */
const downloadBootArtifactsStep = {
    type: 'download-boot-artifacts',
    deterministic: false,
    run(_host, args) {
        const parsed = parseModelArg('download boot artifacts', args, 1, 'download_boot_artifacts_request');
        if (parsed.outcome)
            return parsed.outcome;
        return succeeded('Successfully downloaded boot artifacts');
    }
};
//# sourceMappingURL=download-boot-artifacts.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/free-network-addresses.js



/** nmap reports at most this many free addresses per run. */
const MAX_FREE_ADDRESSES = 8000;
/**
 * `free-network-addresses`: per requested network, the addresses nothing answers on: every host address but the
 * gateway and the cluster's hosts (the VIPs are free until a cluster takes them).
 */
function freeAddresses(host, networks) {
    const taken = new Set();
    const gateway = (0,ipv4/* parseIpv4 */.ni)(host.cluster.gateway);
    if (gateway !== undefined)
        taken.add(gateway);
    for (const h of host.cluster.hosts) {
        const ip = (0,ipv4/* parseIpv4 */.ni)(h.ipv4);
        if (ip !== undefined)
            taken.add(ip);
    }
    const result = [];
    let budget = MAX_FREE_ADDRESSES;
    for (const network of networks) {
        const cidr = (0,ipv4/* parseCidr */.GN)(network);
        if (!cidr || cidr.prefix < 8)
            return `invalid network ${network}`;
        const size = (0,ipv4/* blockSize */.L6)(cidr.prefix);
        const first = size > 2 ? cidr.base + 1 : cidr.base;
        const last = size > 2 ? cidr.base + size - 2 : cidr.base + size - 1;
        const free = [];
        for (let ip = first; ip <= last && budget > 0; ip++) {
            if (taken.has(ip))
                continue;
            free.push((0,ipv4/* formatIpv4 */.Re)(ip));
            budget--;
        }
        result.push({ network, free_addresses: free });
    }
    return result;
}
const freeNetworkAddressesStep = {
    type: 'free-network-addresses',
    deterministic: true,
    run(host, args) {
        const parsed = parseModelArg('free addresses', args, 1, 'free_addresses_request');
        if (parsed.outcome)
            return parsed.outcome;
        const result = freeAddresses(host, parsed.value);
        if (typeof result === 'string')
            return failed(-1, result);
        return succeeded(JSON.stringify(result));
    }
};
//# sourceMappingURL=free-network-addresses.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/install.js



/**
 * `install`: checks the boot device and the disks to format exist on the host, then runs the installer in the
 * foreground: the reply is posted when the emulated installer exits (0 after Rebooting, 1 after Failed). A second
 * install step while the installer runs fails as `podman run --name=assisted-installer` does (125, ignored by the
 * service).
 */
const installStep = {
    type: 'install',
    deterministic: false,
    run(host, args) {
        const parsed = parseModelArg('install', args, 1, 'install_cmd_request');
        if (parsed.outcome)
            return parsed.outcome;
        for (const disk of [parsed.value.boot_device, ...(parsed.value.disks_to_format ?? [])]) {
            if (!disk.startsWith('/dev/'))
                return failed(-1, `disk ${disk} should start of with /dev/`);
            if (!(0,inventory/* hostHasDisk */.EX)(host.plan, disk))
                return failed(-1, `disk ${disk} was not found on the host`);
        }
        return host.install(parsed.value);
    }
};
//# sourceMappingURL=install.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/installation-disk-speed-check.js


/** `installation-disk-speed-check [{path}, "<timeout>"]`: fio's p99 fdatasync latency for the disk, echoing the path. */
const installationDiskSpeedCheckStep = {
    type: 'installation-disk-speed-check',
    deterministic: true,
    run(host, args) {
        const parsed = parseModelArg('disk performance', args, 2, 'disk_speed_check_request');
        if (parsed.outcome)
            return parsed.outcome;
        if (Number.isNaN(Number.parseFloat(args[1])))
            return failed(-1, `strconv.ParseFloat: parsing "${args[1]}": invalid syntax`);
        const path = parsed.value.path;
        const disk = host.plan.hardware.disks.find(d => d.byId === path || `/dev/${d.name}` === path);
        const response = { io_sync_duration: disk?.driveType === 'HDD' ? 8 : 2, path };
        return succeeded(JSON.stringify(response));
    }
};
//# sourceMappingURL=installation-disk-speed-check.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/inventory.js



/** `inventory [host_id]`: the hardware scan. Extra arguments (--output-max-size, --disk-min-size) are refused. */
const inventoryStep = {
    type: 'inventory',
    deterministic: true,
    run(host, args) {
        const count = checkCount('inventory', args, 1);
        if (count)
            return count;
        if (!isUuid(args[0])) {
            return failed(-1, `inventory cmd accepts only 1 params in args and it should be UUID, given args ${goSlice(args)}`);
        }
        return succeeded(JSON.stringify((0,inventory/* buildInventory */.Rs)(host.plan, host.cluster, host.fleet)));
    }
};
//# sourceMappingURL=inventory.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/logs-gather.js

/** `logs-gather`: the logs_sender run (logs-progress, a real tar.gz upload, completed); its stdout is the reply. */
const logsGatherStep = {
    type: 'logs-gather',
    deterministic: false,
    run(host, args) {
        const parsed = parseModelArg('logs gather', args, 1, 'logs_gather_cmd_request');
        if (parsed.outcome)
            return parsed.outcome;
        return host.gatherLogs(parsed.value);
    }
};
//# sourceMappingURL=logs-gather.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/ntp-synchronizer.js



/**
 * `ntp-synchronizer`: chrony's sources after adding the requested ones. The image's default pool server is
 * synced and requested sources are combined; with the plan failure `ntp-unsynced` every source is unreachable.
 */
const ntpSynchronizerStep = {
    type: 'ntp-synchronizer',
    deterministic: true,
    run(host, args) {
        const parsed = parseModelArg('ntp synchronizer', args, 1, 'ntp_synchronization_request');
        if (parsed.outcome)
            return parsed.outcome;
        const unsynced = host.plan.failures.includes('ntp-unsynced');
        const h = hash53(host.plan.id);
        const pool = `198.18.${(h >>> 8) & 255}.${(h & 127) + 1}`;
        const requested = parsed.value.ntp_source
            .split(',')
            .map(s => s.trim())
            .filter(Boolean);
        const response = {
            ntp_sources: [
                { source_name: pool, source_state: unsynced ? 'unreachable' : 'synced' },
                ...requested.map(name => ({
                    source_name: name,
                    source_state: unsynced ? 'unreachable' : 'combined'
                }))
            ]
        };
        return succeeded(JSON.stringify(response));
    }
};
//# sourceMappingURL=ntp-synchronizer.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/reboot-for-reclaim.js

/** `reboot-for-reclaim`: the machine reboots into discovery, so no reply is sent; the agent then registers again. */
const rebootForReclaimStep = {
    type: 'reboot-for-reclaim',
    deterministic: false,
    run(host, args) {
        const parsed = parseModelArg('reboot for reclaim', args, 1, 'reboot_for_reclaim_request');
        if (parsed.outcome)
            return parsed.outcome;
        host.reboot();
        return undefined;
    }
};
//# sourceMappingURL=reboot-for-reclaim.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/stop-installation.js


/** `stop-installation`: `podman stop -i -t 5 assisted-installer`; prints the container's name when it was running. */
const stopInstallationStep = {
    type: 'stop-installation',
    deterministic: false,
    run(host, args) {
        const count = checkCount('stop installation', args, 0);
        if (count)
            return count;
        return succeeded(host.stopInstaller() ? 'assisted-installer\n' : '');
    }
};
//# sourceMappingURL=stop-installation.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/tang-connectivity-check.js



const b64url = (text) => Buffer.from(text).toString('base64url');
/**
 * `tang-connectivity-check`: `GET <url>/adv/<thumbprint>` per tang server. The servers are not contacted; each
 * answers with a well-formed JWS advertisement (a signing and an exchange key) derived from its URL.
 */
const tangConnectivityCheckStep = {
    type: 'tang-connectivity-check',
    deterministic: true,
    run(_host, args) {
        const parsed = parseModelArg('tang connectivity check', args, 1, 'tang_connectivity_request');
        if (parsed.outcome)
            return parsed.outcome;
        let servers;
        try {
            servers = JSON.parse(parsed.value.tang_servers);
            if (!Array.isArray(servers))
                throw new Error('tang_servers is not a list');
        }
        catch (error) {
            return failed(-1, `failed to parse tang servers: ${error.message}`, JSON.stringify({ is_success: false }));
        }
        const response = {
            is_success: true,
            tang_server_response: servers.map(server => {
                const seed = hash53(server.url ?? '').toString(36);
                const keys = {
                    keys: [
                        {
                            alg: 'ES512',
                            crv: 'P-521',
                            key_ops: ['verify'],
                            kty: 'EC',
                            x: b64url(`x-sig-${seed}`),
                            y: b64url(`y-sig-${seed}`)
                        },
                        {
                            alg: 'ECMR',
                            crv: 'P-521',
                            key_ops: ['deriveKey'],
                            kty: 'EC',
                            x: b64url(`x-exc-${seed}`),
                            y: b64url(`y-exc-${seed}`)
                        }
                    ]
                };
                return {
                    tang_url: server.url ?? '',
                    payload: b64url(JSON.stringify(keys)),
                    signatures: [
                        {
                            protected: b64url('{"alg":"ES512","cty":"jwk-set+json"}'),
                            signature: b64url(`sig-${seed}-${server.thumbprint ?? ''}`)
                        }
                    ]
                };
            })
        };
        return succeeded(JSON.stringify(response));
    }
};
//# sourceMappingURL=tang-connectivity-check.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/unknown.js

/** A step type with no action in the agent (`execute`, `next-step-runner`, anything new): -1 and an error. */
function unknownStep(type) {
    return {
        type,
        deterministic: false,
        run: () => failed(-1, `failed to find action for step type ${type}`)
    };
}
//# sourceMappingURL=unknown.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/upgrade-agent.js


/** `upgrade-agent`: pulls the image (always works here) and restarts the agent, which registers again. */
const upgradeAgentStep = {
    type: 'upgrade-agent',
    deterministic: false,
    run(host, args) {
        const parsed = parseModelArg('upgrade agent', args, 1, 'upgrade_agent_request');
        if (parsed.outcome)
            return parsed.outcome;
        const response = { agent_image: parsed.value.agent_image ?? '', result: 'success' };
        host.restartAgent();
        return succeeded(JSON.stringify(response));
    }
};
//# sourceMappingURL=upgrade-agent.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/verify-vips.js


/** `verify-vips`: nmap finds nothing answering on the VIPs, so every one is free (`succeeded`). */
const verifyVipsStep = {
    type: 'verify-vips',
    deterministic: true,
    run(_host, args) {
        const parsed = parseModelArg('vip verifier', args, 1, 'verify_vips_request');
        if (parsed.outcome)
            return parsed.outcome;
        const response = parsed.value.map(v => ({
            vip: v.vip,
            vip_type: v.vip_type,
            verification: 'succeeded'
        }));
        return succeeded(JSON.stringify(response));
    }
};
//# sourceMappingURL=verify-vips.js.map
;// CONCATENATED MODULE: ./lib/agent/steps/index.js


















/** The agent's action map: every step type it can run. `execute` and `next-step-runner` have no action. */
const STEP_HANDLERS = new Map([
    inventoryStep,
    connectivityCheckStep,
    freeNetworkAddressesStep,
    ntpSynchronizerStep,
    installationDiskSpeedCheckStep,
    containerImageAvailabilityStep,
    domainResolutionStep,
    verifyVipsStep,
    apiVipConnectivityCheckStep,
    tangConnectivityCheckStep,
    dhcpLeaseAllocateStep,
    logsGatherStep,
    stopInstallationStep,
    upgradeAgentStep,
    downloadBootArtifactsStep,
    rebootForReclaimStep,
    installStep
].map(h => [h.type, h]));
const unknownHandlers = new Map();
/** The handler for a step type; unknown types get the agent's "failed to find action" reply. */
function stepHandler(type) {
    const handler = STEP_HANDLERS.get(type);
    if (handler)
        return { handler, known: true };
    let unknown = unknownHandlers.get(type);
    if (!unknown) {
        unknown = unknownStep(type);
        if (unknownHandlers.size < 64)
            unknownHandlers.set(type, unknown);
    }
    return { handler: unknown, known: false };
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./lib/agent/host.js










/** Register answers after which the real agent blocks forever (agent-protocol §1.4). */
const FREEZING_REGISTER_STATUSES = new Set([401, 403, 404, 409]);
/** Clock skew of `clock-skew` hosts: an hour behind (the service tolerates 20 minutes). */
const CLOCK_SKEW_SECONDS = -3600;
/** What podman says to a second `--name=assisted-installer`. */
const INSTALLER_IN_USE = 'Error: creating container storage: the container name "assisted-installer" is already in use by ' +
    '"0f5b6c8c7d1e". You have to remove that container to be able to reuse that name: that name is already in use';
/** Docker image reference, as the agent checks `agent_version` in the next-step-runner arguments. */
const IMAGE_REFERENCE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const host_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * One fake host speaking the agent protocol as the real discovery agent and next-step-runner do
 * (agent-protocol §1.4–1.6, §6.1): register, poll instructions at the service's pace, run every step at once and
 * post its reply, with the real error handling. An idle host is a small object waiting on one timer.
 */
class NativeHost {
    plan;
    cluster;
    infraEnvId;
    fleet;
    env;
    config;
    runtime;
    sleeper = new Sleeper();
    /** The id the next-step-runner was started with (normally the plan's). */
    hostId;
    /** `discovery_agent_version` for polls and replies: the service's image once registered. */
    agentVersion;
    installer;
    restartRequested = false;
    upgradePending = false;
    reclaimRequested = false;
    rebootedFlag = false;
    inflight;
    endState;
    /** The last thing this host did, for the timeline when the run stops. */
    milestone = 'launched';
    constructor(options) {
        this.env = options.env;
        this.plan = options.host;
        this.cluster = options.cluster;
        this.config = options.agent;
        this.runtime = options.runtime;
        this.infraEnvId = options.agent.infraEnvId;
        this.fleet = options.env.fleet;
        this.hostId = options.host.id;
        this.agentVersion = options.agent.agentVersion;
    }
    get secretKey() {
        return this.config.pullSecretToken;
    }
    /** How the host ended, once it did. */
    get ended() {
        return this.endState;
    }
    get active() {
        return this.endState === undefined;
    }
    event(ev, extra = {}) {
        this.env.recorder.event({ k: 'host', h: this.plan.hostname, c: this.cluster.name, ev, ...extra });
    }
    error(msg, ctx) {
        this.env.recorder.event({
            k: 'error',
            scope: 'host',
            h: this.plan.hostname,
            c: this.cluster.name,
            msg,
            ...(ctx ? { ctx } : {})
        });
    }
    /** Runs the host until it reboots into the installed system, freezes, or is stopped. */
    async run() {
        this.event('launch', { id: this.plan.id, role: this.plan.role });
        let end;
        for (;;) {
            const registered = await this.register();
            if (registered !== 'ok') {
                end = registered;
                break;
            }
            const runner = await this.runSteps();
            if (runner !== 'reregister') {
                end = runner;
                break;
            }
            if (this.reclaimRequested) {
                this.reclaimRequested = false;
                this.milestone = 'rebooting into discovery';
                await this.sleeper.sleep(this.env.timings.reclaimBootMs);
            }
        }
        while (this.inflight?.size)
            await Promise.allSettled([...this.inflight]);
        if (this.installer?.running)
            this.installer.stop();
        this.endState = end;
        return end;
    }
    /** Stops polling and the installer at once (the run is over); `run()` then resolves with `stopped`. */
    stop() {
        this.sleeper.stop();
        this.installer?.stop();
    }
    // ---- registration (agent-protocol §1.4) ----
    async register() {
        this.milestone = 'registering';
        let complained = false;
        for (;;) {
            if (this.sleeper.stopped)
                return 'stopped';
            const res = await this.env.transport.request({
                endpoint: 'v2RegisterHost',
                params: { infra_env_id: this.infraEnvId },
                json: { host_id: this.plan.id, discovery_agent_version: this.config.agentVersion },
                secretKey: this.config.pullSecretToken,
                agentVersion: this.config.agentVersion,
                retry: this.env.retry.agent
            });
            if (this.sleeper.stopped)
                return 'stopped';
            if (res.status === 201) {
                let answer;
                try {
                    answer = res.json();
                }
                catch {
                    answer = undefined;
                }
                const command = answer?.next_step_runner_command;
                if (!command) {
                    this.milestone = 'registered: incompatible server version';
                    this.error('registration answer has no next_step_runner_command (incompatible server version)');
                    await this.sleeper.sleep(this.env.timings.incompatibleServerMs);
                    continue;
                }
                const runnerArgs = parseRunnerArgs(command.args);
                if (!runnerArgs) {
                    this.error('invalid next_step_runner_command arguments', { args: command.args });
                    await this.sleeper.sleep(command.retry_seconds ? command.retry_seconds * 1000 : this.env.timings.runnerRetryMs);
                    continue;
                }
                this.hostId = runnerArgs.host_id === this.plan.id ? this.plan.id : runnerArgs.host_id;
                this.agentVersion = intern(runnerArgs.agent_version);
                this.milestone = 'registered';
                this.event('registered', { id: this.hostId, ...(answer?.status ? { status: answer.status } : {}) });
                return 'ok';
            }
            if (FREEZING_REGISTER_STATUSES.has(res.status)) {
                this.env.logger.debug(`${this.plan.hostname}: register answered ${res.status}; frozen like the real agent`);
                this.milestone = `frozen: register ${res.status}`;
                this.event('frozen', { info: `register ${res.status}`, status: bodyReason(res.text()) });
                return 'frozen';
            }
            if (!complained) {
                complained = true;
                this.error(`register failed with ${res.status || res.error?.message}; retrying every ${this.env.timings.registerRetryMs} ms`);
            }
            await this.sleeper.sleep(this.env.timings.registerRetryMs);
        }
    }
    // ---- the next-step-runner (agent-protocol §1.5) ----
    async runSteps() {
        const cache = new ReplyCache(this.env.timings.replyCacheTtlMs);
        const backoff = new ExponentialBackoff(this.env.timings.backoff, this.env.random);
        let streakReported = false;
        this.restartRequested = false;
        this.upgradePending = false;
        this.milestone = 'polling';
        for (;;) {
            const end = this.runnerEnd();
            if (end)
                return end;
            const requestId = (0,external_node_crypto_.randomUUID)();
            const skew = this.plan.failures.includes('clock-skew') ? CLOCK_SKEW_SECONDS : 0;
            const res = await this.env.transport.request({
                endpoint: 'v2GetNextSteps',
                params: { infra_env_id: this.infraEnvId, host_id: this.hostId },
                query: { timestamp: Math.floor(Date.now() / 1000) + skew },
                requestId,
                secretKey: this.config.pullSecretToken,
                agentVersion: this.agentVersion,
                retry: this.env.retry.agent
            });
            if (this.sleeper.stopped)
                return 'stopped';
            let steps;
            if (res.status === 200) {
                try {
                    steps = res.json();
                }
                catch {
                    steps = undefined;
                }
            }
            if (steps) {
                backoff.reset();
                streakReported = false;
                for (const step of steps.instructions ?? [])
                    this.track(this.runStep(step, requestId, cache));
                // Steps run on while the loop sleeps; a reboot, an upgrade or a reclaim wakes it early.
                await this.sleeper.sleep(Math.max(this.env.timings.minPollMs, (steps.next_instruction_seconds ?? 0) * 1000));
                if (steps.post_step_action === 'exit')
                    return this.runnerEnd() ?? 'reregister';
                continue;
            }
            if (res.status === 404) {
                this.env.logger.debug(`${this.plan.hostname}: next steps answered 404; frozen like the real agent`);
                this.milestone = 'frozen: next steps 404';
                this.event('frozen', { info: 'next steps 404', status: bodyReason(res.text()) });
                return 'frozen';
            }
            cache.clear();
            const wait = backoff.next();
            if (wait === undefined) {
                this.error('next steps failed for 15 minutes; registering again');
                return 'reregister';
            }
            if (!streakReported) {
                streakReported = true;
                this.error(`next steps failed with ${res.status || res.error?.message}; backing off`);
            }
            this.milestone = 'polling (failing)';
            await this.sleeper.sleep(wait);
        }
    }
    /** Why the runner loop ends now, if it does. */
    runnerEnd() {
        if (this.sleeper.stopped)
            return 'stopped';
        if (this.rebootedFlag)
            return 'rebooted';
        if (this.restartRequested || this.reclaimRequested)
            return 'reregister';
        return undefined;
    }
    track(task) {
        this.inflight ??= new Set();
        this.inflight.add(task);
        void task.finally(() => {
            this.inflight?.delete(task);
            if (this.inflight?.size === 0)
                this.inflight = undefined;
        });
    }
    // ---- one step (agent-protocol §1.6) ----
    async runStep(step, requestId, cache) {
        const type = step.step_type ?? '';
        const { handler, known } = stepHandler(type);
        const counters = this.env.recorder.counters;
        counters.add(stepCounter(type, known));
        const args = step.args ?? [];
        const deterministic = typeof handler.deterministic === 'function' ? handler.deterministic(this.fleet) : handler.deterministic;
        let argsHash = NaN;
        if (deterministic) {
            argsHash = hashArgs(args);
            if (cache.hasArgs(type, argsHash)) {
                counters.add('replies.suppressed');
                return;
            }
        }
        let outcome;
        try {
            outcome = await handler.run(this, args);
        }
        catch (error) {
            outcome = failed(-1, error.message);
        }
        if (!outcome || this.sleeper.stopped)
            return;
        await this.postReply(step, type, outcome, argsHash, requestId, cache);
        if (type === 'upgrade-agent' && this.upgradePending) {
            // The agent restarts once the successful upgrade reply is out (or was suppressed, or failed to send).
            this.restartRequested = true;
            this.sleeper.wake();
        }
    }
    async postReply(step, type, outcome, argsHash, requestId, cache) {
        const counters = this.env.recorder.counters;
        if (outcome.exitCode !== 0)
            counters.add('step_failures');
        const outputHash = outcome.exitCode === 0 ? hash53(outcome.output) : 0;
        if (outcome.exitCode === 0 && cache.has(type, outputHash)) {
            counters.add('replies.suppressed');
            return;
        }
        // omitempty, as the agent's generated struct: no exit_code when 0, no empty output or error.
        const reply = { step_type: type, step_id: step.step_id ?? '' };
        if (outcome.exitCode !== 0)
            reply.exit_code = outcome.exitCode;
        if (outcome.output)
            reply.output = outcome.output;
        if (outcome.error)
            reply.error = outcome.error;
        const res = await this.env.transport.request({
            endpoint: 'v2PostStepReply',
            params: { infra_env_id: this.infraEnvId, host_id: this.hostId },
            json: reply,
            requestId,
            secretKey: this.config.pullSecretToken,
            agentVersion: this.agentVersion,
            retry: this.env.retry.agent
        });
        if (res.status >= 200 && res.status < 300) {
            if (outcome.exitCode === 0)
                cache.store(type, outputHash, argsHash);
        }
        else if (res.status !== 0) {
            this.error(`step reply ${type} rejected with ${res.status}`, { body: res.text().slice(0, 300) });
        }
    }
    // ---- StepHost ----
    async install(request) {
        if (this.installer?.running)
            return failed(125, INSTALLER_IN_USE);
        this.event('install', { role: request.role, id: this.hostId });
        this.milestone = 'installing';
        this.runtime.noteInstall(this.plan.id, this.infraEnvId, request, this.config.pullSecretToken);
        this.installer = new Installer(this.env, this, request, this.runtime);
        return this.installer.run();
    }
    stopInstaller() {
        if (!this.installer?.running)
            return false;
        this.installer.stop();
        return true;
    }
    async gatherLogs(request) {
        const result = await sendHostLogs(this.env, {
            clusterId: request.cluster_id,
            infraEnvId: request.infra_env_id,
            hostId: request.host_id,
            hostname: this.plan.hostname,
            secretKey: this.config.pullSecretToken,
            retry: this.env.retry.agent
        });
        return result.ok ? { exitCode: 0, output: result.stdout, error: '' } : failed(1, result.stdout);
    }
    restartAgent() {
        this.upgradePending = true;
    }
    reboot() {
        this.reclaimRequested = true;
        this.sleeper.wake();
    }
    // ---- InstallerHost ----
    onMilestone(milestone) {
        this.milestone = milestone;
    }
    /** The fake reboot marker: the poll loop ends within its next wake-up, and the host is done. */
    onRebooted() {
        this.rebootedFlag = true;
        this.milestone = 'rebooted';
        this.event('rebooted');
        this.sleeper.wake();
    }
}
const counterNames = new Map();
/** `steps.<type>` / `steps.unknown.<type>`, made once per type. */
function stepCounter(type, known) {
    let name = counterNames.get(type);
    if (name === undefined) {
        name = known ? `steps.${type}` : `steps.unknown.${type}`;
        if (counterNames.size < 256)
            counterNames.set(type, name);
    }
    return name;
}
function parseRunnerArgs(args) {
    if (!args || args.length !== 1)
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(args[0]);
    }
    catch {
        return undefined;
    }
    if (!parsed.host_id ||
        !host_UUID.test(parsed.host_id) ||
        !parsed.infra_env_id ||
        !host_UUID.test(parsed.infra_env_id))
        return undefined;
    if (!parsed.agent_version || !IMAGE_REFERENCE.test(parsed.agent_version))
        return undefined;
    return parsed;
}
function bodyReason(text) {
    try {
        const body = JSON.parse(text);
        return (body.reason ?? text).slice(0, 200);
    }
    catch {
        return text.slice(0, 200);
    }
}
//# sourceMappingURL=host.js.map
;// CONCATENATED MODULE: ./lib/drivers/native.js





/**
 * The `native` driver: every host a small TypeScript object in this process speaking the agent protocol (src/agent),
 * with an emulated installer per host and an emulated controller per cluster, all over one shared HTTP transport
 * per service URL (pooled, or one connection per request with `agent.connection: faithful`).
 */
function createNativeDriver(ctx, options = {}) {
    const timings = { ...REAL_AGENT_TIMINGS, ...options.timings };
    const random = options.random ?? Math.random;
    const transports = new Map();
    const runtimes = new Map();
    const hosts = [];
    const controllers = [];
    const ends = { rebooted: 0, frozen: 0, stopped: 0 };
    let active = 0;
    let stopping;
    const envs = new Map();
    const transportFor = (agent) => {
        const key = `${agent.serviceUrl}\u0000${agent.insecure}\u0000${agent.caCertPem ?? ''}`;
        let transport = transports.get(key);
        if (!transport) {
            transport = (0,api_transport/* createTransport */.oO)({
                baseUrl: agent.serviceUrl,
                mode: ctx.plan.agent.connection,
                maxConcurrentRequests: ctx.plan.agent.maxConcurrentRequests,
                insecure: agent.insecure,
                ...(agent.caCertPem ? { caCertPem: agent.caCertPem } : {}),
                ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
                metrics: ctx.recorder.http,
                random
            });
            transports.set(key, transport);
        }
        return transport;
    };
    const environmentFor = (transport) => {
        let env = envs.get(transport);
        if (!env) {
            env = {
                transport,
                recorder: ctx.recorder,
                logger: ctx.logger,
                timings,
                planTiming: ctx.plan.timing,
                fleet: {
                    baseDomain: ctx.plan.baseDomain,
                    cpuArchitecture: ctx.plan.cpuArchitecture,
                    varyingRtt: options.varyingRtt ?? true,
                    random
                },
                random,
                retry: retryPolicies(timings)
            };
            envs.set(transport, env);
        }
        return env;
    };
    const startController = (env) => (runtime) => {
        if (stopping)
            return;
        const controller = new EmulatedController(env, runtime);
        ctx.logger.debug(`native: controller of ${runtime.plan.name} starts`);
        controllers.push({ controller, done: controller.run(), runtime });
    };
    const runtimeFor = (cluster, env) => {
        let runtime = runtimes.get(cluster.name);
        if (!runtime) {
            runtime = new ClusterRuntime(cluster, startController(env));
            runtimes.set(cluster.name, runtime);
        }
        return runtime;
    };
    /**
     * At the end of a run that was not interrupted, the controllers of clusters whose hosts all rebooted go on to their
     * own end, as the real ones do (their main loop sees the cluster installed, then the final log upload), bounded by
     * a few of their loops.
     */
    const controllersToTheirEnd = async () => {
        const finishing = controllers.filter(c => c.controller.active && c.runtime.rebootedCount >= c.runtime.plan.hosts.length);
        if (!finishing.length)
            return;
        const boundMs = 5000 + 4 * ctx.plan.timing.controllerPollMs;
        let timer;
        await Promise.race([
            Promise.allSettled(finishing.map(c => c.done)),
            new Promise(resolve => (timer = setTimeout(resolve, boundMs)))
        ]);
        clearTimeout(timer);
    };
    const onAbort = () => {
        void driver.stop();
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const driver = {
        kind: 'native',
        async launch(launch) {
            if (stopping || ctx.signal.aborted)
                throw new Error('native driver: launch after stop');
            const env = environmentFor(transportFor(launch.agent));
            const host = new NativeHost({
                env,
                host: launch.host,
                cluster: launch.cluster,
                agent: launch.agent,
                runtime: runtimeFor(launch.cluster, env)
            });
            active++;
            const done = host.run().then(end => {
                active--;
                ends[end]++;
                return end;
            }, (error) => {
                active--;
                ends.stopped++;
                ctx.recorder.event({
                    k: 'error',
                    scope: 'host',
                    h: launch.host.hostname,
                    c: launch.cluster.name,
                    msg: String(error)
                });
                return 'stopped';
            });
            hosts.push({ host, done });
        },
        running: () => active,
        controllers: () => controllers.filter(c => c.controller.active).length,
        ends: () => ({ ...ends }),
        transportStats: () => [...transports.values()].map(t => t.stats()),
        stop() {
            stopping ??= (async () => {
                ctx.signal.removeEventListener('abort', onAbort);
                if (!ctx.signal.aborted)
                    await controllersToTheirEnd();
                for (const { host } of hosts)
                    host.stop();
                for (const runtime of runtimes.values())
                    runtime.cancel();
                for (const { controller } of controllers)
                    controller.stop();
                // In-flight and queued requests fail at once: nothing waits for a timeout.
                await Promise.all([...transports.values()].map(t => t.close()));
                await Promise.allSettled([...hosts.map(h => h.done), ...controllers.map(c => c.done)]);
                // Every host's last known milestone: the ones still running when the run stopped end with `exit`.
                let interrupted = 0;
                for (const { host } of hosts) {
                    if (host.ended !== 'stopped')
                        continue;
                    interrupted++;
                    ctx.recorder.event({
                        k: 'host',
                        h: host.plan.hostname,
                        c: host.cluster.name,
                        ev: 'exit',
                        info: host.milestone
                    });
                }
                ctx.logger.info(`native driver stopped: ${hosts.length} hosts (${ends.rebooted} rebooted, ${ends.frozen} frozen, ${interrupted} interrupted), ` +
                    `${controllers.length} controllers`);
            })();
            return stopping;
        }
    };
    return driver;
}
//# sourceMappingURL=native.js.map

/***/ })

};
