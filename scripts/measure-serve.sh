#!/usr/bin/env bash
# What `serve` costs at 5,000 groups, measured on this machine: the simulator runs in its own process
# (`workspace-tray simulate --scenario large-fleet`), serve polls it every INTERVAL seconds, and a curl loop
# scrapes like Prometheus every SCRAPE seconds. CPU and memory come from serve's own process_* metrics.
# Usage: scripts/measure-serve.sh [GROUP_METRICS=all] [DURATION=120] [INTERVAL=15] [SCRAPE=15]
set -euo pipefail
cd "$(dirname "$0")/.."
GROUP_METRICS="${1:-all}"; DURATION="${2:-120}"; INTERVAL="${3:-15}"; SCRAPE="${4:-15}"
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
node bin/workspace-tray.js simulate --scenario large-fleet >"$work/sim" 2>&1 &
until grep -q 'token:' "$work/sim"; do sleep 0.2; done
url="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/sim")"
project="$(sed -n 's/.*project id: *//p' "$work/sim")"
token="$(sed -n 's/.*token: *//p' "$work/sim")"
WORKSPACE_TRAY_CONFIG_DIR="$work/config" WORKSPACE_TRAY_TOKEN="$token" node bin/workspace-tray.js serve \
  --endpoint "$url" --project-id "$project" --interval "$INTERVAL" --listen 127.0.0.1:0 --group-metrics "$GROUP_METRICS" 2>"$work/serve" &
until grep -q 'listening on' "$work/serve"; do sleep 0.2; done
metrics="$(sed -n 's/.*(metrics at \(http[^)]*\)).*/\1/p' "$work/serve")"
value() { grep -E "^$1 " "$work/last" | awk '{print $2}'; }
scrape() { curl -s -o "$work/last" -w '%{time_total} %{size_download}\n' "$metrics"; }
sleep 2; scrape >/dev/null
cpu0="$(value process_cpu_seconds_total)"
polls0="$(grep -E '^workspace_tray_poll_duration_seconds_count' "$work/last" | awk '{s+=$2} END {print s+0}')"
scrapes=0; times=()
end=$(( $(date +%s) + DURATION ))
while [ "$(date +%s)" -lt "$end" ]; do times+=("$(scrape)"); scrapes=$((scrapes + 1)); sleep "$SCRAPE"; done
scrape >/dev/null
cpu1="$(value process_cpu_seconds_total)"
polls1="$(grep -E '^workspace_tray_poll_duration_seconds_count' "$work/last" | awk '{s+=$2} END {print s+0}')"
rss="$(value process_resident_memory_bytes)"; heap="$(value nodejs_heap_size_used_bytes)"
series="$(grep -c '^huaweicloud_workspace_desktops{' "$work/last" || true)"
printf 'group metrics %s, %ss, poll every %ss, scrape every %ss\n' "$GROUP_METRICS" "$DURATION" "$INTERVAL" "$SCRAPE"
printf 'polls %s, scrapes %s, per-group series %s\n' "$((polls1 - polls0))" "$((scrapes + 1))" "$series"
awk -v a="$cpu0" -v b="$cpu1" -v d="$DURATION" 'BEGIN { printf "CPU %.2f s in %d s = %.2f %% of one core\n", b - a, d, 100 * (b - a) / d }'
printf 'scrape time (s) and size (bytes): %s\n' "$(printf '%s; ' "${times[@]:0:4}")"
awk -v r="$rss" -v h="$heap" 'BEGIN { printf "RSS %.0f MiB, JS heap used %.0f MiB\n", r / 1048576, h / 1048576 }'
