export const id = 155;
export const ids = [155];
export const modules = {

/***/ 27155:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createProcessDriver: () => (/* binding */ createProcessDriver)
});

// UNUSED EXPORTS: processDriverProblem

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/util/errors.js
var errors = __webpack_require__(99661);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./lib/patches/components.js + 1 modules
var components = __webpack_require__(78961);
// EXTERNAL MODULE: ./lib/patches/series.js
var patches_series = __webpack_require__(11989);
;// CONCATENATED MODULE: ./lib/drivers/process/binaries.js






/** The programs a real host runs (from build-push-images --binaries, or ensureProcessBinaries). */
const PROCESS_BINARIES = ['agent', 'installer', 'assisted-installer-controller'];
/** The component each binary is built from (components.yaml). */
const BINARY_COMPONENT = {
    agent: 'agent',
    installer: 'installer',
    'assisted-installer-controller': 'controller'
};
/**
 * Strings that only the patched programs hold: flags and settings the series adds (upstream has none of them).
 * A binary without them is an unpatched build and never runs as a fake host.
 */
const SERIES_MARKERS = {
    // agent 0004 (container-free dry run), 0006 (hardware from configuration), 0009 (DNS from configuration)
    agent: [
        'dry-run-no-containers',
        'DRY_NO_CONTAINERS',
        'DRY_CPU_COUNT',
        'DRY_DNS_API_ADDRESSES',
        'nsenter-target'
    ],
    // installer 0001 (nsenter target), 0003 (coreos-installer stand-in), 0004 (logs sender process)
    installer: ['DRY_NSENTER_TARGET', 'dry-coreos-installer', 'DRY_COREOS_INSTALLER', 'DRY_AGENT_BINARY'],
    // controller 0003 (control plane count from the hosts file), and the installer series it is built on
    'assisted-installer-controller': ['setDryControlPlaneCount', 'DRY_NSENTER_TARGET']
};
/** Written next to the binaries by ensureProcessBinaries: what they were built from, and their hashes. */
const STAMP_FILE = 'assisted-swarm-binaries.json';
const STAMP_FORMAT = 'assisted-swarm-binaries/v1';
function sha256File(path) {
    return scanFile(path, []).sha256;
}
/**
 * Reads a file once, in chunks (the binaries are tens of MB each: reading them whole raised the driver's peak
 * RSS by their size), hashing it and looking for the markers, also across chunk boundaries.
 */
function scanFile(path, markers, chunkBytes = 4 << 20) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const wanted = markers.map(m => Buffer.from(m, 'latin1'));
    const overlap = Math.max(0, ...wanted.map(m => m.length - 1));
    const found = new Set();
    const chunk = Buffer.alloc(chunkBytes + overlap);
    let head;
    let carried = 0;
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        for (;;) {
            const n = (0,external_node_fs_.readSync)(fd, chunk, carried, chunkBytes, null);
            if (n === 0)
                break;
            const data = chunk.subarray(carried, carried + n);
            hash.update(data);
            head ??= Buffer.from(data.subarray(0, 16));
            const window = chunk.subarray(0, carried + n);
            wanted.forEach((m, i) => {
                if (!found.has(markers[i]) && window.indexOf(m) >= 0)
                    found.add(markers[i]);
            });
            // keep the last bytes, so a marker cut by the chunk boundary is found in the next window
            carried = Math.min(overlap, window.length);
            window.copy(chunk, 0, window.length - carried);
        }
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
    return { head: head ?? Buffer.alloc(0), sha256: hash.digest('hex'), found };
}
/** Series hash of each component in a components file (the hash apply-patches records and images are tagged with). */
function currentSeriesHashes(componentsFile) {
    const file = (0,components/* loadComponents */.Xf)(componentsFile);
    const out = {};
    for (const component of file.components.values()) {
        const patches = (0,components/* seriesChain */.TT)(file, component).flatMap(({ series, component: owner }) => (0,patches_series/* readSeries */.wF)(series, owner));
        out[component.name] = (0,patches_series/* seriesHash */.eI)(patches);
    }
    return out;
}
function readStamp(dir) {
    const path = (0,external_node_path_.join)(dir, STAMP_FILE);
    if (!(0,external_node_fs_.existsSync)(path))
        return undefined;
    let stamp;
    try {
        stamp = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`binaries: ${path} is not valid JSON`);
    }
    if (stamp.format !== STAMP_FORMAT)
        throw new errors/* ConfigurationError */.j1(`binaries: ${path} has an unknown format`);
    return stamp;
}
/**
 * Checks a binaries directory before anything of it runs: the three programs are there, executable ELF files,
 * each holds the marks of the patch series; when a build stamp is there, every binary is the one stamped, and
 * (given the checkout's components file) built from the series checked out now. Throws ConfigurationError.
 */
