#!/usr/bin/env bash
# Issue 10's proof that nothing is lost under load and faults, through the editors' API, on both providers:
#   conflicts: PROOF_EDITORS (50) editors, each with a token of their own, send PROOF_SAVES (1000) draft saves to
#              PROOF_CLAIMS (20) claims at once, some on stale versions on purpose; every 200 must be in the
#              revision history once, every refusal a 412, each claim's draft its last acknowledged save;
#   crashes:   PROOF_ROUNDS (200) rounds of SIGKILL of an instance while PROOF_WRITERS (8) writers save
#              (PostgreSQL: one of two instances, and every fourth round the server, pg_ctl stop -m immediate),
#              then restart and check acknowledged writes, PRAGMA integrity_check / amcheck, and that the site serves.
# PostgreSQL runs on a throwaway server the command starts itself (initdb and pg_ctl in a temp folder, as the
# postgres user when run as root, on a free port) and stops at the end. PROOF_PROVIDERS ("sqlite postgres") and
# PROOF_PARTS ("conflicts crashes") pick what runs. Not a timed test and not part of CI; figures in docs/reliability.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDTERMINALLOGGER=off

if [[ " ${PROOF_PROVIDERS:-sqlite postgres} " == *" postgres "* ]] && ! command -v initdb >/dev/null 2>&1 \
    && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "run-proof: installing Debian's postgresql-15" >&2
    if [[ "$(id -u)" -eq 0 ]]; then as_root=(); else as_root=(sudo -n); fi
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 postgresql-contrib-15 || \
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15
fi

dotnet build tests/FactCheck.CrashRecovery -c Release -v quiet -nologo >/dev/null

# Run from a copy, so that a rebuild during the run cannot swap the application under it.
run_dir="$(mktemp -d "${TMPDIR:-/tmp}/factcheck-proof-app.XXXXXX")"
trap 'rm -rf "$run_dir"' EXIT
cp -r tests/FactCheck.CrashRecovery/bin/Release/net10.0/. "$run_dir/"

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, kernel $(uname -r), .NET SDK $(dotnet --version), $(date -u +%Y-%m-%dT%H:%MZ)"
status=0
for part in ${PROOF_PARTS:-conflicts crashes}; do
    for provider in ${PROOF_PROVIDERS:-sqlite postgres}; do
        case "$part" in
            conflicts) options=(--editors "${PROOF_EDITORS:-50}" --saves "${PROOF_SAVES:-1000}" --claims "${PROOF_CLAIMS:-20}") ;;
            crashes) options=(--rounds "${PROOF_ROUNDS:-200}" --writers "${PROOF_WRITERS:-8}") ;;
            *) echo "run-proof: unknown part '$part' (conflicts, crashes)" >&2; exit 2 ;;
        esac
        started=$(date +%s)
        dotnet "$run_dir/FactCheck.CrashRecovery.dll" "$part" --provider "$provider" --seed "${PROOF_SEED:-1}" "${options[@]}" || status=1
        echo "($part on $provider took $(( $(date +%s) - started )) s)"
    done
done
exit $status
