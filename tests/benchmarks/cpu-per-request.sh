#!/bin/bash
# CPU a running site spends per request of one URL: the process's user+sys time (from /proc) over a wrk run at one
# kept-alive connection, divided by the requests wrk made. Less sensitive to a loaded machine than latency; used
# for the profiles in docs/performance/cold-pages.md. Usage: cpu-per-request.sh PID URL [SECONDS]
set -euo pipefail
pid=$1; url=$2; seconds=${3:-5}
tck=$(getconf CLK_TCK)
before=$(awk '{print $14+$15}' "/proc/$pid/stat")
out=$(wrk -t1 -c1 -d"${seconds}s" "$url" 2>&1)
after=$(awk '{print $14+$15}' "/proc/$pid/stat")
requests=$(grep -oE "^ +[0-9]+ requests" <<<"$out" | grep -oE "[0-9]+")
echo "$url: $requests requests, $(( (after - before) * 1000000 / tck / requests )) us CPU/request"
