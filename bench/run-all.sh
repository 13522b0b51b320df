#!/usr/bin/env bash
# The full run recorded in docs/BENCHMARKS.md: every scenario with its defaults (chaos three times).
# Usage: bench/run-all.sh [output-folder]   (default: /tmp/fbamesh-bench/<UTC time>)
# Each scenario's table goes to <name>.txt and its figures to <name>.json; `uptime` is noted before each.
set -uo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/fbamesh-bench/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
dotnet build bench -c Release -v quiet -nologo || exit 1

status=0
run() {
  local name="$1"; shift
  echo "== $name: $*" | tee "$out/$name.txt"
  echo "uptime before: $(uptime)" | tee -a "$out/$name.txt"
  dotnet run -c Release --no-build --project bench -- "$@" --json "$out/$name.json" >>"$out/$name.txt" 2>&1 || status=1
  echo "uptime after: $(uptime)" >>"$out/$name.txt"
  tail -n 40 "$out/$name.txt"
}

run ingest ingest
run drain drain
run latency latency
run footprint footprint
run chaos chaos --runs 3
echo "results in $out"
exit $status
