"""Access tokens: 256 random bits, stored only as SHA-256, checked in constant time."""

from __future__ import annotations

import base64

from barometer.fieldwork.tokens import hash_token, looks_like_token, new_token, verify_token


def test_token_has_256_random_bits_and_url_safe_characters() -> None:
    token = new_token()
    assert looks_like_token(token)
    raw = base64.urlsafe_b64decode(token + "=")
    assert len(raw) * 8 == 256


def test_tokens_do_not_repeat() -> None:
    tokens = {new_token() for _ in range(2000)}
    assert len(tokens) == 2000


def test_hash_is_sha256_hex_and_verifies() -> None:
    token = new_token()
    digest = hash_token(token)
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert token not in digest
    assert verify_token(token, digest)
    assert not verify_token(new_token(), digest)


def test_malformed_tokens_are_rejected_before_any_lookup() -> None:
    token = new_token()
    for bad in ["", token[:-1], token + "A", token[:-1] + "!", "../" + token[3:], " " * 43]:
        assert not looks_like_token(bad)
        assert not verify_token(bad, hash_token(bad))


def test_fieldwork_surface_exists_and_is_free_of_web_code() -> None:
    import subprocess
    import sys

    import barometer.fieldwork as fw

    assert all(hasattr(fw, n) for n in fw.__all__)  # order: ruff RUF022
    code = (
        "import sys, barometer.fieldwork, barometer.fieldwork.survey;"
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
