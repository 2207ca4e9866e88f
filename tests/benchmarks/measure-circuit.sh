#!/usr/bin/env bash
# What an idle editor's Interactive Server circuit costs the server (issue 11's target: under 200 KB), measured:
#   1. publishes the site (Release), or takes the published folder in $PUBLISH_DIR;
#   2. starts it in Production on a free loopback port over a fresh SQLite file, which the first start seeds from
#      seeds/, and adds an editor with the site's own `users add` and a generated password;
#   3. with Chromium driven by Playwright (FactCheck.CircuitProbe), signs in CIRCUIT_SESSIONS editors (20), each
#      in a browser context of its own, on the desk's static start page: signed in, no circuit;
#   4. weighs the server: a full, blocking GC, then the live managed heap (dotnet-gcdump) and the resident set;
#   5. opens a verdict form in every session, waits until each circuit is live, leaves them idle
#      (CIRCUIT_IDLE_SECONDS, 10), and weighs the server again with the N pages still open;
#   6. sends every page back to the static start page (ending the circuits) and weighs once more, as a check that
#      the difference went with the circuits.
# Per circuit = (step 5 - step 4) / N. A warm-up editor opens a form and leaves it before step 4, so first-use
# costs (JIT, caches filled once) are in both weighings and not charged to the circuits.
# Prints `RESULT circuit-kb K` (managed heap per circuit, KiB) and `RESULT circuit-rss-kb K` (resident set per
# circuit, KiB) as its last lines; exits 0 on success. See docs/performance/circuit-memory.md.
#
# Knobs (environment): PUBLISH_DIR (publish here when unset), CIRCUIT_SESSIONS (20), CIRCUIT_IDLE_SECONDS (10),
# CIRCUIT_REPORT_DIR (unset: where to keep the three heap reports, for finding what a circuit holds).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sessions="${CIRCUIT_SESSIONS:-20}"
idle_seconds="${CIRCUIT_IDLE_SECONDS:-10}"
# dotnet-gcdump's version, as listed in the package mirror; a dotnet tool, installed into the temp folder.
gcdump_version="10.0.750501"
editor_email="circuit-probe@example.org"

bench_name=measure-circuit
# shellcheck source=bench-lib.sh
source "$repo_root/tests/benchmarks/bench-lib.sh"

[[ "$sessions" =~ ^[1-9][0-9]*$ ]] || { log "CIRCUIT_SESSIONS must be a positive number, not '$sessions'"; exit 2; }
bench_install_missing curl:curl /usr/bin/chromium:chromium

probe_pid=""
stop_probe() {
    # Closing its input tells the probe to close Chromium; it is killed only when it does not.
    exec 7>&- 2>/dev/null || true
    if [[ -n "$probe_pid" ]]; then
        for _ in $(seq 1 20); do
            kill -0 "$probe_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill "$probe_pid" 2>/dev/null || true
        wait "$probe_pid" 2>/dev/null || true
        probe_pid=""
    fi
}
bench_cleanup_extra=stop_probe
bench_start factcheck-circuit

# --- build ------------------------------------------------------------------------------------------------------
if [[ -n "${PUBLISH_DIR:-}" ]]; then
    publish_dir="$PUBLISH_DIR"
    [[ -f "$publish_dir/FactCheck.Web.dll" ]] || { log "PUBLISH_DIR=$publish_dir holds no FactCheck.Web.dll"; exit 1; }
else
    publish_dir="$work_dir/publish"
    log "publishing Release build"
    dotnet publish "$repo_root/src/FactCheck.Web" -c Release -o "$publish_dir" --nologo -v quiet >"$work_dir/publish.log" 2>&1 \
        || { cat "$work_dir/publish.log" >&2; exit 1; }
fi
log "building the browser driver and installing dotnet-gcdump $gcdump_version"
dotnet build "$repo_root/tests/benchmarks/FactCheck.CircuitProbe" -c Release -o "$work_dir/probe" --nologo -v quiet >"$work_dir/probe-build.log" 2>&1 \
    || { cat "$work_dir/probe-build.log" >&2; exit 1; }
dotnet tool install dotnet-gcdump --version "$gcdump_version" --tool-path "$work_dir/tools" >"$work_dir/tool-install.log" 2>&1 \
    || { cat "$work_dir/tool-install.log" >&2; exit 1; }
gcdump="$work_dir/tools/dotnet-gcdump"

# --- the site -----------------------------------------------------------------------------------------------------
db="$work_dir/circuit.db"
app_args=(
    --ConnectionStrings:FactCheck="Data Source=$db"
    --Serilog:MinimumLevel:Default=Warning
    --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning
    # N sign-ins from 127.0.0.1 within a minute would meet the per-address limit (10 a minute) meant for guessing.
    --Account:SignInAttemptsPerMinute=1000
)
# A password of 32 random characters, in a file only we can read: never on a command line, where ps shows it.
password_file="$work_dir/password"
(umask 077 && head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-32 >"$password_file")
log "adding the editor $editor_email"
(cd "$publish_dir" && ASPNETCORE_ENVIRONMENT=Production dotnet FactCheck.Web.dll users add "$editor_email" --role editor "${app_args[@]}" \
    <"$password_file" >"$work_dir/users.log" 2>&1) || { cat "$work_dir/users.log" >&2; exit 1; }

port="$(free_port)"
app_url="http://127.0.0.1:$port"
log "starting the site on $app_url (Production, a fresh SQLite file seeded from seeds/)"
(cd "$publish_dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$app_url" \
    dotnet FactCheck.Web.dll "${app_args[@]}" >"$work_dir/app.log" 2>&1) &
