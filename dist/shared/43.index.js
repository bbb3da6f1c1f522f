export const id = 43;
export const ids = [43];
export const modules = {

/***/ 45043:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  KubeController: () => (/* reexport */ KubeController),
  SIM_FIELD_MANAGER: () => (/* reexport */ SIM_FIELD_MANAGER),
  kubeModeOptions: () => (/* binding */ kubeModeOptions),
  startKubeMode: () => (/* binding */ startKubeMode)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./lib/util/errors.js
var errors = __webpack_require__(99661);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./lib/kube/client.js + 829 modules
var client = __webpack_require__(17277);
// EXTERNAL MODULE: ./lib/kube/informer.js
var kube_informer = __webpack_require__(69087);
// EXTERNAL MODULE: ./lib/kube/kinds.js
var kinds = __webpack_require__(71898);
// EXTERNAL MODULE: ./lib/kube/objects.js
var objects = __webpack_require__(30605);
// EXTERNAL MODULE: ./lib/sim/service/cluster-service.js
var cluster_service = __webpack_require__(40895);
// EXTERNAL MODULE: ./lib/sim/service/host-service.js
var host_service = __webpack_require__(44591);
// EXTERNAL MODULE: ./lib/sim/service/infra-env-service.js
var infra_env_service = __webpack_require__(68145);
// EXTERNAL MODULE: ./lib/sim/host/stages.js
var stages = __webpack_require__(55655);
// EXTERNAL MODULE: ./lib/sim/views.js
var views = __webpack_require__(42465);
;// CONCATENATED MODULE: ./lib/sim/kube/conditions.js
function condition(type, status, reason, message) {
    return { type, status, reason, message };
}
const PREPARING_OR_INSTALLING = new Set([
    'preparing-for-installation',
    'preparing-successful',
    'installing',
    'installing-in-progress',
    'installing-pending-user-action'
]);
const INSTALL_STOPPED = new Set(['installed', 'error', 'added-to-existing-cluster', 'cancelled']);
const UNBOUND = new Set([
    'discovering-unbound',
    'known-unbound',
    'insufficient-unbound',
    'disconnected-unbound',
    'reclaiming',
    'reclaiming-rebooting'
]);
/** The Agent's conditions for a host, given whether its Agent is approved. */
function agentConditions(host, approved) {
    const s = host.status;
    const info = host.statusInfo;
    const connected = s === 'disconnected' || s === 'disconnected-unbound'
        ? condition('Connected', 'False', 'AgentIsDisconnected', "The agent's connection to the installation service is unreliable")
        : condition('Connected', 'True', 'AgentIsConnected', "The agent's connection to the installation service is unimpaired");
    let requirements;
    if (s === 'known' || s === 'known-unbound') {
        requirements = approved
            ? condition('RequirementsMet', 'True', 'AgentIsReady', 'The agent is ready to begin the installation')
            : condition('RequirementsMet', 'False', 'AgentIsNotApproved', 'The agent is not approved');
    }
    else if (PREPARING_OR_INSTALLING.has(s)) {
        requirements = condition('RequirementsMet', 'True', 'AgentAlreadyInstalling', 'The installation is in progress');
    }
    else if (INSTALL_STOPPED.has(s)) {
        requirements = condition('RequirementsMet', 'True', 'AgentInstallationStopped', 'The installation has stopped');
    }
    else {
        requirements = condition('RequirementsMet', 'False', 'AgentIsNotReady', 'The agent is not ready to begin the installation');
    }
    let validated;
    if (s === 'insufficient' || s === 'insufficient-unbound')
        validated = condition('Validated', 'False', 'ValidationsFailing', `The agent's validations are failing: ${info}`);
    else if (s === 'pending-for-input')
        validated = condition('Validated', 'False', 'ValidationsUserPending', `The agent's validations are pending for user: ${info}`);
    else if (!host.validations)
        validated = condition('Validated', 'Unknown', 'ValidationsUnknown', "The agent's validations have not yet been calculated");
    else
        validated = condition('Validated', 'True', 'ValidationsPassing', "The agent's validations are passing");
    let installed;
    if (s === 'installed' || s === 'added-to-existing-cluster')
        installed = condition('Installed', 'True', 'InstallationCompleted', `The installation has completed: ${info}`);
    else if (s === 'error')
        installed = condition('Installed', 'False', 'InstallationFailed', `The installation failed: ${info}`);
    else if (PREPARING_OR_INSTALLING.has(s))
        installed = condition('Installed', 'False', 'InstallationInProgress', `The installation is in progress: ${info}`);
    else
        installed = condition('Installed', 'False', 'InstallationNotStarted', 'The installation has not yet started');
    let bound;
    if (UNBOUND.has(s))
        bound = condition('Bound', 'False', 'Unbound', 'The agent is not bound to any cluster deployment');
    else if (s === 'binding')
        bound = condition('Bound', 'False', 'Binding', 'The agent is being bound to a cluster deployment');
    else if (s === 'unbinding' || s === 'unbinding-pending-user-action')
        bound = condition('Bound', 'False', 'Unbinding', 'The agent is being unbound from a cluster deployment');
    else
        bound = condition('Bound', 'True', 'Bound', 'The agent is bound to a cluster deployment');
    return [
        condition('SpecSynced', 'True', 'SyncOK', 'The Spec has been successfully applied'),
        connected,
        requirements,
        validated,
        installed,
        bound
    ];
}
const CLUSTER_IN_PROGRESS = new Set(['preparing-for-installation', 'installing', 'finalizing']);
const CLUSTER_STOPPED = new Set(['installed', 'error', 'cancelled']);
/** The AgentClusterInstall's conditions: SpecSynced, RequirementsMet, Validated, Completed, Failed, Stopped. */
function clusterInstallConditions(cluster, sync, agents, holdInstallation) {
    const specSynced = sync.ok
        ? condition('SpecSynced', 'True', 'SyncOK', 'The Spec has been successfully applied')
        : condition('SpecSynced', 'False', sync.reason, `The Spec could not be synced due to ${sync.reason === 'InputError' ? 'an input' : 'backend'} error: ${sync.message}`);
    if (!cluster) {
        const na = (type) => condition(type, 'Unknown', 'NotAvailable', 'Information not available');
        return [specSynced, na('RequirementsMet'), na('Validated'), na('Completed'), na('Failed'), na('Stopped')];
    }
    const s = cluster.status;
    const info = cluster.statusInfo;
    let requirements;
    if (CLUSTER_IN_PROGRESS.has(s))
        requirements = condition('RequirementsMet', 'True', 'ClusterAlreadyInstalling', 'The cluster requirements are met');
    else if (CLUSTER_STOPPED.has(s))
        requirements = condition('RequirementsMet', 'True', 'ClusterInstallationStopped', 'The cluster installation stopped');
    else if (s === 'ready') {
        if (agents.registered < agents.required)
            requirements = condition('RequirementsMet', 'False', 'InsufficientAgents', `The cluster currently requires ${agents.required} agents but only ${agents.registered} have registered`);
        else if (agents.registered > agents.required)
            requirements = condition('RequirementsMet', 'False', 'AdditionalAgents', `The cluster currently requires exactly ${agents.required} agents but have ${agents.registered} registered`);
        else if (agents.unsynced > 0)
            requirements = condition('RequirementsMet', 'False', 'UnsyncedAgents', `The cluster currently has ${agents.unsynced} agents with spec error`);
        else if (agents.approved < agents.registered)
            requirements = condition('RequirementsMet', 'False', 'UnapprovedAgents', `The installation is pending on the approval of ${agents.registered - agents.approved} agents`);
        else
            requirements = condition('RequirementsMet', 'True', 'ClusterIsReady', 'The cluster is ready to begin the installation');
    }
    else
        requirements = condition('RequirementsMet', 'False', 'ClusterNotReady', 'The cluster is not ready to begin the installation');
    let validated;
    if (s === 'insufficient')
        validated = condition('Validated', 'False', 'ValidationsFailing', `The cluster's validations are failing: ${info}`);
    else if (s === 'pending-for-input')
        validated = condition('Validated', 'False', 'ValidationsUserPending', `The cluster's validations are pending for user: ${info}`);
    else
        validated = condition('Validated', 'True', 'ValidationsPassing', "The cluster's validations are passing");
    let completed;
    if (s === 'installed')
        completed = condition('Completed', 'True', 'InstallationCompleted', `The installation has completed: ${info}`);
    else if (s === 'error')
        completed = condition('Completed', 'False', 'InstallationFailed', `The installation failed: ${info}`);
    else if (CLUSTER_IN_PROGRESS.has(s) || s === 'installing-pending-user-action')
        completed = condition('Completed', 'False', 'InstallationInProgress', `The installation is in progress: ${info}`);
    else if (holdInstallation)
        completed = condition('Completed', 'False', 'InstallationOnHold', 'The installation is on hold. To unhold set holdInstallation to false');
    else
        completed = condition('Completed', 'False', 'InstallationNotStarted', 'The installation has not started');
    const failed = s === 'error'
        ? condition('Failed', 'True', 'InstallationFailed', `The installation failed: ${info}`)
        : condition('Failed', 'False', 'InstallationNotFailed', 'The installation has not failed');
    let stopped;
    if (s === 'installed')
        stopped = condition('Stopped', 'True', 'InstallationCompleted', 'The installation has stopped because it completed successfully');
    else if (s === 'error')
        stopped = condition('Stopped', 'True', 'InstallationFailed', 'The installation has stopped due to error');
    else if (s === 'cancelled')
        stopped = condition('Stopped', 'True', 'InstallationCancelled', 'The installation has stopped because it was cancelled');
    else
        stopped = condition('Stopped', 'False', 'InstallationNotStopped', 'The installation is waiting to start or in progress');
    return [specSynced, requirements, validated, completed, failed, stopped];
}
/**
 * Keeps `lastTransitionTime` of conditions whose status did not change (the API convention), stamping `now`
 * on the others.
 */
function withTransitionTimes(next, previous, now) {
    const before = new Map();
    if (Array.isArray(previous))
        for (const c of previous)
            if (c?.type)
                before.set(c.type, c);
    return next.map(c => {
        const old = before.get(c.type);
        return {
            ...c,
            lastTransitionTime: old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now
        };
    });
}
//# sourceMappingURL=conditions.js.map
;// CONCATENATED MODULE: ./lib/sim/kube/agent-status.js
/**
 * The `status` of an Agent CR as assisted-service writes it for a host (service-behavior §4.3): role,
 * bootstrap, a camelCase copy of the inventory, progress, debugInfo (state = the host status), conditions.
 * Only fields the Agent CRD's schema declares are produced, with the types it declares.
 */



const str = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
const agent_status_int = (v) => typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined;
const bool = (v) => (typeof v === 'boolean' ? v : undefined);
const strings = (v) => Array.isArray(v) ? v.filter((x) => typeof x === 'string') : undefined;
function defined(object) {
    return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
/** The inventory the agent sent (snake_case, as the service stores it) as the Agent CRD's camelCase shape. */
function agentInventory(text) {
    if (!text)
        return undefined;
    let inv;
    try {
        inv = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    const cpu = (inv.cpu ?? {});
    const memory = (inv.memory ?? {});
    const vendor = (inv.system_vendor ?? {});
    const boot = (inv.boot ?? {});
    return defined({
        hostname: str(inv.hostname),
        bmcAddress: str(inv.bmc_address),
        bmcV6Address: str(inv.bmc_v6address),
        reportTime: str(inv.timestamp) ?? (typeof inv.timestamp === 'number' ? (0,views/* iso */.KH)(inv.timestamp * 1000) : undefined),
        cpu: defined({
            architecture: str(cpu.architecture),
            clockMegahertz: agent_status_int(cpu.frequency),
            count: agent_status_int(cpu.count),
            flags: strings(cpu.flags),
            modelName: str(cpu.model_name)
        }),
        memory: defined({ physicalBytes: agent_status_int(memory.physical_bytes), usableBytes: agent_status_int(memory.usable_bytes) }),
        systemVendor: defined({
            manufacturer: str(vendor.manufacturer),
            productName: str(vendor.product_name),
            serialNumber: str(vendor.serial_number),
            virtual: bool(vendor.virtual)
        }),
        boot: defined({
            currentBootMode: str(boot.current_boot_mode),
            pxeInterface: str(boot.pxe_interface),
            deviceType: str(boot.device_type)
        }),
        interfaces: Array.isArray(inv.interfaces)
            ? inv.interfaces.map(nic => defined({
                name: str(nic.name),
                macAddress: str(nic.mac_address),
                ipV4Addresses: strings(nic.ipv4_addresses) ?? [],
                ipV6Addresses: strings(nic.ipv6_addresses) ?? [],
                mtu: agent_status_int(nic.mtu),
                speedMbps: agent_status_int(nic.speed_mbps),
                hasCarrier: bool(nic.has_carrier),
                vendor: str(nic.vendor),
                product: str(nic.product),
                biosDevName: str(nic.biosdevname),
                clientID: str(nic.client_id),
                flags: strings(nic.flags) ?? []
            }))
            : undefined,
        disks: Array.isArray(inv.disks)
            ? inv.disks.map(disk => {
                const eligibility = (disk.installation_eligibility ?? {});
                return defined({
                    id: str(disk.id),
                    name: str(disk.name),
                    path: str(disk.path),
                    byID: str(disk.by_id),
                    byPath: str(disk.by_path),
                    sizeBytes: agent_status_int(disk.size_bytes),
                    driveType: str(disk.drive_type),
                    bootable: bool(disk.bootable),
                    hctl: str(disk.hctl),
                    model: str(disk.model),
                    serial: str(disk.serial),
                    vendor: str(disk.vendor),
                    wwn: str(disk.wwn),
                    smart: str(disk.smart),
                    installationEligibility: defined({
                        eligible: bool(eligibility.eligible),
                        notEligibleReasons: strings(eligibility.not_eligible_reasons) ?? []
                    })
                });
            })
            : undefined
    });
}
/** The Agent's status for a host; `conditions` carry no transition times yet (see withTransitionTimes). */
function agentStatus({ host, cluster, approved, eventsUrl }) {
    const progress = host.progress;
    const role = host.role !== 'auto-assign' ? host.role : host.suggestedRole || 'auto-assign';
    const inventory = agentInventory(host.inventory);
    return {
        role,
        bootstrap: host.bootstrap,
        ...(inventory ? { inventory } : {}),
        ...(host.installationDiskId ? { installation_disk_id: host.installationDiskId } : {}),
        progress: progress
            ? {
                currentStage: progress.currentStage,
                progressInfo: progress.progressInfo,
                installationPercentage: progress.installationPercentage,
                progressStages: [...(0,stages/* stagesFor */.v)(host, cluster)],
                stageStartTime: (0,views/* iso */.KH)(progress.stageStartedAt),
                stageUpdateTime: (0,views/* iso */.KH)(progress.stageUpdatedAt)
            }
            : {},
        debugInfo: { eventsURL: eventsUrl, state: host.status, stateInfo: host.statusInfo },
        conditions: agentConditions(host, approved)
    };
}
//# sourceMappingURL=agent-status.js.map
// EXTERNAL MODULE: ./lib/sim/config/releases.js
var config_releases = __webpack_require__(43650);
;// CONCATENATED MODULE: ./lib/sim/kube/cluster-spec.js
/**
 * What the internal cluster is made from in kube-api mode: a ClusterDeployment, its AgentClusterInstall, the
 * ClusterImageSet the ACI names and the pull secret the CD references (service-behavior §4.4). Problems are
 * input errors, reported in the ACI's SpecSynced condition.
 */

class SpecInputError extends Error {
}
function cdSpec(cd) {
    return (cd.spec ?? {});
}
function aciSpec(aci) {
    return (aci.spec ?? {});
}
/** The ACI a CD points at, or undefined when its clusterInstallRef is not an AgentClusterInstall (ignored). */
function aciNameOf(cd) {
    const ref = cdSpec(cd).clusterInstallRef;
    if (!ref?.name || ref.kind !== 'AgentClusterInstall')
        return undefined;
    return ref.name;
}
/** controlPlaneAgents + workerAgents + arbiterAgents. */
function requiredAgents(aci) {
    const r = aciSpec(aci).provisionRequirements ?? {};
    return { masters: r.controlPlaneAgents ?? 0, workers: r.workerAgents ?? 0, arbiters: r.arbiterAgents ?? 0 };
}
/** The release a ClusterImageSet names: an exact RELEASE_IMAGES url, else the version in the image tag. */
function releaseOf(imageSet, releases) {
    const url = imageSet.spec?.releaseImage;
    if (!url)
        throw new SpecInputError(`ClusterImageSet ${imageSet.metadata.name} has no spec.releaseImage`);
    const exact = releases.find(r => r.url === url);
    if (exact)
        return { version: exact.version, arch: (0,config_releases/* normalizeArch */.qA)(exact.cpu_architecture), url };
    const tag = /:(\d+\.\d+(?:\.\d+)?(?:-[a-z]+\.\d+)?)(?:-(x86_64|aarch64|arm64|ppc64le|s390x|multi))?$/.exec(url);
    if (!tag)
        throw new SpecInputError(`cannot tell the OpenShift version of release image ${url}`);
    const arch = (0,config_releases/* normalizeArch */.qA)(tag[2]);
    // Not in RELEASE_IMAGES: the real service would read the payload (`oc adm release info`); the simulator
    // takes the release of the same x.y.
    const release = (0,config_releases/* findReleaseImage */.CU)(releases, tag[1], arch) ?? (0,config_releases/* findReleaseImage */.CU)(releases, (0,config_releases/* minorOf */.Hs)(tag[1]), arch);
    if (!release)
        throw new SpecInputError(`OpenShift ${tag[1]} (${arch}) is not a known release image`);
    return { version: release.version, arch, url };
}
/** The parameters of the internal cluster, as the service's ClusterDeployments controller builds them. */
function clusterParams(cd, aci, release, pullSecret) {
    const c = cdSpec(cd);
    const a = aciSpec(aci);
    const required = requiredAgents(aci);
    if (required.masters < 1)
        throw new SpecInputError('spec.provisionRequirements.controlPlaneAgents must be at least 1');
    const sno = required.masters === 1 && required.workers === 0;
    // UMN is true when set, or for a single node (§4.4).
    const umn = a.networking?.userManagedNetworking ?? sno;
    const apiVips = a.apiVIPs ?? (a.apiVIP ? [a.apiVIP] : []);
    const ingressVips = a.ingressVIPs ?? (a.ingressVIP ? [a.ingressVIP] : []);
    const networking = a.networking ?? {};
    return {
        name: c.clusterName || cd.metadata.name,
        openshift_version: release.version,
        ocp_release_image: release.url,
        cpu_architecture: release.arch,
        pull_secret: pullSecret,
        ...(c.baseDomain ? { base_dns_domain: c.baseDomain } : {}),
        control_plane_count: required.masters,
        high_availability_mode: sno ? 'None' : 'Full',
        user_managed_networking: umn,
        ...(networking.clusterNetwork?.length
            ? {
                cluster_networks: networking.clusterNetwork.map(n => ({
                    cidr: n.cidr ?? '',
                    ...(n.hostPrefix !== undefined ? { host_prefix: n.hostPrefix } : {})
                }))
            }
            : {}),
        ...(networking.serviceNetwork?.length
            ? { service_networks: networking.serviceNetwork.map(cidr => ({ cidr })) }
            : {}),
        ...(networking.machineNetwork?.length && !umn
            ? { machine_networks: networking.machineNetwork.map(n => ({ cidr: n.cidr ?? '' })) }
            : {}),
        ...(networking.networkType ? { network_type: networking.networkType } : {}),
        ...(apiVips.length && !umn ? { api_vips: apiVips.map(ip => ({ ip })) } : {}),
        ...(ingressVips.length && !umn ? { ingress_vips: ingressVips.map(ip => ({ ip })) } : {}),
        ...(a.sshPublicKey ? { ssh_public_key: a.sshPublicKey } : {}),
        ...(umn ? { platform: { type: 'none' } } : { platform: { type: 'baremetal' } })
    };
}
//# sourceMappingURL=cluster-spec.js.map
// EXTERNAL MODULE: ./lib/api/swagger.js + 1 modules
var swagger = __webpack_require__(342);
;// CONCATENATED MODULE: ./lib/sim/kube/infra-env-status.js
/**
 * The InfraEnv's status as the service writes it once its internal infra-env exists (service-behavior §4.2),
 * and the URLs it hands out. URLs carry the agent token (`api_key`), like the real service's signed URLs:
 * they go into CR status only, never into logs.
 */




function keyQuery(sim) {
    return sim.opts.agentKey ? `api_key=${encodeURIComponent(sim.opts.agentKey)}&` : '';
}
function infraEnvEventsUrl(sim, infraEnvId) {
    return `${sim.serviceUrl()}${swagger/* API_BASE */.tE}/v2/events?${keyQuery(sim)}infra_env_id=${infraEnvId}`;
}
function clusterEventsUrl(sim, clusterId) {
    return `${sim.serviceUrl()}${swagger/* API_BASE */.tE}/v2/events?${keyQuery(sim)}cluster_id=${clusterId}`;
}
function hostEventsUrl(sim, infraEnvId, hostId) {
    return `${sim.serviceUrl()}${swagger/* API_BASE */.tE}/v2/events?${keyQuery(sim)}host_id=${hostId}&infra_env_id=${infraEnvId}`;
}
function fileUrl(sim, infraEnvId, file) {
    return `${sim.serviceUrl()}${swagger/* API_BASE */.tE}/v2/infra-envs/${infraEnvId}/downloads/files?${keyQuery(sim)}file_name=${file}`;
}
/** The id an InfraEnv or ACI status names in its events URL (`infra_env_id=` / `cluster_id=`). */
function idFromEventsUrl(status, param) {
    const url = status?.debugInfo?.eventsURL ?? '';
    return new RegExp(`[?&]${param}=([0-9a-f-]{36})`).exec(url)?.[1];
}
function infraEnvStatus(sim, infraEnv, name) {
    const arch = infraEnv.cpuArchitecture;
    const boot = `${sim.imageServiceUrl()}/boot-artifacts`;
    return {
        createdTime: (0,views/* iso */.KH)(infraEnv.createdAt),
        isoDownloadURL: (0,infra_env_service/* imageUrl */.b8)(sim, infraEnv),
        agentLabelSelector: { matchLabels: { [objects/* INFRAENV_LABEL */.Re]: name } },
        debugInfo: {
            eventsURL: infraEnvEventsUrl(sim, infraEnv.id),
            ...(infraEnv.staticNetworkConfig
                ? { staticNetworkDownloadURL: fileUrl(sim, infraEnv.id, 'static-network-config') }
                : {})
        },
        bootArtifacts: {
            discoveryIgnitionURL: fileUrl(sim, infraEnv.id, 'discovery.ign'),
            ipxeScript: fileUrl(sim, infraEnv.id, 'ipxe-script'),
            kernel: `${boot}/kernel?arch=${arch}`,
            initrd: `${boot}/initrd?arch=${arch}`,
            rootfs: `${boot}/rootfs?arch=${arch}`
        },
        conditions: [
            { type: 'ImageCreated', status: 'True', reason: 'ImageCreated', message: 'Image has been created' }
        ]
    };
}
function infraEnvProblemStatus(reason, message) {
    return { conditions: [{ type: 'ImageCreated', status: 'False', reason, message }] };
}
//# sourceMappingURL=infra-env-status.js.map
;// CONCATENATED MODULE: ./lib/sim/kube/work-queue.js

class WorkQueue {
    logger;
    options;
    pending = new Map();
    running = new Set();
    again = new Map();
    timers = new Set();
    idleWaiters = [];
    active = 0;
    stopped = false;
    /** Tasks run, and failures (each retried). */
    counters = { runs: 0, failures: 0 };
    constructor(logger, options = {}) {
        this.logger = logger;
        this.options = options;
    }
    add(key, task) {
        if (this.stopped)
            return;
        if (this.running.has(key)) {
            this.again.set(key, task);
            return;
        }
        if (this.pending.has(key))
            return;
        this.pending.set(key, task);
        this.kick();
    }
    /** Queues the key again after `delayMs` (a requeue, as controllers do on recoverable errors). */
    addAfter(key, task, delayMs) {
        if (this.stopped)
            return;
        const timer = setTimeout(() => {
            this.timers.delete(timer);
            this.add(key, task);
        }, delayMs);
        timer.unref();
        this.timers.add(timer);
    }
    /** Resolves once nothing is queued or running. */
    idle() {
        if (this.active === 0 && this.pending.size === 0)
            return Promise.resolve();
        return new Promise(resolve => this.idleWaiters.push(resolve));
    }
    /** Drops what is queued and waits (at most `timeoutMs`) for running tasks. */
    async stop(timeoutMs = 5000) {
        this.stopped = true;
        for (const timer of this.timers)
            clearTimeout(timer);
        this.timers.clear();
        this.pending.clear();
        this.again.clear();
        if (this.active === 0)
            return;
        await Promise.race([this.idle(), new Promise(r => setTimeout(r, timeoutMs).unref())]);
    }
    kick() {
        const limit = this.options.concurrency ?? 8;
        while (this.active < limit && this.pending.size > 0) {
            const [key, task] = this.pending.entries().next().value;
            this.pending.delete(key);
            void this.run(key, task);
        }
    }
    async run(key, task) {
        this.active++;
        this.running.add(key);
        this.counters.runs++;
        try {
            await task();
        }
        catch (error) {
            this.counters.failures++;
            if (!this.stopped) {
                this.logger.debug(`kube-api mode: ${key}: ${(0,errors/* errorMessage */.gJ)(error)}; retrying`);
                this.addAfter(key, task, this.options.retryMs ?? 1000);
            }
        }
        finally {
            this.running.delete(key);
            this.active--;
            const next = this.again.get(key);
            if (next) {
                this.again.delete(key);
                this.add(key, next);
            }
            this.kick();
            if (this.active === 0 && this.pending.size === 0) {
                for (const resolve of this.idleWaiters.splice(0))
                    resolve();
            }
        }
    }
}
//# sourceMappingURL=work-queue.js.map
;// CONCATENATED MODULE: ./lib/sim/kube/controller.js
/**
 * The simulator's kube-api mode: plays assisted-service's controllers against a real API server
 * (service-behavior §4, §10). Informers (one list + one watch per kind, all namespaces) follow
 * ClusterDeployments, AgentClusterInstalls, InfraEnvs, NMStateConfigs, ClusterImageSets and Agents; the
 * simulator's hooks report host registrations and status changes. Work goes through one keyed queue, and
 * status is written (merge patch of the status subresource) only when it changed.
 *
 * What it does, like the real service:
 *  - CD + ACI (+ ClusterImageSet + pull-secret Secret) → the internal cluster, on the first reconcile;
 *  - InfraEnv → the internal infra-env, then status: ISO URL, discovery ignition URL, events URL with the id;
 *  - a host registering into a kube InfraEnv → an Agent named after the host id (labels, owner reference,
 *    approved=false, clusterDeploymentName for bound InfraEnvs; autoApprove honoured);
 *  - Agent status kept from the host; spec.approved, role, hostname and clusterDeploymentName applied;
 *  - the installation starts by itself when known + approved hosts equal provisionRequirements (§4.6);
 *  - ACI status through Completed=True / InstallationCompleted (or Failed=True), clusterMetadata once installing;
 *  - deleting CRs removes the internal records.
 */














/** The field manager of everything the simulated service writes (the swarm's is `assisted-swarm`). */
const SIM_FIELD_MANAGER = 'assisted-service-sim';
const CD_NAMESPACE_LABEL = 'agent-install.openshift.io/clusterdeployment-namespace';
const PAUSE_ANNOTATION = 'hive.openshift.io/reconcile-pause';
const WATCHED = [
    'ClusterImageSet',
    'NMStateConfig',
    'ClusterDeployment',
    'AgentClusterInstall',
    'InfraEnv',
    'Agent'
];
const nsKey = (namespace, name) => `${namespace ?? ''}/${name}`;
class KubeController {
    sim;
    client;
    logger;
    queue;
    informers = new Map();
    /** ns/cd → the internal cluster. */
    clusters = new Map();
    cdOfCluster = new Map();
    /** ns/infraenv → internal infra-env id, and back. */
    infraEnvIds = new Map();
    infraEnvCrs = new Map();
    pullSecrets = new Map();
    /** What was last written per object (status JSON without transition times): writes only on change. */
    written = new Map();
    stopped = false;
    /** Writes made to the API server (status, spec, creates). */
    counters = { writes: 0, agentsCreated: 0, installsStarted: 0 };
    constructor(options) {
        this.sim = options.sim;
        this.client = options.client;
        this.logger = options.logger;
        this.queue = new WorkQueue(options.logger, { concurrency: 16, retryMs: options.retryMs ?? 1000 });
    }
    /** Starts the informers (resolves after their first lists) and hooks into the simulator. */
    async start() {
        for (const kind of WATCHED) {
            const informer = new kube_informer/* Informer */.n(this.client, { kind: kinds/* KINDS */.GW[kind], logger: this.logger });
            informer.on((event, object) => this.onEvent(kind, event, object));
            this.informers.set(kind, informer);
        }
        const hooks = this.sim.hooks;
        hooks.hostRegistered = host => this.onHostRegistered(host);
        hooks.hostChanged = host => this.onHostChanged(host);
        hooks.clusterChanged = cluster => this.onClusterChanged(cluster);
        for (const informer of this.informers.values())
            await informer.start();
    }
    async stop() {
        if (this.stopped)
            return;
        this.stopped = true;
        const hooks = this.sim.hooks;
        delete hooks.hostRegistered;
        delete hooks.hostChanged;
        delete hooks.clusterChanged;
        for (const informer of this.informers.values())
            informer.stop();
        await this.queue.stop();
    }
    /** Resolves once no reconcile is queued or running (tests). */
    idle() {
        return this.queue.idle();
    }
    /** Requests of the informers: one list per (re)sync and one watch per stream, per kind. */
    informerCounters() {
        return Object.fromEntries([...this.informers].map(([kind, informer]) => [kind, { ...informer.counters }]));
    }
    informer(kind) {
        return this.informers.get(kind);
    }
    // ---- dispatch ------------------------------------------------------------------------------------------
    onEvent(kind, event, object) {
        const { namespace, name } = object.metadata;
        switch (kind) {
            case 'ClusterDeployment':
                this.enqueueCd(namespace, name);
                break;
            case 'AgentClusterInstall': {
                const cd = aciSpec(object).clusterDeploymentRef?.name;
                if (cd)
                    this.enqueueCd(namespace, cd);
                break;
            }
            case 'ClusterImageSet':
                for (const cd of this.informer('ClusterDeployment').objects())
                    if (!this.clusters.has(nsKey(cd.metadata.namespace, cd.metadata.name)))
                        this.enqueueCd(cd.metadata.namespace, cd.metadata.name);
                break;
            case 'InfraEnv':
                this.enqueueInfraEnv(namespace, name);
                break;
            case 'NMStateConfig':
                for (const ie of this.informer('InfraEnv').objects())
                    if (ie.metadata.namespace === namespace)
                        this.enqueueInfraEnv(namespace, ie.metadata.name);
                break;
            case 'Agent':
                if (event === 'deleted')
                    this.queue.add(`agent-deleted:${nsKey(namespace, name)}`, () => this.agentDeleted(object));
                else
                    this.enqueueAgent(namespace, name);
                break;
            default:
                break;
        }
    }
    enqueueCd(namespace, name) {
        this.queue.add(`cd:${nsKey(namespace, name)}`, () => this.reconcileCd(namespace, name));
    }
    enqueueAci(cdKey) {
        this.queue.add(`aci:${cdKey}`, () => this.reconcileAciStatus(cdKey));
    }
    enqueueInfraEnv(namespace, name) {
        this.queue.add(`ie:${nsKey(namespace, name)}`, () => this.reconcileInfraEnv(namespace, name));
    }
    enqueueAgent(namespace, name) {
        this.queue.add(`agent:${nsKey(namespace, name)}`, () => this.reconcileAgent(namespace, name));
    }
    onHostRegistered(host) {
        const cr = this.infraEnvCrs.get(host.infraEnvId);
        if (!cr)
            return;
        this.queue.add(`agent-create:${nsKey(cr.namespace, host.id)}`, () => this.createAgent(host, cr));
    }
    onHostChanged(host) {
        const cr = this.infraEnvCrs.get(host.infraEnvId);
        if (!cr)
            return;
        this.enqueueAgent(cr.namespace, host.id);
        const cdKey = host.clusterId ? this.cdOfCluster.get(host.clusterId) : undefined;
        if (cdKey)
            this.enqueueAci(cdKey);
    }
    onClusterChanged(cluster) {
        const cdKey = this.cdOfCluster.get(cluster.id);
        if (cdKey)
            this.enqueueAci(cdKey);
    }
    // ---- writes --------------------------------------------------------------------------------------------
    /** Merge-patches `status` unless it equals what was last written; conditions keep their transition times. */
    async writeStatus(kind, object, status) {
        const key = `${kind}|${nsKey(object.metadata.namespace, object.metadata.name)}`;
        const text = JSON.stringify(status);
        if (this.written.get(key) === text)
            return;
        const previous = object.status?.conditions;
        const body = status.conditions
            ? {
                ...status,
                conditions: withTransitionTimes(status.conditions, previous, new Date(this.sim.now()).toISOString())
            }
            : status;
        this.counters.writes++;
        await this.client.mergePatch(kinds/* KINDS */.GW[kind], object.metadata.name, object.metadata.namespace, { status: body }, {
            subresource: 'status'
        });
        this.written.set(key, text);
    }
    async pullSecret(namespace, name) {
        if (!name)
            throw new SpecInputError('no pullSecretRef');
        const key = nsKey(namespace, name);
        const cached = this.pullSecrets.get(key);
        if (cached)
            return cached;
        const secret = await this.client.get(kinds/* KINDS */.GW.Secret, name, namespace);
        const data = secret?.data?.['.dockerconfigjson'];
        if (!data)
            throw new SpecInputError(`Secret ${namespace}/${name} has no .dockerconfigjson`);
        const text = Buffer.from(data, 'base64').toString('utf8');
        this.pullSecrets.set(key, text);
        return text;
    }
    // ---- ClusterDeployment + AgentClusterInstall -----------------------------------------------------------
    async reconcileCd(namespace, name) {
        const key = nsKey(namespace, name);
        const cd = this.informer('ClusterDeployment').get(namespace, name);
        const link = this.clusters.get(key);
        const aciName = cd ? aciNameOf(cd) : undefined;
        const aci = aciName ? this.informer('AgentClusterInstall').get(namespace, aciName) : undefined;
        if (!cd || !aci) {
            if (link)
                this.removeCluster(key, link);
            return;
        }
        if (link) {
            this.enqueueAci(key);
            return;
        }
        // After a restart with kept state: the ACI status names the cluster.
        const adopted = idFromEventsUrl(aci.status, 'cluster_id');
        if (adopted && this.sim.store.clusters.has(adopted)) {
            this.link(key, { clusterId: adopted, namespace, cd: name, aci: aci.metadata.name, sync: { ok: true } });
            return;
        }
        let cluster;
        try {
            const imageSetName = aciSpec(aci).imageSetRef?.name;
            const imageSet = imageSetName
                ? this.informer('ClusterImageSet').get(undefined, imageSetName)
                : undefined;
            if (!imageSet)
                throw new SpecInputError(`ClusterImageSet ${imageSetName ?? '(none)'} not found`);
            const release = releaseOf(imageSet, this.sim.opts.releaseImages);
            const pullSecret = await this.pullSecret(namespace, cdSpec(cd).pullSecretRef?.name);
            cluster = (0,cluster_service/* registerCluster */.s2)(this.sim, clusterParams(cd, aci, release, pullSecret));
        }
        catch (error) {
            const input = error instanceof SpecInputError || error.status === 400;
            const sync = {
                ok: false,
                reason: input ? 'InputError' : 'BackendError',
                message: (0,errors/* errorMessage */.gJ)(error)
            };
            await this.writeStatus('AgentClusterInstall', aci, {
                conditions: clusterInstallConditions(undefined, sync, { registered: 0, approved: 0, unsynced: 0, required: 0 }, false)
            });
            // Missing objects appear through their informers; other errors are retried.
            if (!input)
                throw error;
            return;
        }
        this.logger.debug(`kube-api mode: cluster ${cluster.id} for ClusterDeployment ${key}`);
        this.link(key, { clusterId: cluster.id, namespace, cd: name, aci: aci.metadata.name, sync: { ok: true } });
    }
    link(key, link) {
        this.clusters.set(key, link);
        this.cdOfCluster.set(link.clusterId, key);
        this.enqueueAci(key);
        // InfraEnvs waiting for this cluster, and unbound Agents that name it.
        for (const ie of this.informer('InfraEnv').objects()) {
            const ref = ie.spec?.clusterRef;
            if (ref?.name === link.cd && (ref.namespace ?? ie.metadata.namespace) === link.namespace)
                this.enqueueInfraEnv(ie.metadata.namespace, ie.metadata.name);
        }
    }
    removeCluster(key, link) {
        this.clusters.delete(key);
        this.cdOfCluster.delete(link.clusterId);
        const cluster = this.sim.store.clusters.get(link.clusterId);
        if (!cluster)
            return;
        try {
            (0,cluster_service/* deregisterCluster */.pV)(this.sim, cluster);
            this.logger.debug(`kube-api mode: cluster ${cluster.id} deleted with ClusterDeployment ${key}`);
        }
        catch (error) {
            this.logger.warning(`kube-api mode: cannot delete cluster of ${key}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    async reconcileAciStatus(cdKey) {
        const link = this.clusters.get(cdKey);
        if (!link)
            return;
        const aci = this.informer('AgentClusterInstall').get(link.namespace, link.aci);
        const cluster = this.sim.store.clusters.get(link.clusterId);
        if (!aci || !cluster)
            return;
        const spec = aciSpec(aci);
        const required = requiredAgents(aci);
        const hosts = [...cluster.hosts.values()];
        // The Agent of each host (looked up by name, not by scanning every Agent: this runs on every host change).
        const agents = this.informer('Agent');
        const approvedIds = new Set(hosts
            .filter(h => {
            const cr = this.infraEnvCrs.get(h.infraEnvId);
            return cr && agents.get(cr.namespace, h.id)?.spec?.approved === true;
        })
            .map(h => h.id));
        const counts = {
            registered: hosts.length,
            approved: hosts.filter(h => approvedIds.has(h.id)).length,
            unsynced: 0,
            required: required.masters + required.workers + required.arbiters
        };
        const hold = spec.holdInstallation === true || this.paused(link);
        if (this.maybeInstall(link, cluster, hosts, approvedIds, counts.required, required, hold))
            return;
        const roleOf = (h) => h.effectiveRole();
        const installing = ['installing', 'finalizing', 'installed'].includes(cluster.status);
        await this.writeStatus('AgentClusterInstall', aci, {
            conditions: clusterInstallConditions(cluster, link.sync, counts, hold),
            debugInfo: {
                eventsURL: clusterEventsUrl(this.sim, cluster.id),
                logsURL: '',
                state: cluster.status,
                stateInfo: cluster.statusInfo
            },
            progress: { totalPercentage: this.totalPercentage(cluster, hosts) },
            controlPlaneAgentsDiscovered: hosts.filter(h => roleOf(h) === 'master').length,
            controlPlaneAgentsReady: hosts.filter(h => roleOf(h) === 'master' && h.status === 'known').length,
            workerAgentsDiscovered: hosts.filter(h => roleOf(h) === 'worker').length,
            workerAgentsReady: hosts.filter(h => roleOf(h) === 'worker' && h.status === 'known').length,
            userManagedNetworking: cluster.userManagedNetworking,
            platformType: cluster.platformType === 'none' ? 'None' : 'BareMetal',
            ...(cluster.apiVips.length
                ? { apiVIPs: cluster.apiVips.map(v => v.ip), apiVIP: cluster.apiVips[0].ip }
                : {}),
            ...(cluster.ingressVips.length
                ? { ingressVIPs: cluster.ingressVips.map(v => v.ip), ingressVIP: cluster.ingressVips[0].ip }
                : {}),
            ...(cluster.machineNetworks[0] ? { machineNetwork: cluster.machineNetworks } : {})
        });
        if (installing)
            await this.writeClusterMetadata(link, aci, cluster);
    }
    paused(link) {
        const cd = this.informer('ClusterDeployment').get(link.namespace, link.cd);
        return cd?.metadata.annotations?.[PAUSE_ANNOTATION] === 'true';
    }
    totalPercentage(cluster, hosts) {
        if (cluster.status === 'installed')
            return 100;
        if (!['installing', 'finalizing'].includes(cluster.status) || !hosts.length)
            return 0;
        const mean = hosts.reduce((n, h) => n + (h.progress?.installationPercentage ?? 0), 0) / hosts.length;
        return Math.min(cluster.status === 'finalizing' ? 90 : 80, Math.round(mean * 0.8));
    }
    /**
     * §4.6: the installation starts by itself when the cluster is ready, not on hold, and the known and
     * approved hosts (and the known hosts, and the role counts) equal the provision requirements.
     */
    maybeInstall(link, cluster, hosts, approved, total, required, hold) {
        if (cluster.status !== 'ready' || hold || total === 0)
            return false;
        const known = hosts.filter(h => h.status === 'known');
        if (known.length !== total || known.filter(h => approved.has(h.id)).length !== total)
            return false;
        const roles = { master: 0, worker: 0, arbiter: 0 };
        for (const h of hosts) {
            const role = h.effectiveRole();
            roles[role] = (roles[role] ?? 0) + 1;
        }
        const autoAssigned = roles['auto-assign'] ?? 0;
        if (autoAssigned === 0 &&
            (roles.master !== required.masters ||
                roles.worker !== required.workers ||
                roles.arbiter !== required.arbiters))
            return false;
        try {
            (0,cluster_service/* installCluster */.c_)(this.sim, cluster);
            this.counters.installsStarted++;
            this.logger.debug(`kube-api mode: installation of ${link.namespace}/${link.cd} started`);
        }
        catch (error) {
            this.logger.debug(`kube-api mode: ${link.namespace}/${link.cd} not installable yet: ${(0,errors/* errorMessage */.gJ)(error)}`);
            return false;
        }
        // The status change re-queues this ACI through the cluster hook.
        return true;
    }
    /** `spec.clusterMetadata` and the admin Secrets, as the service writes them once the cluster installs. */
    async writeClusterMetadata(link, aci, cluster) {
        const existing = aci.spec.clusterMetadata;
        const installed = cluster.status === 'installed';
        if (existing && (!installed || existing.adminPasswordSecretRef))
            return;
        const labels = { 'agent-install.openshift.io/clusterdeployment-namespace': link.namespace };
        const kubeconfigName = `${link.cd}-admin-kubeconfig`;
        const passwordName = `${link.cd}-admin-password`;
        const server = `https://api.${cluster.name}.${cluster.baseDnsDomain}:6443`;
        if (!existing) {
            await this.ensureSecret(link.namespace, kubeconfigName, labels, {
                kubeconfig: `apiVersion: v1\nkind: Config\nclusters:\n- name: ${cluster.name}\n  cluster:\n    server: ${server}\n`
            });
        }
        if (installed)
            await this.ensureSecret(link.namespace, passwordName, labels, {
                username: 'kubeadmin',
                password: cluster.id
            });
        this.counters.writes++;
        await this.client.mergePatch(kinds/* KINDS */.GW.AgentClusterInstall, link.aci, link.namespace, {
            spec: {
                clusterMetadata: {
                    clusterID: cluster.openshiftClusterId || cluster.id,
                    infraID: cluster.id,
                    adminKubeconfigSecretRef: { name: kubeconfigName },
                    ...(installed ? { adminPasswordSecretRef: { name: passwordName } } : {})
                }
            }
        });
    }
    async ensureSecret(namespace, name, labels, data) {
        this.counters.writes++;
        await this.client.create({
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name, namespace, labels },
            type: 'Opaque',
            data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]))
        });
    }
    // ---- InfraEnv ------------------------------------------------------------------------------------------
    async reconcileInfraEnv(namespace, name) {
        const key = nsKey(namespace, name);
        const ie = this.informer('InfraEnv').get(namespace, name);
        const id = this.infraEnvIds.get(key);
        if (!ie) {
            if (id)
                this.removeInfraEnv(key, id);
            return;
        }
        const spec = (ie.spec ?? {});
        let clusterId;
        if (spec.clusterRef?.name) {
            const cdKey = nsKey(spec.clusterRef.namespace ?? namespace, spec.clusterRef.name);
            const link = this.clusters.get(cdKey);
            if (!link) {
                const cd = this.informer('ClusterDeployment').get(spec.clusterRef.namespace ?? namespace, spec.clusterRef.name);
                if (!cd)
                    await this.writeStatus('InfraEnv', ie, infraEnvProblemStatus('MissingClusterDeployment', `ClusterDeployment ${cdKey} not found`));
                // Re-queued when the cluster is created.
                return;
            }
            clusterId = link.clusterId;
        }
        const staticNetwork = this.staticNetworkConfig(namespace, spec);
        let record = id ? this.sim.store.infraEnvs.get(id) : undefined;
        if (!record) {
            const adopted = idFromEventsUrl(ie.status, 'infra_env_id');
            record = adopted ? this.sim.store.infraEnvs.get(adopted) : undefined;
        }
        try {
            if (!record) {
                const pullSecret = await this.pullSecret(namespace, spec.pullSecretRef?.name);
                record = (0,infra_env_service/* registerInfraEnv */.ZW)(this.sim, {
                    name,
                    pull_secret: pullSecret,
                    ...(clusterId ? { cluster_id: clusterId } : {}),
                    cpu_architecture: spec.cpuArchitecture ?? 'x86_64',
                    image_type: spec.imageType ?? 'minimal-iso',
                    ...(spec.sshAuthorizedKey ? { ssh_authorized_key: spec.sshAuthorizedKey } : {}),
                    ...(spec.additionalNTPSources?.length
                        ? { additional_ntp_sources: spec.additionalNTPSources.join(',') }
                        : {}),
                    ...(spec.proxy
                        ? {
                            proxy: {
                                ...(spec.proxy.httpProxy ? { http_proxy: spec.proxy.httpProxy } : {}),
                                ...(spec.proxy.httpsProxy ? { https_proxy: spec.proxy.httpsProxy } : {}),
                                ...(spec.proxy.noProxy ? { no_proxy: spec.proxy.noProxy } : {})
                            }
                        }
                        : {}),
                    ...(staticNetwork.length ? { static_network_config: staticNetwork } : {})
                });
            }
            else if ((record.staticNetworkConfig || '') !== (staticNetwork.length ? JSON.stringify(staticNetwork) : '')) {
                (0,infra_env_service/* updateInfraEnv */.n$)(this.sim, record.id, { static_network_config: staticNetwork });
            }
        }
        catch (error) {
            if (error instanceof SpecInputError || error.status === 400) {
                await this.writeStatus('InfraEnv', ie, infraEnvProblemStatus('ImageCreationError', (0,errors/* errorMessage */.gJ)(error)));
                return;
            }
            throw error;
        }
        this.infraEnvIds.set(key, record.id);
        this.infraEnvCrs.set(record.id, { namespace, name });
        await this.writeStatus('InfraEnv', ie, infraEnvStatus(this.sim, record, name));
    }
    /** The NMStateConfigs the InfraEnv selects, as the infra-env's static network config. */
    staticNetworkConfig(namespace, spec) {
        const selector = spec.nmStateConfigLabelSelector?.matchLabels;
        if (!selector || !Object.keys(selector).length)
            return [];
        return this.informer('NMStateConfig')
            .objects()
            .filter(o => o.metadata.namespace === namespace &&
            Object.entries(selector).every(([k, v]) => o.metadata.labels?.[k] === v))
            .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
            .map(o => {
            const s = (o.spec ?? {});
            return {
                network_yaml: dist.stringify(s.config ?? {}),
                mac_interface_map: (s.interfaces ?? []).map(i => ({
                    mac_address: i.macAddress,
                    logical_nic_name: i.name
                }))
            };
        });
    }
    removeInfraEnv(key, id) {
        this.infraEnvIds.delete(key);
        this.infraEnvCrs.delete(id);
        const record = this.sim.store.infraEnvs.get(id);
        if (!record)
            return;
        try {
            for (const host of [...record.hosts.values()])
                (0,host_service/* deregisterHost */.Jc)(this.sim, host);
            (0,infra_env_service/* deregisterInfraEnv */.MU)(this.sim, id);
        }
        catch (error) {
            this.logger.warning(`kube-api mode: cannot delete infra-env of InfraEnv ${key}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    // ---- Agent ---------------------------------------------------------------------------------------------
    /** §4.3: the Agent of a host that registered into a kube InfraEnv. */
    async createAgent(host, cr) {
        if (this.informer('Agent').get(cr.namespace, host.id)) {
            this.enqueueAgent(cr.namespace, host.id);
            return;
        }
        const ie = this.informer('InfraEnv').get(cr.namespace, cr.name);
        if (!ie)
            return;
        const spec = (ie.spec ?? {});
        const ref = spec.clusterRef?.name
            ? { name: spec.clusterRef.name, namespace: spec.clusterRef.namespace ?? cr.namespace }
            : undefined;
        const agent = {
            apiVersion: kinds/* KINDS */.GW.Agent.apiVersion,
            kind: 'Agent',
            metadata: {
                name: host.id,
                namespace: cr.namespace,
                labels: {
                    ...(spec.agentLabels ?? {}),
                    [objects/* INFRAENV_LABEL */.Re]: cr.name,
                    ...(ref ? { [CD_NAMESPACE_LABEL]: ref.namespace } : {})
                },
                ownerReferences: [
                    { apiVersion: kinds/* KINDS */.GW.InfraEnv.apiVersion, kind: 'InfraEnv', name: cr.name, uid: ie.metadata.uid }
                ]
            },
            spec: { approved: false, role: '', ...(ref ? { clusterDeploymentName: ref } : {}) }
        };
        this.counters.writes++;
        const created = await this.client.create(agent);
        if (created)
            this.counters.agentsCreated++;
        // autoApprove: the Agent controller approves right after creation (§10 point 3).
        if (created && spec.agentApproval?.autoApprove === true) {
            this.counters.writes++;
            await this.client.mergePatch(kinds/* KINDS */.GW.Agent, host.id, cr.namespace, { spec: { approved: true } });
        }
        this.enqueueAgent(cr.namespace, host.id);
    }
    hostOfAgent(agent) {
        const ieName = agent.metadata.labels?.[objects/* INFRAENV_LABEL */.Re];
        if (!ieName)
            return undefined;
        const id = this.infraEnvIds.get(nsKey(agent.metadata.namespace, ieName));
        return id ? this.sim.store.host(id, agent.metadata.name) : undefined;
    }
    async agentDeleted(agent) {
        this.written.delete(`Agent|${nsKey(agent.metadata.namespace, agent.metadata.name)}`);
        const host = this.hostOfAgent(agent);
        if (!host)
            return;
        const cdKey = host.clusterId ? this.cdOfCluster.get(host.clusterId) : undefined;
        (0,host_service/* deregisterHost */.Jc)(this.sim, host);
        if (cdKey)
            this.enqueueAci(cdKey);
    }
    async reconcileAgent(namespace, name) {
        const agent = this.informer('Agent').get(namespace, name);
        if (!agent)
            return;
        const host = this.hostOfAgent(agent);
        if (!host)
            return;
        const spec = (agent.spec ?? {});
        this.applyAgentSpec(agent, spec, host);
        const cluster = this.sim.store.clusterOf(host);
        const cdKey = cluster ? this.cdOfCluster.get(cluster.id) : undefined;
        if (cdKey)
            this.enqueueAci(cdKey);
        await this.writeStatus('Agent', agent, agentStatus({
            host,
            cluster,
            approved: spec.approved === true,
            eventsUrl: hostEventsUrl(this.sim, host.infraEnvId, host.id)
        }));
    }
    /** Role, hostname and the cluster reference from the Agent's spec reach the host (§10 point 2). */
    applyAgentSpec(agent, spec, host) {
        const where = `Agent ${nsKey(agent.metadata.namespace, agent.metadata.name)}`;
        const update = {};
        if (spec.hostname && spec.hostname !== host.requestedHostname)
            update.host_name = spec.hostname;
        if (host.clusterId &&
            spec.role &&
            ['master', 'worker', 'arbiter', 'auto-assign'].includes(spec.role) &&
            spec.role !== host.role)
            update.host_role = spec.role;
        if (Object.keys(update).length) {
            try {
                (0,host_service/* updateHost */.i3)(this.sim, host, update);
            }
            catch (error) {
                this.logger.debug(`kube-api mode: ${where}: ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
        }
        const ieName = agent.metadata.labels?.[objects/* INFRAENV_LABEL */.Re];
        const ie = ieName ? this.informer('InfraEnv').get(agent.metadata.namespace, ieName) : undefined;
        if (!ie || ie.spec?.clusterRef?.name)
            return;
        // Late binding: the InfraEnv is unbound, the Agent's clusterDeploymentName decides.
        const ref = spec.clusterDeploymentName;
        const wanted = ref?.name
            ? this.clusters.get(nsKey(ref.namespace ?? agent.metadata.namespace, ref.name))
            : undefined;
        try {
            if (host.clusterId && (!ref?.name || (wanted && wanted.clusterId !== host.clusterId)))
                (0,host_service/* unbindHost */.xd)(this.sim, host);
            else if (!host.clusterId && wanted && host.status === 'known-unbound')
                (0,host_service/* bindHost */.YP)(this.sim, host, wanted.clusterId);
        }
        catch (error) {
            this.logger.debug(`kube-api mode: ${where}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
}
/** Creates the API client of the kube-api mode (its own field manager). */
function kubeModeClient(kubeconfig, context) {
    return client/* KubeClient */.Bx.create({
        kubeconfig,
        ...(context ? { context } : {}),
        fieldManager: SIM_FIELD_MANAGER,
        maxSockets: 16
    });
}
//# sourceMappingURL=controller.js.map
;// CONCATENATED MODULE: ./lib/sim/kube/index.js
/**
 * Entry points of the simulator's kube-api mode (`startSimulator({ kubeconfig })`, `assisted-swarm sim
 * --kubeconfig`). Authentication is as with `AUTH_TYPE=local` (service-behavior §4.7, §10 point 8): agents
 * present a token that the discovery ignition carries, and user REST routes are closed (the user's view is
 * CRs only).
 */




/** Options with the kube-api mode's authentication filled in: a random agent key and user token unless given. */
function kubeModeOptions(options) {
    if (!options.kubeconfig)
        return options;
    return {
        ...options,
        auth: {
            agentKey: options.auth?.agentKey || (0,external_node_crypto_.randomBytes)(24).toString('base64url'),
            userToken: options.auth?.userToken || (0,external_node_crypto_.randomBytes)(24).toString('base64url')
        }
    };
}
/** Connects to the API server (failing fast when it cannot be reached) and starts the controller. */
async function startKubeMode(sim, options) {
    const client = await kubeModeClient(options.kubeconfig, options.context);
    let version;
    try {
        version = await client.probe();
    }
    catch (error) {
        client.close();
        throw error instanceof errors/* TargetUnreachableError */.ms
            ? error
            : new errors/* TargetUnreachableError */.ms(`kube-api mode: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    const controller = new KubeController({
        sim,
        client,
        logger: options.logger,
        ...(options.retryMs ? { retryMs: options.retryMs } : {})
    });
    try {
        await controller.start();
    }
    catch (error) {
        await controller.stop();
        client.close();
        throw error;
    }
    options.logger.info(`simulator: kube-api mode on ${client.server} (Kubernetes ${version})`);
    return {
        controller,
        async stop() {
            await controller.stop();
            client.close();
        }
    };
}
//# sourceMappingURL=index.js.map

/***/ })

};
