#!/usr/bin/env bash
# Issue 10's scale benchmark, in one command: the 100,000-claim archive on PostgreSQL, two instances of the
# site behind nginx with the shipped docs/deployment/nginx.conf, measured with wrk on 127.0.0.1 only:
#   - server latency (p50/p95/p99) at one connection, direct to instance 1 with the output cache off: the claim
#     page, search (rare, common, prefix, phrase) and the largest topic page;
#   - claim-page throughput at 32 connections through nginx with two instances and with one, uncached and through
#     the output cache, in the same run (each twice, alternating), beside instance 1 direct;
#   - errors under load (non-2xx, socket errors), each instance's CPU seconds and peak memory, the load average.
# Ends with a markdown table, also written to $BENCH_CACHE_DIR/scale-results-*.md. See docs/benchmarks.md.
#
# The archive: the SQLite file of run-benchmarks.sh (generated once, cached), copied into PostgreSQL by the
# application's own `backup` and `restore` commands, which rebuild PostgreSQL's search rows. That restore inserts
# row by row (about half an hour at 100,000 claims on two busy cores), so its result is cached beside the SQLite
# file as a pg_dump and later runs load that with pg_restore; the application's `migrate` applies any migration
# added since. Then VACUUM ANALYZE. (bench_pg_start and bench_pg_load in bench-lib.sh, shared with
# run-benchmarks.sh.)
#
# Knobs (environment): BENCH_CLAIMS (100000), BENCH_SEED (42), BENCH_CACHE_DIR (~/.cache/factcheck-bench),
# BENCH_LATENCY_SECONDS (10), BENCH_LOAD_SECONDS (15).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
claims="${BENCH_CLAIMS:-100000}"
seed="${BENCH_SEED:-42}"
cache_dir="${BENCH_CACHE_DIR:-$HOME/.cache/factcheck-bench}"
latency_seconds="${BENCH_LATENCY_SECONDS:-10}"
load_seconds="${BENCH_LOAD_SECONDS:-15}"

bench_name=run-scale
# shellcheck source=bench-lib.sh
source "$repo_root/tests/benchmarks/bench-lib.sh"

# --- tools: Debian's wrk, nginx, curl and PostgreSQL 15, installed where missing -------------------------------
bench_install_missing wrk:wrk /usr/sbin/nginx:nginx curl:curl "/usr/lib/postgresql/15/bin/initdb:postgresql-15"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
shipped_conf="$repo_root/docs/deployment/nginx.conf"

bench_start factcheck-scale
# nginx's workers (user nobody) write proxy temp files under the prefix, so the folder must be traversable.
chmod 755 "$work_dir"
run_start=$(date +%s)
load_samples=()
sample_load() { load_samples+=("$(cut -d' ' -f1 /proc/loadavg)"); }
sample_load

# --- build and the SQLite archive --------------------------------------------------------------------------
bench_build
bench_archive "$claims" "$seed" "$cache_dir"

# --- PostgreSQL 15: a throwaway server in the work folder, loaded with the archive (bench-lib.sh) ---------------
bench_pg_start
bench_pg_load
load_note="$pg_load_note"
vacuum_seconds="$pg_vacuum_seconds"
cs="$pg_cs"

