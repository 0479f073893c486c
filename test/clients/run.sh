#!/usr/bin/env bash
# Client suites: real client tools against the simulator, each against its own simulator
# process started as a user would start it.
#
#   bash test/clients/run.sh [go|terraform|atlascli|schemathesis|all]...
#
# (`npm run test:clients` runs them all.) A suite whose tool the package registries do
# not serve, or whose input is absent, is skipped with the reason on a SKIPPED line;
# any other failure fails the run. CLIENTS_SKIP_BUILD=1 uses the existing dist/
# (.ci/run sets it: `npm test` has just built it).
set -euo pipefail

CLIENTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$CLIENTS_DIR/../.." && pwd)"
# shellcheck source=tools.sh
. "$CLIENTS_DIR/tools.sh"

SIM_PIDS=()

log() { printf '\n== %s\n' "$*"; }
# skip SUITE REASON: ends the suite's process as skipped.
skip() {
  printf 'SKIPPED: %s: %s\n' "$1" "$2"
  exit 3
}
elapsed() { printf '%ss' $((SECONDS - $1)); }

cleanup() {
  for pid in "${SIM_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# start_simulator DIR [flags...]: starts the built simulator on a free port with its
# start-up line in DIR/start.json, and sets SIM_URL, SIM_ORG, SIM_PUBLIC_KEY,
# SIM_PRIVATE_KEY, SIM_CLIENT_ID, SIM_CLIENT_SECRET and SIM_CA (empty without --tls).
start_simulator() {
  local dir="$1"
  shift
  node "$ROOT/dist/src/cli.js" --port 0 --json --log-level warn "$@" >"$dir/start.json" 2>"$dir/simulator.log" &
  SIM_PIDS+=($!)
  local i
  for i in $(seq 1 300); do
    [ -s "$dir/start.json" ] && break
    sleep 0.1
  done
  if [ ! -s "$dir/start.json" ]; then
    cat "$dir/simulator.log" >&2
    echo "the simulator did not start" >&2
    return 1
  fi
  eval "$(node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]);
    const q = (v) => JSON.stringify(String(v ?? ""));
    console.log(`SIM_URL=${q(s.baseUrl)} SIM_ORG=${q(s.tenant.orgId)} SIM_CA=${q(s.caCertPath)}`);
    console.log(`SIM_PUBLIC_KEY=${q(s.tenant.apiKey.publicKey)} SIM_PRIVATE_KEY=${q(s.tenant.apiKey.privateKey)}`);
    console.log(`SIM_CLIENT_ID=${q(s.tenant.serviceAccount.clientId)} SIM_CLIENT_SECRET=${q(s.tenant.serviceAccount.clientSecret)}`);
  ' "$dir/start.json")"
}

stop_simulator() {
  local pid="${SIM_PIDS[${#SIM_PIDS[@]}-1]}"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# failed_calls: the failed /api calls of the running simulator's journal, one a line:
# method, path, version (resolved, else the Accept header), status, errorCode. Digest
# challenges (a 401 to a request without credentials) are the protocol, not failures.
failed_calls() {
  curl -sS ${SIM_CA:+--cacert "$SIM_CA"} "$SIM_URL/_mock/requests" | node -e '
    let raw = "";
    process.stdin.on("data", (c) => (raw += c)).on("end", () => {
      for (const r of JSON.parse(raw).requests) {
        if (r.status < 400 || (r.status === 401 && !r.requestHeaders.authorization)) continue;
        const version = r.version ?? r.requestHeaders.accept ?? "-";
        console.log(`  ${r.method} ${r.path}${r.query ? "?" + r.query : ""} version=${version} ${r.status} ${r.errorCode ?? ""}`);
      }
    });'
}

suite_go() {
  local started=$SECONDS
  (cd "$CLIENTS_DIR/go" && go test -count=1 ./...)
  echo "go: $(go version | cut -d' ' -f3), $(sed -n 's/^require go.mongodb.org\/atlas-sdk\/\(v[0-9]*\) \(.*\)$/atlas-sdk \1 \2/p' "$CLIENTS_DIR/go/go.mod"), $(elapsed "$started")"
}

# Operations the cycle needs that the simulator does not have yet: when the cycle fails
# on these alone, the suite is skipped naming them rather than failed.
TERRAFORM_MISSING_OPERATIONS='/processArgs|/containers|/containers/all'

suite_terraform() {
  local started=$SECONDS provider tofu
  # The provider first: without it, building OpenTofu would be for nothing.
  ensure_go_tool terraform-provider-mongodbatlas "$PROVIDER_MODULE" "$PROVIDER_VERSION" . ||
    skip terraform "the mongodbatlas provider cannot be built: $TOOL_UNAVAILABLE"
  provider="$TOOL_BIN"
  ensure_go_tool tofu "$OPENTOFU_MODULE" "$OPENTOFU_VERSION" cmd/tofu ||
    skip terraform "OpenTofu cannot be built: $TOOL_UNAVAILABLE"
  tofu="$TOOL_BIN"
  local work
  work="$(mktemp -d)"
  start_simulator "$work" --tls --state-dir "$work/state"
  mkdir -p "$work/providers"
  ln -s "$provider" "$work/providers/terraform-provider-mongodbatlas"
  cat >"$work/tofurc" <<EOF
provider_installation {
  dev_overrides {
    "mongodb/mongodbatlas" = "$work/providers"
  }
  direct {}
}
EOF
  local status=0
  TF_CLI_CONFIG_FILE="$work/tofurc" SSL_CERT_FILE="$SIM_CA" \
    MONGODB_ATLAS_BASE_URL="$SIM_URL/" MONGODB_ATLAS_PUBLIC_KEY="$SIM_PUBLIC_KEY" MONGODB_ATLAS_PRIVATE_KEY="$SIM_PRIVATE_KEY" \
    TF_VAR_org_id="$SIM_ORG" bash "$CLIENTS_DIR/terraform/cycle.sh" "$tofu" "$work" || status=$?
  local failed
  failed="$(failed_calls)"
  stop_simulator
  if [ "$status" -ne 0 ]; then
    echo "terraform: the cycle failed; failed calls:"
    echo "$failed"
    local missing="^  [A-Z]+ [^ ?]*($TERRAFORM_MISSING_OPERATIONS)[? ]"
    if echo "$failed" | grep -q -E "$missing" && ! echo "$failed" | grep -v 'REGION_UNAVAILABLE' | grep -v -E "$missing" | grep -q .; then
      skip terraform "needs operations the simulator does not have yet: $(echo "$failed" | grep -E "$missing" | awk '{print $1, $2}' | sort -u | paste -sd ';')"
    fi
    return 1
  fi
  echo "terraform: OpenTofu $OPENTOFU_VERSION, mongodbatlas provider $PROVIDER_VERSION, $(elapsed "$started")"
}

suite_atlascli() {
  local started=$SECONDS atlas
  ensure_go_tool atlas "$ATLASCLI_MODULE" "$ATLASCLI_VERSION" cmd/atlas ||
    skip atlascli "the Atlas CLI cannot be built: $TOOL_UNAVAILABLE"
  atlas="$TOOL_BIN"
  local work
  work="$(mktemp -d)"
  start_simulator "$work" --tls --state-dir "$work/state" --lifecycle clusterCreate=2,clusterDelete=2
  local status=0
  HOME="$work" SSL_CERT_FILE="$SIM_CA" MONGODB_ATLAS_OPS_MANAGER_URL="$SIM_URL/" \
    MONGODB_ATLAS_PUBLIC_API_KEY="$SIM_PUBLIC_KEY" MONGODB_ATLAS_PRIVATE_API_KEY="$SIM_PRIVATE_KEY" MONGODB_ATLAS_ORG_ID="$SIM_ORG" \
    bash "$CLIENTS_DIR/atlascli/commands.sh" "$atlas" || status=$?
  local failed
  failed="$(failed_calls)"
  stop_simulator
  if [ "$status" -ne 0 ]; then
    echo "atlascli: a command failed; failed calls:"
    echo "$failed"
    return 1
  fi
  echo "atlascli: Atlas CLI $ATLASCLI_VERSION, $(elapsed "$started")"
}

suite_schemathesis() {
  local started=$SECONDS python document
  document="$(cd "$ROOT" && npx tsx -e 'import("./contracts/harness/openapi/document.ts").then((m) => console.log(m.resolveOpenApiFile()))')"
  if [ ! -f "$document" ]; then
    skip schemathesis "the official OpenAPI document is absent ($document; set ATLAS_OPENAPI_FILE)"
  fi
  ensure_schemathesis || skip schemathesis "$TOOL_UNAVAILABLE"
  python="$TOOL_BIN"
  local work
  work="$(mktemp -d)"
  (cd "$ROOT" && npx tsx contracts/harness/bin/api-coverage.ts --only simulated --json >"$work/operations.json")
  "$python" "$CLIENTS_DIR/schemathesis/fuzz.py" --openapi "$document" --operations "$work/operations.json" \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-10}"
  echo "schemathesis: $("$(dirname "$python")/schemathesis" --version), $(elapsed "$started")"
}

cd "$ROOT"
# One suite per process, so that `set -e` holds inside it.
if [ "${1:-}" = --suite ]; then
  "suite_$2"
  exit 0
fi

SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=(all)
[ "${SUITES[0]}" != all ] || SUITES=(go terraform atlascli schemathesis)
for suite in "${SUITES[@]}"; do
  declare -F "suite_$suite" >/dev/null || {
    echo "unknown suite $suite (go, terraform, atlascli, schemathesis, all)" >&2
    exit 2
  }
done
if [ "${CLIENTS_SKIP_BUILD:-}" != 1 ]; then
  npm run build >/dev/null
fi
passed=0 failed=0 skipped=0
for suite in "${SUITES[@]}"; do
  log "$suite"
  status=0
  bash "${BASH_SOURCE[0]}" --suite "$suite" || status=$?
  case "$status" in
    0) passed=$((passed + 1)) ;;
    3) skipped=$((skipped + 1)) ;;
    *)
      echo "FAILED: $suite (exit $status)"
      failed=$((failed + 1))
      ;;
  esac
done
echo
echo "clients: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
