#!/usr/bin/env bash
# Load test of a running `embedrec serve` with wrk (Debian package `wrk`): recommendations for random
# users with 1 request in 100 malformed, then the server's own CPU time per request, read from
# /proc, which stays meaningful when the machine is shared with other work.
#   usage: embedrec-server/bench/run.sh SERVER_PID [URL] [DURATION] [CONNECTIONS]
set -euo pipefail
pid=$1
url=${2:-http://127.0.0.1:8080}
duration=${3:-30s}
connections=${4:-16}
here=$(cd "$(dirname "$0")" && pwd)
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

echo "warm-up: 10 s"
wrk -t1 -c8 -d10s -s "$here/recommendations.lua" "$url" >/dev/null
echo "uptime before: $(uptime)"
before=$(cpu)
out=$(wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/recommendations.lua" "$url")
after=$(cpu)
echo "$out"
echo "uptime after: $(uptime)"
requests=$(echo "$out" | awk '/requests in/ {print $1}')
awk -v b="$before" -v a="$after" -v t="$ticks" -v n="$requests" 'BEGIN {
  cpu = (a - b) / t
  printf "server CPU: %.1f s for %d requests = %.0f us per request (%.0f requests/s per fully available core)\n",
    cpu, n, cpu / n * 1e6, n / cpu }'