# --- two instances ---------------------------------------------------------------------------------------------
# Production, request logging at Warning (as run-benchmarks.sh: a console line per request would be measured too).
declare -a inst_pid=() inst_url=()
# Ports are chosen on the first start and kept on the next, where nginx's upstreams already point.
start_instances() {
    local cache_enabled="$1" n
    for n in 1 2; do
        if [[ -z "${inst_url[n]:-}" ]]; then
            inst_url[n]="http://127.0.0.1:$(free_port)"
        fi
        (cd "$publish_dir" && exec env ASPNETCORE_ENVIRONMENT=Production \
            Database__Provider=Postgres ConnectionStrings__FactCheck="$cs" ForwardedHeaders__KnownProxies=127.0.0.1 \
            dotnet FactCheck.Web.dll --urls "${inst_url[n]}" \
            --Seeds:ImportOnEmptyDatabase=false \
            --OutputCache:Enabled="$cache_enabled" \
            --Serilog:MinimumLevel:Default=Warning \
            --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning \
            >"$work_dir/instance$n-cache-$cache_enabled.log" 2>&1) &
        inst_pid[n]=$!
        started_pids+=("$!")
    done
    # Up to 600 s: bench_pg_load migrated the restored dump, but a start that finds a migration pending applies it.
    for n in 1 2; do
        wait_for "${inst_url[n]}$TYPICAL_CLAIM_PATH" 600
    done
}
stop_instances() {
    local n
    for n in 1 2; do
        kill "${inst_pid[n]}" 2>/dev/null || true
        wait "${inst_pid[n]}" 2>/dev/null || true
    done
}
cpu_seconds() { awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$1/stat"; }

# --- nginx: the shipped configuration, with only its server lines and listen changed ---------------------------
# Two of them side by side: "two" with both server lines, "one" with instance 2's deleted from both upstreams.
declare -A nginx_url=()
start_nginx() {
    local name="$1" prefix="$work_dir/nginx-$1" port changed expected
    port="$(free_port)"
    mkdir -p "$prefix/logs" "$prefix/temp"
    chmod -R 755 "$prefix"
    local edits=(-e "s/server 127\.0\.0\.1:5001;/server ${inst_url[1]#http://};/" -e "s/listen 8080;/listen 127.0.0.1:$port;/")
    if [[ "$name" == two ]]; then
        edits+=(-e "s/server 127\.0\.0\.1:5002;/server ${inst_url[2]#http://};/")
        expected=10
    else
        edits+=(-e "/server 127\.0\.0\.1:5002;/d")
        expected=8
    fi
    sed "${edits[@]}" "$shipped_conf" >"$prefix/nginx.conf"
    # Proof that what runs is the shipped file: the diff is the server lines and listen, nothing else.
    changed="$(diff "$shipped_conf" "$prefix/nginx.conf" | grep -c '^[<>]' || true)"
    if [[ "$changed" -ne "$expected" ]]; then
        log "nginx-$name.conf differs from $shipped_conf in $changed lines, not $expected"
        diff "$shipped_conf" "$prefix/nginx.conf" >&2 || true
        return 1
    fi
    "$nginx_bin" -t -q -p "$prefix/" -c "$prefix/nginx.conf"
    "$nginx_bin" -p "$prefix/" -c "$prefix/nginx.conf" -g "daemon off;" &
    started_pids+=("$!")
    nginx_url[$name]="http://127.0.0.1:$port"
    wait_for "${nginx_url[$name]}$TYPICAL_CLAIM_PATH" 30
}

# --- measuring -----------------------------------------------------------------------------------------------
declare -A rows=()
declare -a order=()
# A row: wrk's "p50 p95 p99 rps non2xx errors requests", then the 1-minute load average when it ended, then
# instance 1's and instance 2's CPU seconds during it.
record() {
    local key="$1" url="$2" threads="$3" connections="$4" seconds="$5" before1 before2 result
    before1="$(cpu_seconds "${inst_pid[1]}")" before2="$(cpu_seconds "${inst_pid[2]}")"
    result="$(measure "$threads" "$connections" "$seconds" "$url")"
    sample_load
    rows["$key"]="$result ${load_samples[-1]} $(awk -v a="$before1" -v b="$(cpu_seconds "${inst_pid[1]}")" 'BEGIN { printf "%.1f", b - a }') $(awk -v a="$before2" -v b="$(cpu_seconds "${inst_pid[2]}")" 'BEGIN { printf "%.1f", b - a }')"
    order+=("$key")
}

# The same pages and terms as run-benchmarks.sh and docs/decisions/search.md (GenerationVocabulary's fixed ranks).
claim_path="$TYPICAL_CLAIM_PATH"
declare -a latency_pages=(
    "Claim page (typical: 5 evidence, 2 appearances, 2 verdicts)|$claim_path"
    "Search, rare term: smuggling|/search?q=smuggling"
    "Search, common term: government|/search?q=government"
    "Search, prefix: negotiat*|/search?q=negotiat%2A"
    "Search, phrase: \"security forces\"|/search?q=%22security+forces%22"
    "Topic page: largest synthetic topic ($LARGEST_TOPIC_CLAIMS claims)|$LARGEST_TOPIC_PATH"
)

throughput_rounds() {
    local label="$1" round target
    wrk -t1 -c2 -d3s "${nginx_url[two]}$claim_path" >/dev/null 2>&1
    wrk -t1 -c2 -d3s "${nginx_url[one]}$claim_path" >/dev/null 2>&1
    # Alternating, so a change in the machine's other load falls on both sides rather than on one.
    for round in 1 2; do
        for target in two one; do
            log "throughput, $label: nginx, $target instance(s), round $round"
            record "load|$label|nginx, $target|$round" "${nginx_url[$target]}$claim_path" 2 32 "$load_seconds"
        done
    done
    log "throughput, $label: instance 1 direct"
    record "load|$label|instance 1 direct, no nginx|1" "${inst_url[1]}$claim_path" 2 32 "$load_seconds"
}

# 1. Output cache off: latency direct to instance 1, then throughput.
log "starting two instances with the output cache off"
start_instances false
start_nginx two
start_nginx one
for entry in "${latency_pages[@]}"; do
    check_ok "${inst_url[1]}${entry#*|}"
done
# A search that finds nothing still answers 200 ("Nothing matches"), so each is looked at: the common term must find
# something, or PostgreSQL's search rows are missing. Whatever finds nothing is said in the report, since its
# latency is that of an empty result ("negotiat*" does, on both providers: the stemmed index holds "negoti").
no_results=()
for entry in "${latency_pages[@]}"; do
    [[ "${entry#*|}" == /search* ]] || continue
    if curl -s --max-time 60 "${inst_url[1]}${entry#*|}" | grep -q 'class="search-none"'; then
        log "search found nothing: ${entry%%|*}"
        no_results+=("${entry%%|*}")
    fi
done
if [[ " ${no_results[*]} " == *government* ]]; then
    log "the common term finds nothing: PostgreSQL's search rows are missing"
    exit 1
fi
check_ok "${nginx_url[two]}/account/login"
log "warming up"
for entry in "${latency_pages[@]}"; do
    wrk -t1 -c2 -d3s "${inst_url[1]}${entry#*|}" >/dev/null 2>&1
done
for entry in "${latency_pages[@]}"; do
    log "latency: ${entry%%|*}"
    record "latency|${entry%%|*}" "${inst_url[1]}${entry#*|}" 1 1 "$latency_seconds"
done
curl -s "${inst_url[1]}$claim_path" >"$work_dir/claim.html"
throughput_rounds "uncached"
rss_uncached="$(peak_rss_mb "${inst_pid[1]}") / $(peak_rss_mb "${inst_pid[2]}")"
stop_instances

# 2. Output cache on: the same throughput rounds. nginx keeps running, and the instances come back on its ports.
log "starting two instances with the output cache on"
start_instances true
throughput_rounds "output cache"
rss_cached="$(peak_rss_mb "${inst_pid[1]}") / $(peak_rss_mb "${inst_pid[2]}")"
stop_instances

# --- report ------------------------------------------------------------------------------------------------
field() { cut -d' ' -f"$2" <<<"${rows[$1]}"; }
run_minutes=$(( ($(date +%s) - run_start + 59) / 60 ))
load_range="$(printf '%s\n' "${load_samples[@]}" | sort -g | sed -n '1p;$p' | paste -sd' ' | awk '{ print $1 " to " $2 }')"
report="$work_dir/report.md"
{
    echo "Machine: $(nproc) cores ($(lscpu | awk -F': *' '/^Model name/ { print $2; exit }')), $(free -g | awk '/^Mem:/ { print $2 }') GiB," \
        "kernel $(uname -r), .NET SDK $(dotnet --version), $pg_version, $("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //')," \
        "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); $(date -u +%Y-%m-%dT%H:%MZ), run of $run_minutes min;" \
        "1-minute load average from $load_range over the run (sampled after each measurement)."
    echo
    echo "Data: $pg_claims claims, $pg_evidence evidence items, $pg_sources sources (seed $GEN_SEED), PostgreSQL database $pg_mb MB;" \
        "claim page $(wc -c <"$work_dir/claim.html") bytes. Loaded by $load_note; VACUUM ANALYZE $vacuum_seconds s."
    echo
    echo "### Server latency, one connection, ${latency_seconds} s each, instance 1 direct, output cache off"
    echo
    echo "| Page | p50 ms | p95 ms | p99 ms | req/s | non-2xx | socket errors | load avg |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for key in "${order[@]}"; do
        [[ "$key" == latency\|* ]] || continue
        echo "| ${key#latency|} | $(field "$key" 1) | $(field "$key" 2) | $(field "$key" 3) | $(field "$key" 4) | $(field "$key" 5) | $(field "$key" 6) | $(field "$key" 8) |"
    done
    if (( ${#no_results[@]} > 0 )); then
        echo
        echo "Found nothing (the page says \"Nothing matches\"): $(printf '%s; ' "${no_results[@]}" | sed 's/; $//')."
    fi
    echo
    echo "### Claim page throughput, wrk -t2 -c32 -d${load_seconds}s (rounds alternate two, one, two, one)"
    echo
    echo "| Output cache | Through | Round | req/s | p50 ms | p99 ms | non-2xx | socket errors | CPU s instance 1 / 2 | load avg |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for key in "${order[@]}"; do
        [[ "$key" == load\|* ]] || continue
        IFS='|' read -r _ cache through round <<<"$key"
        through="${through/nginx, two/nginx, two instances}"
        through="${through/nginx, one/nginx, one instance}"
        echo "| $cache | $through | $round | $(field "$key" 4) | $(field "$key" 1) | $(field "$key" 3) | $(field "$key" 5) | $(field "$key" 6) | $(field "$key" 9) / $(field "$key" 10) | $(field "$key" 8) |"
    done
    echo
    echo "Peak resident memory (VmHWM), instance 1 / instance 2: $rss_uncached MB uncached, $rss_cached MB with the output cache."
} >"$report"

results="$cache_dir/scale-results-$(date -u +%Y%m%dT%H%M%SZ).md"
cp "$report" "$results"
cat "$report"
log "results saved in $results"
