#!/usr/bin/env bash
# The deployment, proven as an operator would run it, on a fresh Debian machine like CI's:
#  1. Docker Engine and docker-compose from Debian's packages when missing; the daemon started
#     when it does not answer (no systemd needed);
#  2. the base images (Debian, Node 24, PostgreSQL): reused when their tags exist, pulled when a
#     registry answers, otherwise built from Debian's packages and the npm registry
#     (deploy/test/base-images.sh);
#  3. the project's image from deploy/Dockerfile (the machine's extra certificate authorities
#     trusted for the build only, then checked absent from the image), at most 250 MB, without
#     TypeScript tooling;
#  4. a region with PostgreSQL, the hub and a small region on the embedded database, each from
#     its own compose file (read-only roots, secrets in files, a database password with "/" and
#     "+" in it), the first two on one bridge network;
#  5. the first-run setup through HTTP from the links in their logs, the peering of the region
#     with the hub across the containers, a platform's signed vote the hub receives;
#  6. the stacks taken down and brought up again (as an upgrade does): the data is all there;
#  7. everything it made removed (containers, volumes, network, the project image; the base
#     images stay cached by tag).
# Skipped only when asked: DEPLOY_TEST=skip. Called by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
if [ "${DEPLOY_TEST:-}" = "skip" ]; then
  echo "deploy test: SKIPPED because DEPLOY_TEST=skip"
  exit 0
fi
started=$SECONDS
step() { echo "deploy test: [$((SECONDS - started)) s] $*"; }

# --- 1. Docker Engine and docker-compose, from Debian ---
if [ ! -x /usr/sbin/dockerd ] || [ ! -x /usr/bin/docker ] || ! command -v docker-compose >/dev/null || ! command -v mmdebstrap >/dev/null; then
  step "installing docker.io, docker-compose and mmdebstrap from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends docker.io docker-compose mmdebstrap >/dev/null
fi
# Debian's client (with BuildKit for the build-time secret), whatever else is first on PATH.
docker=/usr/bin/docker
export DOCKER="$docker" DOCKER_BUILDKIT=1
started_dockerd=""
if ! "$docker" info >/dev/null 2>&1; then
  step "starting dockerd"
  /usr/sbin/dockerd >/tmp/dynamo-dockerd.log 2>&1 &
  started_dockerd=$!
  for _ in $(seq 60); do "$docker" info >/dev/null 2>&1 && break; sleep 0.5; done
  "$docker" info >/dev/null 2>&1 || { tail -20 /tmp/dynamo-dockerd.log; echo "deploy test: dockerd did not start" >&2; exit 1; }
fi
if "$docker" compose version >/dev/null 2>&1; then compose_v2=1; else compose_v2=""; fi

# --- 2. Base images ---
image_exists() { "$docker" image inspect "$1" >/dev/null 2>&1; }
try_pull() { image_exists "$1" || timeout 120 "$docker" pull -q "$1" >/dev/null 2>&1; }
export POSTGRES_IMAGE="${POSTGRES_IMAGE:-postgres:17-bookworm}"
if ! try_pull node:24-bookworm-slim || ! try_pull debian:bookworm-slim || ! try_pull "$POSTGRES_IMAGE"; then
  # No registry: Debian's PostgreSQL (15 on bookworm) under its own tag.
  image_exists "$POSTGRES_IMAGE" || export POSTGRES_IMAGE=dynamo-base/postgres:15
  step "no container registry answers: base images from Debian's packages and the npm registry"
  deploy/test/base-images.sh
fi
step "base images ready: node:24-bookworm-slim, debian:bookworm-slim, $POSTGRES_IMAGE"

