#!/usr/bin/env python3
"""Static checks of deploy/, run by deploy/check.sh from the repository root.

Parses every YAML and JSON file, checks the fields the Kubernetes objects need and how they agree with each other
and with the server (port, health paths, AEGIS_* variables against aegis-defaults.yaml), and checks that every
series used in alerts, dashboard, adapter rules and KEDA queries is listed in deploy/prometheus/metric-names.txt and
still registered in the Java sources.

    python3 deploy/check_files.py [--kustomized-hpa FILE] [--kustomized-keda FILE] [--promql-rules OUT]

--kustomized-*: the output of `kubectl kustomize` for deploy/kubernetes and deploy/kubernetes-keda, checked too.
--promql-rules: writes every dashboard and adapter query as a recording rule, for `promtool check rules` to parse.
Prints one line per failure; exits 1 if there is any.
"""
import argparse
import glob
import json
import os
import re
import sys

import yaml

DEPLOY = "deploy"
DEFAULTS = "aegis-server/src/main/resources/aegis-defaults.yaml"
ROUTES = "aegis-server/src/main/java/dev/aegis/server/http/Route.java"
RESERVED_VARIABLES = {"AEGIS_BOOTSTRAP_KEY", "AEGIS_LOG_LEVEL", "AEGIS_CONFIG", "AEGIS_JAVA_OPTS", "AEGIS_KEY"}
METER_SUFFIXES = ("", "_total", "_count", "_sum", "_max", "_bucket",
                  "_seconds", "_seconds_count", "_seconds_sum", "_seconds_max", "_seconds_bucket")
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or",
                "unless", "inf", "nan"}

failures = []


