#!/usr/bin/env bash
# The benchmark of issue 3, in one command: builds Release, generates (or reuses) a synthetic archive of
# BENCH_CLAIMS claims, and measures with wrk, on 127.0.0.1 only:
#   - server latency (p50/p95/p99) at one connection for the claim, topic, claimant and search pages;
#   - throughput at 32 connections for the claim page uncached, through the output cache, and as the same
#     bytes served by nginx from a static file (the ceiling for serving that page);
#   - errors under load and the server's peak resident memory (VmHWM).
# Ends with a markdown table (also written to $BENCH_CACHE_DIR/results-*.md). See docs/benchmarks.md.
#
# Knobs (environment): BENCH_CLAIMS (100000), BENCH_SEED (42), BENCH_CACHE_DIR (~/.cache/factcheck-bench),
# BENCH_LATENCY_SECONDS (10), BENCH_LOAD_SECONDS (15), BENCH_GC_SERVER (unset: the project's default).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
script_dir="$repo_root/tests/benchmarks"
claims="${BENCH_CLAIMS:-100000}"
seed="${BENCH_SEED:-42}"
cache_dir="${BENCH_CACHE_DIR:-$HOME/.cache/factcheck-bench}"
latency_seconds="${BENCH_LATENCY_SECONDS:-10}"
load_seconds="${BENCH_LOAD_SECONDS:-15}"

bench_name=run-benchmarks
# shellcheck source=bench-lib.sh
source "$script_dir/bench-lib.sh"
if [[ -n "${BENCH_GC_SERVER:-}" ]]; then
    export DOTNET_gcServer="$BENCH_GC_SERVER"
fi

# --- tools: Debian's wrk and nginx, installed where missing -------------------------------------------------
bench_install_missing wrk:wrk /usr/sbin/nginx:nginx curl:curl
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

bench_start factcheck-bench

# --- build and generate ------------------------------------------------------------------------------------
bench_build
bench_archive "$claims" "$seed" "$cache_dir"

# --- the site ----------------------------------------------------------------------------------------------
# Production, request logging at Warning (Serilog's per-request Information line would otherwise be written
# to the console for every one of tens of thousands of requests and measure the terminal, not the site).
app_pid=""
app_url=""
start_app() {
    local cache_enabled="$1" port
    port="$(free_port)"
    app_url="http://127.0.0.1:$port"
    (cd "$publish_dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$app_url" \
        dotnet FactCheck.Web.dll \
        --ConnectionStrings:FactCheck="Data Source=$db" \
        --Seeds:ImportOnEmptyDatabase=false \
        --OutputCache:Enabled="$cache_enabled" \
        --Serilog:MinimumLevel:Default=Warning \
        --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning \
        >"$work_dir/app-$cache_enabled.log" 2>&1) &
    app_pid=$!
    started_pids+=("$app_pid")
    # Ready when a claim page answers (the cheapest page that touches the database).
    wait_for "$app_url$TYPICAL_CLAIM_PATH" 120
}

stop_app() {
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
}

declare -A rows=()
declare -a order=()
record() { rows["$1"]="$2"; order+=("$1"); }

# Pages measured; search terms come from the generator's fixed vocabulary (GenerationVocabulary):
# "smuggling" rank 24,000 (rare), "government" rank 25 (common), "negotiat*" (prefix of three placed words),
# and the phrase "security forces" (one of the phrases dropped into about one sentence in five).
claim_path="$TYPICAL_CLAIM_PATH"
declare -a latency_pages=(
    "Claim page (typical: 5 evidence, 2 appearances, 2 verdicts)|$claim_path"
    "Topic page: taliban-amnesty-pledges (seed topic)|/topics/taliban-amnesty-pledges"
    "Topic page: largest synthetic topic ($LARGEST_TOPIC_CLAIMS claims)|$LARGEST_TOPIC_PATH"
    "Claimant page: largest synthetic claimant ($LARGEST_CLAIMANT_CLAIMS claims)|$LARGEST_CLAIMANT_PATH"
    "Search, rare term: smuggling|/search?q=smuggling"
    "Search, common term: government|/search?q=government"
    "Search, prefix: negotiat*|/search?q=negotiat%2A"
    "Search, phrase: \"security forces\"|/search?q=%22security+forces%22"
)

# --- 1. uncached instance: latency at one connection, then throughput at 32 ---------------------------------
log "starting the site with the output cache off"
start_app false
for entry in "${latency_pages[@]}"; do
    check_ok "$app_url${entry#*|}"
done
# The home page lists every topic with its claims: timed once, as a single request, rather than under wrk.
home_timing="$(curl -s --max-time 120 -o "$work_dir/home.html" -w '%{http_code} %{time_total} %{size_download}' "$app_url/" || echo "timeout 120 0")"
log "home page: status, seconds, bytes = $home_timing"
log "warming up"
for entry in "${latency_pages[@]}"; do
    wrk -t1 -c2 -d3s "$app_url${entry#*|}" >/dev/null 2>&1
