# Sourced by ./dev and .ci/run before the tests: the browser tests drive Debian's Chromium
# (playwright-core cannot download a browser here). Installs it when missing and allowed to.
# shellcheck shell=bash
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "dynamo: installing Debian's chromium for the browser tests" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2
  else
    echo "dynamo: the browser tests need Chromium: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH" >&2
  fi
fi
