#!/usr/bin/env bash
# Issue 11's benchmark, in one command: the site cold (output cache off, a fresh process) and through its output
# cache, on SQLite and on PostgreSQL in the same run, each figure of the issue's table beside its target:
#   1. claim page uncached, p50 (p95, p99) at one connection;              target p50 < 1 ms
#   2. claim page uncached, req/s at 32 connections / nginx (same bytes);  target >= 0.05
#   3. claim page through the output cache, req/s at 32 / nginx;           target >= 0.9
#   4. search p99 at one connection: rare, common, prefix, phrase;         target < 20 ms each
#   5. search for "amnesty" filtered by one topic, p99;                    target < 20 ms
#   6. largest topic page and largest claimant page, p99;                  target < 10 ms
#   7. cold start of the published app to a claim page's first 200, median of 5 fresh processes; target < 1.5 s
#   8. an idle editor's circuit (tests/benchmarks/measure-circuit.sh, when present);          target < 200 KB
# Everything on 127.0.0.1, the published Release build (`dotnet FactCheck.Web.dll`, Production), one instance at a
# time. Prints one table (measure | SQLite | PostgreSQL | target | met/missed), saves it as
# $BENCH_CACHE_DIR/results-*.md and writes it with the machine into docs/benchmarks.md (the section between the
# "issue-11-figures" markers, replaced on each run). A missed target is not an error; a failed measurement is
# (a page that does not answer 200, non-2xx answers or socket errors under wrk): exit 1, docs left as they were.
#
# The data: the cached SQLite archive of BENCH_CLAIMS claims (generated once, keyed by the generator's code and
# seeds/archive.json), migrated by the application's own `migrate`; PostgreSQL 15 as a throwaway server in the work
# folder, loaded from the cached pg_dump of that archive (made once with the application's backup and restore),
# then migrated by the application's `migrate` as well. See docs/benchmarks.md.
#
# Knobs (environment): BENCH_PROVIDERS (sqlite,postgres), BENCH_CLAIMS (100000), BENCH_SEED (42),
# BENCH_CACHE_DIR (~/.cache/factcheck-bench), BENCH_LATENCY_SECONDS (10), BENCH_LOAD_SECONDS (15),
# BENCH_WARMUP_SECONDS (3), BENCH_STARTUP_RUNS (5), BENCH_PUBLISH_DIR (a published build to use instead of
# publishing), BENCH_WRITE_DOCS (1; 0 leaves docs/benchmarks.md alone), BENCH_ARCHIVE_KEY (pins the archive's cache
# key; see bench_archive), BENCH_GC_SERVER (unset: the project's default).
set -euo pipefail
# The whole script is one brace group, read by bash before any of it runs: a run lasts the better part of an hour,
# and bash otherwise reads a script as it goes, so editing the file during a run would break that run.
{

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
script_dir="$repo_root/tests/benchmarks"
claims="${BENCH_CLAIMS:-100000}"
seed="${BENCH_SEED:-42}"
cache_dir="${BENCH_CACHE_DIR:-$HOME/.cache/factcheck-bench}"
latency_seconds="${BENCH_LATENCY_SECONDS:-10}"
load_seconds="${BENCH_LOAD_SECONDS:-15}"
warmup_seconds="${BENCH_WARMUP_SECONDS:-3}"
startup_runs="${BENCH_STARTUP_RUNS:-5}"
write_docs="${BENCH_WRITE_DOCS:-1}"
IFS=',' read -r -a providers <<<"${BENCH_PROVIDERS:-sqlite,postgres}"
for provider in "${providers[@]}"; do
    [[ "$provider" == sqlite || "$provider" == postgres ]] || { echo "BENCH_PROVIDERS: '$provider' is neither sqlite nor postgres" >&2; exit 2; }
done

bench_name="run-benchmarks"
# shellcheck source=bench-lib.sh
source "$script_dir/bench-lib.sh"
if [[ -n "${BENCH_GC_SERVER:-}" ]]; then
    export DOTNET_gcServer="$BENCH_GC_SERVER"
fi

# --- tools: Debian's wrk, nginx, curl (and PostgreSQL 15 when measured), installed where missing ----------------
tools=(wrk:wrk /usr/sbin/nginx:nginx curl:curl)
if [[ " ${providers[*]} " == *" postgres "* ]]; then
    tools+=("$pg_bin/initdb:postgresql-15")
fi
bench_install_missing "${tools[@]}"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

bench_start factcheck-bench
run_start=$(date +%s)
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
machine="$(bench_machine)"
commit="$(git -C "$repo_root" log -1 --format=%h 2>/dev/null || echo unknown)"

# --- build and the archive -----------------------------------------------------------------------------------
bench_build
bench_archive "$claims" "$seed" "$cache_dir"

# Searches from the generator's fixed vocabulary (GenerationVocabulary; the same ranks for every seed):
# "smuggling" rank 24,000 (rare), "government" rank 25 (common), the phrase "security forces" (dropped into about
# one sentence in five). The prefix is "negoti*", not issue 3's "negotiat*": the index stores words stemmed
# ("negotiations", "negotiator", "negotiated" as "negoti"), so a prefix longer than the stem finds nothing and
# would measure an empty result. "amnesty" is in the vocabulary too; it is searched within the largest topic,
# the filter with the most claims to narrow.
claim_path="$TYPICAL_CLAIM_PATH"
topic_slug="${LARGEST_TOPIC_PATH#/topics/}"
# key|label|path; the key names the figure in the report.
declare -a latency_pages=(
    "claim|Claim page, uncached|$claim_path"
    "search-rare|Search, rare: smuggling|/search?q=smuggling"
    "search-common|Search, common: government|/search?q=government"
    "search-prefix|Search, prefix: negoti*|/search?q=negoti%2A"
    "search-phrase|Search, phrase: \"security forces\"|/search?q=%22security+forces%22"
    "search-topic|Search \"amnesty\" in the largest topic ($topic_slug)|/search?q=amnesty&topic=$topic_slug"
    "topic|Largest topic page ($LARGEST_TOPIC_CLAIMS claims)|$LARGEST_TOPIC_PATH"
    "claimant|Largest claimant page ($LARGEST_CLAIMANT_CLAIMS claims)|$LARGEST_CLAIMANT_PATH"
)

# Figures: fig[provider|key] = value; failed measurements are collected and end the run with exit 1.
declare -A fig=()
failures=()
# wrk through report.lua: "p50 p95 p99 rps non2xx errors requests"; anything but 0 non-2xx and 0 socket errors is a
# failed measurement, since its latency would be that of an error page or a dropped connection.
measure_into() {
    local provider="$1" key="$2" threads="$3" connections="$4" seconds="$5" url="$6" result non2xx errors
    result="$(measure "$threads" "$connections" "$seconds" "$url")"
    fig["$provider|$key"]="$result"
    read -r _ _ _ _ non2xx errors _ <<<"$result"
    if [[ "$non2xx" != 0 || "$errors" != 0 ]]; then
        log "FAILED: $url answered $non2xx non-2xx and had $errors socket errors under wrk"
        failures+=("$provider $key: $non2xx non-2xx, $errors socket errors")
    fi
}
warm() { wrk -t1 -c2 -d"${warmup_seconds}s" "$1" >/dev/null 2>&1; }

# --- one instance of the site -------------------------------------------------------------------------------------
# Production, request logging at Warning (a console line per request would otherwise be measured too).
app_pid=""
app_url=""
db_args=()
start_app() {
    local name="$1" cache_enabled="$2" wait_seconds="$3"
    app_url="http://127.0.0.1:$(free_port)"
    (cd "$publish_dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$app_url" \
        dotnet FactCheck.Web.dll "${db_args[@]}" \
        --Seeds:ImportOnEmptyDatabase=false \
        --OutputCache:Enabled="$cache_enabled" \
        --Serilog:MinimumLevel:Default=Warning \
        --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning \
        >"$work_dir/$name.log" 2>&1) &
    app_pid=$!
    started_pids+=("$app_pid")
    # Ready when a claim page answers (the cheapest page that touches the database).
    wait_for "$app_url$claim_path" "$wait_seconds" || { tail -20 "$work_dir/$name.log" >&2; return 1; }
}
stop_app() {
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
}

# --- nginx serving a static copy of the claim page (the same bytes): the ceiling for serving that page -------------
nginx_pid=""
nginx_url=""
start_nginx() {
    local page="$1" dir="$work_dir/nginx" port
    rm -rf "$dir"
    mkdir -p "$dir/html" "$dir/logs" "$dir/tmp"
    cp "$page" "$dir/html/claim.html"
    chmod -R a+rX "$dir"
    chmod a+x "$work_dir"
    port="$(free_port)"
    cat >"$dir/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $dir/html;
        location = /claim.html { default_type "text/html; charset=utf-8"; }
    }
}
EOF
    "$nginx_bin" -p "$dir" -c "$dir/nginx.conf" &
    nginx_pid=$!
    started_pids+=("$nginx_pid")
    nginx_url="http://127.0.0.1:$port/claim.html"
    wait_for "$nginx_url" 20
}
stop_nginx() {
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
}

