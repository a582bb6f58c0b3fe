#!/usr/bin/env bash
# Sets up and runs every test on a fresh Debian 12 machine with the .NET 10 SDK and Node.js:
# installs Debian's Chromium when missing, the pinned AWS emulators and the test OpenID provider from npm, then builds and
# runs the whole suite (unit, storage contract on SQLite/files and on dynalite/fauxqs, component, API, browser, OIDC).
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

step "Installing the AWS emulators (dynalite, fauxqs, Node 22) and TypeScript from tools/emulators/package-lock.json"
(cd tools/emulators && npm ci --no-audit --no-fund --loglevel=error)

step "Installing the test OpenID provider (oidc-provider, Node 22) from tools/oidc-provider/package-lock.json"
(cd tools/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)

step "Building and running every test"
rm -rf TestResults/*.trx
set +e
dotnet test DevPlatform.sln -c Release --results-directory TestResults \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx"
status=$?
set -e

# One plain closing line that any CI can read: "N passed, N failed", from the run's TRX counters.
counters=$(grep -o '<Counters [^>]*>' TestResults/results.trx 2>/dev/null | head -n 1 || true)
if [ -z "$counters" ]; then
  echo "No test results were written: the build or the test host failed (see above)."
  exit 1
fi
count() { sed -E "s/.* $1=\"([0-9]+)\".*/\1/" <<<"$counters"; }
echo
echo "$(count passed) passed, $(count failed) failed"
exit "$status"
