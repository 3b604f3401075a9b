#!/usr/bin/env bash
# Headless Chromium and its driver for the console's browser tests (Debian's packages; installed when missing).
# Idempotent and quiet: prints one line when it installs, nothing when both are already there.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
echo "chromium.sh: installing Chromium and chromedriver from the OS packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
