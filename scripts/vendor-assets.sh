#!/usr/bin/env bash
# Install the front-end libraries from npm (pinned by package-lock.json) and copy
# their browser builds into the static files.  Run by `make install`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null || { echo "needs Node.js and npm (apt-get install -y nodejs npm)"; exit 1; }
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
dest=src/weakties/web/static/weakties/vendor
mkdir -p "$dest"
cp node_modules/chart.js/dist/chart.umd.min.js "$dest/chart.umd.min.js"
cp node_modules/graphology/dist/graphology.umd.min.js "$dest/graphology.umd.min.js"
cp node_modules/sigma/dist/sigma.min.js "$dest/sigma.min.js"
mkdir -p "$dest/swagger-ui"
for f in swagger-ui-bundle.js swagger-ui-standalone-preset.js swagger-ui.css favicon-32x32.png LICENSE NOTICE; do
  cp "node_modules/swagger-ui-dist/$f" "$dest/swagger-ui/$f"
done