# --- 3. The project's image ---
work="$(mktemp -d /tmp/dynamo-deploy-test.XXXXXX)"
chmod 755 "$work"
image="dynamo-node:ci-$$"
network="dynamo-ci-$$"
export DYNAMO_IMAGE="$image"
ca_bundle="$work/extra-ca.pem"
cat /usr/local/share/ca-certificates/*.crt >"$ca_bundle" 2>/dev/null || true
ca_args=()
[ -s "$ca_bundle" ] && ca_args=(--secret "id=extra_ca,src=$ca_bundle")

declare -a projects=()
cleanup() {
  local code=$?
  set +e
  if [ "$code" -ne 0 ]; then
    for entry in "${projects[@]}"; do
      echo "--- the last lines of $entry's node log ---" >&2
      compose_cmd "$entry" logs --no-color --tail 30 node >&2
    done
  fi
  if [ "$code" -ne 0 ] && [ "${DEPLOY_TEST_KEEP:-}" = 1 ]; then
    echo "deploy test: DEPLOY_TEST_KEEP=1: the containers, network and $work are kept for a look" >&2
    exit "$code"
  fi
  for entry in "${projects[@]}"; do compose_cmd "$entry" down --volumes --timeout 20 >/dev/null 2>&1; done
  "$docker" network rm "$network" >/dev/null 2>&1
  "$docker" image rm "$image" >/dev/null 2>&1
  rm -rf "$work" "$root/deploy/test/.run-$$"
  if [ -n "$started_dockerd" ]; then kill "$started_dockerd"; wait "$started_dockerd" 2>/dev/null; fi
  if [ "$code" -ne 0 ]; then echo "deploy test: FAILED after $((SECONDS - started)) s" >&2; fi
  exit "$code"
}
trap cleanup EXIT

step "building $image"
"$docker" build -q "${ca_args[@]}" -f deploy/Dockerfile -t "$image" . >/dev/null
size=$("$docker" image inspect -f '{{.Size}}' "$image")
step "image built: $((size / 1000000)) MB"
[ "$size" -le 250000000 ] || { echo "deploy test: the image is $((size / 1000000)) MB, more than 250 MB" >&2; exit 1; }
listing="$("$docker" run --rm --entrypoint /bin/sh "$image" -c 'ls /app/node_modules /app/node_modules/@*')"
if grep -qE '^(tsx|typescript|vitest|esbuild|@biomejs|drizzle-kit|smtp-server)$' <<<"$listing"; then
  echo "deploy test: the image holds development tooling: $listing" >&2
  exit 1
fi
if [ -s "$ca_bundle" ]; then
  # A line from the middle of each certificate authority given to the build: in no file of the image.
  container=$("$docker" create "$image")
  found=0
  while read -r line; do
    if "$docker" export "$container" | grep -aqF -- "$line"; then found=1; fi
  done < <(awk '/BEGIN CERT/{n=0} {n++} n==5' "$ca_bundle")
  "$docker" rm "$container" >/dev/null
  [ "$found" -eq 0 ] || { echo "deploy test: a build-time certificate authority is in the image" >&2; exit 1; }
  step "the build-time certificate authorities are not in the image"
fi

# --- 4. A region with PostgreSQL and the hub, each from its compose file ---
# The nodes refuse private peer addresses in production: their bridge network uses a range no
# refusal list holds. Its traffic stays on this machine's bridge.
"$docker" network create --subnet "${DEPLOY_TEST_SUBNET:-11.73.0.0/24}" "$network" >/dev/null
mkdir -p "$root/deploy/test/.run-$$"

# compose_cmd <file>|<project>|<alias>|<dir> args…: Compose v2 takes the file as it is; Debian's
# docker-compose 1.29 does not know the top-level name:, so it gets a copy without it and -p.
compose_cmd() {
  local file project alias dir
  IFS='|' read -r file project alias dir <<<"$1"
  shift
  export ENV_FILE="$dir/node.env" SECRETS_DIR="$dir/secrets"
  if [ -n "$compose_v2" ]; then
    "$docker" compose -p "$project" -f "deploy/$file" -f "$dir/network.yaml" "$@"
  else
    sed '/^name:/d' "deploy/$file" >"$root/deploy/test/.run-$$/$file"
    docker-compose -p "$project" -f "$root/deploy/test/.run-$$/$file" -f "$dir/network.yaml" "$@"
  fi
}

prepare_stack() { # file kind host: its secrets, settings and network in $work/<kind>; sets $entry
  local file=$1 kind=$2 host=$3
  local name dir="$work/$kind"
  name=$(sed -n 's/^name: *//p' "deploy/$file")
  [ -n "$name" ] || { echo "deploy test: deploy/$file has no project name" >&2; exit 1; }
  mkdir -p "$dir/secrets"
  openssl rand -base64 48 >"$dir/secrets/node_secret"
  # A password as openssl makes them, with "/" and "+" forced in: no URL-encoding anywhere.
  printf 'a/b+c=%s\n' "$(openssl rand -base64 24)" >"$dir/secrets/db_password"
  chmod 444 "$dir/secrets/"*
  cat >"$dir/node.env" <<ENV
