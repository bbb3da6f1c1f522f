// GENERATED from schemas/test-plan.schema.json by `npm run types`. Do not edit.
/** The JSON Schema itself, for validation at run time (bundled into the actions). */
export const schema: Record<string, unknown> = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://assisted-swarm.dev/schemas/test-plan.schema.json",
  "title": "TestPlan",
  "description": "An assisted-swarm load test: which clusters and hosts to fake, against which target, how fast, and which thresholds decide pass or fail.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "name",
    "clusters"
  ],
  "properties": {
    "name": {
      "description": "Run name: lower-case letters, digits and dashes; it prefixes every cluster name.",
      "type": "string",
      "pattern": "^[a-z]([-a-z0-9]*[a-z0-9])?$",
      "maxLength": 24
    },
    "description": {
      "type": "string"
    },
    "target": {
      "$ref": "#/definitions/target"
    },
    "openshift_version": {
      "description": "OpenShift version of every cluster (x.y or x.y.z); must be one the service offers.",
      "type": "string",
      "pattern": "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$",
      "default": "4.18"
    },
    "cpu_architecture": {
      "type": "string",
      "enum": [
        "x86_64",
        "aarch64",
        "arm64",
        "ppc64le",
        "s390x"
      ],
      "default": "x86_64"
    },
    "base_domain": {
      "description": "Base DNS domain of every cluster. Hosts answer DNS questions for it from the plan; nothing is resolved for real.",
      "type": "string",
      "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$",
      "default": "swarm.example.com"
    },
    "release_image": {
      "description": "Release image for ClusterImageSets (kube-api targets).",
      "type": "string"
    },
    "ssh_public_key": {
      "description": "Optional SSH public key set on clusters and infra-envs.",
      "type": "string"
    },
    "pull_secret_file": {
      "description": "Path of a file holding the pull secret (never logged). The CLI's --pull-secret-file and the action's pull-secret input take precedence.",
      "type": "string"
    },
    "network": {
      "$ref": "#/definitions/network"
    },
    "hardware": {
      "description": "Default hardware profile per role; groups may override it.",
      "$ref": "#/definitions/hardwareByRole"
    },
    "clusters": {
      "description": "Cluster groups; each group expands into `amount` identical clusters.",
      "type": "array",
      "minItems": 1,
      "items": {
        "$ref": "#/definitions/clusterGroup"
      }
    },
    "ramp": {
      "$ref": "#/definitions/ramp"
    },
    "timing": {
      "$ref": "#/definitions/timing"
    },
    "agent": {
      "$ref": "#/definitions/agent"
    },
    "thresholds": {
      "description": "k6-style expressions over report metrics, e.g. `p95(host.discovery_to_known) < 60s`. Any failing threshold fails the run (exit code 1).",
      "type": "array",
      "items": {
        "type": "string",
        "minLength": 1
      }
    },
    "seed": {
      "description": "Seed for shuffles and jitter, so a plan replays the same way.",
      "type": "integer",
      "default": 1
    },
    "shuffle": {
      "description": "Launch clusters in a seeded random order instead of plan order.",
      "type": "boolean",
      "default": false
    },
    "deadline": {
      "description": "Give up (clusters not installed by then count as failed) after this long, e.g. `30m`.",
      "$ref": "#/definitions/duration",
      "default": "2h"
    }
  },
  "definitions": {
    "duration": {
      "description": "A duration like `250ms`, `60s`, `1m30s`, `2h`; a bare number is seconds.",
      "oneOf": [
        {
          "type": "string",
          "pattern": "^((\\d+(\\.\\d+)?)(ms|s|m|h|d))+$|^\\d+(\\.\\d+)?$"
        },
        {
          "type": "number",
          "minimum": 0
        }
      ]
    },
    "cidr": {
      "type": "string",
      "pattern": "^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[1-2][0-9]|3[0-2])$"
    },
    "target": {
      "description": "Where the swarm's hosts go. Defaults to the embedded simulator.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "kind": {
          "type": "string",
          "enum": [
            "simulator",
            "rest",
            "kube-api"
          ],
          "default": "simulator"
        },
        "url": {
          "description": "assisted-service base URL (rest, kube-api agents).",
          "type": "string",
          "format": "uri"
        },
        "kubeconfig": {
          "description": "Kubeconfig path of the hub (kube-api).",
          "type": "string"
        },
        "namespace": {
          "description": "Namespace prefix for CRs (kube-api); one namespace per cluster.",
          "type": "string"
        },
        "profile": {
          "description": "Simulator timings: `fast` (monitors every 1s, for tests and demos) or `real` (8s/10s as the real service).",
          "type": "string",
          "enum": [
            "fast",
            "real"
          ],
          "default": "fast"
        }
      }
    },
    "network": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "machine_base_cidr": {
          "description": "Private range that cluster machine networks (one per cluster, see machine_network_prefix) are carved from. These addresses are data that hosts report; nothing is ever sent to them.",
          "$ref": "#/definitions/cidr",
          "default": "10.0.0.0/9"
        },
        "machine_network_prefix": {
          "description": "Prefix length of each cluster's machine network (a /24 by default; /26 or /27 fit more single-node clusters into the range). Clusters with more hosts than fit get a larger network.",
          "type": "integer",
          "minimum": 16,
          "maximum": 28,
          "default": 24
        },
        "cluster_network_cidr": {
          "$ref": "#/definitions/cidr",
          "default": "10.128.0.0/14"
        },
        "cluster_network_host_prefix": {
          "type": "integer",
          "minimum": 1,
          "maximum": 32,
          "default": 23
        },
        "service_network_cidr": {
          "$ref": "#/definitions/cidr",
          "default": "172.30.0.0/16"
        }
      }
    },
    "disk": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "size_gb"
      ],
      "properties": {
        "size_gb": {
          "type": "integer",
          "minimum": 1
        },
        "type": {
          "type": "string",
          "enum": [
            "SSD",
            "HDD",
            "NVMe",
            "Multipath",
            "iSCSI",
            "FC",
            "RAID"
          ],
          "default": "SSD"
        },
        "count": {
          "type": "integer",
          "minimum": 1,
          "default": 1
        }
      }
    },
    "hardware": {
      "description": "What a host reports in its inventory.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "cores": {
          "type": "integer",
          "minimum": 1
        },
        "memory_gib": {
          "type": "number",
          "exclusiveMinimum": 0
        },
        "disks": {
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/definitions/disk"
          }
        },
        "nics": {
          "description": "Physical NICs; the first one is on the machine network.",
          "type": "integer",
          "minimum": 1,
          "maximum": 8
        },
        "manufacturer": {
          "type": "string"
        },
        "product_name": {
          "type": "string"
        }
      }
    },
    "hardwareByRole": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "master": {
          "$ref": "#/definitions/hardware"
        },
        "worker": {
          "$ref": "#/definitions/hardware"
        },
        "sno": {
          "$ref": "#/definitions/hardware"
        }
      }
    },
    "failure": {
      "description": "Make chosen hosts fail a chosen check, to load-test the unhappy paths.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind"
      ],
      "properties": {
        "kind": {
          "type": "string",
          "enum": [
            "small-disk",
            "low-memory",
            "few-cores",
            "missing-connectivity",
            "clock-skew",
            "ntp-unsynced",
            "dns-wildcard",
            "no-default-route",
            "image-unavailable",
            "install-fails"
          ]
        },
        "hosts": {
          "description": "Host indexes within each cluster (masters first, then workers), or `all`.",
          "oneOf": [
            {
              "type": "string",
              "enum": [
                "all"
              ]
            },
            {
              "type": "array",
              "items": {
                "type": "integer",
                "minimum": 0
              },
              "minItems": 1
            }
          ],
          "default": [
            0
          ]
        },
        "clusters": {
          "description": "Cluster indexes within the group (default: every cluster of the group).",
          "type": "array",
          "items": {
            "type": "integer",
            "minimum": 0
          },
          "minItems": 1
        },
        "stage": {
          "description": "For install-fails: the installer stage that fails.",
          "type": "string"
        }
      }
    },
    "clusterGroup": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "amount"
      ],
      "properties": {
        "name": {
          "description": "Group label used in cluster names (default `sno`, `compact` or `multi`).",
          "type": "string",
          "pattern": "^[a-z]([-a-z0-9]*[a-z0-9])?$",
          "maxLength": 12
        },
        "amount": {
          "description": "How many clusters of this shape.",
          "type": "integer",
          "minimum": 1
        },
        "single_node": {
          "description": "Single-node OpenShift: one host, no workers.",
          "type": "boolean",
          "default": false
        },
        "masters": {
          "description": "Control-plane hosts (multi-node).",
          "type": "integer",
          "enum": [
            3,
            4,
            5
          ],
          "default": 3
        },
        "workers": {
          "description": "Worker hosts (multi-node).",
          "type": "integer",
          "minimum": 0,
          "default": 0
        },
        "with_nmstate": {
          "description": "Give each host a static network config (NMStateConfig).",
          "type": "boolean",
          "default": false
        },
        "just_infraenv": {
          "description": "Only create the infra-env (no cluster): hosts register unbound and stay known-unbound, for late-binding tests.",
          "type": "boolean",
          "default": false
        },
        "late_binding": {
          "description": "Create the cluster and an unbound infra-env; hosts register unbound and the swarm binds them to the cluster.",
          "type": "boolean",
          "default": false
        },
        "user_managed_networking": {
          "description": "User-managed networking (no VIPs). Always true for single-node.",
          "type": "boolean"
        },
        "infraenv_labels": {
          "description": "Labels on the infra-env (kube-api) so launch-swarm can find it.",
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        },
        "hardware": {
          "$ref": "#/definitions/hardwareByRole"
        },
        "failures": {
          "type": "array",
          "items": {
            "$ref": "#/definitions/failure"
          }
        }
      }
    },
    "ramp": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "hosts_per_second": {
          "description": "Hosts launched per second at most.",
          "type": "number",
          "exclusiveMinimum": 0,
          "default": 20
        },
        "max_clusters_in_flight": {
          "description": "At most this many clusters partially launched or installing at once (the original swarm's gating).",
          "type": "integer",
          "minimum": 1,
          "default": 50
        }
      }
    },
    "timing": {
      "description": "How long the emulated installer and controller take (protocol realism knobs, not shortcuts).",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "stages": {
          "description": "Duration of each installer stage by its exact name (`Writing image to disk`: 30s, ...).",
          "type": "object",
          "additionalProperties": {
            "$ref": "#/definitions/duration"
          }
        },
        "default_stage": {
          "description": "Duration of stages not listed in `stages`.",
          "$ref": "#/definitions/duration",
          "default": "2s"
        },
        "controller_ready": {
          "description": "From bootstrap reboot to the controller's first call.",
          "$ref": "#/definitions/duration",
          "default": "2s"
        },
        "node_ready": {
          "description": "From a host's reboot to its node being Ready (Joined then Done).",
          "$ref": "#/definitions/duration",
          "default": "3s"
        },
        "operators_available": {
          "description": "From finalizing to the monitored operators being available.",
          "$ref": "#/definitions/duration",
          "default": "3s"
        },
        "controller_poll": {
          "description": "Controller poll interval (real: 30s).",
          "$ref": "#/definitions/duration",
          "default": "2s"
        },
        "jitter": {
          "description": "Relative random jitter applied to every duration (0.2 = ±20%).",
          "type": "number",
          "minimum": 0,
          "maximum": 1,
          "default": 0.2
        }
      }
    },
    "agent": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "version": {
          "description": "discovery_agent_version the hosts register with (the real agent reports its image).",
          "type": "string",
          "default": "quay.io/edge-infrastructure/assisted-installer-agent:latest"
        },
        "connection": {
          "description": "`pooled`: shared keep-alive connections; `faithful`: a new connection per request, as the real agent.",
          "type": "string",
          "enum": [
            "pooled",
            "faithful"
          ],
          "default": "pooled"
        },
        "max_concurrent_requests": {
          "type": "integer",
          "minimum": 1,
          "default": 256
        },
        "insecure": {
          "description": "Skip TLS verification (SKIP_CERT_VERIFICATION).",
          "type": "boolean",
          "default": false
        },
        "ca_file": {
          "description": "Extra CA (PEM) to trust, as the agent's --cacert.",
          "type": "string"
        }
      }
    }
  }
}
