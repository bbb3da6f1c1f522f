export const id = 571;
export const ids = [571];
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

/***/ 39294:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Em: () => (/* binding */ parseInstallArgs),
/* harmony export */   OB: () => (/* binding */ controllerCommand),
/* harmony export */   OG: () => (/* binding */ installerLauncherScript),
/* harmony export */   Yo: () => (/* binding */ checkPlanForRealHosts),
/* harmony export */   bo: () => (/* binding */ INSTALL_ARGS_FILE),
/* harmony export */   g6: () => (/* binding */ PROCESS_PROGRAMS),
/* harmony export */   ii: () => (/* binding */ INSTALLER_LAUNCHER),
/* harmony export */   "in": () => (/* binding */ BOX),
/* harmony export */   w8: () => (/* binding */ clusterHostsFile),
/* harmony export */   xE: () => (/* binding */ assertDryRun),
/* harmony export */   zA: () => (/* binding */ agentCommand)
/* harmony export */ });
/* unused harmony exports BOX_PATH, DRY_RUN_REFUSED_EXIT, markerPath, unsupportedFailures, DryRunNotInForceError */
/* harmony import */ var _agent_inventory_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(16129);
/* harmony import */ var _plan_ipv4_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87548);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99661);



/** Where things are inside a box (see sandbox.ts): the same for every host, so command lines are comparable. */
const BOX = {
    /** The patched binaries (read-only). */
    bin: '/run/swarm/bin',
    /** Run-wide files (read-only): the installer launcher, service CAs. */
    share: '/run/swarm/share',
    /** The cluster's hosts file (read-only). */
    cluster: '/run/swarm/cluster',
    /** The cluster's reboot markers (read-write, shared by its hosts and its controller). */
    markers: '/run/swarm/markers',
    /** This host's state the driver reads (read-write): the installer's arguments. */
    state: '/run/swarm/state'
};
const BOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** The launcher the agent starts for the install step: checks dry run, records its arguments, becomes the installer. */
const INSTALLER_LAUNCHER = 'installer-dry-run';
const INSTALL_ARGS_FILE = 'install-args';
/** Exit code of the launcher when dry run is not in force (the agent reports it as the install step's). */
const DRY_RUN_REFUSED_EXIT = 97;
/** The installer launcher (POSIX sh): refuses to start the installer unless dry run is in force for it. */
function installerLauncherScript() {
    return [
        '#!/bin/sh',
        '# assisted-swarm process driver: the install step of a container-free dry-run agent starts this.',
        'if [ "${DRY_ENABLE-}" != true ] || [ "${DRY_NSENTER_TARGET-}" != none ] || [ -z "${DRY_FAKE_REBOOT_MARKER_PATH-}" ]; then',
        '  echo "assisted-swarm: refusing to start the installer: dry run is not in force (DRY_ENABLE, DRY_NSENTER_TARGET=none, DRY_FAKE_REBOOT_MARKER_PATH)" >&2',
        `  exit ${DRY_RUN_REFUSED_EXIT}`,
        'fi',
        `printf '%s\\n' "$@" > ${BOX.state}/${INSTALL_ARGS_FILE}.partial && mv ${BOX.state}/${INSTALL_ARGS_FILE}.partial ${BOX.state}/${INSTALL_ARGS_FILE}`,
        `exec ${BOX.bin}/installer --dry-run --nsenter-target none --dry-coreos-installer "\${DRY_COREOS_INSTALLER:-builtin}" "$@"`,
        ''
    ].join('\n');
}
function markerPath(hostname) {
    return `${BOX.markers}/${hostname}`;
}
function clusterHostsFile(cluster) {
    return cluster.hosts.map(h => ({
        hostname: h.hostname,
        ip: h.ipv4,
        rebootMarkerPath: markerPath(h.hostname),
        role: h.role
    }));
}
/** Plan failures the real dry-run agent can show (through its hardware settings); the others it cannot. */
const SUPPORTED_FAILURES = new Set(['small-disk', 'low-memory', 'few-cores']);
/** Problems with running a plan's clusters as real hosts, one line each. */
function unsupportedFailures(clusters) {
    const problems = [];
    for (const cluster of clusters) {
        const kinds = new Set(cluster.hosts.flatMap(h => h.failures).filter(f => !SUPPORTED_FAILURES.has(f)));
        if (kinds.size)
            problems.push(`${cluster.name}: plan failures ${[...kinds].join(', ')} cannot be shown by the real dry-run agent ` +
                `(it supports ${[...SUPPORTED_FAILURES].join(', ')}); use the native driver for them`);
    }
    return problems;
}
function reserved(cluster, offset) {
    const cidr = (0,_plan_ipv4_js__WEBPACK_IMPORTED_MODULE_2__/* .parseCidr */ .GN)(cluster.machineCidr);
    return cidr ? (0,_plan_ipv4_js__WEBPACK_IMPORTED_MODULE_2__/* .formatIpv4 */ .Re)(cidr.base + offset) : '';
}
/**
 * The agent of one host, as a discovery ISO's agent.service starts it (`--url`, `--infra-env-id`,
 * `--agent-version`, `--insecure`, `--cacert`; PULL_SECRET_TOKEN in the environment), plus the dry run: the
 * host's identity, hardware, DNS answers and reboot marker as flags *and* as DRY_* variables (the processes the
 * agent starts read the environment), container-free, host commands never entering another namespace.
 */
