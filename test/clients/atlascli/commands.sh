#!/usr/bin/env bash
# Atlas CLI commands against a simulator (run by ../run.sh, which starts the simulator
# and exports the README recipe's variables: MONGODB_ATLAS_OPS_MANAGER_URL, the API key,
# the organization, SSL_CERT_FILE for --tls).
#   commands.sh ATLAS
set -euo pipefail
atlas="$1"
export MONGODB_ATLAS_TELEMETRY_ENABLE=false MONGODB_ATLAS_SKIP_UPDATE_CHECK=yes
set -x

group="$("$atlas" projects create atlas-cli-gov --govCloudRegionsOnly -o json | node -e 'process.stdin.on("data", (c) => console.log(JSON.parse(c).id))')"
export MONGODB_ATLAS_PROJECT_ID="$group"
"$atlas" projects describe "$group" -o json
"$atlas" clusters create cli-gov --provider AWS --region US_GOV_WEST_1 --tier M30 --members 3
"$atlas" clusters watch cli-gov
"$atlas" clusters describe cli-gov -o json
"$atlas" dbusers create readWriteAnyDatabase --username cli-app --password cli-app-password
"$atlas" dbusers list -o json
"$atlas" accessLists create 10.20.0.0/16 --type cidrBlock --comment office
"$atlas" accessLists list -o json
"$atlas" backups schedule describe cli-gov -o json
"$atlas" backups snapshots list cli-gov -o json
"$atlas" accessLists delete 10.20.0.0/16 --force
"$atlas" dbusers delete cli-app --force
"$atlas" clusters delete cli-gov --force --watch
"$atlas" projects delete "$group" --force
