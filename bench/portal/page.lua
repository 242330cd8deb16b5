-- wrk script: GET a portal page as the signed-in user (COOKIE: the Cookie header signin.py printed; empty for a
-- static file). LABEL names the JSON line summary.lua prints.
local cookie = os.getenv("COOKIE") or ""
if cookie ~= "" then wrk.headers["Cookie"] = cookie end
wrk.headers["Accept-Encoding"] = "gzip, br"
done = dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "../mcp/summary.lua")(os.getenv("LABEL") or "page")