function agentCommand(host, cluster, agent, options = {}) {
    const programs = options.programs ?? PROCESS_PROGRAMS;
    const nic = host.nics[0];
    const cidr = nic?.ipv4 ?? `${host.ipv4}/24`;
    const memory = host.failures.includes('low-memory') ? _agent_inventory_js__WEBPACK_IMPORTED_MODULE_0__/* .LOW_MEMORY_BYTES */ .jH : host.hardware.memoryBytes;
    const cores = host.failures.includes('few-cores') ? _agent_inventory_js__WEBPACK_IMPORTED_MODULE_0__/* .FEW_CORES */ .yD : host.hardware.cores;
    const small = host.failures.includes('small-disk');
    const disks = host.hardware.disks.map(d => `${d.name}:${small ? _agent_inventory_js__WEBPACK_IMPORTED_MODULE_0__/* .SMALL_DISK_BYTES */ ._ : d.sizeBytes}`).join(',');
    const dry = [
        ['dry-run', 'DRY_ENABLE', 'true'],
        ['dry-run-no-containers', 'DRY_NO_CONTAINERS', 'true'],
        ['nsenter-target', 'DRY_NSENTER_TARGET', 'none'],
        ['force-id', 'DRY_HOST_ID', host.id],
        ['force-hostname', 'DRY_FORCED_HOSTNAME', host.hostname],
        ['force-mac', 'DRY_FORCED_MAC_ADDRESS', nic?.mac ?? ''],
        ['forced-ipv4', 'DRY_FORCED_HOST_IPV4', cidr],
        ['forced-gateway-ipv4', 'DRY_FORCED_GATEWAY_IPV4', cluster.gateway],
        ['forced-cpu-count', 'DRY_CPU_COUNT', String(cores)],
        ['forced-memory', 'DRY_MEMORY', String(memory)],
        ['forced-disks', 'DRY_DISKS', disks],
        ['dry-dns-api-addresses', 'DRY_DNS_API_ADDRESSES', cluster.apiVip ?? reserved(cluster, 2)],
        ['dry-dns-ingress-addresses', 'DRY_DNS_INGRESS_ADDRESSES', cluster.ingressVip ?? reserved(cluster, 3)],
        ['fake-reboot-marker-path', 'DRY_FAKE_REBOOT_MARKER_PATH', markerPath(host.hostname)],
        ['dry-installer-binary', 'DRY_INSTALLER_BINARY', programs.installer]
    ];
    const env = {
        PATH: `${programs.bin}:${BOX_PATH}`,
        HOME: '/root',
        // read by the installer (through the agent's environment), not by the agent
        DRY_CLUSTER_HOSTS_PATH: `${BOX.cluster}/hosts.json`,
        DRY_COREOS_INSTALLER: 'builtin',
        GHW_DISABLE_WARNINGS: '1'
    };
    for (const [, name, value] of dry)
        if (value !== '')
            env[name] = value;
    if (agent.pullSecretToken)
        env.PULL_SECRET_TOKEN = agent.pullSecretToken;
    const command = [
        `${programs.bin}/agent`,
        '--url',
        agent.serviceUrl,
        '--infra-env-id',
        agent.infraEnvId,
        '--agent-version',
        agent.agentVersion,
        `--insecure=${agent.insecure}`,
        ...(options.caPath ? ['--cacert', options.caPath] : []),
        ...dry.filter(([, , value]) => value !== '').map(([flag, , value]) => `--${flag}=${value}`)
    ];
    return { command, env };
}
/** Reads the installer's arguments (one per line, `--flag value` or `--flag=value`). */
function parseInstallArgs(text) {
    const args = text.split('\n').filter(Boolean);
    const values = new Map();
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (!arg.startsWith('--'))
            continue;
        const eq = arg.indexOf('=');
        if (eq > 0)
            values.set(arg.slice(2, eq), arg.slice(eq + 1));
        else if (args[i + 1] !== undefined && !args[i + 1].startsWith('--'))
            values.set(arg.slice(2), args[++i]);
        else
            values.set(arg.slice(2), 'true');
    }
    const bool = (name) => values.has(name) ? values.get(name) !== 'false' : undefined;
    const count = values.get('control-plane-count');
    const out = {};
    const set = (key, value) => {
        if (value !== undefined)
            out[key] = value;
    };
    set('role', values.get('role'));
    set('clusterId', values.get('cluster-id'));
    set('infraEnvId', values.get('infra-env-id'));
    set('hostId', values.get('host-id'));
    set('openshiftVersion', values.get('openshift-version'));
    set('checkClusterVersion', bool('check-cluster-version'));
    set('mustGatherImage', values.get('must-gather-image'));
    set('controlPlaneCount', count !== undefined && /^\d+$/.test(count) ? Number(count) : undefined);
    set('notifyNumReboots', bool('notify-num-reboots'));
    return out;
}
/**
 * The controller of one cluster, configured as the installer would render its Job (cluster id, service URL,
 * version, check-cvo, must-gather image, control-plane count: B18), in dry run against the cluster's hosts file,
 * waiting on the bootstrap's reboot marker.
 */
function controllerCommand(cluster, agent, install, bootstrapHostname, options = {}) {
    if (!install.clusterId)
        throw new Error(`controller of ${cluster.name}: the installer was started without --cluster-id`);
    const programs = options.programs ?? PROCESS_PROGRAMS;
    const env = {
        PATH: `${programs.bin}:${BOX_PATH}`,
        HOME: '/root',
        CLUSTER_ID: install.clusterId,
        INVENTORY_URL: agent.serviceUrl,
        OPENSHIFT_VERSION: install.openshiftVersion ?? '',
        SKIP_CERT_VERIFICATION: String(agent.insecure),
        NAMESPACE: 'assisted-installer',
        CONTROL_PLANE_COUNT: String(install.controlPlaneCount ?? (cluster.singleNode ? 1 : cluster.masters)),
        CHECK_CLUSTER_VERSION: String(install.checkClusterVersion ?? false),
        DRY_ENABLE: 'true',
        DRY_NSENTER_TARGET: 'none',
        DRY_FAKE_REBOOT_MARKER_PATH: markerPath(bootstrapHostname),
        DRY_CLUSTER_HOSTS_PATH: `${BOX.cluster}/hosts.json`
    };
    if (install.mustGatherImage)
        env.MUST_GATHER_IMAGE = install.mustGatherImage;
    if (install.notifyNumReboots !== undefined)
        env.NOTIFY_NUM_REBOOTS = String(install.notifyNumReboots);
    if (options.caPath)
        env.CA_CERT_PATH = options.caPath;
    if (agent.pullSecretToken)
        env.PULL_SECRET_TOKEN = agent.pullSecretToken;
    return { command: [`${programs.bin}/assisted-installer-controller`], env };
}
/** A command line that would run a real program outside dry run (a driver bug; never started). */
class DryRunNotInForceError extends Error {
}
const PROCESS_PROGRAMS = {
    bin: BOX.bin,
    installer: `${BOX.share}/${INSTALLER_LAUNCHER}`
};
/**
 * Checks, before anything starts, that dry run is in force for a command line: the settings in the environment
 * (what child processes read) and, for the agent, also in the flags; host commands never enter another
 * process's namespaces; the program is one of the patched binaries; the reboot marker is inside the box.
 */
function assertDryRun(kind, line, programs = PROCESS_PROGRAMS) {
    const problems = [];
    const env = line.env;
    const expectEnv = (name, value) => {
        if (env[name] !== value)
            problems.push(`${name} must be ${value}, got ${JSON.stringify(env[name] ?? null)}`);
    };
    expectEnv('DRY_ENABLE', 'true');
    expectEnv('DRY_NSENTER_TARGET', 'none');
    if (!env.DRY_FAKE_REBOOT_MARKER_PATH?.startsWith(`${BOX.markers}/`))
        problems.push(`DRY_FAKE_REBOOT_MARKER_PATH must be under ${BOX.markers}`);
    if (!env.DRY_CLUSTER_HOSTS_PATH?.startsWith(`${BOX.cluster}/`))
        problems.push(`DRY_CLUSTER_HOSTS_PATH must be under ${BOX.cluster}`);
    const program = line.command[0];
    if (kind === 'agent') {
        expectEnv('DRY_NO_CONTAINERS', 'true');
        if (env.DRY_INSTALLER_BINARY !== programs.installer)
            problems.push(`DRY_INSTALLER_BINARY must be ${programs.installer}, got ${JSON.stringify(env.DRY_INSTALLER_BINARY ?? null)}`);
        for (const flag of ['--dry-run=true', '--dry-run-no-containers=true', '--nsenter-target=none']) {
            if (!line.command.includes(flag))
                problems.push(`flag ${flag} missing`);
        }
        if (line.command.some(a => /^--dry-run(-no-containers)?=false$/.test(a) || /^--nsenter-target=(?!none$)/.test(a)))
            problems.push('a flag turns dry run off');
        if (program !== `${programs.bin}/agent`)
            problems.push(`program must be ${programs.bin}/agent, got ${program}`);
    }
    else if (program !== `${programs.bin}/assisted-installer-controller`) {
        problems.push(`program must be ${programs.bin}/assisted-installer-controller, got ${program}`);
    }
    if (problems.length)
        throw new DryRunNotInForceError(`refusing to start the ${kind}: dry run is not in force: ${problems.join('; ')}`);
}
/** Throws a ConfigurationError when the plan asks for something the real agents cannot do. */
function checkPlanForRealHosts(clusters) {
    const problems = unsupportedFailures(clusters);
    if (problems.length)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(problems, 'the process driver cannot run this plan:');
}
//# sourceMappingURL=host-config.js.map

/***/ }),

/***/ 32407:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ RunLayout)
/* harmony export */ });
/* unused harmony export safeName */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var _host_config_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(39294);