# --- 7. cold start ------------------------------------------------------------------------------------------------
# tests/benchmarks/measure-startup.sh (issue 11's start-up work) when present: it takes the published build and the
# database arguments, makes one throwaway start, then times BENCH_STARTUP_RUNS fresh processes to the claim page's
# first 200 and prints "RESULT startup-ms <median>". Without it, the same method here. The app runs with its own
# defaults (logging included), as a deployment starts it; the database is migrated already (the instances above
# started on it), so no start includes a migration.
cold_start_ms() {
    local provider="$1" args=("${db_args[@]}" --Seeds:ImportOnEmptyDatabase=false) out started times=() run url
    if [[ -x "$script_dir/measure-startup.sh" ]]; then
        # measure-startup.sh splits DATABASE_ARGS on spaces; "DataSource" is SQLite's spelling without one.
        out="$(PUBLISH_DIR="$publish_dir" STARTUP_RUNS="$startup_runs" STARTUP_CLAIM_PATH="$claim_path" \
            DATABASE_ARGS="${args[*]/Data Source=/DataSource=}" "$script_dir/measure-startup.sh")" \
            || { echo "$out" >&2; return 1; }
        grep -v '^RESULT ' <<<"$out" | sed "s/^/$bench_name: $provider: /" >&2 || true
        # "median ms [cpu ms]": the CPU a start spends is less at the mercy of the machine's other load than its wall
        # time, so it is shown beside the median when the script prints it ("median of 5 starts: N ms, M ms of CPU").
        echo "$(grep '^RESULT startup-ms ' <<<"$out" | tail -1 | cut -d' ' -f3) $(sed -n 's/^median of .*, \([0-9]*\) ms of CPU.*/\1/p' <<<"$out" | tail -1)"
        return 0
    fi
    for run in $(seq 0 "$startup_runs"); do
        url="http://127.0.0.1:$(free_port)"
        started=$(date +%s%N)
        (cd "$publish_dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" \
            dotnet FactCheck.Web.dll "${args[@]}" >"$work_dir/startup-$provider-$run.log" 2>&1) &
        app_pid=$!
        started_pids+=("$app_pid")
        until [[ "$(curl -s -o /dev/null --max-time 30 -w '%{http_code}' "$url$claim_path" 2>/dev/null || true)" == 200 ]]; do
            if ! kill -0 "$app_pid" 2>/dev/null || (( $(date +%s%N) - started > 120000000000 )); then
                log "start $run on $provider did not serve $claim_path"
                tail -20 "$work_dir/startup-$provider-$run.log" >&2
                return 1
            fi
            sleep 0.02
        done
        # Start 0 is the throwaway one (first touch of the build's files after the instances above).
        (( run == 0 )) || times+=($(( ($(date +%s%N) - started) / 1000000 )))
        stop_app
    done
    log "cold starts on $provider (ms): ${times[*]}"
    printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# --- 8. an idle editor's circuit ----------------------------------------------------------------------------------
# tests/benchmarks/measure-circuit.sh (issue 11's circuit work) signs editors in, leaves their verdict forms idle and
# prints "RESULT circuit-kb <managed KB per circuit>" and "RESULT circuit-rss-kb <RSS KB per circuit>". It starts
# its own instance on a fresh seeded SQLite database (a circuit holds no provider-specific state), so it runs once.
# Prints "<kb> <rss-kb>", or nothing when the script is not there (the report then says "not measured").
circuit_kb() {
    local out
    if [[ ! -x "$script_dir/measure-circuit.sh" ]]; then
        log "tests/benchmarks/measure-circuit.sh is not there: the idle circuit is not measured"
        return 0
    fi
    log "idle editor circuit: measure-circuit.sh"
    out="$(PUBLISH_DIR="$publish_dir" "$script_dir/measure-circuit.sh")" || { echo "$out" >&2; return 1; }
    grep -v '^RESULT ' <<<"$out" | sed "s/^/$bench_name: circuit: /" >&2 || true
    echo "$(grep '^RESULT circuit-kb ' <<<"$out" | tail -1 | cut -d' ' -f3) $(grep '^RESULT circuit-rss-kb ' <<<"$out" | tail -1 | cut -d' ' -f3)"
}

# --- one provider, measured in turn ---------------------------------------------------------------------------------
declare -A data_note=()
measure_provider() {
    local provider="$1" entry key label path page
    log "=== $provider ==="
    if [[ "$provider" == sqlite ]]; then
        bench_migrate_sqlite
        db_args=(--ConnectionStrings:FactCheck="Data Source=$db")
        data_note[sqlite]="$GEN_CLAIMS claims, $GEN_EVIDENCE evidence items, $GEN_SOURCES sources (seed $GEN_SEED), SQLite file $(du -m "$db" | cut -f1) MB; $migrate_note"
    else
        bench_pg_start
        bench_pg_load
        db_args=(--Database:Provider=Postgres --ConnectionStrings:FactCheck="$pg_cs")
        data_note[postgres]="$pg_claims claims, $pg_evidence evidence items, $pg_sources sources, $pg_version, database $pg_mb MB; $pg_load_note, VACUUM ANALYZE $pg_vacuum_seconds s"
    fi

    # Output cache off. Up to 600 s for this first start: the migrations ran just before, but a start that finds one
    # pending (another process's archive, a migration the `migrate` run did not see) applies it before serving.
    log "$provider: starting the site with the output cache off"
    local migrate_start=$SECONDS
    start_app "$provider-uncached" false 600
    fig["$provider|first-start-s"]=$(( SECONDS - migrate_start ))
    for entry in "${latency_pages[@]}"; do
        check_ok "$app_url${entry##*|}"
    done
    # A search that finds nothing still answers 200 ("Nothing matches"), and its latency is that of an empty
    # result: every measured search must find something.
    for entry in "${latency_pages[@]}"; do
        path="${entry##*|}"
        [[ "$path" == /search* ]] || continue
        page="$(curl -s --max-time 60 "$app_url$path")"
        if grep -q 'class="search-none"' <<<"$page"; then
            log "FAILED: $path finds nothing on $provider"
            failures+=("$provider: $path finds nothing")
        fi
    done
    log "$provider: warming up"
    for entry in "${latency_pages[@]}"; do
        warm "$app_url${entry##*|}"
    done
    for entry in "${latency_pages[@]}"; do
        IFS='|' read -r key label path <<<"$entry"
        log "$provider: latency, $label"
        measure_into "$provider" "$key" 1 1 "$latency_seconds" "$app_url$path"
    done
    log "$provider: throughput, claim page uncached"
    measure_into "$provider" load-uncached 2 32 "$load_seconds" "$app_url$claim_path"
    curl -s "$app_url$claim_path" >"$work_dir/claim-$provider.html"
    fig["$provider|rss-uncached"]="$(peak_rss_mb "$app_pid")"
    stop_app

    log "$provider: starting the site with the output cache on"
    start_app "$provider-cached" true 120
    warm "$app_url$claim_path"
    log "$provider: throughput, claim page through the output cache"
    measure_into "$provider" load-cached 2 32 "$load_seconds" "$app_url$claim_path"
    fig["$provider|rss-cached"]="$(peak_rss_mb "$app_pid")"
    stop_app

    # nginx right after, on the same bytes, so each provider's ratios compare figures taken minutes apart.
    start_nginx "$work_dir/claim-$provider.html"
    log "$provider: throughput, nginx serving the same bytes"
    warm "$nginx_url"
    measure_into "$provider" load-nginx 2 32 "$load_seconds" "$nginx_url"
    stop_nginx
    fig["$provider|page-bytes"]="$(wc -c <"$work_dir/claim-$provider.html")"

    log "$provider: cold start, $startup_runs fresh processes"
    fig["$provider|startup-ms"]="$(cold_start_ms "$provider")" || { failures+=("$provider cold start failed"); fig["$provider|startup-ms"]=""; }

    if [[ "$provider" == postgres ]]; then
        bench_pg_stop
    fi
    fig["$provider|load"]="$(cut -d' ' -f1 /proc/loadavg)"
}

for provider in "${providers[@]}"; do
    measure_provider "$provider"
done
circuit="$(circuit_kb)" || { failures+=("idle circuit: measure-circuit.sh failed"); circuit=""; }
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
run_minutes=$(( ($(date +%s) - run_start + 59) / 60 ))

# --- report ------------------------------------------------------------------------------------------------------
# wrk fields: 1 p50, 2 p95, 3 p99, 4 req/s.
wrk_field() { local v="${fig["$1|$2"]:-}"; [[ -n "$v" ]] && cut -d' ' -f"$3" <<<"$v"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
meets() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { exit !(dir == "min" ? v >= t : v < t) }'; }
declare -A provider_name=([sqlite]=SQLite [postgres]=PostgreSQL)
declare -A met_per=() total_per=()

# One row: the label, the target's text, its threshold and direction, then per provider "value|shown text".
row() {
    local label="$1" target="$2" threshold="$3" dir="$4" provider value shown cells="" missed=() measured=0
    shift 4
    for provider in sqlite postgres; do
        IFS='|' read -r value shown <<<"$1"
        shift
        if [[ " ${providers[*]} " != *" $provider "* ]]; then
            cells+=" | not run"
        elif [[ -z "$value" ]]; then
            cells+=" | ${shown:-not measured}"
        else
            cells+=" | $shown"
            measured=1
            total_per[$provider]=$(( ${total_per[$provider]:-0} + 1 ))
            if meets "$value" "$threshold" "$dir"; then
                met_per[$provider]=$(( ${met_per[$provider]:-0} + 1 ))
            else
                missed+=("${provider_name[$provider]}")
            fi
        fi
    done
    local verdict="met"
    if (( measured == 0 )); then
        verdict="not measured"
    elif (( ${#missed[@]} > 0 )); then
        verdict="**missed** ($(printf '%s, ' "${missed[@]}" | sed 's/, $//'))"
    fi
    echo "| $label$cells | $target | $verdict |"
}
# "value|text" for a wrk latency figure (field 1 or 3) of a provider.
lat() {
    local v
    v="$(wrk_field "$1" "$2" "$3")" || true
    if [[ -n "$v" ]]; then echo "$v|$v ms"; else echo "|"; fi
}
claim_cell() {
    local p50
    p50="$(wrk_field "$1" claim 1)" || true
    [[ -n "$p50" ]] || { echo "|"; return; }
    echo "$p50|$p50 ms (p95 $(wrk_field "$1" claim 2), p99 $(wrk_field "$1" claim 3))"
}
ratio_cell() {
    local rps nginx r
    rps="$(wrk_field "$1" "$2" 4)" || true
    nginx="$(wrk_field "$1" load-nginx 4)" || true
    [[ -n "$rps" && -n "$nginx" ]] || { echo "|"; return; }
    r="$(ratio "$rps" "$nginx")"
    echo "$r|$r ($rps / $nginx req/s)"
}
startup_cell() {
    local v cpu
    read -r v cpu <<<"${fig["$1|startup-ms"]:-}"
    if [[ -z "${v:-}" ]]; then echo "|"; elif [[ -n "${cpu:-}" ]]; then echo "$v|$v ms ($cpu ms of CPU)"; else echo "$v|$v ms"; fi
}
circuit_cell() {
    local kb rss
    read -r kb rss <<<"$circuit"
    if [[ -z "${kb:-}" ]]; then echo "|not measured (no measure-circuit.sh)"; else echo "$kb|$kb KB (RSS ${rss:-?} KB)"; fi
}

report="$work_dir/report.md"
{
    echo "Machine: $machine."
    echo
    echo "Load average (1, 5, 15 min): $load_start at the start, $load_end at the end; run of $run_minutes min." \
        "wrk and the site share the cores. Latency: wrk -t1 -c1 -d${latency_seconds}s after a ${warmup_seconds}-second warm-up," \
        "output cache off; throughput: wrk -t2 -c32 -d${load_seconds}s."
    echo
    echo "| Measure | SQLite | PostgreSQL | Target | |"
    echo "|---|---|---|---|---|"
    row "Claim page uncached, p50 at one connection" "p50 < 1 ms" 1 max "$(claim_cell sqlite)" "$(claim_cell postgres)"
    row "Claim page uncached, 32 connections / nginx (same bytes)" ">= 0.05" 0.05 min "$(ratio_cell sqlite load-uncached)" "$(ratio_cell postgres load-uncached)"
    row "Claim page through the output cache, 32 connections / nginx" ">= 0.9" 0.9 min "$(ratio_cell sqlite load-cached)" "$(ratio_cell postgres load-cached)"
    for entry in "${latency_pages[@]:1}"; do
        IFS='|' read -r key label _ <<<"$entry"
        case "$key" in
            topic | claimant) row "$label, p99" "< 10 ms" 10 max "$(lat sqlite "$key" 3)" "$(lat postgres "$key" 3)" ;;
            *) row "$label, p99" "< 20 ms" 20 max "$(lat sqlite "$key" 3)" "$(lat postgres "$key" 3)" ;;
        esac
    done
    row "Cold start to a claim page's first 200, median of $startup_runs" "< 1,500 ms" 1500 max "$(startup_cell sqlite)" "$(startup_cell postgres)"
    row "Idle editor's circuit, managed heap per circuit (one run, its own SQLite database)" "< 200 KB" 200 max "$(circuit_cell)" "|same run as SQLite"
    echo
    for provider in "${providers[@]}"; do
        echo "- ${provider_name[$provider]}: ${met_per[$provider]:-0} of ${total_per[$provider]:-0} targets met." \
            "Data: ${data_note[$provider]}; claim page ${fig["$provider|page-bytes"]} bytes; first start of the site ${fig["$provider|first-start-s"]} s." \
            "Claim page req/s at 32 connections: uncached $(wrk_field "$provider" load-uncached 4), output cache $(wrk_field "$provider" load-cached 4), nginx $(wrk_field "$provider" load-nginx 4)." \
            "Peak RSS (VmHWM): ${fig["$provider|rss-uncached"]} MB uncached, ${fig["$provider|rss-cached"]} MB cached. Load average after it: ${fig["$provider|load"]}."
    done
    if (( ${#failures[@]} > 0 )); then
        echo
        echo "FAILED measurements: $(printf '%s; ' "${failures[@]}" | sed 's/; $//')."
    fi
} >"$report"

summary="$(date -u +%Y-%m-%dT%H:%MZ), commit $commit, load $load_start to $load_end:"
for provider in "${providers[@]}"; do
    summary+=" ${provider_name[$provider]} ${met_per[$provider]:-0} of ${total_per[$provider]:-0} met;"
done
summary="${summary%;}"

results="$cache_dir/results-$(date -u +%Y%m%dT%H%M%SZ).md"
cp "$report" "$results"
cat "$report"
log "results saved in $results"

if (( ${#failures[@]} > 0 )); then
    log "${#failures[@]} failed measurement(s); docs/benchmarks.md left as it was"
    exit 1
fi

# --- docs/benchmarks.md: the section between the markers, replaced; earlier runs kept as one line each (5) ---------
if [[ "$write_docs" == 1 ]]; then
    doc="$repo_root/docs/benchmarks.md"
    begin='<!-- issue-11-figures:begin (written by tests/benchmarks/run-benchmarks.sh) -->'
    end='<!-- issue-11-figures:end -->'
    section="$work_dir/section.md"
    {
        echo "$begin"
        echo
        echo "### Latest run: $GEN_CLAIMS claims (seed $GEN_SEED)"
        echo
        cat "$report"
        echo
        echo "This run and the four before it, one line each (newest first):"
        echo
        echo "- run $summary"
        if grep -qF "$begin" "$doc"; then
            awk -v b="$begin" -v e="$end" 'index($0, b) { inside = 1; next } index($0, e) { inside = 0 } inside && /^- run / { print }' "$doc" | head -4
        fi
        echo
        echo "$end"
    } >"$section"
    if grep -qF "$begin" "$doc" && grep -qF "$end" "$doc"; then
        awk -v b="$begin" -v e="$end" -v f="$section" '
            index($0, b) { while ((getline line < f) > 0) print line; skip = 1; next }
            index($0, e) { skip = 0; next }
            !skip { print }' "$doc" >"$doc.tmp"
    else
        { cat "$doc"; echo; cat "$section"; } >"$doc.tmp"
    fi
    mv "$doc.tmp" "$doc"
    log "figures written into $doc"
fi
exit 0
}
