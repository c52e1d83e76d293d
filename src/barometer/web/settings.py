"""Django settings, read from the environment (see :data:`barometer.fieldwork.config.SETTINGS`).

Defaults run the embedded setup: SQLite in the working folder, a generated secret key beside
it. docs/deployment.md describes the production settings.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from barometer.fieldwork.config import flag, integer, parse_database_url, setting

WORK_DIR = Path.cwd()
SECRET_FILE = WORK_DIR / ".barometer-secret-key"


def _secret_key() -> str:
    key = setting("BAROMETER_SECRET_KEY")
    if key:
        return key
    try:  # O_EXCL: of several workers starting at once, exactly one writes the key
        fd = os.open(SECRET_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            key = SECRET_FILE.read_text(encoding="ascii").strip()
            if key:
                return key
            import time

            time.sleep(0.05)
        raise RuntimeError(
            f"{SECRET_FILE} is empty: delete it or set BAROMETER_SECRET_KEY"
        ) from None
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key


SECRET_KEY = _secret_key()
DEBUG = flag("BAROMETER_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in setting("BAROMETER_ALLOWED_HOSTS").split(",") if h.strip()]
HTTPS = flag("BAROMETER_HTTPS")
PROXY_COUNT = integer("BAROMETER_PROXY_COUNT")
BASE_URL = setting("BAROMETER_BASE_URL").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "barometer.web.apps.WebConfig",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "barometer.web.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "barometer.web.urls"
WSGI_APPLICATION = "barometer.web.wsgi.application"
TEMPLATES = [
    {  # respondent pages: Jinja2 renders the long question pages several times faster
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [Path(__file__).resolve().parent / "templates" / "jinja"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "barometer.web.jinja.environment", "autoescape": True},
    },
    {  # staff pages, admin and e-mail texts
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": parse_database_url(setting("DATABASE_URL"), WORK_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "staff-login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "staff-login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = WORK_DIR / "static"

# Mail: Django's SMTP backend.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = setting("EMAIL_HOST")
EMAIL_PORT = integer("EMAIL_PORT")
EMAIL_HOST_USER = setting("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = setting("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = flag("EMAIL_USE_TLS")
EMAIL_USE_SSL = flag("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = setting("BAROMETER_FROM_EMAIL")

# Security: cookies HttpOnly and SameSite always, Secure over HTTPS.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = False
if urlsplit(BASE_URL).scheme == "https":
    CSRF_TRUSTED_ORIGINS = [BASE_URL]

BAROMETER = {
    "BASE_URL": BASE_URL,
    "PROXY_COUNT": PROXY_COUNT,
    "THROTTLE_LIMIT": integer("BAROMETER_THROTTLE_LIMIT"),
    "THROTTLE_WINDOW": integer("BAROMETER_THROTTLE_WINDOW"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
