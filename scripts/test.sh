#!/usr/bin/env bash
# Sets up and runs every test on a fresh Debian 12 machine with the .NET 10 SDK and Node.js:
# installs Debian's Chromium when missing, the pinned AWS emulators from npm, then builds and runs the whole suite
# (unit, storage contract on SQLite/files and on dynalite/fauxqs, component, API, browser).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "Missing prerequisite: $tool (see README.md)"; exit 2; }
done

if [ ! -x /usr/bin/chromium ]; then
  step "Installing Debian's Chromium for the browser tests"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

step "Installing the AWS emulators (dynalite, fauxqs, Node 22) from tools/emulators/package-lock.json"
(cd tools/emulators && npm ci --no-audit --no-fund --loglevel=error)

step "Building and running every test"
mkdir -p TestResults
set +e
dotnet test DevPlatform.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee TestResults/test-output.log
status=${PIPESTATUS[0]}
set -e

# One plain closing line that any CI can read: "N passed, N failed".
summary=$(grep -E '^(Passed|Failed)!' TestResults/test-output.log | tail -n 1)
passed=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
failed=$(sed -E 's/.*Failed: *([0-9]+),.*/\1/' <<<"$summary")
if [ -z "$summary" ]; then
  echo "No test summary found: the build or the test host failed (see above)."
  exit 1
fi
echo
echo "${passed} passed, ${failed} failed"
exit "$status"