/**
 * What the real drivers keep in the run directory:
 *
 * ```
 * <run>/logs/<hostname>.log, <run>/logs/<cluster>-controller.log     every line the programs print (scrubbed)
 * <run>/process/etc/                    the boxes' read-only /etc (resolver 127.0.0.1, hosts)
 * <run>/process/share/                  read-only: the installer launcher, service CAs
 * <run>/process/clusters/<c>/cluster/hosts.json   the cluster's hosts file (read-only in the boxes)
 * <run>/process/clusters/<c>/markers/<hostname>   fake reboot markers (shared by the cluster's boxes)
 * <run>/process/boxes/<name>/{root,home,opt,var,tmp,state}   a box's mount point and scratch directories
 * ```
 */
class RunLayout {
    base;
    logs;
    etc;
    share;
    /** The boxes' /proc/cmdline. */
    cmdline;
    /** Short directory for Unix sockets (the run directory, or a private temporary one when its path is long). */
    sockets;
    /** Directories this layout created outside the run directory (removed by the driver at stop). */
    outside = [];
    constructor(runDir) {
        this.base = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(runDir), 'process');
        this.logs = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(runDir), 'logs');
        this.etc = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.base, 'etc');
        this.share = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.base, 'share');
        this.cmdline = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.base, 'cmdline');
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(this.logs, { recursive: true });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.etc, 'ssl', 'certs'), { recursive: true });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(this.share, { recursive: true });
        const net = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.base, 'net');
        if (net.length + 24 < 100) {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(net, { recursive: true, mode: 0o700 });
            this.sockets = net;
        }
        else {
            this.sockets = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'swarm-net-'));
            this.outside.push(this.sockets);
        }
        this.writeEtc([]);
        // what a discovery ISO boots with (the inventory reports it); never the runner's own command line
        atomicWrite(this.cmdline, 'BOOT_IMAGE=/images/pxeboot/vmlinuz coreos.liveiso=rhcos ignition.firstboot ignition.platform.id=metal\n');
        const launcher = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.share, _host_config_js__WEBPACK_IMPORTED_MODULE_4__/* .INSTALLER_LAUNCHER */ .ii);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(launcher, (0,_host_config_js__WEBPACK_IMPORTED_MODULE_4__/* .installerLauncherScript */ .OG)());
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync)(launcher, 0o755);
    }
    /** The boxes' /etc: files a Go program and a shell look at, nothing that names a real resolver or host. */
    writeEtc(hostsLines) {
        const files = {
            'resolv.conf': 'nameserver 127.0.0.1\noptions attempts:1 timeout:1\n',
            hosts: ['127.0.0.1 localhost', '::1 localhost ip6-localhost', ...hostsLines, ''].join('\n'),
            'nsswitch.conf': 'passwd: files\ngroup: files\nhosts: files dns\n',
            passwd: 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
            group: 'root:x:0:\nnogroup:x:65534:\n',
            'machine-id': '',
            'os-release': 'NAME="assisted-swarm fake host"\nID=assisted-swarm\n'
        };
        for (const [name, content] of Object.entries(files))
            atomicWrite((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.etc, name), content);
        const bundle = '/etc/ssl/certs/ca-certificates.crt';
        const target = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.etc, 'ssl', 'certs', 'ca-certificates.crt');
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(bundle) && !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(target))
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.copyFileSync)(bundle, target);
    }
    /** A service CA as a file inside the boxes (by content, so every infra-env with the same CA shares it). */
    caFile(pem) {
        const name = `ca-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(pem).digest('hex').slice(0, 12)}.crt`;
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.share, name);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(path))
            atomicWrite(path, pem);
        return `${_host_config_js__WEBPACK_IMPORTED_MODULE_4__/* .BOX */ ["in"].share}/${name}`;
    }
    /** The cluster's directories (hosts file written, markers directory made); idempotent. */
    cluster(cluster) {
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.base, 'clusters', safeName(cluster.name));
        const markers = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'markers');
        const config = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'cluster');
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(markers, { recursive: true });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(config, { recursive: true });
        const hostsFile = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(config, 'hosts.json');
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(hostsFile))
            atomicWrite(hostsFile, JSON.stringify((0,_host_config_js__WEBPACK_IMPORTED_MODULE_4__/* .clusterHostsFile */ .w8)(cluster), null, 2) + '\n');
        return { dir, markers, hostsFile };
    }
    /** A box's directories; idempotent. */
    box(name) {
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.base, 'boxes', safeName(name));
        const dirs = {
            dir,
            root: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'root'),
            home: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'home'),
            opt: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'opt'),
            var: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'var'),
            tmp: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'tmp'),
            state: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'state')
        };
        for (const d of [dirs.root, dirs.home, dirs.opt, dirs.var, dirs.tmp, dirs.state])
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(d, { recursive: true });
        // what a booted host has under /var (the installer logs to /var/log)
        for (const d of ['log', 'lib', 'tmp', 'cache'])
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dirs.var, d), { recursive: true });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync)(dirs.tmp, 0o1777);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dirs.var, 'tmp'), 0o1777);
        return dirs;
    }
    logFile(name) {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.logs, `${safeName(name)}.log`);
    }
    /** The binds every box of a cluster gets under /run/swarm. */
    binds(binariesDir, cluster, box) {
        return [
            { source: binariesDir, target: _host_config_js__WEBPACK_IMPORTED_MODULE_4__/* .BOX */ ["in"].bin, readOnly: true },
            { source: this.share, target: _host_config_js__WEBPACK_IMPORTED_MODULE_4__/* .BOX */ ["in"].share, readOnly: true },
            { source: (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(cluster.dir, 'cluster'), target: _host_config_js__WEBPACK_IMPORTED_MODULE_4__/* .BOX */ ["in"].cluster, readOnly: true },
            { source: cluster.markers, target: _host_config_js__WEBPACK_IMPORTED_MODULE_4__/* .BOX */ ["in"].markers, readOnly: false },
            { source: box.state, target: _host_config_js__WEBPACK_IMPORTED_MODULE_4__/* .BOX */ ["in"].state, readOnly: false }
        ];
    }
}
/** A plan name as a file name (plan names are already DNS-like; this only guards against surprises). */
function safeName(name) {
    return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
function atomicWrite(path, content) {
    const partial = `${path}.partial-${process.pid}`;
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(partial, content, { mode: 0o644 });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync)(partial, path);
}
//# sourceMappingURL=layout.js.map

/***/ }),

/***/ 70067:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rY: () => (/* binding */ createHostNetwork)
/* harmony export */ });
/* unused harmony exports currentInterfaces, inheritProblem, resolveNetworkMode */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77030);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(80481);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(99661);






/** Interfaces of the network namespace this process is in (from /proc/net/dev). */
function currentInterfaces() {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)('/proc/net/dev', 'utf8')
        .split('\n')
        .slice(2)
        .map(line => line.split(':')[0].trim())
        .filter(Boolean);
}
/** Why the current namespace is not fit to hold real hosts, or undefined when it holds only loopback. */
function inheritProblem(interfaces = currentInterfaces()) {
    const others = interfaces.filter(i => i !== 'lo');
    return others.length
        ? `this network namespace has interfaces besides lo (${others.join(', ')}), so real hosts would reach beyond the service`
        : undefined;
}
function resolveNetworkMode(mode, interfaces = currentInterfaces()) {
    if (mode === 'auto')
        return inheritProblem(interfaces) ? 'relay' : 'inherit';
    if (mode === 'inherit') {
        const problem = inheritProblem(interfaces);
        if (problem)
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`process driver network "inherit": ${problem}; use "relay"`);
    }
    return mode;
}
/**
 * The relay's inside half, run by `node -e` in the run's namespace. It reads one JSON request per line on stdin
 * (`{"id", "host", "port", "socket"}`, or `{"id", "ping"}`), listens on host:port and passes every connection to the Unix socket; it
 * answers `{"id", "ok"}` or `{"id", "error"}` and ends when stdin closes (the driver is gone).
 */
