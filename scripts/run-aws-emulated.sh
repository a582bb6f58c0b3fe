#!/usr/bin/env bash
# Runs DevPlatform in AWS mode against local emulators of DynamoDB (dynalite, port 4567) and SQS/SNS/S3
# (fauxqs, port 4566), creating its tables, bucket, queues and topics. Emulator state lives in memory and is gone
# when this script stops. Ctrl+C stops the app and both emulators.
set -euo pipefail
cd "$(dirname "$0")/.."

(cd tools/emulators && npm ci --no-audit --no-fund --loglevel=error)
node22=tools/emulators/node_modules/.bin/node

"$node22" tools/emulators/node_modules/dynalite/cli.js --host 127.0.0.1 --port 4567 --createTableMs 0 >/dev/null 2>&1 &
dynalite=$!
FAUXQS_PORT=4566 FAUXQS_HOST=127.0.0.1 FAUXQS_LOGGER=false "$node22" tools/emulators/node_modules/fauxqs/dist/cli.js >/dev/null 2>&1 &
fauxqs=$!
trap 'kill $dynalite $fauxqs 2>/dev/null' EXIT

Storage__Provider=Aws \
Aws__ServiceUrl=http://127.0.0.1:4566 \
Aws__DynamoDbServiceUrl=http://127.0.0.1:4567 \
Aws__CreateResources=true \
  dotnet run --project DevPlatform.Web "$@"
