-- wrk script: POST /mcp tools/call search_documents, cycling through the query mix that SearchBench prepared
-- (one JSON-RPC body per line of the file named by BODIES), or tools/list with METHOD=list. No credentials: the
-- server runs in benchmark mode. LABEL names the JSON line printed at the end.
local method = os.getenv("METHOD") or "search"
local label = os.getenv("LABEL") or "run"
local bodies = {}
if method == "list" then
  bodies = { '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}' }
else
  for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
end
local n = 0
local headers = {
  ["Content-Type"] = "application/json",
  ["Accept"] = "application/json, text/event-stream",
  ["MCP-Protocol-Version"] = "2025-06-18",
}

request = function()
  n = n + 1
  return wrk.format("POST", "/mcp", headers, bodies[(n % #bodies) + 1])
end

done = dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "summary.lua")(label)