const RELAY_INSIDE = `
const net = require('node:net');
const say = m => process.stdout.write(JSON.stringify(m) + '\\n');
require('node:readline').createInterface({ input: process.stdin }).on('line', line => {
  let r;
  try { r = JSON.parse(line); } catch { return; }
  if (r.ping) return say({ id: r.id, ok: true });
  const server = net.createServer(c => {
    const u = net.connect(r.socket);
    c.pipe(u); u.pipe(c);
    c.on('error', () => u.destroy()); u.on('error', () => c.destroy());
    c.on('close', () => u.destroy()); u.on('close', () => c.destroy());
  });
  server.on('error', e => say({ id: r.id, error: String(e && e.message || e) }));
  server.listen({ host: r.host, port: r.port }, () => say({ id: r.id, ok: true }));
});
process.stdin.on('end', () => process.exit(0));
`;
/** Creates the run's network: checks or builds the namespace. */
async function createHostNetwork(mode, options) {
    const resolved = resolveNetworkMode(mode);
    if (resolved === 'inherit') {
        options.logger.info('process driver: hosts share this network namespace (it holds only lo)');
        return {
            mode: 'inherit',
            expose: serviceUrl => {
                const problem = inheritProblem();
                if (problem)
                    return Promise.reject(new Error(problem));
                checkServiceUrl(serviceUrl);
                return Promise.resolve({ hostsLines: [] });
            },
            close: () => Promise.resolve()
        };
    }
    return RelayNetwork.start(options);
}
function checkServiceUrl(serviceUrl) {
    let url;
    try {
        url = new URL(serviceUrl);
    }
    catch {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`service URL ${serviceUrl} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`service URL ${serviceUrl}: only http and https are supported`);
    return url;
}
class RelayNetwork {
    child;
    options;
    mode = 'relay';
    netns;
    listeners = new Map();
    pending = new Map();
    nextId = 1;
    nextLoopback = 2;
    closing = false;
    constructor(child, options) {
        this.child = child;
        this.options = options;
        this.netns = `/proc/${child.pid}/ns/net`;
        (0,node_readline__WEBPACK_IMPORTED_MODULE_4__.createInterface)({ input: child.stdout }).on('line', line => {
            let answer;
            try {
                answer = JSON.parse(line);
            }
            catch {
                return;
            }
            const done = answer.id !== undefined ? this.pending.get(answer.id) : undefined;
            if (done) {
                this.pending.delete(answer.id);
                done(answer);
            }
        });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-2000)));
        child.once('exit', (code, signal) => {
            for (const done of this.pending.values())
                done({ error: 'the relay ended' });
            this.pending.clear();
            if (!this.closing) {
                const message = `the network relay of the process driver ended (${signal ?? `exit ${code}`}): ${stderr.trim()}`;
                options.logger.error(message);
                options.onFailure?.(message);
            }
        });
    }
    /** Starts the relay in a new network namespace whose loopback is up. */
    static async start(options) {
        // setpriv --pdeathsig: the relay (and with it the namespace) goes when this process goes, even on kill -9
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('setpriv', [
            '--pdeathsig',
            'SIGKILL',
            '--',
            'unshare',
            '--net',
            '--',
            '/bin/sh',
            '-c',
            'ip link set lo up && exec "$0" -e "$SWARM_RELAY"',
            process.execPath
        ], {
            env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', SWARM_RELAY: RELAY_INSIDE },
            stdio: ['pipe', 'pipe', 'pipe']
        });
        await new Promise((resolve, reject) => {
            child.once('spawn', () => resolve());
            child.once('error', reject);
        });
        const network = new RelayNetwork(child, options);
        // The namespace is ready once the relay answers (lo is up by then).
        await network.request({ ping: true });
        options.logger.info(`process driver: hosts run in network namespace ${network.netns} (lo + relay to the service)`);
        return network;
    }
    request(body) {
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            this.pending.set(id, answer => answer.ok ? resolve() : reject(new Error(answer.error ?? 'relay failed')));
            this.child.stdin.write(JSON.stringify({ id, ...body }) + '\n');
        });
    }
    expose(serviceUrl) {
        const url = checkServiceUrl(serviceUrl);
        const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
        const host = url.hostname.replace(/^\[|\]$/g, '');
        // localhost is 127.0.0.1 inside as well: one listener for both spellings
        const key = `${host === 'localhost' ? '127.0.0.1' : host}\u0000${port}`;
        let listener = this.listeners.get(key);
        if (!listener) {
            listener = this.listen(host, port);
            this.listeners.set(key, listener);
        }
        return listener.then(l => l.endpoint);
    }
    async listen(host, port) {
        const family = (0,node_net__WEBPACK_IMPORTED_MODULE_2__.isIP)(host);
        let inside;
        const hostsLines = [];
        if (family === 4 && host.startsWith('127.'))
            inside = host;
        else if (family === 6 && host === '::1')
            inside = host;
        else if (family) {
            // An address outside loopback: give it to the namespace's lo so the hosts reach the relay there.
            await addLoopbackAddress(this.netns, host, family);
            inside = host;
        }
        else if (host === 'localhost')
            inside = '127.0.0.1';
        else {
            inside = `127.0.0.${this.nextLoopback++}`;
            hostsLines.push(`${inside} ${host}`);
        }
        const socket = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.options.socketDir, `service-${this.listeners.size}.sock`);
        const sockets = new Set();
        const server = (0,node_net__WEBPACK_IMPORTED_MODULE_2__.createServer)(client => {
            sockets.add(client);
            const upstream = (0,node_net__WEBPACK_IMPORTED_MODULE_2__.connect)({ host, port });
            sockets.add(upstream);
            client.pipe(upstream);
            upstream.pipe(client);
            const end = () => {
                client.destroy();
                upstream.destroy();
                sockets.delete(client);
                sockets.delete(upstream);
            };
            client.on('error', end);
            upstream.on('error', end);
            client.on('close', end);
            upstream.on('close', end);
        });
        await new Promise((resolve, reject) => {
            server.once('error', reject);
            server.listen(socket, () => resolve());
        });
        await this.request({ host: inside, port, socket });
        this.options.logger.debug(`process driver: ${host}:${port} appears in the hosts' namespace at ${inside}:${port}`);
        return { server, sockets, endpoint: { hostsLines } };
    }
    async close() {
        if (this.closing)
            return;
        this.closing = true;
        if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid) {
            const exited = new Promise(resolve => this.child.once('exit', () => resolve()));
            this.child.stdin.end();
            try {
                process.kill(this.child.pid, 'SIGKILL');
            }
            catch {
                // already gone
            }
            await exited;
        }
        for (const listener of this.listeners.values()) {
            const l = await listener.catch(() => undefined);
            if (!l)
                continue;
            for (const s of l.sockets)
                s.destroy();
            await new Promise(resolve => l.server.close(() => resolve()));
        }
    }
}
async function addLoopbackAddress(netns, address, family) {
    const args = [
        `--net=${netns}`,
        '--',
        'ip',
        'addr',
        'add',
        `${address}/${family === 4 ? 32 : 128}`,
        'dev',
        'lo'
    ];
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('nsenter', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d.toString()));
    const code = await new Promise(resolve => child.once('exit', resolve));
    if (code !== 0 && !/exists/i.test(stderr))
        throw new Error(`cannot add ${address} to the hosts' loopback: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(stderr.trim())}`);
}
//# sourceMappingURL=network.js.map

/***/ }),

