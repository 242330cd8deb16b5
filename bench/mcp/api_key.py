#!/usr/bin/env python3
"""Prints a fresh Autri API key and its HMAC-SHA256 under a pepper, for seeding the benchmark database.

Usage: api_key.py <base64 pepper>  ->  "<key> <hex hmac> <display prefix>"
Same format as Autri.Domain's ApiKey (autri_sk_ + 22 base62 + base62 CRC-32 checksum, 6 chars) and the same
hash as Autri.Infra's ApiKeyHasher (HMAC-SHA256 of the ASCII key). A mismatch would show as 401s in the run.
"""
import base64, hashlib, hmac, secrets, sys, zlib

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

def base62(value: int, width: int) -> str:
    digits = []
    for _ in range(width):
        digits.append(ALPHABET[value % 62])
        value //= 62
    return "".join(reversed(digits))

body = "autri_sk_" + "".join(secrets.choice(ALPHABET) for _ in range(22))
key = body + base62(zlib.crc32(body.encode("ascii")), 6)
digest = hmac.new(base64.b64decode(sys.argv[1]), key.encode("ascii"), hashlib.sha256).hexdigest()
print(key, digest, key[:13])
