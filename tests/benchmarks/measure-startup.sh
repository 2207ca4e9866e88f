#!/usr/bin/env bash
# Issue 11's cold start: how long the published app takes from process start to the first 200 of a claim page,
# on a database that is already migrated and seeded (so no migration or import runs in the measured starts).
#
#   tests/benchmarks/measure-startup.sh
#
# Publishes the site (Release; or takes $PUBLISH_DIR, an existing `dotnet publish` output), starts it once on a new
# SQLite file in a temporary folder (that throwaway start migrates and imports seeds/), finds a claim page's
# address from /claims, then starts it STARTUP_RUNS times (5), a fresh process each time, polling the claim page
# with curl every 20 ms, and prints each time and the median, ending with `RESULT startup-ms <median>`.
#
# Knobs (environment):
#   PUBLISH_DIR      a published FactCheck.Web to measure instead of publishing one.
#   DATABASE_ARGS    extra command-line arguments for every start, e.g.
#                    '--Database:Provider=Postgres --ConnectionStrings:FactCheck=Host=...;Database=...' to measure on
#                    an already loaded database; then no SQLite file is made and the throwaway start only warms up
#                    and finds the claim page (split into words as a shell does: quote an argument that holds spaces).
#   STARTUP_RUNS     how many measured starts (5).
#   STARTUP_CLAIM_PATH  the page to wait for (default: the first claim linked from /claims).
#   STARTUP_TIMEOUT_SECONDS  how long one start may take before the run fails (120).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${STARTUP_RUNS:-5}"
timeout_seconds="${STARTUP_TIMEOUT_SECONDS:-120}"
# Split like a shell's words (xargs honours quotes), so an argument may hold spaces: '"--ConnectionStrings:FactCheck=Data Source=x.db"'.
database_args=()
if [[ -n "${DATABASE_ARGS:-}" ]]; then
    mapfile -t database_args < <(xargs printf '%s\n' <<<"$DATABASE_ARGS")
fi

# log, free_port and the dotnet environment from the benchmarks' shared functions; the clean-up below is this script's own.
bench_name="measure-startup"
# shellcheck source=bench-lib.sh
source "$repo_root/tests/benchmarks/bench-lib.sh"

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/factcheck-startup.XXXXXX")"
app_pid=""
cleanup() {
    if [[ -n "$app_pid" ]]; then
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n "${PUBLISH_DIR:-}" ]]; then
    publish_dir="$(cd "$PUBLISH_DIR" && pwd)"
else
    publish_dir="$work_dir/publish"
    log "publishing Release build"
    dotnet publish "$repo_root/src/FactCheck.Web" -c Release -o "$publish_dir" --nologo -v quiet >"$work_dir/publish.log" 2>&1 \
        || { cat "$work_dir/publish.log" >&2; exit 1; }
fi
[[ -f "$publish_dir/FactCheck.Web.dll" ]] || { log "$publish_dir holds no FactCheck.Web.dll"; exit 1; }

if (( ${#database_args[@]} == 0 )); then
    database_args=("--ConnectionStrings:FactCheck=Data Source=$work_dir/factcheck.db")
fi

# Starts the app in the background with the site's own defaults (Production, its appsettings.json) and the
# database arguments; sets app_pid. Run from the publish folder, as a deployment does, so the content root is there.
start_app() {
    local url="$1" log_file="$2"
    (cd "$publish_dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" \
        dotnet FactCheck.Web.dll "${database_args[@]}" >"$log_file" 2>&1) &
    app_pid=$!
}

stop_app() {
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
}

# Polls $1 every 20 ms until it answers 200; fails when the process died or the timeout passed.
wait_for_200() {
    local url="$1" deadline=$(( $(date +%s) + timeout_seconds ))
    while :; do
        if [[ "$(curl -s -o /dev/null --max-time 30 -w '%{http_code}' "$url" 2>/dev/null || true)" == "200" ]]; then
            return 0
        fi
        if ! kill -0 "$app_pid" 2>/dev/null; then
            log "the app exited before $url answered 200"
            return 1
        fi
        if (( $(date +%s) > deadline )); then
            log "$url did not answer 200 within $timeout_seconds s"
            return 1
        fi
        sleep 0.02
    done
}

# --- the throwaway start: migrates and imports on a new file; finds the claim page ------------------------------
# Starts the app on a free port and waits for $1 to answer 200; sets port, and started (ns) when the process was
# launched. A port that another process took between free_port and the bind is not our failure: a new port, again.
start_and_wait() {
    local path="$1" log_file="$2"
    for _ in 1 2 3; do
        port="$(free_port)"
        started=$(date +%s%N)
        start_app "http://127.0.0.1:$port" "$log_file"
        if wait_for_200 "http://127.0.0.1:$port$path"; then
            return 0
        fi
        stop_app
        grep -q "address already in use" "$log_file" || break
        log "port $port was taken meanwhile; starting again on another"
    done
    cat "$log_file" >&2
    return 1
}

log "first start (migrates and imports seeds/ on a new database; not measured)"
claim_path="${STARTUP_CLAIM_PATH:-}"
start_and_wait "${claim_path:-/claims}" "$work_dir/first.log"
if [[ -z "$claim_path" ]]; then
    claim_path="$(curl -s --max-time 60 "http://127.0.0.1:$port/claims" | grep -oE 'href="/claims/[0-9]+/[^"/?#]+"' | head -n 1 | cut -d'"' -f2 || true)"
    [[ -n "$claim_path" ]] || { log "no claim link on /claims"; exit 1; }
fi
wait_for_200 "http://127.0.0.1:$port$claim_path" || { cat "$work_dir/first.log" >&2; exit 1; }
stop_app
log "claim page: $claim_path"

# --- the measured starts ---------------------------------------------------------------------------------------
# CPU time (user + system, all threads) the process had used when the page answered: on a shared, loaded
# machine the wall time mostly measures the other processes, and this is the figure a change of ours moves.
cpu_ms_of() {
    awk -v tick="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / tick }' "/proc/$1/stat"
}

median_of() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

times=()
cpu_times=()
for run in $(seq 1 "$runs"); do
    start_and_wait "$claim_path" "$work_dir/run-$run.log"
    elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
    cpu_ms="$(cpu_ms_of "$app_pid")"
    stop_app
    times+=("$elapsed_ms")
    cpu_times+=("$cpu_ms")
    echo "start $run: $elapsed_ms ms ($cpu_ms ms of CPU)"
done

median="$(median_of "${times[@]}")"
echo "median of $runs starts: $median ms, $(median_of "${cpu_times[@]}") ms of CPU (load: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "RESULT startup-ms $median"
