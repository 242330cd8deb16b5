#!/usr/bin/env python3
"""Connects to the portal by URL as an MCP client would, COUNT times, and prints the tokens, for the benchmark.

Usage: portal_grants.py <portal url> <mcp endpoint> <email> <password> <count>
  -> first line: the client_id; then COUNT lines "<access token> <refresh token>", one per grant.

One public client registered with RFC 7591, then for each grant: authorization request with PKCE S256 and
resource, the dev IdP's login form the first time (the portal's cookie keeps the sign-in), the consent page
(allow, first library; from the second grant on it offers the connector the first one made, which is kept),
the code exchanged at the token endpoint. The same steps as Autri.Portal.Tests' OAuthTestClient.
"""
import base64, hashlib, html.parser, http.cookiejar, json, secrets, sys, urllib.error, urllib.parse, urllib.request

portal, resource, email, password, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
redirect_uri = "http://127.0.0.1:53682/callback"  # never dialled: the code is read from the redirect


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())


def send(url, data=None, content_type="application/x-www-form-urlencoded"):
    """(status, location, body) without following redirects."""
    body = None if data is None else (data if isinstance(data, bytes) else urllib.parse.urlencode(data).encode())
    request = urllib.request.Request(url, data=body, headers={} if body is None else {"Content-Type": content_type})
    try:
        with opener.open(request, timeout=30) as r:
            return r.status, r.headers.get("Location"), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location"), e.read().decode()


class Forms(html.parser.HTMLParser):
    """The forms of a page: action, and the fields a browser would post (checked radios, first option of a select)."""

    def __init__(self, text):
        super().__init__()
        self.forms, self._select = [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}})
        elif tag == "input" and self.forms and a.get("name") and (a.get("type") != "radio" or "checked" in a):
            self.forms[-1]["fields"][a["name"]] = a.get("value") or ""
        elif tag == "select" and self.forms:
            self._select = a.get("name")
        elif tag == "option" and self._select and self._select not in self.forms[-1]["fields"]:
            self.forms[-1]["fields"][self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


status, _, body = send(portal + "/oauth/register", json.dumps({
    "client_name": "bench", "redirect_uris": [redirect_uri], "token_endpoint_auth_method": "none",
    "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"]}).encode(), "application/json")
if status != 201:
    sys.exit(f"registration answered {status}: {body}")
client_id = json.loads(body)["client_id"]
print(client_id)

for _ in range(count):
    verifier = b64url(secrets.token_bytes(32))
    url = portal + "/oauth/authorize?" + urllib.parse.urlencode({
        "response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "scope": "mcp.invoke offline_access",
        "state": secrets.token_hex(8), "code_challenge": b64url(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256", "resource": resource})
    code = None
    for _hop in range(25):
        if url.startswith(redirect_uri):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
            code = query.get("code", [None])[0] or sys.exit(f"no code in {url}")
            break
        status, location, page = send(url)
        if status in (301, 302, 303, 307):
            url = urllib.parse.urljoin(url, location)
            continue
        forms = Forms(page).forms
        consent = [f for f in forms if f["action"] == "/oauth/authorize/decide"]
        if status == 200 and consent:
            status, location, page = send(portal + "/oauth/authorize/decide", {**consent[0]["fields"], "decision": "allow"})
        elif status == 200 and not url.startswith(portal) and forms:  # the dev IdP's login form
            status, location, page = send(urllib.parse.urljoin(url, forms[0]["action"]), {"email": email, "password": password})
        if status not in (302, 303) or not location:
            sys.exit(f"stopped at {url}: {status} {page[:400]}")
        url = urllib.parse.urljoin(url, location)
    status, _, body = send(portal + "/oauth/token", {
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "client_id": client_id,
        "code_verifier": verifier, "resource": resource})
    if status != 200:
        sys.exit(f"token exchange answered {status}: {body}")
    tokens = json.loads(body)
    print(tokens["access_token"], tokens["refresh_token"])
