#!/usr/bin/env bash
# Debian packages weakties needs: Node.js/npm for the front-end libraries, Java for the
# Spark engine, and,
# with --test, Chromium for the browser tests (Playwright cannot download its
# own browser here) and a font to render pages with.
set -euo pipefail
need=()
command -v npm >/dev/null || need+=(nodejs npm)
# Java for the Spark engine (`weakties analyze --engine spark`; PySpark 4 needs Java 17+).
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null || need+=(chromium)
  fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
fi
# WeasyPrint (the meeting brief as PDF) needs Pango ...
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
# ... and HarfBuzz's subsetter to embed fonts (without it WeasyPrint warns, and the suite treats warnings as errors).
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || need+=(libharfbuzz-subset0)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "please install: ${need[*]} (apt-get install -y ${need[*]})"; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
