// GENERATED from schemas/report.schema.json by `npm run types`. Do not edit.
/** The JSON Schema itself, for validation at run time (bundled into the actions). */
export const schema: Record<string, unknown> = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://assisted-swarm.dev/schemas/report.schema.json",
  "title": "Report",
  "description": "report.json written by collect-results: every figure of a run, computed from its timelines alone. Durations are milliseconds, ratios are 0-1, times in series and clusters are milliseconds since series.start (epoch ms). Field names are stable; a breaking change bumps schemaVersion.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "schemaVersion",
    "run",
    "passed",
    "headline",
    "metrics",
    "stages",
    "endpoints",
    "counters",
    "series",
    "clusters",
    "failures",
    "thresholds",
    "baseline",
    "issues"
  ],
  "properties": {
    "schemaVersion": {
      "const": 1,
      "description": "Version of this format."
    },
    "run": {
      "$ref": "#/definitions/RunInfo"
    },
    "passed": {
      "type": "boolean",
      "description": "Every threshold passed and no baseline regression beyond the tolerance."
    },
    "headline": {
      "$ref": "#/definitions/Headline"
    },
    "metrics": {
      "type": "object",
      "description": "Every metric of the catalogue (src/report/metric-catalogue.ts), keyed by name, plus one entry per stage (host.stage.<slug>) and per endpoint tag (http.req.duration{endpoint=v2GetNextSteps}).",
      "additionalProperties": {
        "$ref": "#/definitions/Metric"
      }
    },
    "stages": {
      "type": "array",
      "description": "Time hosts spent in each installer stage (until the next stage), in the order hosts go through them.",
      "items": {
        "$ref": "#/definitions/StageSummary"
      }
    },
    "endpoints": {
      "type": "array",
      "description": "Per agent-API endpoint (swagger operationId), most requested first.",
      "items": {
        "$ref": "#/definitions/EndpointSummary"
      }
    },
    "counters": {
      "type": "object",
      "description": "Totals of the counters snapshots (steps by type, unknown steps, step failures, ...).",
      "additionalProperties": {
        "type": "number"
      }
    },
    "series": {
      "$ref": "#/definitions/Series"
    },
    "clusters": {
      "$ref": "#/definitions/ClusterTimeline"
    },
    "failures": {
      "$ref": "#/definitions/Failures"
    },
    "thresholds": {
      "type": "array",
      "items": {
        "$ref": "#/definitions/ThresholdResult"
      }
    },
    "baseline": {
      "description": "Comparison with an earlier report (--baseline), or null.",
      "oneOf": [
        {
          "$ref": "#/definitions/BaselineComparison"
        },
        {
          "type": "null"
        }
      ]
    },
    "issues": {
      "type": "array",
      "description": "Lines of the timelines that could not be read (a torn last line after a crash, garbled lines); at most 100.",
      "items": {
        "$ref": "#/definitions/ReadIssue"
      }
    }
  },
  "definitions": {
    "NullableNumber": {
      "type": [
        "number",
        "null"
      ]
    },
    "RunInfo": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "shards",
        "start",
        "end",
        "durationMs",
        "endReason",
        "resumed",
        "interrupted",
        "plannedClusters",
        "plannedHosts",
        "timelines",
        "records"
      ],
      "properties": {
        "id": {
          "type": [
            "string",
            "null"
          ],
          "description": "Run id from the timelines' run records."
        },
        "name": {
          "type": "string",
          "description": "Test plan name."
        },
        "driver": {
          "type": "string"
        },
        "target": {
          "type": "string"
        },
        "shards": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "Shards seen (i/N), sorted."
        },
        "start": {
          "type": [
            "string",
            "null"
          ],
          "description": "ISO time of the first run start."
        },
        "end": {
          "type": [
            "string",
            "null"
          ],
          "description": "ISO time of the last run end (or of the last record when the run never ended)."
        },
        "durationMs": {
          "$ref": "#/definitions/NullableNumber"
        },
        "endReason": {
          "type": [
            "string",
            "null"
          ],
          "enum": [
            "completed",
            "deadline",
            "interrupted",
            "error",
            null
          ],
          "description": "Worst reason among the shards' end records; null when a shard never ended."
        },
        "resumed": {
          "type": "integer",
          "minimum": 0,
          "description": "How many times the run was resumed."
        },
        "interrupted": {
          "type": "boolean",
          "description": "A shard never wrote its end record (crash or kill) or ended with reason interrupted."
        },
        "plannedClusters": {
          "type": [
            "integer",
            "null"
          ]
        },
        "plannedHosts": {
          "type": [
            "integer",
            "null"
          ]
        },
        "timelines": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "Timeline file names read (base names)."
        },
        "records": {
          "type": "integer",
          "minimum": 0,
          "description": "Records read."
        }
      }
    },
    "Headline": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "clusters",
        "hosts",
        "p95DiscoveryToKnownMs",
        "p95HostInstallationMs",
        "p95LaunchToInstalledMs",
        "p95ClusterInstallMs",
        "httpRequests",
        "httpErrorRate",
        "httpP95Ms",
        "thresholds",
        "regressions"
      ],
      "properties": {
        "clusters": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "planned",
            "created",
            "installed",
            "failed"
          ],
          "properties": {
            "planned": {
              "type": "integer"
            },
            "created": {
              "type": "integer"
            },
            "installed": {
              "type": "integer"
            },
            "failed": {
              "type": "integer"
            }
          }
        },
        "hosts": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "planned",
            "launched",
            "registered",
            "known",
            "installing",
            "installed",
            "failed"
          ],
          "properties": {
            "planned": {
              "type": "integer"
            },
            "launched": {
              "type": "integer"
            },
            "registered": {
              "type": "integer"
            },
            "known": {
              "type": "integer"
            },
            "installing": {
              "type": "integer"
            },
            "installed": {
              "type": "integer"
            },
            "failed": {
              "type": "integer"
            }
          }
        },
        "p95DiscoveryToKnownMs": {
          "$ref": "#/definitions/NullableNumber"
        },
        "p95HostInstallationMs": {
          "$ref": "#/definitions/NullableNumber"
        },
        "p95LaunchToInstalledMs": {
          "$ref": "#/definitions/NullableNumber"
        },
        "p95ClusterInstallMs": {
          "$ref": "#/definitions/NullableNumber"
        },
        "httpRequests": {
          "type": "integer"
        },
        "httpErrorRate": {
          "$ref": "#/definitions/NullableNumber"
        },
        "httpP95Ms": {
          "$ref": "#/definitions/NullableNumber"
        },
        "thresholds": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "total",
            "passed",
            "failed"
          ],
          "properties": {
            "total": {
              "type": "integer"
            },
            "passed": {
              "type": "integer"
            },
            "failed": {
              "type": "integer"
            }
          }
        },
        "regressions": {
          "type": "integer",
          "description": "Baseline comparisons worse than the tolerance."
        }
      }
    },
    "TrendValues": {
      "type": "object",
      "additionalProperties": false,
      "description": "Aggregations of a trend (k6 semantics: percentiles interpolate linearly between the closest ranks; HTTP latencies come from merged HDR histograms, 3 significant digits). null when there is no sample.",
      "required": [
        "count",
        "min",
        "max",
        "avg",
        "med",
        "p50",
        "p90",
        "p95",
        "p99"
      ],
      "properties": {
        "count": {
          "type": "integer",
          "minimum": 0
        },
        "min": {
          "$ref": "#/definitions/NullableNumber"
        },
        "max": {
          "$ref": "#/definitions/NullableNumber"
        },
        "avg": {
          "$ref": "#/definitions/NullableNumber"
        },
        "med": {
          "$ref": "#/definitions/NullableNumber"
        },
        "p50": {
          "$ref": "#/definitions/NullableNumber"
        },
        "p90": {
          "$ref": "#/definitions/NullableNumber"
        },
        "p95": {
          "$ref": "#/definitions/NullableNumber"
        },
        "p99": {
          "$ref": "#/definitions/NullableNumber"
        }
      }
    },
    "RateValues": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "rate",
        "passes",
        "total"
      ],
      "properties": {
        "rate": {
          "$ref": "#/definitions/NullableNumber",
          "description": "passes / total (0-1), null when total is 0."
        },
        "passes": {
          "type": "integer",
          "minimum": 0
        },
        "total": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "CounterValues": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "count",
        "rate"
      ],
      "properties": {
        "count": {
          "type": "number"
        },
        "rate": {
          "$ref": "#/definitions/NullableNumber",
          "description": "count per second of run duration."
        }
      }
    },
    "GaugeValues": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "value",
        "min",
        "max"
      ],
      "properties": {
        "value": {
          "$ref": "#/definitions/NullableNumber"
        },
        "min": {
          "$ref": "#/definitions/NullableNumber"
        },
        "max": {
          "$ref": "#/definitions/NullableNumber"
        }
      }
    },
    "Metric": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "unit",
        "values"
      ],
      "properties": {
        "type": {
          "enum": [
            "trend",
            "rate",
            "counter",
            "gauge"
          ]
        },
        "unit": {
          "enum": [
            "ms",
            "ratio",
            "count",
            "count/s"
          ]
        },
        "values": {
          "anyOf": [
            {
              "$ref": "#/definitions/TrendValues"
            },
            {
              "$ref": "#/definitions/RateValues"
            },
            {
              "$ref": "#/definitions/CounterValues"
            },
            {
              "$ref": "#/definitions/GaugeValues"
            }
          ]
        }
      }
    },
    "StageSummary": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "stage",
        "metric",
        "reportedBy",
        "durationMs"
      ],
      "properties": {
        "stage": {
          "type": "string",
          "description": "The exact host-stage text (\"Writing image to disk\")."
        },
        "metric": {
          "type": "string",
          "description": "host.stage.<slug>"
        },
        "reportedBy": {
          "type": "array",
          "items": {
            "enum": [
              "installer",
              "bootstrap",
              "controller"
            ]
          }
        },
        "durationMs": {
          "$ref": "#/definitions/TrendValues"
        }
      }
    },
    "EndpointSummary": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "endpoint",
        "requests",
        "errors",
        "errorRate",
        "codes",
        "latencyMs"
      ],
      "properties": {
        "endpoint": {
          "type": "string"
        },
        "requests": {
          "type": "integer"
        },
        "errors": {
          "type": "integer",
          "description": "Network errors, timeouts and 5xx."
        },
        "errorRate": {
          "$ref": "#/definitions/NullableNumber"
        },
        "codes": {
          "type": "object",
          "additionalProperties": {
            "type": "integer"
          },
          "description": "Requests per status code (\"0\": network error)."
        },
        "latencyMs": {
          "$ref": "#/definitions/TrendValues"
        }
      }
    },
    "NumberSeries": {
      "type": "array",
      "items": {
        "type": "number"
      }
    },
    "NullableNumberSeries": {
      "type": "array",
      "items": {
        "$ref": "#/definitions/NullableNumber"
      }
    },
    "Series": {
      "type": "object",
      "additionalProperties": false,
      "description": "Values over time in buckets of bucketMs starting at start; point i covers [start + i*bucketMs, start + (i+1)*bucketMs).",
      "required": [
        "start",
        "bucketMs",
        "points",
        "hostStatuses",
        "clusterStatuses",
        "throughput",
        "http"
      ],
      "properties": {
        "start": {
          "type": [
            "number",
            "null"
          ],
          "description": "Epoch ms of the first bucket."
        },
        "bucketMs": {
          "type": "integer",
          "minimum": 1
        },
        "points": {
          "type": "integer",
          "minimum": 0
        },
        "hostStatuses": {
          "type": "object",
          "description": "Hosts in each status at the end of each bucket (launched: started, not yet registered; frozen/died as the driver reported).",
          "additionalProperties": {
            "$ref": "#/definitions/NumberSeries"
          }
        },
        "clusterStatuses": {
          "type": "object",
          "description": "Clusters in each status at the end of each bucket.",
          "additionalProperties": {
            "$ref": "#/definitions/NumberSeries"
          }
        },
        "throughput": {
          "type": "object",
          "additionalProperties": false,
          "description": "Hosts per minute reaching each milestone in each bucket (count in bucket x 60000 / bucketMs).",
          "required": [
            "registered",
            "known",
            "installed"
          ],
          "properties": {
            "registered": {
              "$ref": "#/definitions/NumberSeries"
            },
            "known": {
              "$ref": "#/definitions/NumberSeries"
            },
            "installed": {
              "$ref": "#/definitions/NumberSeries"
            }
          }
        },
        "http": {
          "type": "object",
          "additionalProperties": false,
          "description": "All endpoints together: requests and errors per second, latency percentiles per bucket (null when no request).",
          "required": [
            "requestsPerSecond",
            "errorsPerSecond",
            "p50Ms",
            "p95Ms",
            "p99Ms"
          ],
          "properties": {
            "requestsPerSecond": {
              "$ref": "#/definitions/NumberSeries"
            },
            "errorsPerSecond": {
              "$ref": "#/definitions/NumberSeries"
            },
            "p50Ms": {
              "$ref": "#/definitions/NullableNumberSeries"
            },
            "p95Ms": {
              "$ref": "#/definitions/NullableNumberSeries"
            },
            "p99Ms": {
              "$ref": "#/definitions/NullableNumberSeries"
            }
          }
        }
      }
    },
    "ClusterTimeline": {
      "type": "object",
      "additionalProperties": false,
      "description": "Per-cluster milestones (ms since series.start). With many clusters only the failed ones and then the slowest are listed.",
      "required": [
        "total",
        "shown",
        "items"
      ],
      "properties": {
        "total": {
          "type": "integer"
        },
        "shown": {
          "type": "integer"
        },
        "items": {
          "type": "array",
          "items": {
            "$ref": "#/definitions/ClusterItem"
          }
        }
      }
    },
    "ClusterItem": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "outcome",
        "hosts",
        "status",
        "createdMs",
        "readyMs",
        "installingMs",
        "finalizingMs",
        "installedMs",
        "endedMs"
      ],
      "properties": {
        "name": {
          "type": "string"
        },
        "sno": {
          "type": "boolean"
        },
        "outcome": {
          "enum": [
            "installed",
            "failed",
            "in-progress",
            "not-started"
          ]
        },
        "hosts": {
          "type": "integer",
          "description": "Hosts planned (or seen) in the cluster."
        },
        "status": {
          "type": [
            "string",
            "null"
          ],
          "description": "Last status observed."
        },
        "info": {
          "type": "string",
          "description": "Status info or failure message of the last status, when any."
        },
        "createdMs": {
          "$ref": "#/definitions/NullableNumber"
        },
        "readyMs": {
          "$ref": "#/definitions/NullableNumber"
        },
        "installingMs": {
          "$ref": "#/definitions/NullableNumber"
        },
        "finalizingMs": {
          "$ref": "#/definitions/NullableNumber"
        },
        "installedMs": {
          "$ref": "#/definitions/NullableNumber"
        },
        "endedMs": {
          "$ref": "#/definitions/NullableNumber",
          "description": "When it failed or was given up."
        }
      }
    },
    "Failures": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "hosts",
        "clusters",
        "errors"
      ],
      "properties": {
        "hosts": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "total",
            "groups"
          ],
          "properties": {
            "total": {
              "type": "integer"
            },
            "groups": {
              "type": "array",
              "items": {
                "$ref": "#/definitions/HostFailureGroup"
              }
            }
          }
        },
        "clusters": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "total",
            "items"
          ],
          "properties": {
            "total": {
              "type": "integer"
            },
            "items": {
              "type": "array",
              "items": {
                "$ref": "#/definitions/ClusterFailure"
              }
            }
          }
        },
        "errors": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "total",
            "groups"
          ],
          "properties": {
            "total": {
              "type": "integer"
            },
            "groups": {
              "type": "array",
              "items": {
                "$ref": "#/definitions/ErrorGroup"
              }
            }
          }
        }
      }
    },
    "HostFailureGroup": {
      "type": "object",
      "additionalProperties": false,
      "description": "Hosts that failed the same way: same reason, last status and status info (the failing validations).",
      "required": [
        "reason",
        "status",
        "info",
        "count",
        "examples"
      ],
      "properties": {
        "reason": {
          "enum": [
            "frozen",
            "died",
            "never-registered",
            "not-known",
            "not-installed",
            "error"
          ],
          "description": "frozen/died: the driver reported it; never-registered: launched, no 201; not-known: registered, never known; not-installed: its cluster installs, it did not finish; error: last status error."
        },
        "status": {
          "type": [
            "string",
            "null"
          ]
        },
        "info": {
          "type": [
            "string",
            "null"
          ]
        },
        "count": {
          "type": "integer"
        },
        "examples": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "The alphabetically first hosts of the group (at most 5)."
        }
      }
    },
    "ClusterFailure": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "reason",
        "status",
        "info"
      ],
      "properties": {
        "name": {
          "type": "string"
        },
        "reason": {
          "enum": [
            "failed",
            "gave-up",
            "not-installed"
          ]
        },
        "status": {
          "type": [
            "string",
            "null"
          ]
        },
        "info": {
          "type": [
            "string",
            "null"
          ]
        }
      }
    },
    "ErrorGroup": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "scope",
        "message",
        "count",
        "examples"
      ],
      "properties": {
        "scope": {
          "enum": [
            "run",
            "cluster",
            "host",
            "http"
          ]
        },
        "message": {
          "type": "string"
        },
        "count": {
          "type": "integer"
        },
        "examples": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "The alphabetically first hosts or clusters it happened to (at most 5)."
        }
      }
    },
    "ThresholdResult": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "source",
        "metric",
        "aggregation",
        "tags",
        "operator",
        "value",
        "unit",
        "measured",
        "passed"
      ],
      "properties": {
        "source": {
          "type": "string",
          "description": "The expression as written."
        },
        "metric": {
          "type": "string"
        },
        "aggregation": {
          "type": "string",
          "description": "min, max, avg, med, count, rate, ratio, value or p(N)."
        },
        "percentile": {
          "type": "number"
        },
        "tags": {
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        },
        "operator": {
          "enum": [
            "<",
            "<=",
            ">",
            ">=",
            "==",
            "!="
          ]
        },
        "value": {
          "type": "number",
          "description": "Limit in the metric's unit."
        },
        "unit": {
          "enum": [
            "ms",
            "ratio",
            "count",
            "count/s"
          ]
        },
        "measured": {
          "$ref": "#/definitions/NullableNumber",
          "description": "null: no data (fails)."
        },
        "passed": {
          "type": "boolean"
        }
      }
    },
    "BaselineComparison": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "source",
        "runId",
        "tolerance",
        "comparisons",
        "regressions"
      ],
      "properties": {
        "source": {
          "type": "string",
          "description": "Path of the baseline report.json as given."
        },
        "runId": {
          "type": [
            "string",
            "null"
          ]
        },
        "tolerance": {
          "$ref": "#/definitions/NullableNumber",
          "description": "Regression tolerance (fraction); null: deltas only."
        },
        "comparisons": {
          "type": "array",
          "items": {
            "$ref": "#/definitions/Comparison"
          }
        },
        "regressions": {
          "type": "integer"
        }
      }
    },
    "Comparison": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "metric",
        "aggregation",
        "unit",
        "better",
        "baseline",
        "current",
        "delta",
        "deltaRatio",
        "regression"
      ],
      "properties": {
        "metric": {
          "type": "string"
        },
        "aggregation": {
          "type": "string"
        },
        "unit": {
          "enum": [
            "ms",
            "ratio",
            "count",
            "count/s"
          ]
        },
        "better": {
          "enum": [
            "lower",
            "higher"
          ]
        },
        "baseline": {
          "$ref": "#/definitions/NullableNumber"
        },
        "current": {
          "$ref": "#/definitions/NullableNumber"
        },
        "delta": {
          "$ref": "#/definitions/NullableNumber",
          "description": "current - baseline."
        },
        "deltaRatio": {
          "$ref": "#/definitions/NullableNumber",
          "description": "delta / baseline; null when the baseline is 0 or missing."
        },
        "regression": {
          "type": "boolean",
          "description": "Worse than the baseline beyond the tolerance."
        }
      }
    },
    "ReadIssue": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "file",
        "line",
        "message"
      ],
      "properties": {
        "file": {
          "type": "string"
        },
        "line": {
          "type": "integer"
        },
        "message": {
          "type": "string"
        }
      }
    }
  }
}
