-- wrk script: GET /healthz, the same server's ceiling (routing and Kestrel, no MCP, no database).
local label = os.getenv("LABEL") or "healthz"
done = dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "summary.lua")(label)
