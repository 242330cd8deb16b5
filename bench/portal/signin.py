#!/usr/bin/env python3
"""Signs in to the portal through the dev IdP's login form and prints the Cookie header a signed-in browser sends.

Usage: signin.py <portal url> <email> <password>
The same hops as Autri.Testing's HttpSignIn: /sign-in, the IdP's authorize and login form, the portal's callback.
"""
import http.cookiejar, re, sys, urllib.error, urllib.parse, urllib.request

portal, email, password = sys.argv[1], sys.argv[2], sys.argv[3]
jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def send(url, form=None):
    data = None if form is None else urllib.parse.urlencode(form).encode()
    try:
        with opener.open(urllib.request.Request(url, data=data), timeout=30) as r:
            return r.status, r.headers.get("Location"), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location"), e.read().decode()


url = portal + "/sign-in"
for _hop in range(20):
    status, location, page = send(url)
    if status == 200 and not url.startswith(portal):  # the dev IdP's login form
        action = re.search(r'<form method="post" action="([^"]+)"', page) or sys.exit(f"no login form at {url}")
        status, location, page = send(urllib.parse.urljoin(url, action.group(1).replace("&amp;", "&")), {"email": email, "password": password})
    if status not in (301, 302, 303, 307) or not location:
        sys.exit(f"sign-in stopped at {url}: {status} {page[:300]}")
    url = urllib.parse.urljoin(url, location)
    if url.rstrip("/") == portal:
        break
else:
    sys.exit("too many redirects while signing in")

host = urllib.parse.urlsplit(portal).hostname
print("; ".join(f"{c.name}={c.value}" for c in jar if c.domain.lstrip(".") in (host, host + ".local")))
