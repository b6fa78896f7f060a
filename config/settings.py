"""The one settings module, fed by environment variables (see the table in README.md).

Development defaults are safe to run on a laptop; with DJANGO_DEBUG=0 nothing falls back to a
development value: the secret key and allowed hosts must be given, and the secure-transport
settings are on.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import env_bool, env_int, env_list, env_rate, env_required, env_str, env_time

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-used-when-DJANGO_DEBUG-is-0")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    SECRET_KEY = env_required(
        "DJANGO_SECRET_KEY",
        "it signs sessions and links, so production needs its own long random value "
        '(python -c "import secrets; print(secrets.token_urlsafe(50))").',
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        env_required("DJANGO_ALLOWED_HOSTS", "list the host names this site answers to, comma-separated.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "decisions",
    "scoping",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Outside what may answer in a view's place (a 405 page), so its answer is marked too.
    "scoping.access.PrivateLinkMiddleware",
    # Before the session reads its cookie, after every middleware that sets a response header.
    "config.middleware.RequestHygieneMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "scoping.review.second_factor.StaffAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "scoping.site.RequestSiteMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scoping.context_processors.consultancy",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two writers at once (a client accepting in two tabs) wait their turn instead of failing with
    # "database is locked": each transaction takes the write lock when it starts.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Staff accounts guard every client's brief. django-axes refuses a username from an address after
# STAFF_LOGIN_FAILURES wrong passwords, for an hour; a second factor (TOTP, with recovery codes) is
# required of staff in production and optional in development and the demo (scoping/review/second_factor.py);
# a session ends after SCOPING_SESSION_IDLE_MINUTES without a request.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("STAFF_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "scoping.ratelimit.client_network"
AXES_LOCKOUT_CALLABLE = "config.errors.locked_out"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # no record of every sign-in's address; failures are kept, to count them
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # nobody reads another person's keys or recovery codes in the admin
SCOPING_STAFF_SECOND_FACTOR = env_bool("SCOPING_STAFF_SECOND_FACTOR", default=not DEBUG)
# Renewed by each admin request (scoping/review/second_factor.py), so a staff session ends after
# this long idle; a client's session (where they came from) lasts as long.
SESSION_COOKIE_AGE = env_int("SCOPING_SESSION_IDLE_MINUTES", 120) * 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
FORMAT_MODULE_PATH = ["config.formats"]  # one date format everywhere (see config/formats)
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain files in development and tests, which
        # do not run collectstatic.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Development serves files from the app folders as they change; production from STATIC_ROOT. Tied to
# the environment's DEBUG, not the runtime one that the test runner switches off.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# Background work. In development and tests tasks run at once, in the request; in production they
# are stored in the database and run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend",
        # Email has a queue (and in production a worker) of its own: a slow mail server holds up nothing else.
        "QUEUES": ["default", "mail", "webhooks"],
    }
}

# Email. Development prints messages to the console unless an SMTP host is given.
email_host = env_str("EMAIL_HOST", "")
SCOPING_SMTP_TIMEOUT = env_int("EMAIL_TIMEOUT", 600)  # seconds
# An attempt whose outcome is unknown (no final reply, or the worker died) may have been delivered:
# the outbox sends it again, with the same Message-ID, only after this many seconds.
SCOPING_MAIL_RESEND_AFTER = env_int("SCOPING_MAIL_RESEND_AFTER", 1800)
SCOPING_MAIL_SWEEP_SECONDS = env_int("SCOPING_MAIL_SWEEP_SECONDS", 60)  # how often due emails are picked up
# Webhooks (scoping/services/webhooks.py): a receiver gets this many seconds to connect and this many
# to answer; an attempt left "sending" longer (a killed worker) is sent again, with the same webhook-id.
SCOPING_WEBHOOK_TIMEOUT = env_int("SCOPING_WEBHOOK_TIMEOUT", 10)
SCOPING_WEBHOOK_RESEND_AFTER = env_int("SCOPING_WEBHOOK_RESEND_AFTER", 300)
# After a secret's rotation, deliveries are signed with the old secret too for this long.
SCOPING_WEBHOOK_OLD_SECRET_SECONDS = env_int("SCOPING_WEBHOOK_OLD_SECRET_SECONDS", 86_400)
# Plain HTTP to this machine (127.0.0.1, ::1, localhost), for a receiver under development; never in production.
SCOPING_WEBHOOK_HTTP_LOOPBACK = DEBUG
if SCOPING_WEBHOOK_RESEND_AFTER <= 2 * SCOPING_WEBHOOK_TIMEOUT:
    raise ImproperlyConfigured("SCOPING_WEBHOOK_RESEND_AFTER must be longer than twice SCOPING_WEBHOOK_TIMEOUT.")
if SCOPING_MAIL_RESEND_AFTER <= SCOPING_SMTP_TIMEOUT:
    raise ImproperlyConfigured("SCOPING_MAIL_RESEND_AFTER must be longer than EMAIL_TIMEOUT.")
if email_host or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": email_host or "localhost",
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                # The wait for each reply of the server, the final one after a message included,
                # which the SMTP standard (RFC 5321, 4.5.3.2) gives 10 minutes.
                "timeout": SCOPING_SMTP_TIMEOUT,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Resser Solutions <scoping@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONSULTANT_EMAILS = env_list("CONSULTANT_EMAILS", [])

# Who the product speaks for: shown on every page, in emails and on the memo.
CONSULTANCY_NAME = env_str("CONSULTANCY_NAME", "Resser Solutions")
OTP_TOTP_ISSUER = CONSULTANCY_NAME  # how authenticator apps name the staff accounts
CONSULTANCY_EMAIL = env_str("CONSULTANCY_EMAIL", "hello@example.com")
# Where a client books a call about their memo (a scheduling page); empty, the memo says to reply.
CONSULTANCY_BOOKING_URL = env_str("CONSULTANCY_BOOKING_URL", "")
# How long a memo's figures hold: token prices and team rates move.
SCOPING_MEMO_VALID_DAYS = env_int("SCOPING_MEMO_VALID_DAYS", 30)

# Show clients the engine's preliminary report as soon as they submit; off, they wait for the memo.
SCOPING_SHOW_PRELIMINARY = env_bool("SCOPING_SHOW_PRELIMINARY", default=True)

# The brief form. Replies are due one business day after a brief arrives, counted in TIME_ZONE,
# skipping weekends and this country's public holidays (codes of the `holidays` package).
SCOPING_HOLIDAYS_COUNTRY = env_str("SCOPING_HOLIDAYS_COUNTRY", "GB")
SCOPING_HOLIDAYS_SUBDIVISION = env_str("SCOPING_HOLIDAYS_SUBDIVISION", "ENG") or None
SCOPING_BUSINESS_DAY_START = env_time("SCOPING_BUSINESS_DAY_START", "09:00")
# Where absolute links in pages and emails point. Required in production; in development, unset,
# links follow the host and port each request came to (scoping/site.py).
SCOPING_SITE_URL = (
    env_str("SCOPING_SITE_URL", "")
    if DEBUG
    else env_required("SCOPING_SITE_URL", "the public address of the site, such as https://scope.example.com")
)
# Against bots: a brief must take at least this long from its first step to being sent, and each
# address may start and submit only so many briefs (a count per s, m, h or d).
SCOPING_MIN_FILL_SECONDS = env_int("SCOPING_MIN_FILL_SECONDS", 20)
SCOPING_RATE_NEW_BRIEFS = env_rate("SCOPING_RATE_NEW_BRIEFS", "10/h")
SCOPING_RATE_SUBMISSIONS = env_rate("SCOPING_RATE_SUBMISSIONS", "5/h")
# The JSON API (scoping/api): requests each key may make.
SCOPING_RATE_API = env_rate("SCOPING_RATE_API", "600/m")
# Drafts nobody touches for this many days are deleted (`manage.py purge_drafts`).
DRAFT_RETENTION_DAYS = env_int("DRAFT_RETENTION_DAYS", 30)
# Proxies in front of the app that append to X-Forwarded-For (0: use the connection's address).
SCOPING_TRUSTED_PROXIES = env_int("SCOPING_TRUSTED_PROXIES", 0)

# The rate limits count in the cache, so production shares one across processes: a database table,
# created by `migrate`.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if DEBUG
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "scoping_cache"},
    # Built pages (the client's report), each process its own: keys name everything a page depends
    # on, and a restart after a deploy starts it empty, so new rules never serve an old page.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

# Content Security Policy: everything from our own origin, nothing inline, no plugins, no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# A failed CSRF check gets the site's own page, which never shows Django's debugging hints.
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
    if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
        # Only safe when a proxy in front always sets this header itself.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No private link's token in any line (config/logs.py).
    "filters": {"private_links": {"()": "config.logs.MaskPrivateLinks"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["private_links"]}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO; its warnings (bad CSS, missing fonts) still show.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
