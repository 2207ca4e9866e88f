#!/usr/bin/env bash
# Issue 6's reliability measure: kills the real application with SIGKILL at random moments of a first start,
# a `seed` and the archive generator (tests/benchmarks/FactCheck.ArchiveGenerator; CRASH_ITERATIONS times, default 100), starts it again, and checks that it
# recovers: the site answers, every table holds what a clean import gives, and SQLite's integrity_check and
# the full-text indexes' integrity-check pass. Ends with "N kills, N recovered, N corrupt".
# Not a timed test and not part of CI (it takes 10 to 30 minutes); figures in docs/reliability.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDTERMINALLOGGER=off

dotnet build tests/FactCheck.CrashRecovery -c Release -v quiet -nologo >/dev/null

# Run from a copy, so that a rebuild during the run cannot swap the application under it.
run_dir="$(mktemp -d "${TMPDIR:-/tmp}/factcheck-crash-app.XXXXXX")"
trap 'rm -rf "$run_dir"' EXIT
cp -r tests/FactCheck.CrashRecovery/bin/Release/net10.0/. "$run_dir/"
dotnet "$run_dir/FactCheck.CrashRecovery.dll" --iterations "${CRASH_ITERATIONS:-100}" --seed "${CRASH_SEED:-1}"
