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

# The browser tests drive Debian's Chromium; Playwright cannot download its own browsers here.
if [[ ! -x /usr/bin/chromium ]]; then
    echo "run-tests: /usr/bin/chromium not found; installing Debian's chromium package."
    if [[ "$(id -u)" -eq 0 ]]; then
        as_root=()
    elif [[ -t 0 ]]; then
        as_root=(sudo)
    else
        # No terminal (CI): fail at once instead of waiting for a password prompt nobody can answer.
        as_root=(sudo -n)
    fi
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

log_dir="$(mktemp -d "${TMPDIR:-/tmp}/factcheck-tests.XXXXXX")"
log_file="$log_dir/dotnet-test.log"
echo "run-tests: full log in $log_file"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The per-assembly "Passed!/Failed!" summary lines are what the totals are summed from; the
# interactive terminal logger would replace them with its own layout.
export MSBUILDTERMINALLOGGER=off

set +e
dotnet test FactCheck.sln -c Release 2>&1 | tee "$log_file"
test_status=${PIPESTATUS[0]}
set -e

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
