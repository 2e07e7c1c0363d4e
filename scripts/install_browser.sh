#!/bin/sh
# Chromium and ChromeDriver for the web UI's browser tests (tests/test_web_ui.py), from
# Debian's packages. Installed only when missing, and only where this runs as root with
# apt-get; otherwise the browser tests skip with the reason.
set -u
if command -v chromedriver >/dev/null 2>&1 && { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium and chromium-driver for the browser tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
        || echo "could not install chromium: the browser tests will skip" >&2
else
    echo "chromium is not installed and cannot be here: the browser tests will skip" >&2
fi
exit 0
