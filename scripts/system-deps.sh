#!/usr/bin/env bash
# Debian packages for the test suite: Chromium drives the browser tests
# (Playwright cannot download its own browser here).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "please install: ${need[*]} (apt-get install -y ${need[*]})"; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
