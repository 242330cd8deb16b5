-- wrk script: POST /oauth/token with grant_type=refresh_token, each refresh token used once, as a client does.
-- Refresh tokens rotate: each 200 answer's new refresh token goes back into the pool for a later request, so the
-- pool (TOKENS_FILE, one "<access token> <refresh token>" line per grant after the client_id line) must hold more
-- grants than there are connections. An empty pool sends "exhausted", which the portal refuses (counted as non-2xx),
-- so a run that ran dry shows it. When the run ends, the tokens still in the pool are written back to TOKENS_FILE
-- (the ones in flight are lost: their old token is spent), for the next run.
-- Env: TOKENS_FILE, LABEL.
local label = os.getenv("LABEL") or "refresh"
local file = os.getenv("TOKENS_FILE")
local threads = {}

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  pool, client_id = {}, nil
  for line in io.lines(file) do
    if client_id == nil then client_id = line
    else
      local refresh = line:match("^%S+ (%S+)$")
      if refresh then pool[#pool + 1] = refresh end
    end
  end
end

request = function()
  local token = table.remove(pool) or "exhausted"
  return wrk.format("POST", "/oauth/token", { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "grant_type=refresh_token&client_id=" .. encode(client_id) .. "&refresh_token=" .. encode(token))
end

response = function(status, headers, body)
  local refresh = status == 200 and body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if refresh then pool[#pool + 1] = refresh end
end

done = function(summary, latency, requests)
  local left, client = {}, nil
  for _, t in ipairs(threads) do
    client = t:get("client_id")
    for _, r in ipairs(t:get("pool")) do left[#left + 1] = r end
  end
  local out = io.open(file, "w")
  out:write(client, "\n")
  for _, r in ipairs(left) do out:write("- ", r, "\n") end
  out:close()
  local seconds = summary.duration / 1e6
  io.write(string.format('{"label":"%s","requests":%d,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"non2xx":%d,"socket_errors":%d,"grants_left":%d}\n',
    label, summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, #left))
end
