-- What the wrk scripts here print when a run ends: one JSON line, which run.sh and search.sh collect.
-- Loaded with dofile from the calling script's folder; returns the `done` function for a label.
return function(label)
  return function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    io.write(string.format('{"label":"%s","requests":%d,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"non2xx":%d,"socket_errors":%d}\n',
      label, summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  end
end
