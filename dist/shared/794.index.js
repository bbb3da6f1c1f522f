export const id = 794;
export const ids = [794];
export const modules = {

/***/ 1794:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createContainerDriver: () => (/* binding */ createContainerDriver)
});

// UNUSED EXPORTS: checkImages, podmanProblem

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./lib/util/errors.js
var errors = __webpack_require__(99661);
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
;// CONCATENATED MODULE: ./lib/drivers/container/podman-command.js


/** Inside the images (images/<component>/Containerfile*): the programs are in /usr/bin. */
const IMAGE_BIN = '/usr/bin';
/** Where the agent's container sees the installer image (a read-only image mount). */
const INSTALLER_IMAGE_MOUNT = '/run/swarm/installer';
const CONTAINER_PROGRAMS = {
    bin: IMAGE_BIN,
    installer: `${INSTALLER_IMAGE_MOUNT}${IMAGE_BIN}/installer`
};
function containerName(prefix, box) {
    return `${prefix}-${box}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}
/** Global podman options (the shared image store). */
function podmanGlobalArgs(options) {
    return options.storage ? ['--root', options.storage.root, '--runroot', options.storage.runRoot] : [];
}
/**
 * `podman run` for one box: the same box as the process driver's, made by podman. PID, mount, UTS and IPC
 * namespaces of its own (podman's defaults, given explicitly), the run's network namespace (or podman's own,
 * the host networking of a runner that is itself inside such a namespace), no capabilities, no new privileges,
 * a read-only root from the image, the same scratch and /run/swarm binds, the boot disk an empty file. Every
 * environment variable is passed by name only (`--env NAME`): podman takes the value from its own environment,
 * so no secret is on a command line. The process is attached (`--attach`): its output is the box's log.
 */
function podmanRunCommand(box, options) {
    const image = box.kind === 'controller' ? options.images.controller : options.images.agent;
    const name = containerName(options.prefix, box.name);
    const v = (source, target, mode) => [
        '--volume',
        `${source}:${target}:${mode},z`
    ];
    const args = [
        ...podmanGlobalArgs(options),
        'run',
        '--rm',
        '--replace',
        '--name',
        name,
        '--hostname',
        box.name,
        '--label',
        `assisted-swarm.run=${options.runId}`,
        '--label',
        `assisted-swarm.box=${box.name}`,
        '--network',
        options.netns ? `ns:${options.netns}` : 'host',
        '--pid',
        'private',
        '--ipc',
        'private',
        '--uts',
        'private',
        '--cap-drop',
        'all',
        '--security-opt',
        'no-new-privileges',
        '--read-only',
        '--pull',
        'never',
        '--log-driver',
        'none',
        '--attach',
        'stdout',
        '--attach',
        'stderr',
        '--tmpfs',
        '/run:rw,nosuid,nodev,size=4m',
        '--tmpfs',
        '/dev/shm:rw,nosuid,nodev,size=1m',
        ...v(options.etcDir, '/etc', 'ro'),
        ...v(box.dirs.home, '/root', 'rw'),
        ...v(box.dirs.opt, '/opt', 'rw'),
        ...v(box.dirs.var, '/var', 'rw'),
        ...v(box.dirs.tmp, '/tmp', 'rw'),
        ...v(options.shareDir, host_config/* BOX */["in"].share, 'ro'),
        ...v((0,external_node_path_.join)(box.clusterDirs.dir, 'cluster'), host_config/* BOX */["in"].cluster, 'ro'),
        ...v(box.clusterDirs.markers, host_config/* BOX */["in"].markers, 'rw'),
        ...v(box.dirs.state, host_config/* BOX */["in"].state, 'rw'),
        // the boot disks: empty regular files, like the process driver's /dev
        ...box.disks.flatMap(d => v((0,external_node_path_.join)(box.dirs.state, `disk-${d}`), `/dev/${d}`, 'rw')),
        ...(box.kind === 'host'
            ? ['--mount', `type=image,source=${options.images.installer},destination=${INSTALLER_IMAGE_MOUNT}`]
            : []),
        ...Object.keys(box.line.env)
            .sort()
            .flatMap(k => ['--env', k]),
        '--entrypoint',
        box.line.command[0],
        image,
        ...box.line.command.slice(1)
    ];
    return { file: 'podman', args, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', ...box.line.env } };
}
/** `podman rm --force --time 0 <name>`: stops and removes exactly one container the driver started. */
function podmanRemoveArgs(name, options) {
    return [...podmanGlobalArgs(options), 'rm', '--force', '--ignore', '--time', '0', name];
}
/** `podman inspect` of the container's PID 1 (in the runner's PID namespace), for CPU and memory samples. */
function podmanPidArgs(name, options) {
    return [...podmanGlobalArgs(options), 'inspect', '--format', '{{.State.Pid}}', name];
}
//# sourceMappingURL=podman-command.js.map
;// CONCATENATED MODULE: ./lib/drivers/container/index.js











const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/** Why podman cannot run the boxes here, or undefined (tests skip with this message). */
function podmanProblem(image) {
    try {
        (0,external_node_child_process_.execFileSync)('podman', ['--version'], { stdio: 'ignore' });
    }
    catch {
        return 'podman is not installed';
    }
    if (process.getuid?.() !== 0)
        return 'the container driver joins a network namespace the swarm makes, which needs root';
    if (!image)
        return undefined;
    try {
        (0,external_node_child_process_.execFileSync)('podman', [
            'run',
            '--rm',
            '--network',
            'none',
            '--pull',
            'never',
            '--entrypoint',
            '/usr/bin/agent',
            image,
            '--help'
        ], {
            stdio: ['ignore', 'ignore', 'pipe'],
            timeout: 60_000
        });
        return undefined;
    }
    catch (error) {
        const stderr = String(error.stderr ?? '').trim();
        // `agent --help` exits 0 or 2; anything else means podman could not run the container
        if (error.status === 2)
            return undefined;
        return `podman cannot run containers here: ${stderr.split('\n').pop() || (0,errors/* errorMessage */.gJ)(error)}`;
    }
}
function checkImages(images) {
    const missing = ['agent', 'installer', 'controller'].filter(c => !images[c]);
    if (missing.length)
        throw new errors/* ConfigurationError */.j1(`--driver container: no image for ${missing.join(', ')} (the images output of build-push-images)`);
    return { agent: images.agent, installer: images.installer, controller: images.controller };
}
/**
 * The `container` driver: the same hosts as the process driver (real agent in dry run, installer through its
 * container-free install step, a controller per cluster after the bootstrap's reboot), each box a podman
 * container of the built images, sharing one image store, in the run's network namespace.
 */
async function createContainerDriver(ctx, options) {
    const images = checkImages(options.images);
    const problem = podmanProblem();
    if (problem)
        throw new errors/* ConfigurationError */.j1(`--driver container: ${problem}`);
    (0,host_config/* checkPlanForRealHosts */.Yo)(ctx.plan.clusters);
    const layout = new process_layout/* RunLayout */._(ctx.runDir);
    const network = await (0,process_network/* createHostNetwork */.rY)(options.network ?? 'auto', {
        socketDir: layout.sockets,
        logger: ctx.logger
    });
    const podman = {
        images,
        prefix: `swarm-${ctx.plan.runId}`.slice(0, 40),
        runId: ctx.plan.runId,
        ...(network.netns ? { netns: network.netns } : {}),
        etcDir: layout.etc,
        shareDir: layout.share,
        ...(options.storage ? { storage: options.storage } : {})
    };
    const namespaces = new Map();
    const launcher = {
        kind: 'container',
        programs: CONTAINER_PROGRAMS,
        command(box) {
            for (const disk of box.disks)
                (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(box.dirs.state, `disk-${disk}`), '');
            return podmanRunCommand(box, podman);
        },
        async expose(serviceUrl) {
            return (await network.expose(serviceUrl)).hostsLines;
        },
        sample(boxes, o = {}) {
            const byNamespace = new Map();
            for (const name of boxes.keys()) {
                let ns = namespaces.get(name);
                if (!ns) {
                    try {
                        const pid = Number((0,external_node_child_process_.execFileSync)('podman', podmanPidArgs(containerName(podman.prefix, name), podman), {
                            encoding: 'utf8'
                        }).trim());
                        ns = pid > 0 ? (0,proc_stats/* pidNamespace */.fP)(pid) : undefined;
                    }
                    catch {
                        ns = undefined;
                    }
                    if (ns)
                        namespaces.set(name, ns);
                }
                if (ns)
                    byNamespace.set(ns, name);
            }
            const out = new Map();
            for (const [ns, s] of (0,proc_stats/* sampleNamespaces */.lr)(new Set(byNamespace.keys()), o))
                out.set(byNamespace.get(ns), s);
            return out;
        },
        async stop(box) {
            await run('podman', podmanRemoveArgs(containerName(podman.prefix, box.name), podman)).catch(() => undefined);
        },
        async cleanup(box) {
            namespaces.delete(box.name);
            await run('podman', podmanRemoveArgs(containerName(podman.prefix, box.name), podman)).catch(() => undefined);
        },
        async close() {
            await network.close();
            for (const dir of layout.outside)
                (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
        }
    };
    return (0,real_driver/* createRealDriver */.x)(ctx, layout, launcher, options);
}
//# sourceMappingURL=index.js.map

/***/ })

};
