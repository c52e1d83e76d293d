"""Access tokens for the personal survey links.

A token is ``secrets.token_urlsafe(32)``: 256 random bits, 43 URL-safe characters. Only its
SHA-256 digest is stored. A fast, unsalted hash is right here, unlike for passwords: a
password is chosen by a person from a small space, so it needs a slow, salted hash
(argon2) against dictionary attacks; a token is 256 bits from the operating system's
random source, so no dictionary exists and a brute-force search over 2**256 values is out
of reach whatever the hash costs. A slow hash would only make every page request slow (the
token is checked on each one) and could not be looked up by index.

Because the server keeps only digests it cannot e-mail a link twice: each e-mail carries a
newly issued token, and all tokens of an organisation stay valid until the wave closes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token() -> str:
    """A fresh token with 256 bits from the operating system's random source."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """The stored form of ``token``: its SHA-256 digest in hexadecimal (64 characters)."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def looks_like_token(token: str) -> bool:
    """Whether ``token`` has the shape :func:`new_token` makes (checked before any lookup)."""
    return bool(TOKEN_PATTERN.fullmatch(token))


def verify_token(token: str, token_hash: str) -> bool:
    """Whether ``token`` hashes to ``token_hash``, compared in constant time."""
    return looks_like_token(token) and hmac.compare_digest(hash_token(token), token_hash)