/***/ 14187:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ childPidNamespace),
/* harmony export */   fP: () => (/* binding */ pidNamespace),
/* harmony export */   lr: () => (/* binding */ sampleNamespaces)
/* harmony export */ });
/* unused harmony export selfAndChildrenCpuMs */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);


let clockTicks;
let pageSize;
function sysconf(name, fallback) {
    try {
        const value = Number((0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('getconf', [name], { encoding: 'utf8' }).trim());
        return Number.isFinite(value) && value > 0 ? value : fallback;
    }
    catch {
        return fallback;
    }
}
function ticks() {
    return (clockTicks ??= sysconf('CLK_TCK', 100));
}
function pages() {
    return (pageSize ??= sysconf('PAGESIZE', 4096));
}
/** The PID namespace a process runs in (`pid:[4026532…]`), or undefined once it is gone. */
function pidNamespace(pid) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readlinkSync)(`/proc/${pid}/ns/pid`);
    }
    catch {
        return undefined;
    }
}
/**
 * The PID namespace the children of `pid` are made in, once it differs from its own: for an `unshare --pid`
 * process, the new namespace (undefined until unshare has made it).
 */
function childPidNamespace(pid) {
    try {
        const own = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readlinkSync)(`/proc/${pid}/ns/pid`);
        const children = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readlinkSync)(`/proc/${pid}/ns/pid_for_children`);
        return children !== own ? children : undefined;
    }
    catch {
        return undefined;
    }
}
/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid) {
    try {
        const text = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        return text.slice(text.lastIndexOf(')') + 2).split(' ');
    }
    catch {
        return undefined;
    }
}
function pss(pid) {
    try {
        const match = /^Pss:\s+(\d+) kB/m.exec((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`/proc/${pid}/smaps_rollup`, 'utf8'));
        return match ? Number(match[1]) * 1024 : 0;
    }
    catch {
        return 0;
    }
}
/** One pass over /proc: a sample for each of the given namespaces that has live processes. */
function sampleNamespaces(namespaces, options = {}) {
    const out = new Map();
    if (!namespaces.size)
        return out;
    let entries;
    try {
        entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)('/proc');
    }
    catch {
        return out;
    }
    const hz = ticks();
    const page = pages();
    for (const pid of entries) {
        if (!/^\d+$/.test(pid))
            continue;
        let ns;
        try {
            ns = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readlinkSync)(`/proc/${pid}/ns/pid`);
        }
        catch {
            continue;
        }
        if (!namespaces.has(ns))
            continue;
        const f = statFields(pid);
        if (!f)
            continue;
        // after "pid (comm) ": state=0 … utime=11 stime=12 cutime=13 cstime=14 … rss=21
        const cpuTicks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
        const rss = Number(f[21]) * page;
        let sample = out.get(ns);
        if (!sample) {
            sample = { cpuMs: 0, rssBytes: 0, processes: 0, ...(options.pss ? { pssBytes: 0 } : {}) };
            out.set(ns, sample);
        }
        sample.cpuMs += (cpuTicks * 1000) / hz;
        sample.rssBytes += rss;
        sample.processes++;
        if (options.pss)
            sample.pssBytes += pss(pid);
    }
    return out;
}
/** CPU time (ms) of this process and of every child it has waited for, from /proc/self/stat. */
function selfAndChildrenCpuMs() {
    const f = statFields('self');
    if (!f)
        return { selfMs: 0, childrenMs: 0 };
    const hz = ticks();
    return {
        selfMs: ((Number(f[11]) + Number(f[12])) * 1000) / hz,
        childrenMs: ((Number(f[13]) + Number(f[14])) * 1000) / hz
    };
}
//# sourceMappingURL=proc-stats.js.map

/***/ }),

/***/ 85735:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  x: () => (/* binding */ createRealDriver)
});

// UNUSED EXPORTS: DEFAULT_REAL_DRIVER_OPTIONS

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/util/errors.js
var errors = __webpack_require__(99661);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: ./lib/drivers/process/proc-stats.js
var proc_stats = __webpack_require__(14187);
;// CONCATENATED MODULE: ./lib/drivers/process/box-process.js



/**
 * What util-linux `unshare --fork` prints when the box's PID 1 was killed by SIGKILL: it tries to end itself
 * with the same signal, cannot install a handler for SIGKILL, and exits 1 with this message instead. The only
 * terminating signal that fails there is SIGKILL (an OOM kill, or `kill -9` of the box), so that is the end.
 */
const UNSHARE_SIGKILL_RELAY = 'unshare: sigprocmask unblock failed';
/** The box's end as its PID 1 had it: unshare's failed relay of a SIGKILL is reported as the SIGKILL. */
function boxExit(code, signal, stderrTail) {
    if (code === 1 && !signal && stderrTail.includes(UNSHARE_SIGKILL_RELAY))
        return { code: null, signal: 'SIGKILL' };
    return { code, signal };
}
/**
 * One started box: the process the driver spawned (`setpriv --pdeathsig` → `nsenter`/`unshare` → the box's
 * PID 1), its output into the box's log, its exit. Stopping kills exactly that process and the box's PID 1, by
 * PID; the kernel then ends everything else in the box's PID namespace.
 */
class BoxProcess {
    child;
    exited;
    exitInfo;
    namespace;
    constructor(command, log) {
        // --pdeathsig: if this process dies (even by kill -9), the box goes with it.
        this.child = (0,external_node_child_process_.spawn)('setpriv', ['--pdeathsig', 'SIGKILL', '--', command.file, ...command.args], {
            env: command.env,
            stdio: ['ignore', 'pipe', 'pipe'],
            cwd: '/'
        });
        log.attach(this.child.stdout);
        log.attach(this.child.stderr);
        let stderrTail = '';
        this.child.stderr.on('data', (chunk) => {
            stderrTail = (stderrTail + chunk.toString()).slice(-512);
        });
        this.exited = new Promise(resolve => {
            this.child.once('error', error => {
                log.note(`cannot start: ${error.message}`);
                this.exitInfo = { code: 127, signal: null };
                resolve(this.exitInfo);
            });
            // 'close': the output is read to the end too
            this.child.once('close', (code, signal) => {
                this.exitInfo ??= boxExit(code, signal, stderrTail);
                resolve(this.exitInfo);
            });
        });
    }
    get pid() {
        return this.child.pid;
    }
    get running() {
        return this.exitInfo === undefined;
    }
    /** The box's PID namespace, once it exists. */
    pidNamespace() {
        if (this.namespace || !this.pid || !this.running)
            return this.namespace;
        // setpriv and nsenter exec in place, so the spawned PID is unshare's once it runs
        this.namespace = (0,proc_stats/* childPidNamespace */.$f)(this.pid);
        return this.namespace;
    }
    /** PID (in the driver's namespace) of the box's PID 1, the child of unshare. */
    boxInitPid() {
        if (!this.pid)
            return undefined;
        try {
            const children = (0,external_node_fs_.readFileSync)(`/proc/${this.pid}/task/${this.pid}/children`, 'utf8').trim();
            const first = Number(children.split(' ')[0]);
            return first > 0 ? first : undefined;
        }
        catch {
            return undefined;
        }
    }
    /** Kills the box (its PID 1 and the unshare we started, by PID) and waits for the end. */
    async kill() {
        if (this.running && this.pid) {
            const init = this.boxInitPid();
            for (const pid of [init, this.pid]) {
                if (!pid)
                    continue;
                try {
                    process.kill(pid, 'SIGKILL');
                }
                catch {
                    // already gone
                }
            }
        }
        return this.exited;
    }
}
function describeExit(exit) {
    return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}
//# sourceMappingURL=box-process.js.map
// EXTERNAL MODULE: ./lib/drivers/process/host-config.js
var host_config = __webpack_require__(39294);
// EXTERNAL MODULE: ./lib/report/scrub.js
var scrub = __webpack_require__(58609);
;// CONCATENATED MODULE: ./lib/drivers/process/host-log.js