function verifyProcessBinaries(dirInput, options = {}) {
    const dir = (0,external_node_path_.resolve)(dirInput);
    const problems = [];
    const paths = {};
    const scans = new Map();
    if (!(0,external_node_fs_.existsSync)(dir)) {
        throw new errors/* ConfigurationError */.j1(`binaries: ${dir} does not exist (build them: assisted-swarm build-push-images --no-images --no-push --binaries ${dirInput})`);
    }
    for (const name of PROCESS_BINARIES) {
        const path = (0,external_node_path_.join)(dir, name);
        paths[name] = path;
        if (!(0,external_node_fs_.existsSync)(path)) {
            problems.push(`${name}: missing in ${dir}`);
            continue;
        }
        try {
            (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
        }
        catch {
            problems.push(`${name}: ${path} is not executable`);
            continue;
        }
        if (!(0,external_node_fs_.statSync)(path).isFile()) {
            problems.push(`${name}: ${path} is not a file`);
            continue;
        }
        const scan = scanFile(path, SERIES_MARKERS[name]);
        scans.set(name, scan);
        if (scan.head.subarray(0, 4).toString('latin1') !== '\x7fELF') {
            problems.push(`${name}: ${path} is not an executable program (ELF)`);
            continue;
        }
        const missing = SERIES_MARKERS[name].filter(m => !scan.found.has(m));
        if (missing.length)
            problems.push(`${name}: ${path} is not patched by this project's series (it lacks ${missing.join(', ')}); build it with apply-patches and build-push-images`);
    }
    if (problems.length)
        throw new errors/* ConfigurationError */.j1(problems, `binaries in ${dir} cannot run as fake hosts:`);
    const stamp = readStamp(dir);
    if (stamp) {
        for (const name of PROCESS_BINARIES) {
            const expected = stamp.binaries[name];
            if (expected && scans.get(name).sha256 !== expected)
                problems.push(`${name}: ${paths[name]} is not the binary stamped in ${STAMP_FILE} (changed after the build)`);
        }
        if (options.componentsFile && (0,external_node_fs_.existsSync)(options.componentsFile)) {
            const current = currentSeriesHashes(options.componentsFile);
            for (const name of PROCESS_BINARIES) {
                const component = BINARY_COMPONENT[name];
                const built = stamp.components[component]?.seriesHash;
                if (built && current[component] && built !== current[component])
                    problems.push(`${name}: built from ${component} series ${built.slice(0, 12)}, but ${options.componentsFile} has series ${current[component].slice(0, 12)}; rebuild the binaries`);
            }
        }
        if (problems.length)
            throw new errors/* ConfigurationError */.j1(problems, `binaries in ${dir} are stale:`);
    }
    const series = stamp
        ? Object.entries(stamp.components)
            .map(([c, s]) => `${c} ${s.upstreamCommit.slice(0, 12)}+${s.seriesHash.slice(0, 12)}`)
            .join(', ')
        : 'no build stamp; series marks checked';
    return { dir, paths, ...(stamp ? { stamp } : {}), description: `${dir} (${series})` };
}
//# sourceMappingURL=binaries.js.map
// EXTERNAL MODULE: ./lib/drivers/process/host-config.js
var host_config = __webpack_require__(39294);
// EXTERNAL MODULE: ./lib/drivers/process/layout.js
var process_layout = __webpack_require__(32407);
// EXTERNAL MODULE: ./lib/drivers/process/network.js
var process_network = __webpack_require__(70067);
// EXTERNAL MODULE: ./lib/drivers/process/proc-stats.js
var proc_stats = __webpack_require__(14187);
// EXTERNAL MODULE: ./lib/drivers/process/real-driver.js + 3 modules
var real_driver = __webpack_require__(85735);
;// CONCATENATED MODULE: ./lib/drivers/process/sandbox.js
/**
 * The box every real host (and every controller) of the process driver runs in: PID 1 of its own PID, mount,
 * UTS and IPC namespaces, with a private root made of
 *
 * - a tmpfs `/` (nothing the host writes there reaches a disk),
 * - the machine's `/usr` (and the `/bin`, `/lib`, ... links or directories next to it) bound read-only,
 * - a read-only `/etc` prepared by the driver (resolver 127.0.0.1, no other name service),
 * - scratch `/root`, `/opt`, `/var`, `/tmp` bound from the run directory,
 * - a `/dev` of its own holding the null/zero/random nodes and the host's disks as empty regular files,
 * - a fresh `/proc` of the new PID namespace with `/proc/sys` read-only, `/proc/sysrq-trigger` masked and
 *   `/proc/cmdline` the fake host's, and a read-only `/sys`,
 * - `/run/swarm/...` binds chosen by the driver (binaries read-only, reboot markers read-write, ...),
 *
 * after which the old root is detached (`pivot_root`, lazy unmount), so nothing outside those binds is even
 * reachable. The command then runs as uid 0 without any capability (empty bounding set, no-new-privs), so it
 * can neither remount a read-only bind nor make a device node nor touch the clock. The network namespace is
 * the driver's choice (see network.ts): `netns` is joined first.
 *
 * When PID 1 exits, the kernel kills everything else in its PID namespace and the mounts go with the mount
 * namespace; `unshare --kill-child` makes that happen too when the driver kills the `unshare` process it started.
 */
/** The tools the box needs on the machine (util-linux, coreutils, a POSIX shell). */
const SANDBOX_TOOLS = [
    'unshare',
    'nsenter',
    'mount',
    'umount',
    'pivot_root',
    'setpriv',
    'mknod',
    'sh'
];
/** PATH of the setup script; the command's own PATH comes from its env. */
const SETUP_PATH = '/usr/sbin:/usr/bin:/sbin:/bin';
/** Namespaces of the box besides the network: the ones a real host would have to itself. */
const SANDBOX_NAMESPACES = ['--pid', '--mount', '--uts', '--ipc'];
/** Single-quotes a word for sh. */
function shellQuote(word) {
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
const DEVICE_NODES = [
    ['null', 1, 3],
    ['zero', 1, 5],
    ['full', 1, 7],
    ['random', 1, 8],
    ['urandom', 1, 9],
    ['tty', 5, 0]
];
/** Checks what no box may get wrong; throws an Error naming the field (a driver bug, not a user mistake). */
function checkSandboxSpec(spec) {
    const absolute = (what, path) => {
        if (!path.startsWith('/'))
            throw new Error(`sandbox: ${what} must be an absolute path, got ${path}`);
    };
    absolute('rootMount', spec.rootMount);
    absolute('etcDir', spec.etcDir);
    for (const [name, path] of Object.entries(spec.scratch))
        absolute(`scratch.${name}`, path);
    if (!/^[a-z0-9]([a-z0-9.-]{0,62})$/i.test(spec.hostname))
        throw new Error(`sandbox: invalid hostname ${spec.hostname}`);
    for (const disk of spec.disks) {
        if (!/^[a-z][a-z0-9]{0,15}$/.test(disk))
            throw new Error(`sandbox: invalid disk name ${disk}`);
    }
    const places = ['/run/swarm/', '/root/', '/opt/', '/var/', '/tmp/'];
    for (const bind of spec.binds) {
        absolute('bind source', bind.source);
        if (!places.some(p => bind.target.startsWith(p)) || bind.target.includes('..'))
            throw new Error(`sandbox: bind target ${bind.target} is outside ${places.join(', ')}`);
    }
    if (!spec.command.length || !spec.command[0].startsWith('/'))
        throw new Error('sandbox: the command must start with an absolute path inside the box');
    if (!spec.env.PATH)
        throw new Error('sandbox: the command environment needs a PATH');
}
/** The setup script that PID 1 runs before it becomes the command (`exec`). */
function sandboxScript(spec) {
    const q = shellQuote;
    const lines = [
        'set -eu',
        // the setup's own PATH; the command gets its environment back unchanged at the exec below
        'SWARM_PATH="$PATH"',
        `PATH=${SETUP_PATH}`,
        `R=${q(spec.rootMount)}`,
        'mount --make-rprivate /',
        'mount -t tmpfs -o mode=0755,nosuid,size=16m swarm-root "$R"',
        'cd "$R"',
        'mkdir -p usr etc proc sys dev run tmp var opt root',
        'ro() { mount --bind "$1" "$2"; mount -o remount,bind,ro,nosuid "$2"; }',
        'rw() { mount --bind "$1" "$2"; }',
        'ro /usr usr',
        'for d in bin sbin lib lib32 lib64 libx32; do',
        '  if [ -L "/$d" ]; then ln -s "$(readlink "/$d")" "$d"',
        '  elif [ -d "/$d" ]; then mkdir "$d"; ro "/$d" "$d"; fi',
        'done',
        `ro ${q(spec.etcDir)} etc`,
        `rw ${q(spec.scratch.root)} root`,
        `rw ${q(spec.scratch.opt)} opt`,
        `rw ${q(spec.scratch.var)} var`,
        `rw ${q(spec.scratch.tmp)} tmp`,
        'mount -t tmpfs -o mode=0755,nosuid,size=1m swarm-dev dev',
        ...DEVICE_NODES.map(([name, major, minor]) => `mknod -m 666 dev/${name} c ${major} ${minor}`),
        'ln -s /proc/self/fd dev/fd',
        'ln -s /proc/self/fd/0 dev/stdin',
        'ln -s /proc/self/fd/1 dev/stdout',
        'ln -s /proc/self/fd/2 dev/stderr',
        'mkdir -p dev/disk/by-id dev/shm',
        ...spec.disks.map(d => `: > dev/${d}`),
        'mount -t tmpfs -o mode=0755,nosuid,nodev,size=4m swarm-run run',
        'mkdir -p run/swarm'
    ];
    for (const bind of spec.binds) {
        const inside = bind.target.slice(1);
        lines.push(`mkdir -p ${q(inside)}`, `${bind.readOnly ? 'ro' : 'rw'} ${q(bind.source)} ${q(inside)}`);
    }
    lines.push('mount -t proc -o nosuid,nodev,noexec proc proc', `echo ${q(spec.hostname)} > proc/sys/kernel/hostname`, 'mount --bind proc/sys proc/sys', 'mount -o remount,bind,ro proc/sys', 'if [ -e proc/sysrq-trigger ]; then mount --bind dev/null proc/sysrq-trigger; fi', ...(spec.cmdlineFile
        ? [`mount --bind ${q(spec.cmdlineFile)} proc/cmdline`, 'mount -o remount,bind,ro proc/cmdline']
        : []), 'mount -t sysfs -o ro,nosuid,nodev,noexec sysfs sys', 'mkdir .old', 'pivot_root . .old', 'cd /', 'umount -l /.old', 'rmdir /.old', 'PATH="$SWARM_PATH"', 'unset SWARM_PATH OLDPWD R', 'unset -f ro rw', 
    // uid 0 without capabilities from here on: no remount, no mknod, no clock, no module, no raw I/O
    'exec setpriv --bounding-set=-all --inh-caps=-all --no-new-privs -- "$@"');
    return lines.join('\n');
}
/**
 * The command line that starts a box: [nsenter --net=<netns> --] unshare --pid --mount --uts --ipc --fork
 * --kill-child -- sh -c <setup> <hostname> <command...>, to be spawned with exactly `env` (the command's
 * environment: values such as the pull-secret token never appear on a command line).
 */
function sandboxCommand(spec) {
    checkSandboxSpec(spec);
    const inner = [
        ...SANDBOX_NAMESPACES,
        '--fork',
        '--kill-child=SIGKILL',
        '--propagation',
        'private',
        '--',
        '/bin/sh',
        '-c',
        sandboxScript(spec),
        spec.hostname,
        ...spec.command
    ];
    const env = { ...spec.env };
    if (spec.netns) {
        return { file: 'nsenter', args: [`--net=${spec.netns}`, '--', 'unshare', ...inner], env };
    }
    return { file: 'unshare', args: inner, env };
}
//# sourceMappingURL=sandbox.js.map
;// CONCATENATED MODULE: ./lib/drivers/process/index.js











/** Why this machine cannot run real hosts in boxes, or undefined. */
function processDriverProblem() {
    if (process.platform !== 'linux')
        return 'real hosts need Linux namespaces';
    if (process.getuid?.() !== 0)
        return 'real hosts run in namespaces with mounts of their own, which needs root (run the swarm as root)';
    const missing = SANDBOX_TOOLS.filter(tool => !onPath(tool));
    if (!onPath('ip'))
        missing.push('ip');
    if (missing.length)
        return `missing tools: ${missing.join(', ')} (packages util-linux, mount, iproute2, coreutils, dash)`;
    return undefined;
}
function onPath(tool) {
    try {
        (0,external_node_child_process_.execFileSync)('sh', ['-c', `command -v ${tool}`], {
            stdio: 'ignore',
            env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' }
        });
        return true;
    }
    catch {
        return false;
    }
}
/**
 * The `process` driver: every plan host is the patched upstream agent in dry run, PID 1 of a box of its own
 * (sandbox.ts) inside a network namespace that holds only loopback and the service (network.ts); the installer
 * runs through the agent's container-free install step, one controller per cluster after its bootstrap's
 * reboot. Refuses to start unless the machine can box the hosts, the binaries carry the patch series, and the
 * plan asks for nothing a real agent cannot do.
 */
async function createProcessDriver(ctx, options) {
    const problem = processDriverProblem();
    if (problem)
        throw new errors/* ConfigurationError */.j1(`--driver process: ${problem}`);
    const componentsFile = options.componentsFile ?? __webpack_require__.ab + "components.yaml";
    const binaries = verifyProcessBinaries(options.binariesDir, {
        ...((0,external_node_fs_.existsSync)(componentsFile) ? { componentsFile } : {})
    });
    (0,host_config/* checkPlanForRealHosts */.Yo)(ctx.plan.clusters);
    const layout = new process_layout/* RunLayout */._(ctx.runDir);
    let failed;
    const network = await (0,process_network/* createHostNetwork */.rY)(options.network ?? 'auto', {
        socketDir: layout.sockets,
        logger: ctx.logger,
        onFailure: message => {
            failed = message;
            ctx.recorder.event({ k: 'error', scope: 'run', msg: message });
        }
    });
    ctx.logger.info(`process driver: binaries ${binaries.description}`);
    const launcher = {
        kind: 'process',
        programs: host_config/* PROCESS_PROGRAMS */.g6,
        command(box) {
            if (failed)
                throw new Error(failed);
            return sandboxCommand({
                hostname: box.name,
                rootMount: box.dirs.root,
                etcDir: layout.etc,
                cmdlineFile: layout.cmdline,
                scratch: { root: box.dirs.home, opt: box.dirs.opt, var: box.dirs.var, tmp: box.dirs.tmp },
                disks: box.disks,
                binds: layout.binds(binaries.dir, box.clusterDirs, box.dirs),
                ...(network.netns ? { netns: network.netns } : {}),
                command: box.line.command,
                env: box.line.env
            });
        },
        async expose(serviceUrl) {
            return (await network.expose(serviceUrl)).hostsLines;
        },
        sample(boxes, o = {}) {
            const byNamespace = new Map();
            for (const [name, box] of boxes) {
                const ns = box.pidNamespace();
                if (ns)
                    byNamespace.set(ns, name);
            }
            const out = new Map();
            for (const [ns, s] of (0,proc_stats/* sampleNamespaces */.lr)(new Set(byNamespace.keys()), o))
                out.set(byNamespace.get(ns), s);
            return out;
        },
        async close() {
            await network.close();
            for (const dir of layout.outside)
                (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
        }
    };
    const driver = (0,real_driver/* createRealDriver */.x)(ctx, layout, launcher, options);
    return Object.assign(driver, { binaries, network });
}
//# sourceMappingURL=index.js.map

/***/ })

};
