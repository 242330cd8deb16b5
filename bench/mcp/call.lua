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
local n = 0

request = function()
  n = n + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
    ["MCP-Protocol-Version"] = "2025-06-18",
  }
  if auth ~= "" then headers["Authorization"] = auth end
  return wrk.format("POST", "/mcp", headers, bodies[(n % #bodies) + 1])
end

done = dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "summary.lua")(label)