def fail(message):
    failures.append(message)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def load_yaml_documents(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def dig(node, *keys):
    for key in keys:
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            return None
    return node


def duration_seconds(text):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h)", str(text))
    if not match:
        return None
    return float(match.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[match.group(2)]


# ---- the server: defaults, routes, meters ----------------------------------------------------------------------

def java_sources():
    text = []
    for path in glob.glob("aegis-*/src/main/java/**/*.java", recursive=True):
        with open(path, encoding="utf-8") as f:
            text.append(f.read())
    return "\n".join(text)


def normalized(field):
    return str(field).replace("-", "_").lower()


def names_key(node, words, start=0):
    """Whether AEGIS_<words> names a key, as EnvironmentOverrides resolves it (the longest run of words wins)."""
    if isinstance(node, dict):
        for end in range(len(words), start, -1):
            wanted = "_".join(words[start:end])
            for field, child in node.items():
                if normalized(field) == wanted and (end == len(words) or names_key(child, words, end)):
                    return True
        return False
    if isinstance(node, list):
        word = words[start]
        if not word.isdigit() or int(word) >= len(node):
            return False
        return start + 1 == len(words) or names_key(node[int(word)], words, start + 1)
    return False


def check_variable(defaults, name, where):
    if not name.startswith("AEGIS_") or name in RESERVED_VARIABLES:
        return
    check(names_key(defaults, name[len("AEGIS_"):].lower().split("_")),
          f"{where}: {name} names no key of {DEFAULTS} (the server would refuse to start)")


# ---- PromQL: the series an expression reads --------------------------------------------------------------------

def series_in(expr):
    """Metric names in a PromQL expression: identifiers that are not functions, keywords, labels or strings."""
    text = re.sub(r"\$\{?\w+\}?", "x", expr)                       # Grafana variables
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', text)  # strings
    text = re.sub(r"\{[^}]*\}", "", text)                           # label matchers
    text = re.sub(r"\[[^\]]*\]", "", text)                          # ranges and subqueries
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    names = set()
    for match in re.finditer(r"(?<![\w.:])([a-zA-Z_:][\w:]*)(\s*\()?", text):
        word, call = match.group(1), match.group(2)
        if call or word.lower() in PROMQL_WORDS:
            continue
        names.add(word)
    return names


def adapter_query(rule):
    """An adapter rule's metricsQuery with its template filled in, as Prometheus would receive it."""
    series = re.match(r"[a-zA-Z_:][\w:]*", rule["seriesQuery"]).group(0)
    return (rule["metricsQuery"].replace("<<.Series>>", series).replace("<<.LabelMatchers>>", 'namespace="x"')
            .replace("<<.GroupBy>>", "namespace, pod"))


def grafana_query(expr):
    return (expr.replace("$__rate_interval", "1m").replace("$__interval", "1m")
            .replace('=~"$job"', '=~".*"').replace('=~"$instance"', '=~".*"'))


# ---- the files -------------------------------------------------------------------------------------------------

def objects_by_kind(documents):
    found = {}
    for doc in documents:
        found.setdefault(doc.get("kind"), []).append(doc)
    return found


def check_metadata(doc, where):
    for field in ("apiVersion", "kind"):
        check(doc.get(field), f"{where}: no {field}")
    check(dig(doc, "metadata", "name"), f"{where}: {doc.get('kind')} has no metadata.name")


def check_deployment(deploy, defaults, routes, where):
    spec = deploy.get("spec", {})
    pod = dig(spec, "template", "spec") or {}
    labels = dig(spec, "template", "metadata", "labels") or {}
    selector = dig(spec, "selector", "matchLabels") or {}
    check(spec.get("replicas") == 3, f"{where}: replicas is {spec.get('replicas')}, not 3")
    check(selector and all(labels.get(k) == v for k, v in selector.items()),
          f"{where}: selector {selector} does not match the pod labels {labels}")
    check(pod.get("enableServiceLinks") is False,
          f"{where}: enableServiceLinks must be false (service links inject AEGIS_* variables the server refuses)")
    containers = pod.get("containers") or []
    if not check(len(containers) == 1, f"{where}: expected one container, found {len(containers)}"):
        return
    container = containers[0]
    check(container.get("image"), f"{where}: container has no image")
    ports = {p.get("name"): p.get("containerPort") for p in container.get("ports", [])}
    port = dig(defaults, "server", "port")
    env = {e["name"]: e for e in container.get("env", [])}
    port_value = env.get("AEGIS_SERVER_PORT", {}).get("value", port)
    check(ports.get("http") == int(port_value) == 8080,
          f"{where}: container port {ports.get('http')} is not the server's port {port_value} (and the image's 8080)")
    for probe, path in (("readinessProbe", "/ready"), ("livenessProbe", "/health"), ("startupProbe", "/health")):
        got = dig(container, probe, "httpGet", "path")
        check(got == path, f"{where}: {probe} path is {got}, not {path}")
        check(dig(container, probe, "httpGet", "port") in (ports.get("http"), "http"),
              f"{where}: {probe} is not on the http port")
    for path in ("/ready", "/health", "/metrics"):
        check(f'"{path}"' in routes, f"{ROUTES}: no route {path}, which deploy/ relies on")
    for kind in ("requests", "limits"):
        for resource in ("cpu", "memory"):
            check(dig(container, "resources", kind, resource), f"{where}: no resources.{kind}.{resource}")
    check(env.get("AEGIS_CLUSTER_ENABLED", {}).get("value") == "true",
          f"{where}: AEGIS_CLUSTER_ENABLED is not \"true\"")
    for name in env:
        check_variable(defaults, name, where)
    annotations = dig(spec, "template", "metadata", "annotations") or {}
    check(annotations.get("prometheus.io/scrape") == "true", f"{where}: no prometheus.io/scrape: \"true\" annotation")
    check(annotations.get("prometheus.io/path") == "/metrics", f"{where}: prometheus.io/path is not /metrics")
    check(str(annotations.get("prometheus.io/port")) == str(ports.get("http")),
          f"{where}: prometheus.io/port is not the http port")
    command = dig(container, "lifecycle", "preStop", "exec", "command") or []
    pre_stop = float(command[-1]) if command[:1] == ["sleep"] and len(command) == 2 else None
    check(pre_stop, f"{where}: no preStop sleep")
    grace = duration_seconds(env.get("AEGIS_SERVER_SHUTDOWN_GRACE", {}).get(
        "value", dig(defaults, "server", "shutdown_grace")))
    period = pod.get("terminationGracePeriodSeconds") or 30
    check(pre_stop is not None and grace is not None and period >= pre_stop + grace + 5,
          f"{where}: terminationGracePeriodSeconds {period} does not cover preStop {pre_stop}s + shutdown_grace "
          f"{grace}s + 5s")
    check(dig(pod, "securityContext", "runAsNonRoot") is True, f"{where}: runAsNonRoot is not set")


def check_service(service, deploy, where):
    labels = dig(deploy, "spec", "template", "metadata", "labels") or {}
    selector = dig(service, "spec", "selector") or {}
    check(selector and all(labels.get(k) == v for k, v in selector.items()),
          f"{where}: Service selector {selector} does not select the pods")
    ports = {p.get("name") for p in dig(deploy, "spec", "template", "spec", "containers", 0, "ports") or []}
    for port in dig(service, "spec", "ports") or []:
        check(port.get("targetPort") in ports or isinstance(port.get("targetPort"), int),
              f"{where}: Service targetPort {port.get('targetPort')} is no container port")


def check_pdb(pdb, deploy, where):
    check(pdb.get("apiVersion") == "policy/v1", f"{where}: PodDisruptionBudget is not policy/v1")
    check(dig(pdb, "spec", "minAvailable") == 2, f"{where}: minAvailable is not 2")
    labels = dig(deploy, "spec", "template", "metadata", "labels") or {}
    selector = dig(pdb, "spec", "selector", "matchLabels") or {}
    check(selector and all(labels.get(k) == v for k, v in selector.items()),
          f"{where}: PodDisruptionBudget selector does not select the pods")


def check_target(obj, where):
    target = dig(obj, "spec", "scaleTargetRef") or {}
    check(target.get("kind", "Deployment") == "Deployment" and target.get("name") == "aegis",
          f"{where}: scaleTargetRef is not Deployment aegis")


def check_hpa(hpa, adapter_names, where):
    check(hpa.get("apiVersion") == "autoscaling/v2", f"{where}: HPA is not autoscaling/v2")
    check_target(hpa, where)
    spec = hpa.get("spec", {})
    check(spec.get("minReplicas") == 3 and spec.get("maxReplicas", 0) >= 3, f"{where}: replicas are not 3 to N")
    resources = {dig(m, "resource", "name"): dig(m, "resource", "target") for m in spec.get("metrics", [])
                 if m.get("type") == "Resource"}
    for name, value in (("cpu", 70), ("memory", 80)):
        target = resources.get(name) or {}
        check(target.get("type") == "Utilization" and target.get("averageUtilization") == value,
              f"{where}: no {name} Utilization target of {value} % (seeds 002, 004)")
    custom = [m for m in spec.get("metrics", []) if m.get("type") in ("Pods", "External")]
    check(custom, f"{where}: no Pods or External metric")
    for metric in custom:
        name = dig(metric, metric["type"].lower(), "metric", "name")
        check(name in adapter_names, f"{where}: metric {name} is not made by any prometheus-adapter rule")
    external = {dig(m, "external", "metric", "name") for m in custom if m["type"] == "External"}
    check({"aegis_tasks_queue_depth", "aegis_stream_lag"} <= external,
          f"{where}: External metrics {sorted(external)} lack aegis_tasks_queue_depth or aegis_stream_lag")


def stream_names(defaults, env):
    """The stream's consumer group and events topic as the nodes name them: topic prefix + StreamEvaluator's names."""
    prefix = env.get("AEGIS_CLUSTER_KAFKA_TOPIC_PREFIX", {}).get(
        "value", dig(defaults, "cluster", "kafka", "topic_prefix"))
    evaluator = "".join(open(path).read() for path in glob.glob("aegis-*/src/main/java/**/StreamEvaluator.java",
                                                                  recursive=True))
    group = re.search(r'static final String GROUP = "([^"]+)"', evaluator)
    events = re.search(r'static final String EVENTS = "([^"]+)"', evaluator)
    if not check(prefix is not None and group and events,
                 f"{DEFAULTS} has no cluster.kafka.topic_prefix, or StreamEvaluator no GROUP or EVENTS"):
        return None, None
    return prefix + group.group(1), prefix + events.group(1)


def check_scaled_object(scaled, deploy, defaults, where):
    check(scaled.get("apiVersion") == "keda.sh/v1alpha1", f"{where}: ScaledObject is not keda.sh/v1alpha1")
    check_target(scaled, where)
    spec = scaled.get("spec", {})
    check(spec.get("minReplicaCount") == 3, f"{where}: minReplicaCount is not 3")
    env = {e["name"]: e for e in dig(deploy, "spec", "template", "spec", "containers", 0, "env") or []}
    kafka = [t for t in spec.get("triggers", []) if t.get("type") == "kafka"]
    if check(len(kafka) == 1, f"{where}: expected one kafka trigger"):
        meta = kafka[0].get("metadata", {})
        group, topic = stream_names(defaults, env)
        check(meta.get("consumerGroup") == group, f"{where}: consumerGroup is not the nodes' group {group}")
        check(meta.get("topic") == topic, f"{where}: topic is not the nodes' events topic {topic}")
        check(str(meta.get("lagThreshold", "")).isdigit(), f"{where}: lagThreshold is not a whole number")
        servers = env.get("AEGIS_CLUSTER_KAFKA_BOOTSTRAP_SERVERS", {}).get("value")
        check(meta.get("bootstrapServers") == servers,
              f"{where}: bootstrapServers {meta.get('bootstrapServers')} is not the nodes' {servers}")
        partitions = int(env.get("AEGIS_CLUSTER_KAFKA_PARTITIONS", {}).get(
            "value", dig(defaults, "cluster", "kafka", "partitions") or 0))
        check(partitions >= spec.get("maxReplicaCount", 0),
              f"{where}: {partitions} partitions cannot keep {spec.get('maxReplicaCount')} pods busy")
    for trigger in spec.get("triggers", []):
        check(isinstance(trigger.get("metadata"), dict), f"{where}: {trigger.get('type')} trigger has no metadata")


def check_adapter(config_map, where):
    """Returns the names the adapter makes and the queries it sends."""
    config = yaml.safe_load(dig(config_map, "data", "config.yaml") or "") or {}
    names, queries = set(), []
    rules = ([(r, "rules") for r in config.get("rules", [])]
             + [(r, "externalRules") for r in config.get("externalRules", [])])
    check(rules, f"{where}: no rules")
    for rule, kind in rules:
        for field in ("seriesQuery", "metricsQuery"):
            check(rule.get(field), f"{where}: a rule in {kind} has no {field}")
        check(dig(rule, "resources", "overrides", "namespace", "resource") == "namespace",
              f"{where}: a rule in {kind} does not map the namespace label")
        name = dig(rule, "name", "as")
        check(name, f"{where}: a rule in {kind} has no name.as")
        names.add(name)
        if rule.get("seriesQuery") and rule.get("metricsQuery"):
            queries.append((f"adapter {name}", adapter_query(rule)))
    return names, queries


def check_kubernetes(defaults, routes, kustomized):
    queries = []
    files = sorted(glob.glob(f"{DEPLOY}/kubernetes/*.yaml") + glob.glob(f"{DEPLOY}/kubernetes-keda/*.yaml"))
    kinds = {}
    for path in files:
        for doc in load_yaml_documents(path):
            if doc.get("kind") == "Kustomization":
                for resource in doc.get("resources", []):
                    check(os.path.exists(os.path.join(os.path.dirname(path), resource)),
                          f"{path}: resource {resource} does not exist")
                continue
            check_metadata(doc, path)
            kinds.setdefault(doc["kind"], []).append((doc, path))
    for kind in ("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "ScaledObject",
                 "ConfigMap"):
        found = len(kinds.get(kind, []))
        check(found == 1, f"{DEPLOY}/kubernetes: expected one {kind}, found {found}")
    if failures:
        return queries
    deploy, deploy_path = kinds["Deployment"][0]
    check_deployment(deploy, defaults, routes, deploy_path)
    check_service(*kinds["Service"][0][:1], deploy, kinds["Service"][0][1])
    check_pdb(kinds["PodDisruptionBudget"][0][0], deploy, kinds["PodDisruptionBudget"][0][1])
    adapter_names, queries = check_adapter(*kinds["ConfigMap"][0])
    check_hpa(kinds["HorizontalPodAutoscaler"][0][0], adapter_names, kinds["HorizontalPodAutoscaler"][0][1])
    scaled, scaled_path = kinds["ScaledObject"][0]
    check_scaled_object(scaled, deploy, defaults, scaled_path)
    for trigger in dig(scaled, "spec", "triggers") or []:
        if trigger.get("type") == "prometheus":
            queries.append((f"{scaled_path} prometheus trigger", trigger["metadata"]["query"]))
    hpa = kinds["HorizontalPodAutoscaler"][0][0]
    check((dig(hpa, "spec", "minReplicas"), dig(hpa, "spec", "maxReplicas"))
          == (dig(scaled, "spec", "minReplicaCount"), dig(scaled, "spec", "maxReplicaCount")),
          f"{scaled_path}: replica bounds differ from hpa.yaml's")
    for label, path in kustomized.items():
        if not path:
            continue
        rendered = objects_by_kind(load_yaml_documents(path))
        for kind in ("Deployment", "Service", "PodDisruptionBudget"):
            check(len(rendered.get(kind, [])) == 1, f"kustomize {label}: expected one {kind}")
        has_hpa, has_keda = bool(rendered.get("HorizontalPodAutoscaler")), bool(rendered.get("ScaledObject"))
        check((has_hpa, has_keda) == ((True, False) if label == "hpa" else (False, True)),
              f"kustomize {label}: has an HPA: {has_hpa}, a ScaledObject: {has_keda}; exactly one autoscaler expected")
        if rendered.get("Deployment"):
            check_deployment(rendered["Deployment"][0], defaults, routes, f"kustomize {label}")
    return queries


def check_prometheus(routes):
    queries = []
    config = load_yaml_documents(f"{DEPLOY}/prometheus/prometheus.yml")[0]
    jobs = {job["job_name"]: job for job in config.get("scrape_configs", [])}
    check(set(jobs) == {"aegis-kubernetes", "aegis-local"}, f"prometheus.yml: jobs are {sorted(jobs)}")
    local = jobs.get("aegis-local", {})
    check(local.get("metrics_path") == "/metrics", "prometheus.yml: aegis-local does not scrape /metrics")
    targets = sorted(t for c in local.get("static_configs", []) for t in c.get("targets", []))
    with open(f"{DEPLOY}/nginx/aegis.conf") as f:
        nginx = f.read()
    upstream = sorted(re.findall(r"^\s*server\s+([^\s{;]+:\d+)", nginx, re.M))
    check(targets == upstream, f"prometheus.yml: local targets {targets} differ from nginx upstream {upstream}")
    relabels = jobs.get("aegis-kubernetes", {}).get("relabel_configs", [])
    made = {r.get("target_label") for r in relabels}
    check({"namespace", "pod", "app"} <= made, "prometheus.yml: aegis-kubernetes does not set namespace, pod and app")
    check(any("prometheus_io_scrape" in str(r.get("source_labels")) and r.get("action") == "keep" for r in relabels),
          "prometheus.yml: aegis-kubernetes does not keep on the prometheus.io/scrape annotation")
    for group in load_yaml_documents(f"{DEPLOY}/prometheus/alerts.yml")[0]["groups"]:
        for rule in group["rules"]:
            queries.append((f"alert {rule.get('alert')}", rule["expr"]))
    tests = load_yaml_documents(f"{DEPLOY}/prometheus/alerts-test.yml")[0]
    tested = {}
    for test in tests.get("tests", []):
        for case in test.get("alert_rule_test", []):
            tested.setdefault(case["alertname"], set()).add(bool(case.get("exp_alerts")))
    for name, _ in queries:
        alert = name[len("alert "):]
        check(tested.get(alert) == {True, False},
              f"alerts-test.yml: {alert} is not tested both firing and silent")
    return queries


def check_dashboard():
    queries = []
    path = f"{DEPLOY}/grafana/aegis-dashboard.json"
    with open(path) as f:
        dashboard = json.load(f)
    check(37 <= dashboard.get("schemaVersion", 0) <= 41, f"{path}: schemaVersion {dashboard.get('schemaVersion')}")
    variables = {v["name"]: v for v in dig(dashboard, "templating", "list") or []}
    check(dig(variables, "datasource", "type") == "datasource"
          and dig(variables, "datasource", "query") == "prometheus",
          f"{path}: no Prometheus datasource variable")
    ids = [p["id"] for p in dashboard.get("panels", [])]
    check(len(ids) == len(set(ids)), f"{path}: panel ids are not unique")
    for panel in dashboard.get("panels", []):
        if panel.get("type") == "row":
            continue
        check(dig(panel, "datasource", "uid") == "${datasource}",
              f"{path}: panel '{panel.get('title')}' has a fixed datasource")
        targets = panel.get("targets") or []
        check(targets, f"{path}: panel '{panel.get('title')}' has no query")
        for target in targets:
            queries.append((f"panel '{panel.get('title')}'", grafana_query(target["expr"])))
    used = set().union(*(series_in(q) for _, q in queries))
    wanted = {"http_server_requests_seconds_count", "http_server_requests_seconds_bucket", "aegis_tasks_queue_depth",
              "aegis_tasks_leased", "aegis_tasks_workers_busy", "aegis_tasks_transitions_total", "aegis_stream_lag",
              "aegis_stream_events_total", "aegis_decisions_total", "aegis_cache_hits_total",
              "aegis_cache_misses_total", "jvm_memory_used_bytes", "process_cpu_usage"}
    check(wanted <= used, f"{path}: no panel shows {sorted(wanted - used)}")
    return queries


def check_metric_names(queries, sources):
    listed = {}
    with open(f"{DEPLOY}/prometheus/metric-names.txt") as f:
        for number, line in enumerate(f, 1):
            words = line.split("#", 1)[0].split()
            if words:
                listed[words[0]] = (words[1:], number)
    for name, (source, number) in listed.items():
        where = f"metric-names.txt:{number}"
        if source[:1] == ["meter"] and len(source) == 2:
            meter = source[1]
            check(any(name == meter.replace(".", "_") + suffix for suffix in METER_SUFFIXES),
                  f"{where}: {name} is not how Micrometer names meter {meter} in Prometheus")
            check(f'"{meter}"' in sources, f"{where}: no meter \"{meter}\" in aegis-*/src/main (for {name})")
        elif source[:1] == ["binder"] and len(source) == 2:
            check(re.search(rf"\b{re.escape(source[1])}\b", sources), f"{where}: binder {source[1]} is not bound")
        else:
            check(source == ["prometheus"], f"{where}: unknown source {' '.join(source)}")
    for where, query in queries:
        for name in sorted(series_in(query)):
            check(name in listed, f"{where}: series {name} is not in deploy/prometheus/metric-names.txt")
    return len(listed)


def check_docker(defaults):
    with open(f"{DEPLOY}/Dockerfile") as f:
        dockerfile = f.read().replace("\\\n", " ")  # one line per instruction
    images = re.findall(r"^FROM\s+(\S+)", dockerfile, re.M)
    check(len(images) == 2 and images[0].startswith("eclipse-temurin:21-jdk")
          and images[1].startswith("eclipse-temurin:21-jre"),
          f"Dockerfile: stages are {images}, not eclipse-temurin 21 JDK then JRE")
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    check(users and users[-1].split(":")[0] not in ("root", "0"), "Dockerfile: runs as root")
    check(re.search(r"^EXPOSE\s+8080\b", dockerfile, re.M) and dig(defaults, "server", "port") == 8080,
          "Dockerfile: EXPOSE is not the server's port 8080")
    check(re.search(r"^HEALTHCHECK .*/health", dockerfile, re.M), "Dockerfile: no HEALTHCHECK on /health")
    check("./mvnw" in dockerfile and "aegis-server" in dockerfile,
          "Dockerfile: does not build aegis-server with ./mvnw")
    for copied in re.findall(r"^COPY\s+(?:--\S+\s+)*(deploy/\S+)", dockerfile, re.M):
        check(os.path.exists(copied), f"Dockerfile: copies {copied}, which does not exist")
    with open(f"{DEPLOY}/Dockerfile.dockerignore") as f:
        ignored = f.read()
    check("!deploy/docker/entrypoint.sh" in ignored, "Dockerfile.dockerignore: keeps out the entrypoint")


def write_promql_rules(queries, path):
    rules = [{"record": f"aegis_check:query_{i}", "expr": query} for i, (_, query) in enumerate(queries)]
    with open(path, "w") as f:
        yaml.safe_dump({"groups": [{"name": "deploy-queries", "rules": rules}]}, f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kustomized-hpa")
    parser.add_argument("--kustomized-keda")
    parser.add_argument("--promql-rules")
    args = parser.parse_args()
    for path in glob.glob(f"{DEPLOY}/**/*.y*ml", recursive=True):
        try:
            load_yaml_documents(path)
        except yaml.YAMLError as e:
            fail(f"{path}: not YAML: {e}")
    if failures:
        return report(0, 0)
    with open(DEFAULTS) as f:
        defaults = yaml.safe_load(f)
    with open(ROUTES) as f:
        routes = f.read()
    sources = java_sources()
    queries = check_kubernetes(defaults, routes, {"hpa": args.kustomized_hpa, "keda": args.kustomized_keda})
    queries += check_prometheus(routes)
    queries += check_dashboard()
    listed = check_metric_names(queries, sources)
    check_docker(defaults)
    if args.promql_rules:
        write_promql_rules(queries, args.promql_rules)
    return report(len(queries), listed)


def report(queries, listed):
    for message in failures:
        print(f"FAIL {message}")
    if not failures:
        print(f"{queries} queries use only the {listed} listed series; "
              "manifests, Dockerfile and cross-references agree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
