-- wrk script: GET /healthz, the same server's ceiling (routing and Kestrel, no MCP, no database).
local label = os.getenv("LABEL") or "healthz"
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format('{"label":"%s","requests":%d,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"non2xx":%d,"socket_errors":%d}\n',
    label, summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
