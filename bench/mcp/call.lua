-- wrk script: POST /mcp tools/call search_documents with a rotating two-word query over the synthetic corpus.
-- Env: AUTH (the whole Authorization header value, or empty for none), LABEL (name printed in the JSON line),
-- METHOD=list to send tools/list instead (no database work: isolates what authentication itself costs).
local auth = os.getenv("AUTH") or ""
local method = os.getenv("METHOD") or "search"
local label = os.getenv("LABEL") or "run"
local queries = {}
for i = 0, 31 do
  queries[#queries + 1] = string.format("w%d w%d", 500 + (i * 37) % 1400, 600 + (i * 53) % 1300)
end
local bodies = {}
for i, q in ipairs(queries) do
  bodies[i] = string.format('{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"search_documents","arguments":{"query":"%s","limit":10}}}', i, q)
end
if method == "list" then
  bodies = { '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}' }
end
local requests, n = {}, 0

-- Formatted once, not per request: wrk shares the cores with the server, so per-request Lua work (larger with the
-- ~1 KB Authorization header) would come out of the server's share and show as a cost of authentication.
function init(args)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
    ["MCP-Protocol-Version"] = "2025-06-18",
  }
  if auth ~= "" then headers["Authorization"] = auth end
  for i, body in ipairs(bodies) do requests[i] = wrk.format("POST", "/mcp", headers, body) end
end

request = function()
  n = n + 1
  return requests[(n % #requests) + 1]
end

done = dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "summary.lua")(label)