app_pid=$!
started_pids+=("$app_pid")
wait_for "$app_url/claims" 180 || { tail -20 "$work_dir/app.log" >&2; exit 1; }

# Every claim the seeded list shows, the forms opened in turn: the curated claims differ in evidence and drafts.
verdict_paths="$(curl -s --max-time 60 "$app_url/claims" | grep -oE 'href="/claims/[0-9]+/' | grep -oE '[0-9]+' | sort -un \
    | sed 's|.*|/editor/claims/&/verdict|' | paste -sd, -)"
[[ -n "$verdict_paths" ]] || { log "the claims list shows no claim"; exit 1; }

# --- the browser driver -----------------------------------------------------------------------------------------
mkfifo "$work_dir/probe.in"
dotnet "$work_dir/probe/FactCheck.CircuitProbe.dll" --base-url "$app_url" --email "$editor_email" --password-file "$password_file" \
    --verdict-paths "$verdict_paths" --start-path /editor <"$work_dir/probe.in" >"$work_dir/probe.out" 2>"$work_dir/probe.err" &
probe_pid=$!
exec 7>"$work_dir/probe.in"

# Sends a command to the probe and waits for its answer line (a word), failing when the probe exits first.
probe() {
    local command="$1" answer="$2" seen
    seen="$(grep -c "^$answer" "$work_dir/probe.out" || true)"
    echo "$command" >&7
    for _ in $(seq 1 600); do
        if (( $(grep -c "^$answer" "$work_dir/probe.out" || true) > seen )); then
            return 0
        fi
        if ! kill -0 "$probe_pid" 2>/dev/null; then
            log "the browser driver stopped during '$command':"
            cat "$work_dir/probe.err" >&2
            exit 1
        fi
        sleep 0.5
    done
    log "the browser driver did not answer '$command' within 300 s"
    tail -5 "$work_dir/probe.err" >&2
    exit 1
}

# Weighs the server: dotnet-gcdump forces a full blocking GC and walks the live objects; its report's first line is
# the live managed heap in bytes. The resident set is read just after, with that GC done. Prints "heap_bytes rss_kb".
weigh() {
    local name="$1" heap rss
    "$gcdump" collect -p "$app_pid" -o "$work_dir/$name.gcdump" >"$work_dir/$name.collect.log" 2>&1 \
        || { cat "$work_dir/$name.collect.log" >&2; return 1; }
    rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$app_pid/status")"
    "$gcdump" report "$work_dir/$name.gcdump" >"$work_dir/$name.report.txt"
    heap="$(awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }' "$work_dir/$name.report.txt")"
    [[ -n "$heap" ]] || { log "no heap size in the $name report"; return 1; }
    if [[ -n "${CIRCUIT_REPORT_DIR:-}" ]]; then
        mkdir -p "$CIRCUIT_REPORT_DIR"
        cp "$work_dir/$name.report.txt" "$work_dir/$name.gcdump" "$CIRCUIT_REPORT_DIR/"
    fi
    echo "$heap $rss"
}

# The live circuits, from the heap itself: CircuitHost objects in the report (one per circuit, connected or kept).
circuits_in() {
    awk '$NF ~ /Components.Server.dll/ && $3 == "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost" { print $2; found = 1 } END { if (!found) print 0 }' \
        "$work_dir/$1.report.txt"
}

log "warming up: one editor signs in, opens a form and leaves it"
probe "signin 1" SIGNED
probe open LIVE
probe leave LEFT
log "signing in $sessions editors (no circuit yet)"
probe "signin $sessions" SIGNED
sleep 2
weighed="$(weigh signed-in)"
read -r heap_before rss_before <<<"$weighed"
circuits_before="$(circuits_in signed-in)"
log "signed in, no circuit: heap $heap_before bytes, RSS $rss_before KiB, circuits $circuits_before"

log "opening $sessions verdict forms and waiting for their circuits"
probe open LIVE
log "all live; idle for $idle_seconds s"
sleep "$idle_seconds"
weighed="$(weigh circuits)"
read -r heap_with rss_with <<<"$weighed"
circuits_with="$(circuits_in circuits)"
log "with the circuits: heap $heap_with bytes, RSS $rss_with KiB, circuits $circuits_with"

probe leave LEFT
sleep 2
weighed="$(weigh left)"
read -r heap_after rss_after <<<"$weighed"
circuits_after="$(circuits_in left)"
log "after leaving the forms: heap $heap_after bytes, RSS $rss_after KiB, circuits $circuits_after"

# The difference is the circuits' only if exactly they came and went.
if (( circuits_with - circuits_before != sessions )); then
    log "expected $sessions more circuits in the heap, found $circuits_before then $circuits_with"
    exit 1
fi
if (( circuits_after != circuits_before )); then
    log "note: $circuits_after circuits still in the heap after leaving (before: $circuits_before)"
fi

per_circuit_kb=$(( (heap_with - heap_before) / sessions / 1024 ))
per_circuit_rss_kb=$(( (rss_with - rss_before) / sessions ))
left_kb=$(( (heap_after - heap_before) / sessions / 1024 ))
log "managed heap per circuit: $per_circuit_kb KiB; after leaving, $left_kb KiB per editor remained"
log "load: $(uptime)"
stop_probe
echo "RESULT circuit-kb $per_circuit_kb"
echo "RESULT circuit-rss-kb $per_circuit_rss_kb"
