#!/usr/bin/env bash
# The portal's browser tests drive Debian's Chromium through its chromedriver (docs/portal.md); under
# CI=true they fail rather than skip when either is missing. Installs both once (as root, with apt),
# does nothing when they are present, and says what to do otherwise.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  echo "==> installing chromium and chromium-driver for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
else
  echo "==> chromium/chromedriver not found: the browser tests will be skipped (install Debian's chromium and chromium-driver)" >&2
fi