/**
 * One real host's (or controller's) log file: every line its processes print, with the secrets it was given
 * (the pull-secret token) and anything that looks like a credential replaced by `***` before it reaches the
 * disk. Lines are also handed to `onLine` (milestones) and the last few kept for error reports.
 */
class HostLog {
    path;
    onLine;
    keep;
    file;
    secrets;
    recent = [];
    open = 0;
    closed = false;
    constructor(path, secrets, onLine, keep = 20) {
        this.path = path;
        this.onLine = onLine;
        this.keep = keep;
        // Longest first, so a secret that contains another is replaced whole.
        this.secrets = [...new Set(secrets.filter((s) => Boolean(s && s.length >= 4)))].sort((a, b) => b.length - a.length);
        this.file = (0,external_node_fs_.createWriteStream)(path, { flags: 'a', mode: 0o600 });
        this.file.on('error', () => undefined);
    }
    /** The line as it may be written anywhere. */
    scrub(line) {
        let out = line;
        for (const secret of this.secrets)
            if (out.includes(secret))
                out = out.split(secret).join('***');
        return (0,scrub/* scrubSecrets */.Zg)(out);
    }
    /** Writes a line of the driver's own (prefixed, so it stands out from the program's output). */
    note(text) {
        this.write(`[assisted-swarm] ${text}`, false);
    }
    /** Reads a stream of the program line by line until it ends. */
    attach(stream) {
        this.open++;
        let rest = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => {
            const text = rest + chunk;
            const lines = text.split('\n');
            rest = lines.pop();
            // A program printing a huge line without newline must not grow memory without bound.
            if (rest.length > 65536) {
                lines.push(rest);
                rest = '';
            }
            for (const line of lines)
                this.write(line, true);
        });
        stream.on('end', () => {
            if (rest)
                this.write(rest, true);
            rest = '';
            this.open--;
        });
        stream.on('error', () => undefined);
    }
    write(raw, fromProgram) {
        if (this.closed)
            return;
        const line = this.scrub(raw.replace(/\r$/, ''));
        this.file.write(line + '\n');
        this.recent.push(line);
        if (this.recent.length > this.keep)
            this.recent.shift();
        if (fromProgram)
            this.onLine?.(line);
    }
    /** The last lines written (already scrubbed). */
    tail(n = this.keep) {
        return this.recent.slice(-n);
    }
    close() {
        if (this.closed)
            return Promise.resolve();
        this.closed = true;
        return new Promise(resolve => this.file.end(() => resolve()));
    }
}
/**
 * Replaces every occurrence of the secrets in the files under `dirs` (what the programs wrote themselves, e.g. the
 * controller's own log, which upstream fills with its environment on errors). Byte-exact: other content, text or
 * not, is left as it is. Returns the files changed.
 */
function scrubFiles(dirs, secrets) {
    const list = [...new Set(secrets.filter((s) => Boolean(s && s.length >= 4)))];
    if (!list.length)
        return [];
    const changed = [];
    const visit = (path) => {
        let st;
        try {
            st = (0,external_node_fs_.lstatSync)(path);
        }
        catch {
            return;
        }
        if (st.isDirectory()) {
            for (const name of (0,external_node_fs_.readdirSync)(path))
                visit((0,external_node_path_.join)(path, name));
            return;
        }
        if (!st.isFile() || st.size > 256 * 1024 * 1024)
            return;
        const content = (0,external_node_fs_.readFileSync)(path);
        if (!list.some(s => content.includes(s)))
            return;
        // latin1 maps bytes 1:1, so the replacement never disturbs the rest
        let text = content.toString('latin1');
        for (const s of list)
            text = text.split(s).join('***');
        (0,external_node_fs_.writeFileSync)(path, Buffer.from(text, 'latin1'));
        changed.push(path);
    };
    for (const dir of dirs)
        visit(dir);
    return changed;
}
//# sourceMappingURL=host-log.js.map
;// CONCATENATED MODULE: ./lib/drivers/process/log-events.js
/** The message of a logrus text line (`msg="..."`, unescaped), or the line itself. */
function logMessage(line) {
    const match = /\bmsg="((?:[^"\\]|\\.)*)"/.exec(line);
    if (match) {
        try {
            return JSON.parse(`"${match[1]}"`);
        }
        catch {
            return match[1];
        }
    }
    const plain = /\bmsg=(\S+)/.exec(line);
    return plain ? plain[1] : line;
}
function parseLogLine(line) {
    // cheap filter first: most lines are none of these
    if (!/next step runner|stop trying to register|installation stage|Executing \S*installer|found in mcs logs|Found (a )?new (ready|joined)|Finished all/.test(line))
        return undefined;
    const message = logMessage(line);
    if (message.startsWith('Running next step runner'))
        return { kind: 'registered' };
    if (message.startsWith('Host will stop trying to register'))
        return { kind: 'frozen', info: message };
    const stage = /^Updating node installation stage: (.+?) - (.*)$/s.exec(message);
    if (stage) {
        const info = stage[2].trim();
        return { kind: 'stage', stage: stage[1], ...(info ? { info } : {}) };
    }
    if (message.startsWith('Failed to update node installation stage'))
        return { kind: 'stage-failed', message };
    // agent 0004 (container-free dry run): "Executing <installer> [<args>]" when the install step starts it
    const installer = /^Executing (\S*\/installer(?:-dry-run)?) \[(.*)\]$/s.exec(message);
    if (installer)
        return { kind: 'installer-start', args: installer[2].split(' ').filter(Boolean) };
    const mcs = /^Host \S+ "([0-9a-f-]{36})" found in mcs logs, moving it to (.+) state$/.exec(message);
    if (mcs)
        return { kind: 'peer-stage', hostId: mcs[1], stage: mcs[2] };
    const controller = /^Found new (?:joined|ready) node \S+ with inventory id ([0-9a-f-]{36}), .*updating its status to (.+)$/.exec(message);
    if (controller)
        return { kind: 'peer-stage', hostId: controller[1], stage: controller[2] };
    if (message === 'Finished all')
        return { kind: 'controller-finished' };
    const bootstrap = /^Found a new ready \w+ node (\S+) with id/.exec(message);
    if (bootstrap)
        return { kind: 'peer-stage', node: bootstrap[1], stage: 'Joined' };
    return undefined;
}
//# sourceMappingURL=log-events.js.map
;// CONCATENATED MODULE: ./lib/drivers/process/real-driver.js







const DEFAULT_REAL_DRIVER_OPTIONS = {
    maxHosts: 200,
    sampleIntervalMs: 5000,
    watchIntervalMs: 1000,
    controllerGraceMs: 90_000
};
/** One real host: its box, its log, what has been seen of it. */
class RealHost {
    plan;
    cluster;
    agent;
    spec;
    log;
    box;
    /** Resolves once the box ended and the driver handled its end (records, clean-up, scrub). */
    done = Promise.resolve();
    milestone = 'launched';
    installSeen = false;
    rebooted = false;
    ended;
    role;
    install;
    lastStage;
    constructor(plan, cluster, agent, spec, log) {
        this.plan = plan;
        this.cluster = cluster;
        this.agent = agent;
        this.spec = spec;
        this.log = log;
    }
}
/**
 * The engine of the `process` and `container` drivers: real agents in dry run, one box per host, bounded; the
 * installer through the agent's container-free install step; one controller per cluster once its bootstrap
 * has rebooted. It records the milestones it can see (launch; registered, frozen and installer stages from the
 * programs' logs; install when the installer starts; rebooted when the marker appears; exit; died), samples
 * CPU and memory per host into `proc` records, and stops exactly what it started.
 */
