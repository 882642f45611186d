"""Django settings for weakties.

Embedded default: SQLite in ``$WEAKTIES_HOME`` (default ``./var/``).
Set ``DATABASE_URL`` (``postgres://user@host:port/name``) to use PostgreSQL.
Every setting a deployer may change is read from the environment and listed
in ``docs/configuration.md``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from weakties.site.security import csp_settings, tls_settings

PACKAGE_DIR = Path(__file__).resolve().parent.parent
HOME = Path(os.environ.get("WEAKTIES_HOME", "var")).resolve()
HOME.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Read ``WEAKTIES_SECRET_KEY`` or keep a generated one in ``$WEAKTIES_HOME``."""
    if key := os.environ.get("WEAKTIES_SECRET_KEY"):
        return key
    path = HOME / "secret_key"
    if not path.exists():
        from django.core.management.utils import get_random_secret_key

        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("WEAKTIES_DEBUG", False)
ALLOWED_HOSTS = [
    h for h in os.environ.get("WEAKTIES_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("WEAKTIES_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "weakties.accounts",
    "weakties.people",
    "weakties.insights",
    "weakties.meetings",
    "weakties.notifications",
    "weakties.introductions",
    "weakties.referrals",
    "weakties.expertise",
    "weakties.ambassadors",
    "weakties.plans",
    "weakties.privacy",
    "weakties.minimisation",
    "weakties.auditlog",
    "weakties.snapshots",
    "weakties.web",
    "weakties.site",
    "weakties.cli",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication (and so after LocaleMiddleware): a signed-in employee's remembered language.
    "weakties.notifications.middleware.RememberedLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "weakties.site.urls"
WSGI_APPLICATION = "weakties.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "weakties.web.context.navigation",
            ],
        },
    },
]

# --- database -------------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and _env_bool(
        "WEAKTIES_DB_POOL", True
    ):
        # A pool of open connections per process (Django 5.1+, psycopg-pool): a request or a
        # task borrows one instead of opening its own (a new PostgreSQL connection costs a
        # process fork and authentication, several ms). Django's persistent connections
        # (CONN_MAX_AGE) and the pool exclude each other. Sizes are per process: a server of
        # W workers holds up to W x MAX connections; keep that under max_connections.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": int(os.environ.get("WEAKTIES_DB_POOL_MIN", "2")),
            "max_size": int(os.environ.get("WEAKTIES_DB_POOL_MAX", "10")),
            # Seconds a request waits for a free connection before it fails.
            "timeout": float(os.environ.get("WEAKTIES_DB_POOL_TIMEOUT", "10")),
        }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not _env_bool(
        "WEAKTIES_PG_JIT", False
    ):
        # PostgreSQL compiles a query whose estimated cost passes jit_above_cost with LLVM:
        # 30-35 ms for the admin dashboard's sync summary, which then ran in 2 ms (the load
        # mix's slowest page at 3,000 employees). weakties' statements are short; the
        # analysis computes in Python. Off for our sessions unless WEAKTIES_PG_JIT=1.
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": HOME / "weakties.sqlite3",
            # Keep a thread's connection for a minute, as for PostgreSQL above: opening
            # one and running the PRAGMAs below cost about as much as a whole small
            # API request, and a fresh connection starts with an empty page cache.
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # Writers take the lock at BEGIN, so two writers queue instead of
                # failing halfway with "database is locked".
                "transaction_mode": "IMMEDIATE",
                # Seconds a connection waits for the write lock (busy_timeout).
                "timeout": 20,
                "init_command": (
                    # Readers do not block the writer and vice versa.
                    "PRAGMA journal_mode=WAL;"
                    # Safe with WAL; fsync at checkpoints instead of every commit.
                    "PRAGMA synchronous=NORMAL;"
                    # Django turns foreign keys on too; stated here so it is visible.
                    "PRAGMA foreign_keys=ON;"
                    # Keep temp tables and indices of big sorts in memory.
                    "PRAGMA temp_store=MEMORY;"
                    # 64 MiB page cache per connection (negative = KiB).
                    "PRAGMA cache_size=-65536;"
                    # Checkpoint the WAL every ~40 MB instead of every 4 MB: big imports
                    # commit faster, readers still see every commit at once.
                    "PRAGMA wal_autocheckpoint=10000;"
                    # Wait this many ms for a lock held by another process.
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- background tasks (django-tasks, database backend: no broker) ----------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("WEAKTIES_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
#: Seconds without a chunk after which a rebuild pass of the expertise finder's indexes counts
#: as stalled (its process died): the next search or task has the worker finish it.
WEAKTIES_INDEX_STALL_SECONDS = int(os.environ.get("WEAKTIES_INDEX_STALL_SECONDS", "300"))

# --- cache: shared by the web server and the worker (import progress) ------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": HOME / "cache",
    }
}

# --- auth -------------------------------------------------------------------
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
# Argon2 first: new and changed passwords are stored with it. The others still
# verify older hashes, which Django rewrites as Argon2 at the next good login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "weakties.site.auth_backends.LockoutBackend",  # refuses while locked out (django-axes)
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- TLS, cookies and headers (weakties.site.security, docs/configuration.md) ---
# WEAKTIES_TLS, WEAKTIES_TLS_PROXY_HEADER, WEAKTIES_HSTS_SECONDS,
# WEAKTIES_HSTS_INCLUDE_SUBDOMAINS, WEAKTIES_HSTS_PRELOAD, WEAKTIES_SSL_REDIRECT.
# XFrameOptionsMiddleware (above) sends X-Frame-Options: DENY on every page.
globals().update(tls_settings(os.environ))
# Content-Security-Policy (django-csp): WEAKTIES_CSP (report-only, enforce, off),
# WEAKTIES_CSP_REPORT_URI.
globals().update(csp_settings(os.environ))

