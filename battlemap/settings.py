"""Battlemap settings, driven by environment variables with safe defaults (see README: Configuration)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from battlemap import formats as _formats
from battlemap.env import (
    envbool,
    envchoice,
    envfloat,
    envhosts,
    envint,
    envorigins,
    envstr,
    envzone,
    refuse,
    writable_dir,
)
from battlemap.stores import cache_from_url, database_from_url, secret_key

BASE_DIR = Path(__file__).resolve().parent


def _default_var_dir() -> Path:
    """`var/` beside the project (a checkout: the folder holding pyproject.toml), else the user's data
    folder (`$XDG_DATA_HOME/battlemap`, `~/.local/share/battlemap`); never relative to the cwd."""
    project = BASE_DIR.parent
    if (project / "pyproject.toml").exists():
        return project / "var"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "battlemap"


VAR_DIR = Path(envstr("BATTLEMAP_VAR_DIR", "") or _default_var_dir()).expanduser().resolve()
# Refused at start when it cannot hold the secret key, the SQLite file and the uploads: a random key per
# start (everyone logged out at each restart, each server its own key) and 500s on the first upload.
writable_dir("BATTLEMAP_VAR_DIR", VAR_DIR)
# battlemap/stores.py: the key, the database and the cache, each refused at start when it cannot serve
SECRET_KEY = secret_key(VAR_DIR)
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envhosts("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envorigins("CSRF_TRUSTED_ORIGINS", "")
# A form sent with a stale CSRF token: the site's own 403 page, in the reader's language, saying to reload.
CSRF_FAILURE_VIEW = "battlemap.core.errors.csrf_failure"

# Plain HTTP on loopback must work with DEBUG off: secure cookies and redirects only when asked.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if envbool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies in front of the app append to X-Forwarded-For (0: none; the client is REMOTE_ADDR).
# core.clients.client_address reads the client's address with it, for the login throttling and the survey
# links' rate limit (docs/security.md). Only when the app servers cannot be reached but through the proxies.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS deployments turn these on (docs/security.md): `battlemap check --deploy` is then clean.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)

# Sessions end after SESSION_IDLE_MINUTES without a request (core.middleware.IdleSessionTimeoutMiddleware)
# and in any case SESSION_MAX_AGE_HOURS after the login (Django's absolute expiry).
SESSION_IDLE_SECONDS = envint("SESSION_IDLE_MINUTES", 8 * 60) * 60
SESSION_COOKIE_AGE = envint("SESSION_MAX_AGE_HOURS", 14 * 24) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Who the installation serves: the supplier a customer's questionnaire names as keeping the answers (PIPL art. 17:
# a person is told the name of who handles their data); empty: the sender alone names it
ORGANISATION_NAME = envstr("ORGANISATION_NAME", "").strip()[:200]

# The audit log (battlemap/audit) keeps its entries this many days; `battlemap purge-audit` removes older ones
AUDIT_KEEP_DAYS = envint("AUDIT_KEEP_DAYS", 365)

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username, or from one
# address, logins from there wait (users.throttle.cool_off: LOGIN_LOCKOUT_MINUTES, doubling while the
# failures go on), even with the right password. Administrators see the attempts in the admin (Axes).
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "battlemap.core.clients.client_address"  # TRUSTED_PROXY_COUNT, like the surveys
AXES_COOLOFF_TIME = "battlemap.users.throttle.cool_off"
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", 15)
# Questionnaire links open without login (battlemap/surveys/throttle.py): per SURVEY_RATE_WINDOW seconds, at most
# SURVEY_RATE_LIMIT requests to one link (whoever sends them) and SURVEY_GUESS_LIMIT unknown tokens per client address.
SURVEY_RATE_LIMIT = envint("SURVEY_RATE_LIMIT", 60)
SURVEY_GUESS_LIMIT = envint("SURVEY_GUESS_LIMIT", 10)
SURVEY_RATE_WINDOW = envint("SURVEY_RATE_WINDOW", 600)
AXES_RESET_ON_SUCCESS = True
# ... clearing only the signed-in name's failures from its own address (users.throttle.LoginAttemptHandler)
AXES_HANDLER = "battlemap.users.throttle.LoginAttemptHandler"
AXES_LOCKOUT_CALLABLE = "battlemap.users.throttle.locked_out"  # users/locked_out.html: 429, how long to wait
AXES_VERBOSE = False
# Its log lines name the username tried (when it is a user here; other text by a digest) and the client's
# address, where axes' default masks both (ops/logging.py, docs/operations.md: Logs).
AXES_CLIENT_STR_CALLABLE = "battlemap.ops.logging.login_client_str"
AUTHENTICATION_BACKENDS = [
    "battlemap.users.throttle.LoginThrottleBackend",  # django-axes' AxesStandaloneBackend
    "django.contrib.auth.backends.ModelBackend",
]

# `battlemap backup`: Django's JSON fixtures with times to the microsecond (ops.serializer)
SERIALIZATION_MODULES = {"backup-json": "battlemap.ops.serializer"}

INSTALLED_APPS = [
    "battlemap.core",  # before the admin: its admin/base_site.html gives the admin pages the app's icon
    "battlemap.core.admin.BattlemapAdminConfig",  # django.contrib.admin, superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "ninja",  # serves the API docs (Swagger UI) from our own static files, not a CDN
    "django_tasks",
    "battlemap.ops.task_queue_app.TaskQueueConfig",  # django_tasks_db: the task queue in the database (TASKS_BACKEND's default), run by `battlemap worker`
    "battlemap.users.axes_app.LoginThrottleConfig",  # django-axes, named in the user's language
    "battlemap.users",
    "battlemap.teams",
    "battlemap.accounts",
    "battlemap.people",
    "battlemap.deals",
    "battlemap.interactions",
    "battlemap.process",
    "battlemap.analysis",
    "battlemap.io",
    "battlemap.mail",
    "battlemap.comments",
    "battlemap.audit",
    "battlemap.surveys",
    "battlemap.competition",
    "battlemap.reviews",
    "battlemap.once",
    "battlemap.demo",
    "battlemap.training",
    "battlemap.ops",
]

MIDDLEWARE = [
    "battlemap.ops.middleware.HealthzFirstMiddleware",  # by IP, over HTTP: no host check, no HTTPS redirect
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",  # pages and JSON compressed (the map of 2,000 people: MBs)
    "battlemap.core.sessions.SessionMiddleware",  # Django's; an idle stamp not saved (database busy) fails no page
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "battlemap.users.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "battlemap.core.middleware.ContentSecurityPolicyMiddleware",
    "battlemap.core.middleware.NoStoreMiddleware",
    "battlemap.core.middleware.ApiMethodNotAllowedMiddleware",
    "battlemap.core.middleware.IdleSessionTimeoutMiddleware",
    "battlemap.core.middleware.DatabaseCannotSaveMiddleware",  # a locked database, a full disk: 503 saying so
    "battlemap.core.middleware.GoneMiddleware",  # a row deleted meanwhile: 410 saying by whom, not "not yours"
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "battlemap.urls"
WSGI_APPLICATION = "battlemap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": [  # `user_name`, and the punctuation of `punct`, on every page
                "battlemap.core.templatetags.users",
                "battlemap.core.templatetags.punct",
            ],
        },
    }
]


DATABASES = {
    "default": database_from_url(envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'battlemap.sqlite3'}"))
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# The analysis cache (battlemap/maps/cache.py) must be the same in every server process: by default a
# table in the database, created by `battlemap migrate` (core/apps.py runs createcachetable after it).
CACHES = {
    "default": {
        **cache_from_url(envstr("CACHE_URL", "db://")),
        "TIMEOUT": 3600,
    }
}

# Django's validators and one of ours (no user name, first or last name or e-mail local part inside the
# password): applied by users.services.user_create (createuser), the password change page and the admin.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "battlemap.users.passwords.NameInPasswordValidator"},
    {
        "NAME": "battlemap.users.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LANGUAGE_CODE = envchoice("LANGUAGE_CODE", "zh-hans", [code for code, _name in LANGUAGES])
TIME_ZONE = envzone("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# a day and a moment as a user reads them (2026-12-04, 2026-12-04 15:52): one rule, battlemap/formats
FORMAT_MODULE_PATH = ["battlemap.formats"]
SHORT_DATE_FORMAT, SHORT_DATETIME_FORMAT = _formats.SHORT_DATE_FORMAT, _formats.SHORT_DATETIME_FORMAT

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Static files: `collectstatic` (run by `make run`) writes hashed names and gzip/brotli copies; WhiteNoise
# serves those compressed and cached for a year (immutable names). Before any collectstatic (tests, a
# first `battlemap serve`) the app folders are served directly under their plain names (cached 60 s).
# `collectstatic` itself always writes the hashed names.
_COLLECTED = (STATIC_ROOT / "staticfiles.json").exists() or "collectstatic" in sys.argv
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _COLLECTED and not DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or not _COLLECTED
MEDIA_ROOT = VAR_DIR / "media"

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

# Large imports and mail uploads run in `battlemap worker` processes (`battlemap serve` starts one beside
# the web server): the queue is a table in the database, so any number of app servers and workers share it.
# TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs them inside the request instead.
TASKS = {"default": {"BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# A worker beats every WORKER_BEAT_SECONDS; a task whose worker has not beaten for WORKER_STALE_SECONDS is
# failed (its job says the worker stopped and offers a retry), and /healthz reports the worker stale.
# A web import of more rows than this runs in a worker (the preview and smaller imports run in the request).
IMPORT_BACKGROUND_ROWS = envint("IMPORT_BACKGROUND_ROWS", 2000)
# Web and API exports (XLSX, PPTX, PDF, PNG, JSON) always run in a worker; the finished file waits in the
# private job folder (0600) for EXPORT_KEEP_MINUTES, then the next export removes it.
EXPORT_KEEP_MINUTES = envint("EXPORT_KEEP_MINUTES", 60)
# `GET /api/accounts/{slug}/export/{fmt}` draws the file within the request: only for an account of at most
# this many people and interactions (an export's time grows with both; docs/export.md measures it: the deck
# of 500 people and 10,000 interactions takes about 4 s of CPU). A larger one is refused, naming
# `POST /api/accounts/{slug}/exports` (the worker): a PDF of 99,000 people held a web worker for minutes.
EXPORT_IN_REQUEST_MAX_PEOPLE = envint("EXPORT_IN_REQUEST_MAX_PEOPLE", 500)
EXPORT_IN_REQUEST_MAX_INTERACTIONS = envint("EXPORT_IN_REQUEST_MAX_INTERACTIONS", 10_000)
# `POST /api/accounts/{slug}/mail/ingest` (dry run or apply) reads the files within the request: at most this
# many MB of them together (2 MB: up to some 10,000 short messages, 1 to 3 s; docs/mail.md); more is refused,
# naming `POST …/mail/ingests`, which queues them in a worker as the web's upload does.
MAIL_INGEST_IN_REQUEST_MB = envfloat("MAIL_INGEST_IN_REQUEST_MB", 2)
# A message or meeting with more than this many addresses is a broadcast (a newsletter, an all-hands notice):
# one interaction with its sender and our side, its other recipients counted in the summary, neither
# participants nor suggested people. One message to 300,000 addresses held a worker for 19 minutes and 2.3 GB
# (docs/mail.md#broadcasts); 100 is above any working thread and below a mailing list.
MAIL_BROADCAST_ADDRESSES = envint("MAIL_BROADCAST_ADDRESSES", 100)
# One mail run (an upload, the API's ingest, `mail-infer`) suggests at most this many new people: those seen in
# the most messages and meetings; the run's summary counts the others. An archive of 40,000 customer addresses
# made 40,000 suggestions nobody reviews (docs/mail.md#suggested-people).
MAIL_NEW_PEOPLE_PER_RUN = envint("MAIL_NEW_PEOPLE_PER_RUN", 300, minimum=1)
WORKER_BEAT_SECONDS = envfloat("WORKER_BEAT_SECONDS", 5)
WORKER_STALE_SECONDS = envfloat("WORKER_STALE_SECONDS", 30)
# /healthz answers 503 (`disk` low) when the disk of the SQLite database, of BATTLEMAP_VAR_DIR or of the upload
# folder has less free space than this, in MB (0: not checked): a full disk stops every save while reads go on, and
# the probe reads (never writes: a write would wait for SQLite's write lock during every long import).
HEALTH_MIN_FREE_MB = envfloat("HEALTH_MIN_FREE_MB", 200)
# Workers lower their CPU priority by this much (Unix nice, 0 to keep it): an import or a PDF export then
# never slows the web requests on the same machine; on a machine of their own it changes nothing.
WORKER_NICE = envint("WORKER_NICE", 10)
# `battlemap serve`'s own (gunicorn): read here, so a bad value is refused at start by every command, as every
# other variable is (README: Configuration), not only when the server starts (`battlemap check` passed PORT=0).
SERVE_HOST = envstr("HOST", "127.0.0.1")
SERVE_PORT = envint("PORT", 8000, minimum=1, maximum=65535)
WEB_CONCURRENCY = envint("WEB_CONCURRENCY", 3, minimum=1)
WEB_THREADS = envint("WEB_THREADS", 4, minimum=1)
WEB_MAX_REQUESTS = envint("WEB_MAX_REQUESTS", 1000, minimum=0)
WEB_KEEPALIVE = envint("WEB_KEEPALIVE", 75)
# A worker started with `--recycle` (the one `battlemap serve` starts; the systemd unit of docs/operations.md)
# stops after this many tasks and its supervisor starts a fresh one: a Python process keeps the peak memory of
# its largest task (≈ 980 MB after a 60,000-person PDF, 1.8 GB after a 20,000-person deck: operators' trials).
WORKER_MAX_TASKS = envint("WORKER_MAX_TASKS", 50, minimum=1)
# A `battlemap worker` (the one `battlemap serve` starts too) keeps the analysis cache warm while it has no task:
# every ANALYSIS_WARM_MINUTES it goes over every account and computes what This week, the portfolio and the
# pipeline read and the cache lacks (a new day, an upgrade, an edit); 0 turns it off (ops/warm.py). A cold
# This week took 4-7 s for a manager of 500 accounts, 18 s for the administrator of 2,001 (an operator's trial).
ANALYSIS_WARM_MINUTES = envfloat("ANALYSIS_WARM_MINUTES", 15)

# One limit for every upload (core/uploads.py checks files; Django checks the other form fields).
# Uploads waiting for a preview's confirmation or a worker live here, in a 0700 folder, each file 0600.
UPLOAD_DIR = Path(envstr("BATTLEMAP_UPLOAD_DIR", "") or VAR_DIR / "uploads").resolve()
if envstr("BATTLEMAP_UPLOAD_DIR", ""):
    writable_dir("BATTLEMAP_UPLOAD_DIR", UPLOAD_DIR)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_MB", 50) * 1024 * 1024
# Everything of a request but its files: a JSON body (the API: 1,000 people of a bulk create are well under
# 1 MB) or a form's fields. Files are held to UPLOAD_MAX_BYTES above; over this, the API answers 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("BODY_MAX_MB", 5) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Files past UPLOAD_MAX_BYTES are counted, not kept (core.uploads.LimitedUploadHandler), then refused by the views.
FILE_UPLOAD_HANDLERS = [
    "battlemap.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Fields of one form (Django's default is 1,000): the largest a page makes is paste-to-add's, 9 fields for each of
# its 200 people and a few more (people.selectors_paste.PASTE_MAX_ROWS); past this a form is refused, saying so.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 3000
# Files in one upload (Django's default is 100): an Outlook or Apple Mail export is a folder of .eml files, one a
# message; together they are still held to UPLOAD_MAX_BYTES. More is refused saying to zip them (core/errors.py).
DATA_UPLOAD_MAX_NUMBER_FILES = 1000
# Bounds on one imported table, checked before a reader allocates (io/tabular/limits.py, docs/security.md).
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 100_000)
IMPORT_MAX_COLUMNS = envint("IMPORT_MAX_COLUMNS", 256)
IMPORT_MAX_CELL_CHARS = envint("IMPORT_MAX_CELL_CHARS", 32_767)  # Excel's own bound on one cell
# Cells of one sheet (its rows × the columns they use), in every spreadsheet format: what reading costs grows with
# them (some 290 bytes a cell, read to a dry run's end: 100,000 rows × 30 columns took 0.87 GB; 90,000 × 120 took
# 1.7 GB). A CRM export of 100,000 rows × 30 columns (3 million) is within it; 120 columns of 90,000 rows are not.
IMPORT_MAX_CELLS = envint("IMPORT_MAX_CELLS", 4_000_000)
IMPORT_MAX_UNCOMPRESSED_MB = envint("IMPORT_MAX_UNCOMPRESSED_MB", 200)
IMPORT_MAX_COMPRESSION_RATIO = envint("IMPORT_MAX_COMPRESSION_RATIO", 100)
# Bounds on one map file (Import a map, `import-map`; io/mapformat/limits.py), checked before anything is written.
MAP_IMPORT_MAX_MB = envint("MAP_IMPORT_MAX_MB", 25)
MAP_IMPORT_MAX_PEOPLE = envint("MAP_IMPORT_MAX_PEOPLE", 20_000)
MAP_IMPORT_MAX_LINKS = envint("MAP_IMPORT_MAX_LINKS", 100_000)
MAP_IMPORT_MAX_INTERACTIONS = envint("MAP_IMPORT_MAX_INTERACTIONS", 200_000)
MAP_IMPORT_MAX_DEPTH = envint(
    "MAP_IMPORT_MAX_DEPTH", 12
)  # a map nests 6 levels; 100,000 would crash the parser

# LOG_FORMAT=json: one JSON object per line (ops/logging.py), for a log collector; else plain text.
LOG_FORMAT = envstr("LOG_FORMAT", "text").lower()
if LOG_FORMAT not in ("text", "json"):
    raise refuse("LOG_FORMAT", LOG_FORMAT, "expected text or json")
# LOG_LEVEL: one of Python's level names, any case (`info` is INFO); another (`LOUD`, `verbose`) is refused in one
# line, where logging's own configuration stopped every command with a traceback. Unset: WARNING, and INFO for the
# worker's lines (below).
_LOG_LEVEL_GIVEN = envchoice("LOG_LEVEL", "", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
LOG_LEVEL = _LOG_LEVEL_GIVEN or "WARNING"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"()": "battlemap.ops.logging.TextFormatter"},
        "json": {"()": "battlemap.ops.logging.JsonFormatter"},
    },
    # A 403 (the access rule refusing as meant) on one line, without Django's traceback (ops/logging.py).
    # A request for a host not in ALLOWED_HOSTS: one WARNING line naming the host, not an ERROR with a traceback.
    "filters": {
        "forbidden_on_one_line": {"()": "battlemap.ops.logging.ForbiddenOnOneLine"},
        "bad_host_on_one_line": {"()": "battlemap.ops.logging.BadHostOnOneLine"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"filters": ["forbidden_on_one_line"]},
        "django.security.DisallowedHost": {"filters": ["bad_host_on_one_line"]},
        # a worker's own lines and each task's start and end (django-tasks' "Task id=… state=…"): at INFO unless
        # LOG_LEVEL says otherwise, so the worker's journal shows what it ran (docs/operations.md, Logs)
        **{name: {"level": _LOG_LEVEL_GIVEN or "INFO"} for name in ("battlemap.worker", "django_tasks")},
    },
}