function createRealDriver(ctx, layout, launcher, optionsInput = {}) {
    const options = { ...DEFAULT_REAL_DRIVER_OPTIONS, ...optionsInput };
    const { recorder, logger } = ctx;
    const hosts = new Map();
    const clusters = new Map();
    const running = new Map();
    const usage = new Map();
    const ends = { rebooted: 0, died: 0, stopped: 0 };
    const waiters = [];
    const exposed = new Map();
    const hostsLines = new Set();
    let active = 0;
    let stopping;
    const hostEvent = (host, ev, extra = {}) => recorder.event({ k: 'host', h: host.plan.hostname, c: host.cluster.name, ev, ...extra });
    const error = (scope, cluster, msg, h, extra) => recorder.event({
        k: 'error',
        scope,
        c: cluster,
        ...(h ? { h } : {}),
        msg,
        ...(extra ? { ctx: extra } : {})
    });
    const clusterState = (cluster) => {
        let state = clusters.get(cluster.name);
        if (!state) {
            state = {
                plan: cluster,
                dirs: layout.cluster(cluster),
                bootstrap: undefined,
                controller: undefined,
                controllerDone: false,
                controllerFinished: false
            };
            clusters.set(cluster.name, state);
        }
        return state;
    };
    const expose = (serviceUrl) => {
        let done = exposed.get(serviceUrl);
        if (!done) {
            done = launcher.expose(serviceUrl).then(lines => {
                const before = hostsLines.size;
                for (const line of lines)
                    hostsLines.add(line);
                if (hostsLines.size !== before)
                    layout.writeEtc([...hostsLines]);
            });
            exposed.set(serviceUrl, done);
        }
        return done;
    };
    const onHostLine = (host) => (line) => {
        const event = parseLogLine(line);
        if (!event)
            return;
        switch (event.kind) {
            case 'registered':
                if (host.milestone === 'launched')
                    host.milestone = 'registered';
                hostEvent(host, 'registered', { id: host.plan.id });
                recorder.counters.add('process.registrations');
                break;
            case 'frozen':
                host.milestone = 'frozen';
                hostEvent(host, 'frozen', { info: event.info });
                break;
            case 'stage':
                // percent updates of the same stage are not records (as with the native driver)
                if (host.lastStage === event.stage)
                    return;
                host.lastStage = event.stage;
                host.milestone = `stage: ${event.stage}`;
                recorder.event({
                    k: 'stage',
                    h: host.plan.hostname,
                    c: host.cluster.name,
                    stage: event.stage,
                    ...(event.info ? { info: event.info } : {}),
                    by: 'installer'
                });
                break;
            case 'peer-stage':
                peerStage(host.cluster, event, 'bootstrap');
                break;
            case 'stage-failed':
                error('host', host.cluster.name, `progress rejected: ${event.message}`, host.plan.hostname);
                break;
            case 'installer-start':
                installSeen(host, (0,host_config/* parseInstallArgs */.Em)(event.args.join('\n')));
                break;
        }
    };
    /** A stage the bootstrap or the controller reported for a host of its cluster. */
    const peerStage = (cluster, event, by) => {
        const target = cluster.hosts.find(h => event.hostId ? h.id === event.hostId : h.hostname.toLowerCase() === event.node?.toLowerCase());
        if (!target)
            return;
        recorder.event({ k: 'stage', h: target.hostname, c: cluster.name, stage: event.stage, by });
    };
    const acquireSlot = async () => {
        while (active >= options.maxHosts) {
            if (stopping || ctx.signal.aborted)
                throw new Error(`${launcher.kind} driver: launch after stop`);
            await new Promise(resolve => waiters.push(resolve));
        }
        active++;
    };
    const releaseSlot = () => {
        active--;
        waiters.shift()?.();
    };
    const watchInstall = (host) => {
        if (host.installSeen)
            return;
        const file = (0,external_node_path_.join)(host.spec.dirs.state, host_config/* INSTALL_ARGS_FILE */.bo);
        if (!(0,external_node_fs_.existsSync)(file))
            return;
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch {
            return;
        }
        installSeen(host, (0,host_config/* parseInstallArgs */.Em)(text));
    };
    const installSeen = (host, install) => {
        if (host.installSeen)
            return;
        host.installSeen = true;
        host.install = install;
        host.role = install.role;
        host.milestone = `install: ${host.role ?? 'unknown role'}`;
        hostEvent(host, 'install', { ...(host.role ? { role: host.role } : {}) });
        if (host.role === 'bootstrap')
            clusterState(host.cluster).bootstrap = host;
    };
    const watchMarker = (host) => {
        if (host.rebooted)
            return;
        if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(host.spec.clusterDirs.markers, host.plan.hostname)))
            return;
        host.rebooted = true;
        host.milestone = 'rebooted';
        hostEvent(host, 'rebooted');
    };
    const startController = (state) => {
        const bootstrap = state.bootstrap;
        const name = `${state.plan.name}-controller`;
        let line;
        try {
            line = (0,host_config/* controllerCommand */.OB)(state.plan, bootstrap.agent, bootstrap.install ?? {}, bootstrap.plan.hostname, {
                programs: launcher.programs,
                ...(bootstrap.agent.caCertPem ? { caPath: layout.caFile(bootstrap.agent.caCertPem) } : {})
            });
            (0,host_config/* assertDryRun */.xE)('controller', line, launcher.programs);
        }
        catch (e) {
            state.controllerDone = true;
            error('cluster', state.plan.name, `controller not started: ${(0,errors/* errorMessage */.gJ)(e)}`);
            return;
        }
        const dirs = layout.box(name);
        const spec = {
            name,
            kind: 'controller',
            cluster: state.plan,
            dirs,
            clusterDirs: state.dirs,
            disks: [],
            line
        };
        const log = new HostLog(layout.logFile(name), [bootstrap.agent.pullSecretToken], line => {
            const event = parseLogLine(line);
            if (event?.kind === 'peer-stage')
                peerStage(state.plan, event, 'controller');
            else if (event?.kind === 'controller-finished')
                state.controllerFinished = true;
        });
        log.note(`controller of ${state.plan.name} (bootstrap ${bootstrap.plan.hostname} rebooted)`);
        const box = new BoxProcess(launcher.command(spec), log);
        running.set(name, box);
        logger.debug(`${launcher.kind} driver: controller of ${state.plan.name} starts (pid ${box.pid})`);
        const done = box.exited.then(async (exit) => {
            running.delete(name);
            state.controllerDone = true;
            log.note(`controller ended: ${describeExit(exit)}`);
            if (!stopping && (exit.code !== 0 || exit.signal))
                error('cluster', state.plan.name, `controller ${describeExit(exit)}`, undefined, {
                    log: log.tail(10)
                });
            await launcher.cleanup?.(spec);
            scrubBox(spec, bootstrap.agent);
            await log.close();
        });
        state.controller = { box, log, spec, done };
    };
    /** What the programs wrote into a box's scratch directories themselves is scrubbed of the secrets too. */
    const scrubBox = (spec, agent) => {
        const { home, opt, var: varDir, tmp, state } = spec.dirs;
        try {
            const changed = scrubFiles([home, opt, varDir, tmp, state], [agent.pullSecretToken]);
            if (changed.length)
                logger.debug(`${launcher.kind} driver: scrubbed the secret from ${changed.length} files of ${spec.name}`);
        }
        catch (e) {
            logger.warning(`${launcher.kind} driver: cannot scrub ${spec.dirs.dir}: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    };
    const tick = () => {
        for (const host of hosts.values()) {
            if (host.ended)
                continue;
            watchInstall(host);
            watchMarker(host);
        }
        if (stopping)
            return;
        for (const state of clusters.values()) {
            if (state.controller || state.controllerDone || !state.bootstrap)
                continue;
            if (state.bootstrap.rebooted)
                startController(state);
        }
    };
    const watchTimer = setInterval(tick, options.watchIntervalMs);
    watchTimer.unref();
    const sample = (withPss = false) => {
        const byBox = launcher.sample(running, { pss: withPss });
        for (const [name, s] of byBox) {
            recordUsage(name, s);
            recorder.event({ k: 'proc', h: name, cpuMs: Math.round(s.cpuMs), rssBytes: s.rssBytes });
        }
    };
    const recordUsage = (name, s) => {
        const previous = usage.get(name);
        usage.set(name, {
            ...s,
            maxRssBytes: Math.max(previous?.maxRssBytes ?? 0, s.rssBytes),
            ...(s.pssBytes !== undefined || previous?.maxPssBytes !== undefined
                ? { maxPssBytes: Math.max(previous?.maxPssBytes ?? 0, s.pssBytes ?? 0) }
                : {})
        });
    };
    const sampleTimer = options.sampleIntervalMs > 0 ? setInterval(() => sample(), options.sampleIntervalMs) : undefined;
    sampleTimer?.unref();
    /**
     * Lets the controllers of clusters whose hosts all rebooted finish their work (the final log upload after their
     * once-a-minute look at the cluster), up to controllerGraceMs; hosts still running are stopped first.
     */
    const controllersToTheirEnd = async (still) => {
        const waiting = [...clusters.values()].filter(c => c.controller?.box.running &&
            !c.controllerFinished &&
            c.plan.hosts.every(h => hosts.get(h.hostname)?.rebooted) &&
            !still.some(h => h.cluster.name === c.plan.name));
        if (!waiting.length || options.controllerGraceMs <= 0)
            return;
        logger.info(`${launcher.kind} driver: waiting up to ${Math.round(options.controllerGraceMs / 1000)}s for ${waiting.length} controllers to finish (final log upload)`);
        const deadline = Date.now() + options.controllerGraceMs;
        while (Date.now() < deadline && waiting.some(c => c.controller.box.running && !c.controllerFinished)) {
            await new Promise(resolve => setTimeout(resolve, 250));
        }
    };
    const onAbort = () => {
        void driver.stop();
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const driver = {
        kind: launcher.kind,
        async launch(launch) {
            if (stopping || ctx.signal.aborted)
                throw new Error(`${launcher.kind} driver: launch after stop`);
            const { host: plan, cluster, agent } = launch;
            if (hosts.get(plan.hostname)?.ended === undefined && hosts.has(plan.hostname))
                throw new Error(`${launcher.kind} driver: ${plan.hostname} is already running`);
            await acquireSlot();
            let host;
            try {
                await expose(agent.serviceUrl);
                const state = clusterState(cluster);
                const line = (0,host_config/* agentCommand */.zA)(plan, cluster, agent, {
                    programs: launcher.programs,
                    ...(agent.caCertPem ? { caPath: layout.caFile(agent.caCertPem) } : {})
                });
                (0,host_config/* assertDryRun */.xE)('agent', line, launcher.programs);
                const dirs = layout.box(plan.hostname);
                const spec = {
                    name: plan.hostname,
                    kind: 'host',
                    cluster,
                    dirs,
                    clusterDirs: state.dirs,
                    disks: plan.hardware.disks.map(d => d.name),
                    line
                };
                let observe = () => undefined;
                const log = new HostLog(layout.logFile(plan.hostname), [agent.pullSecretToken], line => observe(line));
                host = new RealHost(plan, cluster, agent, spec, log);
                observe = onHostLine(host);
                log.note(`${launcher.kind} driver: ${plan.hostname} (${plan.id}) of ${cluster.name}, ${plan.role}`);
                host.box = new BoxProcess(launcher.command(spec), log);
            }
            catch (e) {
                releaseSlot();
                throw e;
            }
            hosts.set(plan.hostname, host);
            running.set(plan.hostname, host.box);
            hostEvent(host, 'launch', { id: plan.id, role: plan.role });
            host.done = host.box.exited.then(async (exit) => {
                running.delete(plan.hostname);
                watchInstall(host);
                watchMarker(host);
                if (!host.ended) {
                    if (host.rebooted) {
                        host.ended = 'rebooted';
                        ends.rebooted++;
                        hostEvent(host, 'exit', { info: `${describeExit(exit)} after the fake reboot` });
                    }
                    else if (!stopping) {
                        host.ended = 'died';
                        ends.died++;
                        const info = describeExit(exit);
                        hostEvent(host, 'died', { info: `${info} (last: ${host.milestone})` });
                        error('host', cluster.name, `the agent process ended without a reboot: ${info}`, plan.hostname, {
                            milestone: host.milestone,
                            log: host.log.tail(10)
                        });
                        logger.warning(`${plan.hostname}: the agent process ended (${info}); see ${host.log.path}`);
                    }
                }
                host.log.note(`box ended: ${describeExit(exit)}`);
                releaseSlot();
                await launcher.cleanup?.(host.spec);
                scrubBox(host.spec, agent);
                if (!stopping)
                    await host.log.close();
            });
        },
        running: () => [...hosts.values()].filter(h => h.box?.running).length,
        controllers: () => [...clusters.values()].filter(c => c.controller?.box.running).length,
        ends: () => ({ ...ends }),
        usage: () => new Map(usage),
        sampleNow: (o = {}) => sample(Boolean(o.pss)),
        hostStates: () => [...hosts.values()].map(h => {
            const state = { hostname: h.plan.hostname, milestone: h.milestone };
            if (h.ended)
                state.ended = h.ended;
            if (h.box?.running && h.box.pid) {
                state.pid = h.box.pid;
                const init = h.box.boxInitPid();
                if (init)
                    state.initPid = init;
            }
            return state;
        }),
        stop() {
            stopping ??= (async () => {
                ctx.signal.removeEventListener('abort', onAbort);
                clearInterval(watchTimer);
                if (sampleTimer)
                    clearInterval(sampleTimer);
                for (const resolve of waiters.splice(0))
                    resolve();
                tick();
                sample();
                const still = [...hosts.values()].filter(h => h.box?.running);
                if (!ctx.signal.aborted)
                    await controllersToTheirEnd(still);
                const controllersRunning = [...clusters.values()].flatMap(c => c.controller?.box.running ? [c.controller] : []);
                if (launcher.stop)
                    await Promise.all([...still.map(h => h.spec), ...controllersRunning.map(c => c.spec)].map(spec => launcher.stop(spec)));
                await Promise.all([...still.map(h => h.box.kill()), ...controllersRunning.map(c => c.box.kill())]);
                for (const host of still) {
                    if (host.ended)
                        continue;
                    host.ended = 'stopped';
                    ends.stopped++;
                    hostEvent(host, 'exit', { info: host.milestone });
                }
                // the exit handlers run their clean-ups; wait for every box's end, then close the logs
                await Promise.all([...hosts.values()].map(h => h.done));
                await Promise.all([...clusters.values()].map(c => c.controller?.done));
                for (const host of hosts.values())
                    await host.log.close();
                for (const c of clusters.values())
                    await c.controller?.log.close();
                await launcher.close();
                logger.info(`${launcher.kind} driver stopped: ${hosts.size} hosts (${ends.rebooted} rebooted, ${ends.died} died, ${ends.stopped} stopped), ` +
                    `${[...clusters.values()].filter(c => c.controller).length} controllers; logs in ${layout.logs}`);
            })();
            return stopping;
        }
    };
    return driver;
}
//# sourceMappingURL=real-driver.js.map

/***/ })

};
