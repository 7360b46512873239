#!/usr/bin/env bash
# Swap under load (issue 17): serve a model, send about RATE valid recommendation requests/s with wrk
# for DURATION, and meanwhile swap the served model SWAPS times: each swap replaces the served file
# (copy to a temporary file in its folder, then an atomic rename), alternating between MODEL_A and
# MODEL_B, and asks the server to load it with POST /admin/reload. Reports every reload's status and
# generation, the non-2xx count and latency percentiles from wrk, and the load average around the run.
# Acceptance: no non-2xx answer, p99 < 50 ms.
#   usage: embedrec-server/bench/swap-under-load.sh MODEL_A MODEL_B DATA [PORT] [RATE] [DURATION_S] [SWAPS]
#   e.g.:  bin/embedrec train --data ../shared/data/ml-latest-small --out /tmp/a.safetensors --no-progress
#          bin/embedrec train --data ../shared/data/ml-latest-small --out /tmp/b.safetensors --no-progress --seed 7
#          embedrec-server/bench/swap-under-load.sh /tmp/a.safetensors /tmp/b.safetensors ../shared/data/ml-latest-small
set -euo pipefail
model_a=$1
model_b=$2
data=$3
port=${4:-18090}
rate=${5:-1000}
duration=${6:-30}
swaps=${7:-10}
connections=32
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
served="$work/served.safetensors"
key=swap-bench-key
url="http://127.0.0.1:$port"
cp "$model_a" "$served"

"$root/bin/embedrec" serve --model "$served" --data "$data" --port "$port" --api-key "$key" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fs "$url/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$url/health" >/dev/null || { echo "the server did not start:"; cat "$work/server.log"; exit 1; }

echo "warm-up: 10 s"
RATE=$rate CONNECTIONS=$connections API_KEY=$key wrk -t2 -c$connections -d10s -s "$here/swap-load.lua" "$url" >/dev/null
echo "load average before: $(cat /proc/loadavg)"
RATE=$rate CONNECTIONS=$connections API_KEY=$key wrk -t2 -c$connections -d"${duration}s" --latency \
  -s "$here/swap-load.lua" "$url" >"$work/wrk.out" &
load=$!
interval=$(awk -v d="$duration" -v n="$swaps" 'BEGIN { printf "%.2f", d / (n + 1) }')
failed=0
for i in $(seq 1 "$swaps"); do
  sleep "$interval"
  if [ $((i % 2)) -eq 1 ]; then next=$model_b; else next=$model_a; fi
  cp "$next" "$work/.incoming" && mv -f "$work/.incoming" "$served"
  reply=$(curl -s -o "$work/reload.json" -w '%{http_code} %{time_total}' -X POST -H "Authorization: Bearer $key" \
    "$url/admin/reload")
  generation=$(grep -o '"generation":[0-9]*' "$work/reload.json" || true)
  echo "swap $i to $(basename "$next"): HTTP ${reply% *} in ${reply#* } s, $generation"
  [ "${reply% *}" = 200 ] || failed=$((failed + 1))
done
wait $load
echo "load average after: $(cat /proc/loadavg)"
cat "$work/wrk.out"
echo "reloads refused: $failed of $swaps"
