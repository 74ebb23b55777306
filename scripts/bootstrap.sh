# Sourced by ./dev and .ci/run: makes sure Node >= 22 and the pinned pnpm are first on PATH,
# installing them from the npm registry into the git-ignored .tools/ folder when the machine
# has an older Node. The system's own node is never replaced.
# shellcheck shell=bash
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
node_major_wanted=24
pnpm_version="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$root/package.json")"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$tools/node/node_modules/.bin/node" ]; then
  export PATH="$tools/node/node_modules/.bin:$PATH"
fi
if [ "$(node_major)" -lt 22 ]; then
  echo "dynamo: Node $(node --version 2>/dev/null || echo none) is too old; installing Node $node_major_wanted into .tools/node" >&2
  npm install --prefix "$tools/node" --no-save --no-audit --no-fund --loglevel=error "node@$node_major_wanted" >&2
  export PATH="$tools/node/node_modules/.bin:$PATH"
fi
if [ "$(node_major)" -lt 22 ]; then
  echo "dynamo: could not get Node >= 22 on PATH" >&2
  exit 1
fi

if [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  if [ ! -x "$tools/pnpm/node_modules/.bin/pnpm" ] || [ "$("$tools/pnpm/node_modules/.bin/pnpm" --version)" != "$pnpm_version" ]; then
    echo "dynamo: installing pnpm $pnpm_version into .tools/pnpm" >&2
    npm install --prefix "$tools/pnpm" --no-save --no-audit --no-fund --loglevel=error "pnpm@$pnpm_version" >&2
  fi
  export PATH="$tools/pnpm/node_modules/.bin:$PATH"
fi