done
for entry in "${latency_pages[@]}"; do
    label="${entry%%|*}"
    log "latency: $label"
    record "latency|$label" "$(measure 1 1 "$latency_seconds" "$app_url${entry#*|}")"
done
log "throughput: claim page, uncached"
record "load|ASP.NET Core, uncached" "$(measure 2 32 "$load_seconds" "$app_url$claim_path")"
curl -s "$app_url$claim_path" >"$work_dir/claim.html"
uncached_rss="$(peak_rss_mb "$app_pid")"
stop_app

# --- 2. cached instance: the same page through the output cache ---------------------------------------------
log "starting the site with the output cache on"
start_app true
wrk -t1 -c2 -d3s "$app_url$claim_path" >/dev/null 2>&1
record "latency|Claim page through the output cache" "$(measure 1 1 "$latency_seconds" "$app_url$claim_path")"
log "throughput: claim page, through the output cache"
record "load|ASP.NET Core, output cache" "$(measure 2 32 "$load_seconds" "$app_url$claim_path")"
cached_rss="$(peak_rss_mb "$app_pid")"
stop_app

# --- 3. nginx serving the same bytes as a static file --------------------------------------------------------
nginx_dir="$work_dir/nginx"
mkdir -p "$nginx_dir/html" "$nginx_dir/logs" "$nginx_dir/tmp"
cp "$work_dir/claim.html" "$nginx_dir/html/claim.html"
chmod -R a+rX "$work_dir"
nginx_port="$(free_port)"
cat >"$nginx_dir/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $nginx_dir/tmp/body;
    proxy_temp_path $nginx_dir/tmp/proxy;
    fastcgi_temp_path $nginx_dir/tmp/fastcgi;
    uwsgi_temp_path $nginx_dir/tmp/uwsgi;
    scgi_temp_path $nginx_dir/tmp/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        root $nginx_dir/html;
        location = /claim.html { default_type "text/html; charset=utf-8"; }
    }
}
EOF
"$nginx_bin" -p "$nginx_dir" -c "$nginx_dir/nginx.conf" &
started_pids+=("$!")
nginx_pid=$!
wait_for "http://127.0.0.1:$nginx_port/claim.html" 20
log "throughput: nginx, static copy of the claim page"
wrk -t1 -c2 -d3s "http://127.0.0.1:$nginx_port/claim.html" >/dev/null 2>&1
record "load|nginx, static file (same bytes)" "$(measure 2 32 "$load_seconds" "http://127.0.0.1:$nginx_port/claim.html")"
kill "$nginx_pid" 2>/dev/null || true
wait "$nginx_pid" 2>/dev/null || true

# --- report ------------------------------------------------------------------------------------------------
field() { cut -d' ' -f"$2" <<<"${rows[$1]}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = (dir == "min" ? v >= t : v < t); print (ok ? "met" : "MISSED") }'; }

report="$work_dir/report.md"
{
    echo "### Server latency, one connection, ${latency_seconds} s each (output cache off unless stated)"
    echo
    echo "| Page | p50 ms | p95 ms | p99 ms | req/s | non-2xx | socket errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for key in "${order[@]}"; do
        [[ "$key" == latency\|* ]] || continue
        echo "| ${key#latency|} | $(field "$key" 1) | $(field "$key" 2) | $(field "$key" 3) | $(field "$key" 4) | $(field "$key" 5) | $(field "$key" 6) |"
    done
    echo
    echo "### Claim page throughput, wrk -t2 -c32 -d${load_seconds}s"
    echo
    echo "| Server | req/s | p50 ms | p99 ms | non-2xx | socket errors |"
    echo "|---|---:|---:|---:|---:|---:|"
    for key in "${order[@]}"; do
        [[ "$key" == load\|* ]] || continue
        echo "| ${key#load|} | $(field "$key" 4) | $(field "$key" 1) | $(field "$key" 3) | $(field "$key" 5) | $(field "$key" 6) |"
    done
    nginx_rps="$(field "load|nginx, static file (same bytes)" 4)"
    cached_ratio="$(ratio "$(field "load|ASP.NET Core, output cache" 4)" "$nginx_rps")"
    uncached_ratio="$(ratio "$(field "load|ASP.NET Core, uncached" 4)" "$nginx_rps")"
    worst_search_p99="$(for key in "${order[@]}"; do if [[ "$key" == latency\|Search* ]]; then field "$key" 3; fi; done | sort -g | tail -1)"
    load_errors=0
    for key in "${order[@]}"; do
        [[ "$key" == load\|* ]] || continue
        load_errors=$(( load_errors + $(field "$key" 5) + $(field "$key" 6) ))
    done
    peak_rss=$(( uncached_rss > cached_rss ? uncached_rss : cached_rss ))
    echo
    echo "### Against the targets"
    echo
    echo "| Target | Measured | |"
    echo "|---|---:|---|"
    echo "| Search p99 < 50 ms, every kind of query | worst $worst_search_p99 ms | $(verdict "$worst_search_p99" 50 max) |"
    echo "| Claim page through the cache >= 0.7 x nginx | $cached_ratio | $(verdict "$cached_ratio" 0.7 min) |"
    echo "| Claim page uncached >= 0.25 x nginx | $uncached_ratio | $(verdict "$uncached_ratio" 0.25 min) |"
    echo "| No errors under load | $load_errors | $(verdict "$load_errors" 1 max) |"
    echo "| Server peak RSS (VmHWM) < 500 MB | $peak_rss MB (uncached $uncached_rss, cached $cached_rss) | $(verdict "$peak_rss" 500 max) |"
    echo
    echo "Home page, one request with the output cache off: HTTP status, seconds, bytes = $home_timing."
    echo
    echo "Data: $GEN_CLAIMS claims, $GEN_EVIDENCE evidence items, $GEN_SOURCES sources (seed $GEN_SEED, database $(du -m "$db" | cut -f1) MB); claim page $(wc -c <"$work_dir/claim.html") bytes."
} >"$report"

results="$cache_dir/results-$(date -u +%Y%m%dT%H%M%SZ).md"
cp "$report" "$results"
cat "$report"
log "results saved in $results"
