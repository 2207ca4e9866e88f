# Shell functions shared by run-benchmarks.sh (issue 3, SQLite) and run-scale.sh (issue 10, PostgreSQL), sourced
# by both, so the two measure the same way: the same cached archive, the same wrk reporter, the same checks.
# The sourcing script sets `bench_name` (its log prefix) and `repo_root` first, and `set -euo pipefail`.
# shellcheck shell=bash
# Variables are set here for the sourcing scripts, and read here from them (repo_root, bench_name, work_dir):
# shellcheck disable=SC2034,SC2154

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
# BENCH_PUBLISH_DIR names an existing `dotnet publish` output to use instead (development: saves a publish per run).
bench_build() {
    if [[ -n "${BENCH_PUBLISH_DIR:-}" ]]; then
        publish_dir="$(cd "$BENCH_PUBLISH_DIR" && pwd)"
        [[ -f "$publish_dir/FactCheck.Web.dll" ]] || { log "$publish_dir holds no FactCheck.Web.dll"; return 1; }
        log "using the published build in $publish_dir"
    else
        publish_dir="$work_dir/publish"
        log "publishing Release build"
        dotnet publish "$repo_root/src/FactCheck.Web" -c Release -o "$publish_dir" --nologo -v quiet >"$work_dir/publish.log" 2>&1 \
            || { cat "$work_dir/publish.log" >&2; return 1; }
    fi
    generator_dir="$work_dir/generator"
    dotnet build "$repo_root/tests/benchmarks/FactCheck.ArchiveGenerator" -c Release -o "$generator_dir" --nologo -v quiet >"$work_dir/generator-build.log" 2>&1 \
        || { cat "$work_dir/generator-build.log" >&2; return 1; }
}

