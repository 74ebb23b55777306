#!/usr/bin/env bash
# Makes the upgrade test's fixture of a release: runs tests/upgrade/make-fixture.ts inside that
# release's own source tree (git archive of the tag or commit, its own locked dependencies) against
# a scratch PostgreSQL database, and writes tests/upgrade/fixtures/<version>/.
#   tests/upgrade/make-fixture.sh <tag-or-commit> <version>
# e.g. tests/upgrade/make-fixture.sh 2879ca3 0.1.0
# Needs TEST_DATABASE_URL (a PostgreSQL server where it may create databases) and pg_dump.
set -euo pipefail
ref="${1:?usage: make-fixture.sh <tag-or-commit> <version>}"
version="${2:?usage: make-fixture.sh <tag-or-commit> <version>}"
: "${TEST_DATABASE_URL:?set TEST_DATABASE_URL to a PostgreSQL server the fixture may create databases on}"
repo="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
commit="$(git -C "$repo" rev-parse --verify "$ref^{commit}")"
out="$repo/tests/upgrade/fixtures/$version"
tree="$(mktemp -d "${TMPDIR:-/tmp}/dynamo-release-$version-XXXXXX")"
trap 'rm -rf "$tree"' EXIT

git -C "$repo" archive "$commit" | tar -x -C "$tree"
mkdir -p "$tree/tests/upgrade"
cp "$repo"/tests/upgrade/make-fixture*.ts "$tree/tests/upgrade/"
# Node and pnpm as this checkout has them; the release's dependencies from its own lockfile.
source "$repo/scripts/bootstrap.sh"
cd "$tree"
pnpm install --frozen-lockfile --prefer-offline --reporter=silent
rm -rf "$out"
TEST_DB_DRIVER=postgres pnpm exec tsx tests/upgrade/make-fixture.ts "$out" "$version" "$commit"
ls -l "$out"