# --- sign-in rate limit and lock-out (django-axes) ---------------------------
#: Failed sign-ins for one username from one address before it is locked out
#: (the web login and /admin/login/; every failure and lock-out is logged).
AXES_FAILURE_LIMIT = int(os.environ.get("WEAKTIES_LOGIN_FAILURE_LIMIT", "5"))
#: Minutes a lock-out lasts; failures older than this no longer count.
WEAKTIES_LOGIN_COOLOFF_MINUTES = int(os.environ.get("WEAKTIES_LOGIN_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=WEAKTIES_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "weakties.site.auth_backends.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
#: Failed API tokens from one address before it is refused for the cool-off
#: (``weakties.api.auth``; counted per web worker, valid tokens cost nothing).
WEAKTIES_TOKEN_FAILURE_LIMIT = int(os.environ.get("WEAKTIES_TOKEN_FAILURE_LIMIT", "20"))

# --- i18n -------------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("WEAKTIES_LANGUAGE", "nl")
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- static and uploads -----------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it, collected or not
MEDIA_ROOT = HOME / "uploads"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Uploads above this size are written to disk, not held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- privacy ----------------------------------------------------------------
#: Aggregates over fewer people than this are hidden (DESIGN.md, privacy).
WEAKTIES_MIN_GROUP = int(os.environ.get("WEAKTIES_MIN_GROUP", "5"))
#: CPU priority (nice) of imports, the analysis and the worker: they yield to the web server.
WEAKTIES_BATCH_NICE = int(os.environ.get("WEAKTIES_BATCH_NICE", "10"))
#: Who is the controller, on the public privacy page (GDPR Art. 14).  Empty: the names of the
#: organisations on this installation; contact empty: the objection form on that page.
WEAKTIES_CONTROLLER_NAME = os.environ.get("WEAKTIES_CONTROLLER_NAME", "")
WEAKTIES_CONTROLLER_CONTACT = os.environ.get("WEAKTIES_CONTROLLER_CONTACT", "")
#: Compare and forget (Belgian DPA 25/2020): contacts that match nothing the organisation asked
#: for are kept as digests and counts only.  Off by default; docs/privacy.md says why.
WEAKTIES_COMPARE_AND_FORGET = _env_bool("WEAKTIES_COMPARE_AND_FORGET", False)
#: Retention: an import older than this many days is flagged to its owner, and removed
#: (with the ties only it supports) this many grace days later.  0 days: never.
WEAKTIES_RETENTION_DAYS = int(os.environ.get("WEAKTIES_RETENTION_DAYS", "365"))
WEAKTIES_RETENTION_GRACE_DAYS = int(os.environ.get("WEAKTIES_RETENTION_GRACE_DAYS", "30"))

# --- privacy requests (issue 12 §1, docs/privacy.md) ----------------------------
#: Objection forms one client may send an hour, and confirmation mails one address gets a day.
PRIVACY_REQUESTS_PER_HOUR = int(os.environ.get("WEAKTIES_PRIVACY_REQUESTS_PER_HOUR", "10"))
PRIVACY_MAILS_PER_ADDRESS = int(os.environ.get("WEAKTIES_PRIVACY_MAILS_PER_ADDRESS", "3"))
#: Days a decided request (carried out or rejected) is kept as the record of it, then purged
#: by the weekly run; an unconfirmed one goes after 7 days.  0: decided ones are kept.
WEAKTIES_OBJECTION_RETENTION_DAYS = int(os.environ.get("WEAKTIES_OBJECTION_RETENTION_DAYS", "365"))

# --- analytics --------------------------------------------------------------
#: Tie-strength weights and scales, e.g. "rating=3,interactions=2,duration_half=730"
#: (names: weakties.network.StrengthWeights).  Empty: the documented defaults.
WEAKTIES_STRENGTH_WEIGHTS = os.environ.get("WEAKTIES_STRENGTH_WEIGHTS", "")

# --- email ------------------------------------------------------------------
#: The demo (``weakties demo`` sets it): every email is kept in the admins' Outbox page
#: (weakties.web.outbox) instead of going to a mail server.  Production sends over SMTP.
WEAKTIES_DEMO = _env_bool("WEAKTIES_DEMO", False)
if WEAKTIES_DEMO:
    EMAIL_BACKEND = "weakties.web.outbox.OutboxBackend"
EMAIL_HOST = os.environ.get("WEAKTIES_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("WEAKTIES_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("WEAKTIES_FROM_EMAIL", "weakties@localhost")
#: Absolute address of this site, for links in emails (the help-request form, the brief).
WEAKTIES_BASE_URL = os.environ.get("WEAKTIES_BASE_URL", "http://localhost:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A 403 or 404 is logged as one line, not as a traceback.
    "filters": {"client_errors": {"()": "weakties.site.logfilters.ClientErrorsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WEAKTIES_LOG_LEVEL", "WARNING")},
    "loggers": {"django.request": {"filters": ["client_errors"]}},
}
