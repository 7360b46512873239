#!/usr/bin/env bash
# Ingest while serving (issue 17's throughput target: >= 5,000 interactions/s stored durably while
# recommendations are served at >= 2,500 requests/s, on 2 cores). Against a running
# `embedrec serve --store DIR` on the ml-latest-small model, two wrk processes at once for DURATION
# seconds: one posts interaction batches (interactions.lua), paced at RATE batches/s, the other asks
# for recommendations of random users as fast as it can (recommendations.lua, no malformed requests).
# The interactions stored durably are read from the server's own counter
# (embedrec_ingest_interactions_total on /metrics: it counts a batch once its append returned, i.e.
# after the fsync), before and after; the server's CPU time from /proc.
#   usage: embedrec-server/bench/ingest-while-serving.sh SERVER_PID [URL] [DURATION_SECONDS]
#   environment: RATE (batches/s, default 60; 0 = unpaced), BATCH (interactions per batch, 100),
#     INGEST_CONNECTIONS (4), READ_CONNECTIONS (16), USER_PREFIX and USERS (who the interactions are
#     for, see interactions.lua), API_KEY (if the server has one)
set -euo pipefail
pid=$1
url=${2:-http://127.0.0.1:8080}
seconds=${3:-30}
export RATE=${RATE:-60} BATCH=${BATCH:-100} CONNECTIONS=${INGEST_CONNECTIONS:-4} RUN=${RUN:-run$(date +%s)}
read_connections=${READ_CONNECTIONS:-16}
here=$(cd "$(dirname "$0")" && pwd)
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
auth=()
if [ -n "${API_KEY:-}" ]; then
  auth=(-H "Authorization: Bearer $API_KEY")
fi
stored() {
  curl -sf "${auth[@]}" "$url/metrics" | awk '$1 == "embedrec_ingest_interactions_total" {printf "%d", $2}'
}

echo "warm-up: 10 s of both"
RUN="$RUN-warm" wrk -t1 -c2 -d10s -s "$here/interactions.lua" "$url" >/dev/null &
MALFORMED_EVERY=1000000000 wrk -t1 -c8 -d10s -s "$here/recommendations.lua" "$url" >/dev/null
wait
echo "load before: $(cat /proc/loadavg)"
before_stored=$(stored)
before_cpu=$(cpu)
start=$(date +%s.%N)
wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$here/interactions.lua" "$url" >"/tmp/ingest-while-serving.$$" &
ingest=$!
reads=$(MALFORMED_EVERY=1000000000 wrk -t1 -c"$read_connections" -d"${seconds}s" --latency -s "$here/recommendations.lua" "$url")
wait "$ingest"
end=$(date +%s.%N)
after_cpu=$(cpu)
after_stored=$(stored)
echo "load after: $(cat /proc/loadavg)"
echo "--- ingest (RATE=$RATE batches/s, BATCH=$BATCH, $CONNECTIONS connections)"
cat "/tmp/ingest-while-serving.$$"
rm -f "/tmp/ingest-while-serving.$$"
echo "--- recommendations ($read_connections connections)"
echo "$reads"
requests=$(echo "$reads" | awk '/requests in/ {print $1}')
awk -v s0="$before_stored" -v s1="$after_stored" -v t0="$start" -v t1="$end" -v d="$seconds" -v n="$requests" \
  -v b="$before_cpu" -v a="$after_cpu" -v ticks="$ticks" 'BEGIN {
  printf "=== stored durably: %d interactions in %.1f s wall = %.0f interactions/s (server counter)\n", s1 - s0, t1 - t0,
    (s1 - s0) / (t1 - t0)
  printf "=== recommendations: %d in %d s = %.0f requests/s\n", n, d, n / d
  printf "=== server CPU: %.1f s of %.1f s wall (%.2f cores)\n", (a - b) / ticks, t1 - t0, (a - b) / ticks / (t1 - t0) }'