# The SQLite archive of $1 claims from seed $2 in cache folder $3: generated once, then reused. Sets $db and
# $manifest and sources the manifest (TYPICAL_CLAIM_PATH, LARGEST_TOPIC_PATH, GEN_CLAIMS, ...).
bench_archive() {
    local claims="$1" seed="$2" cache_dir="$3" data_key gen_start
    # Keyed by size, seed and what shapes the data (the generator's code and the curated archive), not by the
    # migrations: a new migration is applied to the cached archive by the application itself (bench_migrate_sqlite),
    # as it is to a production database, instead of forcing a regeneration (and a new PostgreSQL load) per migration.
    # BENCH_ARCHIVE_KEY pins the key: an archive is kept across a generator change whose effect a migration also
    # applies (say, the generator filling a new column that the migration backfills).
    data_key="${BENCH_ARCHIVE_KEY:-$(cat "$repo_root"/tests/benchmarks/FactCheck.ArchiveGenerator/*.cs "$repo_root"/seeds/archive.json \
        | sha256sum | cut -c1-12)}"
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

# Applies the application's pending migrations to the SQLite archive $db with its own `migrate` command (the same
# DatabaseSetup a start runs), so the cached archive follows the schema. Sets migrate_note. Idempotent: a no-op once
# applied. The cached file is migrated in place (migrations are forward-only), which keeps later runs from paying
# the migration again.
bench_migrate_sqlite() {
    local start
    if [[ -n "${migrate_note:-}" ]]; then
        return 0
    fi
    start=$(date +%s)
    log "migrating $db (pending migrations only)"
    (cd "$publish_dir" && timeout "${BENCH_MIGRATE_TIMEOUT:-1800}" dotnet FactCheck.Web.dll migrate \
        --ConnectionStrings:FactCheck="Data Source=$db" --Seeds:ImportOnEmptyDatabase=false) >"$work_dir/migrate-sqlite.log" 2>&1 \
        || { tail -20 "$work_dir/migrate-sqlite.log" >&2; log "migrating $db failed"; return 1; }
    migrate_note="migrate $(( $(date +%s) - start )) s"
    log "SQLite archive migrated: $migrate_note"
}

# --- PostgreSQL 15: a throwaway server in the work folder ------------------------------------------------------
# initdb and pg_ctl run as the postgres user when we are root (PostgreSQL refuses to run as root); psql, pg_dump
# and pg_restore connect over TCP and need no such care. Sets pg_dir, pg_port, pg_cs (a connection string for the
# database "factcheck") and pg_version; bench_pg_stop stops it, and the exit trap does if a step fails.
pg_bin=/usr/lib/postgresql/15/bin
if [[ "$(id -u)" -eq 0 ]]; then
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi
bench_psql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

bench_pg_start() {
    pg_dir="$work_dir/pg"
    rm -rf "$pg_dir"
    mkdir -p "$pg_dir"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown postgres "$pg_dir"
        # The postgres user has to reach its folder through the work folder, which mktemp made private.
        chmod a+x "$work_dir"
    fi
    pg_port="$(free_port)"
    as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$work_dir/initdb.log" 2>&1 \
        || { cat "$work_dir/initdb.log" >&2; return 1; }
    bench_cleanup_extra=bench_pg_stop
    # The server's own defaults (shared_buffers 128 MB, fsync on), as docs/deployment.md starts it.
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null
    pg_version="$("$pg_bin/postgres" --version)"
    bench_psql -d postgres -c "CREATE DATABASE factcheck"
    pg_cs="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=factcheck"
}

bench_pg_stop() {
    if [[ -n "${pg_dir:-}" && -f "$pg_dir/data/postmaster.pid" ]]; then
        as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
}

# Loads the SQLite archive $db into the running server's "factcheck" database. The first time for an archive, with
# the application's own commands: `backup` from SQLite (migrated first), `restore` into PostgreSQL, which rebuilds
# the search rows row by row (about half an hour at 100,000 claims); the result is cached beside $db as a pg_dump
# and later runs load it with pg_restore. The dump is named after $db, so it shares its key (generator and curated
# archive): a migration added since is applied by the application when it next starts on the restored database.
# Then the application's `migrate`, VACUUM ANALYZE, and a check that the claims and the search rows are there. Sets pg_load_note,
# pg_vacuum_seconds, pg_claims, pg_evidence, pg_sources, pg_mb.
bench_pg_load() {
    local dump="$db.pg15.dump" start backup backup_seconds restore_start restore_seconds rebuild_seconds vacuum_start counts \
        claim_rows evidence_rows source_rows
    start=$(date +%s)
    if [[ -f "$dump" ]]; then
        log "loading $dump with pg_restore"
        "$pg_bin/pg_restore" -h 127.0.0.1 -p "$pg_port" -U postgres -d factcheck --no-owner --exit-on-error "$dump"
        pg_load_note="pg_restore of the cached dump ($(du -m "$dump" | cut -f1) MB): $(( $(date +%s) - start )) s"
    else
        bench_migrate_sqlite
        log "backing up $db"
        backup="$work_dir/archive.json"
        (cd "$publish_dir" && dotnet FactCheck.Web.dll backup "$backup" --ConnectionStrings:FactCheck="Data Source=$db") >"$work_dir/backup.log" 2>&1 \
            || { cat "$work_dir/backup.log" >&2; return 1; }
        backup_seconds=$(( $(date +%s) - start ))
        log "restoring into PostgreSQL (row by row: tens of minutes at 100,000 claims)"
        restore_start=$(date +%s)
        # No command timeout: rebuilding the search rows of 500,000 evidence items is one statement of minutes.
        (cd "$publish_dir" && env Database__Provider=Postgres ConnectionStrings__FactCheck="$pg_cs;Command Timeout=0" \
            dotnet FactCheck.Web.dll restore "$backup") >"$work_dir/restore.log" 2>&1 \
            || { tail -20 "$work_dir/restore.log" >&2; return 1; }
        restore_seconds=$(( $(date +%s) - restore_start ))
        rebuild_seconds="$(awk '/Rebuilding the full-text index/ { split($1, a, ":"); s = a[1] * 3600 + a[2] * 60 + a[3] }
            /Restored [0-9]+ rows in/ { split($1, b, ":"); e = b[1] * 3600 + b[2] * 60 + b[3] } END { print e - s }' \
            <(sed 's/^\[//' "$work_dir/restore.log"))"
        rm -f "$backup"
        "$pg_bin/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres -Fc factcheck >"$dump.tmp"
        mv "$dump.tmp" "$dump"
        pg_load_note="backup ${backup_seconds} s, restore ${restore_seconds} s (of which the search rows' rebuild ${rebuild_seconds} s), then cached as $(basename "$dump")"
    fi
    log "archive in PostgreSQL: $pg_load_note"
    # The migrations added since the dump was made, applied by the application's `migrate` before anything is
    # measured, and without a command timeout: a migration that backfills a column of 100,000 claims is one statement
    # that the default 30 s could cut off on a busy machine. Then ANALYZE sees the backfilled rows.
    start=$(date +%s)
    (cd "$publish_dir" && timeout "${BENCH_MIGRATE_TIMEOUT:-1800}" env Database__Provider=Postgres \
        ConnectionStrings__FactCheck="$pg_cs;Command Timeout=0" dotnet FactCheck.Web.dll migrate --Seeds:ImportOnEmptyDatabase=false) \
        >"$work_dir/migrate-postgres.log" 2>&1 || { tail -20 "$work_dir/migrate-postgres.log" >&2; log "migrating PostgreSQL failed"; return 1; }
    pg_load_note+=", migrate $(( $(date +%s) - start )) s"
    vacuum_start=$(date +%s)
    bench_psql -d factcheck -c "VACUUM ANALYZE"
    pg_vacuum_seconds=$(( $(date +%s) - vacuum_start ))
    counts="$(bench_psql -d factcheck -F' ' -c 'SELECT (SELECT count(*) FROM "Claims"), (SELECT count(*) FROM "Evidence"),
        (SELECT count(*) FROM "Sources"), (SELECT count(*) FROM "ClaimSearch"), (SELECT count(*) FROM "EvidenceSearch"),
        (SELECT count(*) FROM "SourceSearch"), pg_database_size(current_database()) / 1048576')"
    read -r pg_claims pg_evidence pg_sources claim_rows evidence_rows source_rows pg_mb <<<"$counts"
    log "PostgreSQL: $pg_claims claims, $pg_evidence evidence, $pg_sources sources; search rows $claim_rows / $evidence_rows / $source_rows; $pg_mb MB"
    if [[ "$pg_claims" -lt "$GEN_CLAIMS" || "$claim_rows" -eq 0 || "$evidence_rows" -eq 0 || "$source_rows" -eq 0 ]]; then
        log "the PostgreSQL archive is not the generated one ($GEN_CLAIMS claims) or has no search rows"
        return 1
    fi
}

# A one-line description of the machine and the moment, for the reports: CPU model, cores, memory, OS, kernel,
# .NET SDK, date, commit (with "+ local changes" when the work tree differs from it).
bench_machine() {
    local os commit
    os="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown OS}")"
    commit="$(git -C "$repo_root" log -1 --format='%h "%s"' 2>/dev/null || echo unknown)"
    if [[ -n "$(git -C "$repo_root" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
        commit+=" + local changes"
    fi
    echo "$(lscpu | awk -F': *' '/^Model name/ { print $2; exit }'), $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB;" \
        "$os, kernel $(uname -r); .NET SDK $(dotnet --version); $(date -u +%Y-%m-%dT%H:%MZ); commit $commit"
}
