#!/usr/bin/env bash
# Runs DevPlatform (Development) signing in through a local OpenID Connect provider (tools/oidc-provider on port 5100),
# the one the tests use: its login form takes any login name and any password. Open http://localhost:5000 (or the
# --urls you pass). Provider state lives in memory. Ctrl+C stops the app and the provider.
set -euo pipefail
cd "$(dirname "$0")/.."

(cd tools/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)
(cd tools/oidc-provider && exec node_modules/.bin/node provider.mjs 5100) &
provider=$!
trap 'kill $provider 2>/dev/null' EXIT

Authentication__Oidc__Authority=http://127.0.0.1:5100 \
Authentication__Oidc__ClientId=devplatform \
Authentication__Oidc__ClientSecret=devplatform-secret \
  dotnet run --project DevPlatform.Web "$@"
