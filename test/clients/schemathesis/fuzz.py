"""Bounded spec-driven fuzzing of the simulator with Schemathesis.

Starts the built simulator on a free port with a capture file, makes one project with a
cluster, a database user and access entries plus a second API key and service account
for the generated requests to aim at, then runs Schemathesis over every simulated
operation of the official document with a Bearer token of the organization's own
service account. Schemathesis checks each answer (no 5xx, Atlas error bodies: hooks.py);
afterwards the project's conformance checker reads the capture and checks every answer
against the document, with the known differences of contracts/harness/knownDifferences.ts.

usage: python fuzz.py --openapi FILE --operations FILE [--max-examples N] [--seed N] [--timeout S]
(SCHEMATHESIS_PHASES overrides the phases, default examples,fuzzing,stateful: the coverage phase
of Schemathesis 4.32 stalls on this document.)
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def call(base, method, path, token, body=None, version="2023-01-01"):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    req.add_header("Accept", f"application/vnd.atlas.{version}+json")
    if data is not None:
        req.add_header("Content-Type", f"application/vnd.atlas.{version}+json")
    try:
        with urllib.request.urlopen(req) as res:
            raw = res.read()
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"setting up: {method} {path}: {exc.code} {exc.read()[:300]!r}") from exc
    return json.loads(raw) if raw else None


def token_for(base, client_id, secret):
    req = urllib.request.Request(base + "/api/oauth/token", data=b"grant_type=client_credentials", method="POST")
    req.add_header("Authorization", "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode())
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(req) as res:
        return json.loads(res.read())["access_token"]


def seed_state(base, tenant, token):
    """Resources the generated requests may reach; returns path parameter -> value."""
    org = tenant["orgId"]
    group = call(base, "POST", "/api/atlas/v2/groups", token, {"name": "fuzz", "orgId": org, "regionUsageRestrictions": "GOV_REGIONS_ONLY"})
    gid = group["id"]
    region = {"providerName": "AWS", "regionName": "US_GOV_WEST_1", "priority": 7, "electableSpecs": {"instanceSize": "M30", "nodeCount": 3}}
    call(base, "POST", f"/api/atlas/v2/groups/{gid}/clusters", token,
         {"name": "fuzz-cluster", "clusterType": "REPLICASET", "replicationSpecs": [{"regionConfigs": [region]}]}, "2024-10-23")
    call(base, "POST", f"/api/atlas/v2/groups/{gid}/databaseUsers", token,
         {"databaseName": "admin", "groupId": gid, "username": "fuzz-user", "password": "fuzz-password-1",
          "roles": [{"databaseName": "admin", "roleName": "readAnyDatabase"}]})
    call(base, "POST", f"/api/atlas/v2/groups/{gid}/accessList", token, [{"ipAddress": "192.0.2.10"}])
    key = call(base, "POST", f"/api/atlas/v2/orgs/{org}/apiKeys", token, {"desc": "fuzz target", "roles": ["ORG_READ_ONLY"]})
    call(base, "POST", f"/api/atlas/v2/orgs/{org}/apiKeys/{key['id']}/accessList", token, [{"ipAddress": "192.0.2.11"}])
    account = call(base, "POST", f"/api/atlas/v2/orgs/{org}/serviceAccounts", token,
                   {"name": "fuzz target", "description": "fuzz target", "roles": ["ORG_READ_ONLY"], "secretExpiresAfterHours": 24}, "2024-08-05")
    call(base, "POST", f"/api/atlas/v2/orgs/{org}/serviceAccounts/{account['clientId']}/accessList", token,
         [{"ipAddress": "192.0.2.12"}], "2024-08-05")
    return {
        "orgId": org,
        "groupId": gid,
        "groupName": "fuzz",
        "clusterName": "fuzz-cluster",
        "databaseName": "admin",
        "username": "fuzz-user",
        "entryValue": "192.0.2.10",
        "apiUserId": key["id"],
        "clientId": account["clientId"],
        "ipAddress": "192.0.2.11",
        "secretId": account["secrets"][0]["id"],
    }


def only_operations(source, operation_ids, target):
    """The document with only the given operations: Schemathesis then loads a fraction of it."""
    import yaml  # installed with Schemathesis

    with open(source) as f:
        doc = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    paths = {}
    for path, item in doc["paths"].items():
        kept = {k: v for k, v in item.items() if not isinstance(v, dict) or "operationId" not in v or v["operationId"] in operation_ids}
        if any(isinstance(v, dict) and "operationId" in v for v in kept.values()):
            paths[path] = kept
    doc["paths"] = paths
    with open(target, "w") as f:
        json.dump(doc, f, default=str)
    return target


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--openapi", required=True)
    ap.add_argument("--operations", required=True, help="JSON of npm run api:coverage -- --only simulated --json")
    ap.add_argument("--max-examples", type=int, default=10)
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--workers", default="2")
    ap.add_argument("--timeout", type=int, default=600, help="seconds before the run is stopped and fails")
    args = ap.parse_args()

    rows = json.load(open(args.operations))["rows"]
    # Schemathesis cannot make a request body from the document's schema for these (a oneOf
    # whose Azure branch is `not: {}`; the identity provider bodies, whose SAML and OIDC
    # branches it cannot satisfy), and for createOrganization its generator fails inside
    # itself (a KeyError in its own strategy cache, reported as a flaky Hypothesis failure).
    # Their bad input is covered by the project's own tests.
    ungeneratable = {"createEncryptionAtRestPrivateEndpoint", "createIdentityProvider", "updateIdentityProvider", "createOrganization"}
    operation_ids = sorted(r["operationId"] for r in rows if r["status"] == "simulated" and r["operationId"] not in ungeneratable)
    work = tempfile.mkdtemp(prefix="atlas-gov-mock-fuzz-")
    document = only_operations(args.openapi, set(operation_ids), os.path.join(work, "openapi.json"))
    capture = os.path.join(work, "capture.jsonl")
    sim = subprocess.Popen(
        ["node", os.path.join(ROOT, "dist", "src", "cli.js"), "--port", "0", "--json", "--log-level", "error",
         "--capture-file", capture, "--rate-limits", "off", "--lockout-max-failures", "0", "--seed", str(args.seed)],
        stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(sim.stdout.readline())
        base = info["baseUrl"]
        tenant = info["tenant"]
        account = tenant["serviceAccount"]
        token = token_for(base, account["clientId"], account["clientSecret"])
        ids = seed_state(base, tenant, token)

        cmd = [os.path.join(os.path.dirname(sys.executable), "schemathesis"), "run", document, "--url", base,
               "-H", f"Authorization: Bearer {token}",
               "--max-examples", str(args.max_examples), "--seed", str(args.seed), "--workers", args.workers,
               "--phases", os.environ.get("SCHEMATHESIS_PHASES", "examples,fuzzing,stateful"), "--suppress-health-check", "all",
               # The document's own statuses and schemas are checked afterwards by the project's
               # checker, which knows where Atlas itself differs from its document.
               "--exclude-checks", "status_code_conformance,response_schema_conformance,content_type_conformance,"
                                   "response_headers_conformance,positive_data_acceptance,negative_data_rejection,"
                                   "missing_required_header,unsupported_method",
               "--request-timeout", "10", "--no-color"]
        env = {**os.environ, "SCHEMATHESIS_HOOKS": "hooks", "PYTHONPATH": HERE, "PYTHONDONTWRITEBYTECODE": "1", "ATLAS_FUZZ_IDS": json.dumps(ids)}
        started = time.monotonic()
        try:
            code = subprocess.run(cmd, env=env, cwd=work, timeout=args.timeout).returncode
        except subprocess.TimeoutExpired:
            print(f"schemathesis did not finish within {args.timeout} s", flush=True)
            code = 124
        print(f"schemathesis: {len(operation_ids)} operations in {time.monotonic() - started:.0f} s, exit {code}", flush=True)
    finally:
        sim.terminate()
        sim.wait(10)

    check = subprocess.run(["npx", "tsx", os.path.join(HERE, "check-capture.ts"), capture], cwd=ROOT,
                           env={**os.environ, "ATLAS_OPENAPI_FILE": os.path.abspath(args.openapi)})
    if code == 0 and check.returncode == 0:
        subprocess.run(["rm", "-rf", work])
    else:
        print(f"capture kept in {capture}", flush=True)
    return 1 if code or check.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
