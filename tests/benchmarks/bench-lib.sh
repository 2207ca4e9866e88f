# Shell functions shared by run-benchmarks.sh (issue 3, SQLite) and run-scale.sh (issue 10, PostgreSQL), sourced
# by both, so the two measure the same way: the same cached archive, the same wrk reporter, the same checks.
# The sourcing script sets `bench_name` (its log prefix) and `repo_root` first, and `set -euo pipefail`.
# shellcheck shell=bash

bench_script_dir="$repo_root/tests/benchmarks"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDTERMINALLOGGER=off

log() { echo "$bench_name: $*" >&2; }

# Debian packages, installed only where the command is missing (as run-tests.sh does for chromium).
# Arguments: "command:package" pairs; a command given as an absolute path is checked as a file.
bench_install_missing() {
    local pair command package missing=() as_root
    for pair in "$@"; do
        command="${pair%%:*}" package="${pair#*:}"
        if [[ "$command" == /* ]]; then
            compgen -G "$command" >/dev/null || missing+=("$package")
        else
            command -v "$command" >/dev/null 2>&1 || missing+=("$package")
        fi
    done
    (( ${#missing[@]} > 0 )) || return 0
    log "installing Debian packages: ${missing[*]}"
    if [[ "$(id -u)" -eq 0 ]]; then as_root=(); elif [[ -t 0 ]]; then as_root=(sudo); else as_root=(sudo -n); fi
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

# Processes we start, and only those, are stopped on exit; a script with more to stop (a server that is not
# our child) sets bench_cleanup_extra to the name of a function, which runs after our children are gone.
started_pids=()
bench_cleanup_extra=""
bench_cleanup() {
    local pid
    for pid in "${started_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${started_pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "$bench_cleanup_extra" ]]; then
        "$bench_cleanup_extra" || true
    fi
    rm -rf "$work_dir"
}

# Creates $work_dir under /tmp with the given prefix and installs the traps that clean it up.
bench_start() {
    work_dir="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$(( 20000 + RANDOM % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    log "no free loopback port found"
    return 1
}

wait_for() {
    local url="$1" seconds="$2"
    for _ in $(seq 1 "$seconds"); do
        if curl -sf --max-time 30 -o /dev/null "$url"; then
            return 0
        fi
        sleep 1
    done
    log "$url did not answer within $seconds s"
    return 1
}

check_ok() {
    local url="$1" status
    status="$(curl -s --max-time 60 -o /dev/null -w '%{http_code}' "$url")"
    if [[ "$status" != "200" ]]; then
        log "GET $url answered $status, not 200"
        return 1
    fi
}

peak_rss_mb() {
    awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

# wrk with report.lua prints "RESULT p50 p95 p99 rps non2xx errors requests" (milliseconds).
measure() {
    local threads="$1" connections="$2" seconds="$3" url="$4" out
    out="$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$bench_script_dir/report.lua" "$url" 2>&1)" || { echo "$out" >&2; return 1; }
    grep '^RESULT ' <<<"$out" | cut -d' ' -f2-
}

# Publishes the site (Release) into $publish_dir and builds the archive generator into $generator_dir.
bench_build() {
    publish_dir="$work_dir/publish"
    log "publishing Release build"
    dotnet publish "$repo_root/src/FactCheck.Web" -c Release -o "$publish_dir" --nologo -v quiet >"$work_dir/publish.log" 2>&1 \
        || { cat "$work_dir/publish.log" >&2; return 1; }
    generator_dir="$work_dir/generator"
    dotnet build "$repo_root/tests/benchmarks/FactCheck.ArchiveGenerator" -c Release -o "$generator_dir" --nologo -v quiet >"$work_dir/generator-build.log" 2>&1 \
        || { cat "$work_dir/generator-build.log" >&2; return 1; }
}

# The SQLite archive of $1 claims from seed $2 in cache folder $3: generated once, then reused. Sets $db and
# $manifest and sources the manifest (TYPICAL_CLAIM_PATH, LARGEST_TOPIC_PATH, GEN_CLAIMS, ...).
bench_archive() {
    local claims="$1" seed="$2" cache_dir="$3" data_key gen_start
    # Keyed by size, seed and the code that shapes the data, so a changed generator or schema regenerates.
    data_key="$(cat "$repo_root"/tests/benchmarks/FactCheck.ArchiveGenerator/*.cs \
        "$repo_root"/src/FactCheck.Data/Migrations/*.cs "$repo_root"/seeds/archive.json | sha256sum | cut -c1-12)"
    mkdir -p "$cache_dir"
    db="$cache_dir/claims-$claims-seed-$seed-$data_key.db"
    manifest="$db.env"
    if [[ -f "$db" && -f "$manifest" ]]; then
        log "reusing $db"
    else
        rm -f "$db" "$db-wal" "$db-shm" "$manifest"
        log "generating $claims claims (seed $seed) into $db"
        gen_start=$(date +%s)
        dotnet "$generator_dir/FactCheck.ArchiveGenerator.dll" --database "$db" --claims "$claims" --seed "$seed" --manifest "$manifest.tmp" \
            | tee "$work_dir/generate.log" | grep -E "Generated|Wrote|rebuilt" >&2
        mv "$manifest.tmp" "$manifest"
        log "generated in $(( $(date +%s) - gen_start )) s"
    fi
    # shellcheck disable=SC1090
    source "$manifest"
}