NODE_ENV=production
PUBLIC_URL=http://$host:3000
LOG_LEVEL=info
TRUST_PROXY=false
ENV
  cat >"$dir/network.yaml" <<YAML
services:
  node:
    networks:
      default: {}
      fabric: { aliases: ["$host"] }
networks:
  fabric: { external: true, name: "$network" }
YAML
  entry="$file|$name-ci-$$|$host|$dir"
}

up() { # entry port
  if ! NODE_PORT="$2" compose_cmd "$1" up -d --no-build >"$work/up.log" 2>&1; then
    cat "$work/up.log" >&2
    exit 1
  fi
}

wait_healthy() { # kind entry port since: until Docker itself calls the node container healthy
  local kind=$1 entry=$2 port=$3 since=$4 container status="" node_started healthy_at
  container=$(compose_cmd "$entry" ps -q node)
  for _ in $(seq 600); do
    status=$("$docker" inspect -f '{{.State.Health.Status}}' "$container" 2>/dev/null) || true
    if [ "$status" = healthy ]; then
      healthy_at=$(date +%s.%N)
      curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || { echo "deploy test: the $kind is healthy but port $port does not answer" >&2; return 1; }
      node_started=$(date -d "$("$docker" inspect -f '{{.State.StartedAt}}' "$container")" +%s.%N)
      step "$kind healthy $(awk "BEGIN{printf \"%.1f\", $healthy_at - $node_started}") s after its node container started ($(awk "BEGIN{printf \"%.1f\", $healthy_at - $since}") s after compose up)"
      return 0
    fi
    sleep 0.1
  done
  echo "deploy test: the $kind is not healthy ($status) on port $port" >&2
  return 1
}

node_logs() { compose_cmd "$1" logs --no-color node 2>&1; }

region_port="${DEPLOY_TEST_REGION_PORT:-39301}"
hub_port="${DEPLOY_TEST_HUB_PORT:-39302}"
small_port="${DEPLOY_TEST_SMALL_PORT:-39303}"
region_host=africa.dynamo.test
hub_host=hub.dynamo.test
step "bringing up the region (compose.region.yaml), the hub (compose.hub.yaml) and a small region (compose.small-region.yaml)"
prepare_stack compose.region.yaml region "$region_host"
region=$entry
prepare_stack compose.hub.yaml hub "$hub_host"
hub=$entry
prepare_stack compose.small-region.yaml small small.dynamo.test
small=$entry
projects=("$region" "$hub" "$small")
t0=$(date +%s.%N)
up "$region" "$region_port"
up "$hub" "$hub_port"
up "$small" "$small_port"
wait_healthy region "$region" "$region_port" "$t0"
wait_healthy hub "$hub" "$hub_port" "$t0"
wait_healthy "small region (embedded database)" "$small" "$small_port" "$t0"
for entry in "$region" "$hub" "$small"; do
  container=$(compose_cmd "$entry" ps -q node)
  [ "$("$docker" inspect -f '{{.HostConfig.ReadonlyRootfs}} {{.Config.User}}' "$container")" = "true 1000:1000" ] ||
    { echo "deploy test: $entry: the node does not run read-only as uid 1000" >&2; exit 1; }
done

