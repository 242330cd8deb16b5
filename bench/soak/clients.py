#!/usr/bin/env python3
"""The soak's own clients, whose every answer is counted (wrk only totals): held notification streams, MCP tool calls
for one connector, and an admin sending notifications to one user through the portal's broadcast form.

Usage: clients.py <portal url> <mcp url> <seconds> <result json>
Environment: WATCHED_COOKIE (the user whose streams are checked, also the broadcasts' recipient WATCHED_EMAIL),
OTHER_COOKIE (more streams, not checked), ADMIN_COOKIE (the sender), API_KEY (the counted connector's key),
STREAMS (per user, default 4), CALLERS (default 6), SEND_EVERY (seconds between broadcasts, default 1).

Streams reconnect as a browser does (after the server's retry hint) and remember the last event id, which is the
user's unread count. Tool calls are sorted by answer: ok (200 with results), tool_error (200, isError: the tool
could not answer), http_<status>, or failed (no HTTP answer); each kind keeps its latencies. After <seconds> the
clients stop, the streams are given 5 s more to deliver the last count, and the result is written as JSON.
"""
import http.client, json, os, re, sys, threading, time, urllib.parse

portal, mcp, seconds, result_path = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
deadline = time.monotonic() + seconds
lock = threading.Lock()
calls = {}            # kind -> [latency ms]
streams = {"events": 0, "connects": 0, "ended": 0, "watched_last_id": {}}
sends = {"ok": 0, "failed": {}, "failure_ms": []}


def connection(url, timeout):
    u = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)


def stream(name, cookie, watched):
    while time.monotonic() < deadline:
        try:
            c = connection(portal, 30)
            c.request("GET", "/notifications/stream", headers={"Cookie": cookie, "Accept": "text/event-stream"})
            r = c.getresponse()
            with lock: streams["connects"] += 1
            if r.status != 200:
                r.read(); c.close(); time.sleep(1); continue
            while True:
                line = r.fp.readline()
                if not line: break
                if line.startswith(b"id: "):
                    with lock:
                        streams["events"] += 1
                        if watched: streams["watched_last_id"][name] = int(line[4:])
            c.close()
        except (OSError, http.client.HTTPException):
            pass
        with lock: streams["ended"] += 1
        time.sleep(3)  # the server's retry hint


def caller(n, key):
    c = connection(mcp, 15)
    i = 0
    while time.monotonic() < deadline:
        i += 1
        body = json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": {"name": "search_documents",
               "arguments": {"query": f"w{500 + (i * 37 + n) % 1400} w{600 + (i * 53) % 1300}", "limit": 10}}})
        started = time.monotonic()
        try:
            c.request("POST", "/mcp", body=body, headers={"Authorization": "Bearer " + key, "Content-Type": "application/json",
                      "Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-06-18"})
            r = c.getresponse()
            text = r.read().decode()
            kind = ("ok" if '"count"' in text else "tool_error") if r.status == 200 else f"http_{r.status}"
        except (OSError, http.client.HTTPException):
            kind = "failed"
            c.close(); c = connection(mcp, 15)
        ms = (time.monotonic() - started) * 1000
        with lock: calls.setdefault(kind, []).append(ms)
        if kind != "ok": time.sleep(0.05)


def sender(cookie, email):
    n = 0
    while time.monotonic() < deadline - 3:
        started = time.monotonic()
        try:
            c = connection(portal, 15)
            c.request("GET", "/admin/notifications", headers={"Cookie": cookie})
            r = c.getresponse(); page = r.read().decode()
            if r.status != 200: raise RuntimeError(f"form http_{r.status}")
            # The antiforgery cookie the form page sets goes back with the POST, as a browser sends it.
            issued = [h.split(";", 1)[0] for h in r.headers.get_all("Set-Cookie") or []]
            if issued: cookie = "; ".join([cookie] + issued)
            token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page) \
                or re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page)
            n += 1
            form = urllib.parse.urlencode({"_handler": "broadcast", "__RequestVerificationToken": token.group(1),
                "Input.Audience": "email", "Input.Email": email, "Input.Title": f"Soak {n}", "Input.Body": "", "Input.Link": ""})
            c.request("POST", "/admin/notifications", body=form, headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
            r = c.getresponse(); r.read()
            # Post/redirect/get: a send that happened redirects to the page showing it (?sent=<audit id>).
            if r.status in (302, 303) and "sent=" in (r.getheader("Location") or ""):
                with lock: sends["ok"] += 1
            else:
                raise RuntimeError(f"send http_{r.status}")
            c.close()
        except Exception as e:  # counted, never fatal: the point is what the user ends up seeing
            with lock:
                key = str(e)[:60]
                sends["failed"][key] = sends["failed"].get(key, 0) + 1
                sends["failure_ms"].append((time.monotonic() - started) * 1000)
        time.sleep(float(os.environ.get("SEND_EVERY", "1")))


threads = []
for i in range(int(os.environ.get("STREAMS", "4"))):
    threads.append(threading.Thread(target=stream, args=(f"watched{i}", os.environ["WATCHED_COOKIE"], True), daemon=True))
    threads.append(threading.Thread(target=stream, args=(f"other{i}", os.environ["OTHER_COOKIE"], False), daemon=True))
for i in range(int(os.environ.get("CALLERS", "6"))):
    threads.append(threading.Thread(target=caller, args=(i, os.environ["API_KEY"]), daemon=True))
threads.append(threading.Thread(target=sender, args=(os.environ["ADMIN_COOKIE"], os.environ["WATCHED_EMAIL"]), daemon=True))
for t in threads: t.start()
time.sleep(max(0, deadline - time.monotonic()) + 5)


def pct(xs, p):
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(len(xs) * p / 100))], 1) if xs else None


with lock:
    result = {
        "calls": {k: {"n": len(v), "p50_ms": pct(v, 50), "p99_ms": pct(v, 99), "max_ms": round(max(v), 1)} for k, v in calls.items()},
        "streams": streams,
        "sends": {"ok": sends["ok"], "failed": sends["failed"], "failure_max_ms": round(max(sends["failure_ms"]), 1) if sends["failure_ms"] else None},
    }
with open(result_path, "w") as f: f.write(json.dumps(result) + "\n")
print(json.dumps(result))
