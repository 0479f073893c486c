#!/usr/bin/env bash
# The Terraform cycle against a simulator (run by ../run.sh, which starts the simulator
# and exports the README recipe's variables: MONGODB_ATLAS_BASE_URL, the API key,
# SSL_CERT_FILE for --tls, TF_CLI_CONFIG_FILE with the provider's dev_overrides).
#   cycle.sh TOFU WORKDIR
set -euo pipefail
tofu="$1"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
cp -R "$here/gov" "$here/refused" "$work/"

cd "$work/gov"
"$tofu" apply -auto-approve -input=false
"$tofu" apply -refresh-only -auto-approve -input=false
# Exit code 2 would mean the plan after apply and refresh still wants changes.
"$tofu" plan -detailed-exitcode -input=false
"$tofu" destroy -auto-approve -input=false

cd "$work/refused"
if "$tofu" apply -auto-approve -input=false >"$work/refused.log" 2>&1; then
  cat "$work/refused.log"
  echo "the configuration that breaks a Government rule was applied" >&2
  exit 1
fi
cat "$work/refused.log"
grep -q 'REGION_UNAVAILABLE' "$work/refused.log" || {
  echo "Terraform did not show the simulator's REGION_UNAVAILABLE" >&2
  exit 1
}
"$tofu" destroy -auto-approve -input=false