# --- 5. First run, peering, a signed vote ---
setup_link() { # entry: the link the node logged (a JSON line at info)
  local entry=$1 link=""
  for _ in $(seq 100); do
    link=$(node_logs "$entry" | grep -o '"link":"[^"]*"' | head -1 | sed 's/"link":"//; s/"$//') || true
    [ -n "$link" ] && break
    sleep 0.2
  done
  [ -n "$link" ] || { node_logs "$entry" | tail -20; echo "deploy test: no setup link in the log" >&2; exit 1; }
  node_logs "$entry" | grep -F "$link" | grep -q '"level":"INFO"' || { echo "deploy test: the setup link is not logged at info" >&2; exit 1; }
  echo "$link"
}
export REGION_PORT="$region_port" HUB_PORT="$hub_port" REGION_HOST="$region_host" HUB_HOST="$hub_host" STATE="$work/state.json"
REGION_SETUP=$(setup_link "$region") HUB_SETUP=$(setup_link "$hub") node deploy/test/scenario.mjs setup
node deploy/test/scenario.mjs network
# The small region on its embedded database: its setup through the form, as a browser posts it.
small_token=$(setup_link "$small" | sed 's/.*token=//')
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: small.dynamo.test:3000' \
  --data-urlencode "token=$small_token" --data-urlencode regionCode=AS --data-urlencode host=small.dynamo.test \
  --data-urlencode email=admin@small.dynamo.test --data-urlencode 'password=a long street-work passphrase for CI' \
  "http://127.0.0.1:$small_port/setup")
[ "$status" = 201 ] || { echo "deploy test: the small region's setup answered $status" >&2; exit 1; }
step "the small region (PGlite on its volume, read-only root) is set up"

# --- 6. Down and up again: the data stays ---
step "taking both stacks down (keeping their volumes) and up again"
for entry in "$region" "$hub" "$small"; do compose_cmd "$entry" down --timeout 20 >/dev/null 2>&1; done
t1=$(date +%s.%N)
up "$region" "$region_port"
up "$hub" "$hub_port"
up "$small" "$small_port"
wait_healthy region "$region" "$region_port" "$t1"
wait_healthy hub "$hub" "$hub_port" "$t1"
wait_healthy "small region" "$small" "$small_port" "$t1"
node deploy/test/scenario.mjs after-restart
for entry in "$region" "$hub" "$small"; do
  if node_logs "$entry" | grep -q '"link":'; then echo "deploy test: $entry: a set-up node logged a setup link again" >&2; exit 1; fi
done
curl -sf -o /dev/null -H 'Host: small.dynamo.test:3000' -H 'content-type: application/json' \
  -d '{"email":"admin@small.dynamo.test","password":"a long street-work passphrase for CI"}' "http://127.0.0.1:$small_port/api/session" ||
  { echo "deploy test: the small region lost its administrator" >&2; exit 1; }

# --- 7. Clean up (the trap) ---
step "stopping and removing everything it made"
trap - EXIT
cleanup_status=0
for entry in "${projects[@]}"; do compose_cmd "$entry" down --volumes --timeout 20 >/dev/null 2>&1 || cleanup_status=1; done
"$docker" network rm "$network" >/dev/null || cleanup_status=1
"$docker" image rm "$image" >/dev/null || cleanup_status=1
rm -rf "$work" "$root/deploy/test/.run-$$"
for entry in "${projects[@]}"; do
  IFS='|' read -r _ project _ _ <<<"$entry"
  left=$("$docker" ps -aq --filter "label=com.docker.compose.project=$project"; "$docker" volume ls -q --filter "label=com.docker.compose.project=$project")
  [ -z "$left" ] || { echo "deploy test: $project left containers or volumes: $left" >&2; cleanup_status=1; }
done
if [ -n "$started_dockerd" ]; then kill "$started_dockerd"; wait "$started_dockerd" 2>/dev/null || true; fi
[ "$cleanup_status" -eq 0 ] || { echo "deploy test: could not remove everything" >&2; exit 1; }
echo "deploy test: passed in $((SECONDS - started)) s"
