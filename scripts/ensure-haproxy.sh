# Sourced by ./dev and .ci/run before the tests: the hub scale-out test puts two hub processes
# behind Debian's HAProxy, run as a plain process. Installs it when missing and allowed to.
# shellcheck shell=bash
if [ -z "${HAPROXY_PATH:-}" ] && [ ! -x /usr/sbin/haproxy ] && ! command -v haproxy >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "dynamo: installing Debian's haproxy for the hub scale-out test" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy) >&2
  else
    echo "dynamo: the hub scale-out test needs HAProxy: install it (Debian/Ubuntu: apt-get install haproxy) or set HAPROXY_PATH" >&2
  fi
fi
