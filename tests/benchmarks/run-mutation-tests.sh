#!/usr/bin/env bash
# Mutation testing of the data project's pure logic (issue 13): Stryker.NET, restored as a local tool from
# .config/dotnet-tools.json, mutates the six files listed in tests/benchmarks/stryker-config.json and runs
# the project's own tests (tests/FactCheck.Tests) against every mutant. Ends with each file's score, the
# total, and the mutants that survived. Exits non-zero when the total is under 85% or MarkdownRenderer or
# PassageLocator is under 90%. Not run in CI: it takes about an hour on 2 cores. See
# docs/mutation-testing.md.
#
# Extra arguments go to Stryker, e.g. to work on one file:
#   tests/benchmarks/run-mutation-tests.sh --mutate "**/Text/Slugs.cs"
# Knobs (environment): MUTATION_OUTPUT_DIR (StrykerOutput/mutation-tests under the repository root).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
config="$repo_root/tests/benchmarks/stryker-config.json"
output_dir="${MUTATION_OUTPUT_DIR:-$repo_root/StrykerOutput/mutation-tests}"
report="$output_dir/reports/mutation-report.json"
total_floor=85
safety_floor=90

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDTERMINALLOGGER=off

log() { echo "run-mutation-tests: $*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
    log "the .NET 10 SDK (dotnet) is not on PATH; install it first."
    exit 1
fi

# The scores are read from Stryker's JSON report with Debian's jq.
if ! command -v jq >/dev/null 2>&1; then
    log "installing Debian's jq"
    if [[ "$(id -u)" -eq 0 ]]; then as_root=(); elif [[ -t 0 ]]; then as_root=(sudo); else as_root=(sudo -n); fi
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y jq
fi

cd "$repo_root"
dotnet tool restore >/dev/null
rm -rf "$output_dir"

log "nproc $(nproc); Stryker $(dotnet tool list --local | awk '$1 == "dotnet-stryker" { print $2 }'); output in $output_dir"
started=$(date +%s)
set +e
# Stryker runs from the test project, whose references name the project to mutate.
(cd tests/FactCheck.Tests && dotnet tool run dotnet-stryker \
    --config-file "$config" --output "$output_dir" --skip-version-check "$@")
stryker_status=$?
set -e
elapsed=$(( $(date +%s) - started ))

if [[ ! -f "$report" ]]; then
    log "FAILED - Stryker exited with $stryker_status and wrote no report ($report)."
    exit 1
fi

# Stryker's score: mutants detected (killed or timed out) over all it could test (those plus survivors and
# mutants no test covers); ignored mutants and mutants that do not compile do not count.
# Ignored mutants are either outside the six files or the block filter's ("... filter"), or disabled in the
# code with a reason: the equivalent mutants of docs/mutation-testing.md.
summary="$(jq -r '
    def count(s): map(select(.status == s)) | length;
    def filtered: .status == "Ignored" and ((.statusReason // "") | test(" filter$"));
    def disabled: map(select(.status == "Ignored" and (filtered | not))) | length;
    def score(m): (m | count("Killed") + count("Timeout")) as $d
        | ($d + (m | count("Survived")) + (m | count("NoCoverage"))) as $v
        | if $v == 0 then "n/a" else (($d * 1000 / $v | round) / 10 | tostring) + "%" end;
    [.files | to_entries[] | select(any(.value.mutants[]; .status != "CompileError" and (filtered | not)))] as $files
    | ($files | map(.value.mutants) | add // []) as $all
    | "file\tscore\tkilled\ttimeout\tsurvived\tno coverage\tdisabled in code",
      ($files[] | .value.mutants as $m
        | [(.key | sub(".*/src/FactCheck.Data/"; "")), score($m), ($m | count("Killed")), ($m | count("Timeout")),
           ($m | count("Survived")), ($m | count("NoCoverage")), ($m | disabled)] | @tsv),
      (["total", score($all), ($all | count("Killed")), ($all | count("Timeout")), ($all | count("Survived")),
        ($all | count("NoCoverage")), ($all | disabled)] | @tsv)
' "$report")"

survivors="$(jq -r '
    .files | to_entries[] | (.key | sub(".*/src/FactCheck.Data/"; "")) as $file | .value.mutants[]
    | select(.status == "Survived" or .status == "NoCoverage")
    | "  \($file):\(.location.start.line) \(.status): \(.mutatorName): \(.replacement | gsub("\\s+"; " ") | .[0:100])"
' "$report")"

echo
echo "Mutation scores (Stryker.NET, $(( elapsed / 60 )) min $(( elapsed % 60 )) s on $(nproc) cores):"
echo "$summary" | column -t -s $'\t'
if [[ -n "$survivors" ]]; then
    echo
    echo "Surviving mutants:"
    echo "$survivors"
fi

score_of() {
    echo "$summary" | awk -F '\t' -v name="$1" '$1 == name { sub(/%$/, "", $2); print $2 }'
}
failed=0
below() { awk -v s="$1" -v f="$2" 'BEGIN { exit !(s != "" && s != "n/a" && s + 0 < f) }'; }
for file in Text/MarkdownRenderer.cs Seeding/PassageLocator.cs; do
    if below "$(score_of "$file")" "$safety_floor"; then
        log "FAILED - $file scores under $safety_floor%"
        failed=1
    fi
done
if below "$(score_of total)" "$total_floor"; then
    log "FAILED - the total scores under $total_floor%"
    failed=1
fi
exit "$failed"
