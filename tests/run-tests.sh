#!/usr/bin/env bash
# The one test command: sets up what the tests need where missing, runs every test project
# of the solution, and ends with a single totals line "N passed, N failed".
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if ! command -v dotnet >/dev/null 2>&1; then
    echo "run-tests: the .NET 10 SDK (dotnet) is not on PATH; install it first." >&2
    exit 1
fi

if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
elif [[ -t 0 ]]; then
    as_root=(sudo)
else
    # No terminal (CI): fail at once instead of waiting for a password prompt nobody can answer.
    as_root=(sudo -n)
fi
apt_updated=false
apt_install() {
    if [[ $apt_updated == false ]]; then
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
        apt_updated=true
    fi
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# The browser tests drive Debian's Chromium; Playwright cannot download its own browsers here.
if [[ ! -x /usr/bin/chromium ]]; then
    echo "run-tests: /usr/bin/chromium not found; installing Debian's chromium package."
    apt_install chromium
fi

# The PostgreSQL pass starts its own throwaway server with initdb and pg_ctl (PostgresServer.cs), which
# Debian keeps off the PATH in /usr/lib/postgresql/<version>/bin. The package's own cluster on port 5432,
# if its postinst starts one, is never used: the tests pick a free port in a temporary folder.
has_postgres_server() {
    command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
if [[ -z "${FACTCHECK_TEST_POSTGRES:-}" ]] && ! has_postgres_server; then
    echo "run-tests: PostgreSQL's initdb and pg_ctl not found; installing Debian's postgresql package."
    apt_install postgresql
fi

# NginxTests put Debian's nginx, with the shipped docs/deployment/nginx.conf, in front of two instances; without
# nginx they fail (never skip), so a fresh machine gets it here. The tests start their own on a free port.
if [[ ! -x /usr/sbin/nginx ]]; then
    echo "run-tests: /usr/sbin/nginx not found; installing Debian's nginx package."
    apt_install nginx
fi

log_dir="$(mktemp -d "${TMPDIR:-/tmp}/factcheck-tests.XXXXXX")"
log_file="$log_dir/dotnet-test.log"
echo "run-tests: full log in $log_file"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The per-assembly "Passed!/Failed!" summary lines are what the totals are summed from; the
# interactive terminal logger would replace them with its own layout.
export MSBUILDTERMINALLOGGER=off

# The tests' temp folders (throwaway PostgreSQL servers in factcheck-pg-*, nginx prefixes, crash-test databases)
# go under this run's own folder: the tests remove theirs at process exit, but a killed test process cannot, and
# what is left is then this run's alone to stop, never the servers of another run or a benchmark beside it.
# As open as /tmp itself: the PostgreSQL servers run as the postgres user, inside it.
run_tmp="$log_dir/tmp"
mkdir -p "$run_tmp"
chmod 0755 "$log_dir"
chmod 1777 "$run_tmp"
stop_leftover_postgres() {
    local folder
    for folder in "$run_tmp"/factcheck-pg-*; do
        [[ -d $folder ]] || continue
        if [[ -f $folder/data/postmaster.pid ]]; then
            local pid
            pid="$(head -n 1 "$folder/data/postmaster.pid")"
            if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
                echo "run-tests: stopping a PostgreSQL test server left running in $folder (pid $pid)"
                # SIGQUIT is pg_ctl's "immediate" stop: the postmaster ends its children and exits at once.
                kill -QUIT "$pid" 2>/dev/null || true
            fi
        fi
    done
    rm -rf "$run_tmp" 2>/dev/null || true
}
trap stop_leftover_postgres EXIT

set +e
TMPDIR="$run_tmp" dotnet test FactCheck.sln -c Release 2>&1 | tee "$log_file"
test_status=${PIPESTATUS[0]}
set -e

# The second pass: every integration test class that holds on both providers ([Trait("Database", "Both")])
# again, on a database of its own on a throwaway PostgreSQL server that the tests start and stop.
echo "run-tests: PostgreSQL pass (FACTCHECK_TEST_DATABASE=Postgres, tests with Database=Both)" | tee -a "$log_file"
set +e
TMPDIR="$run_tmp" FACTCHECK_TEST_DATABASE=Postgres dotnet test tests/FactCheck.Tests -c Release --no-build --filter "Database=Both" 2>&1 | tee -a "$log_file"
postgres_status=${PIPESTATUS[0]}
set -e
if [[ $test_status -eq 0 && $postgres_status -ne 0 ]]; then
    test_status=$postgres_status
fi
stop_leftover_postgres

# e.g. "Passed!  - Failed:     0, Passed:    10, Skipped:     0, Total:    10, Duration: 2 s - X.dll (net10.0)"
totals="$(awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
        line = $0
        sub(/.*Failed: +/, "", line); failed += line + 0
        line = $0
        sub(/.*Passed: +/, "", line); passed += line + 0
        found++
    }
    END { if (found > 0) printf "%d passed, %d failed\n", passed, failed }
' "$log_file")"

if [[ -z "$totals" ]]; then
    echo "run-tests: FAILED - no test summary found (dotnet test exited with $test_status; build error?). See $log_file" >&2
    exit 1
fi

if [[ $test_status -ne 0 ]]; then
    # A project that does not build runs no tests, so its failure would not show in the totals.
    build_errors="$(grep -E ': error [A-Z]+[0-9]+:' "$log_file" | sort -u || true)"
    if [[ -n "$build_errors" ]]; then
        echo "run-tests: FAILED - build errors (those projects' tests did not run):" >&2
        echo "$build_errors" >&2
    fi
    echo "run-tests: dotnet test exited with status $test_status; see $log_file" >&2
fi

echo "$totals"

if [[ $test_status -ne 0 ]]; then
    exit "$test_status"
fi
case "$totals" in
    *", 0 failed") ;;
    *) exit 1 ;;
esac
