-- wrk reporter for run-benchmarks.sh: one machine-readable line
-- "RESULT p50_ms p95_ms p99_ms requests_per_second non_2xx_3xx socket_errors requests".
-- Only a done() hook: a response() hook would make wrk parse every response in Lua and slow the client.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %.2f %.2f %.2f %.0f %d %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), errors.status,
    errors.connect + errors.read + errors.write + errors.timeout, summary.requests))
end
