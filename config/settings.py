"""Settings for the whole project, read from the environment (and an optional ``.env``).

Every variable is listed in the README's configuration table. With ``DEBUG`` off (the default)
the site refuses to start without a real ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

from __future__ import annotations

import warnings
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer's .env fills in what the environment leaves unset. The test settings switch
# this off, so a local .env (say, a REDIS_URL) never reaches a test run.
if env.bool("DJANGO_READ_ENV_FILE", default=True):
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random string of at least 50 characters when DEBUG "
            "is off. Generate one with: python -c 'import secrets; "
            "print(secrets.token_urlsafe(64))'"
        )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must list the site's host names (comma-separated) when DEBUG is off."
        )

# The site's public address, for links that leave a request behind (share links, mails, the
# Site record behind django.contrib.redirects). Required in production.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        "SITE_URL must be the site's public address with its scheme, e.g. "
        "https://www.example.com, when DEBUG is off."
    )
SITE_ID = 1

INSTALLED_APPS = [
    # Category names, slugs and descriptions and author bios per language (articles/translation.py);
    # before the admin, as the library asks.
    "modeltranslation",
    # Django's admin with the site's name and the editors' dashboard (config/admin.py).
    "config.apps.EditorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Django's own form widget templates, for the TemplatesSetting renderer below.
    "django.forms",
    "taggit",
    "markdownx",
    "django_ratelimit",
    "reversion",
    "imagekit",
    "django_tasks",
    "django_tasks_db",
    "articles",
    "comments",
    # Failed admin logins, counted in the database and locked out (README "Admin logins").
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one, so every answer carries them: pages, errors, WhiteNoise's static files.
    "config.headers.PermissionsPolicyMiddleware",
    "config.headers.ContentSecurityPolicyMiddleware",
    # A body too large (413) or of a type the address does not take (415) is refused before
    # anything reads it; after the header middleware only, so the refusal carries the headers.
    "config.middleware.BoundedBodyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A malformed session or CSRF cookie is ignored, not answered on every page.
    "config.middleware.DropMalformedCookiesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address (/de/, /nl/, /en/), never from the reader's headers
    # on a public page: one URL, one HTML (articles/editions.py).
    "articles.editions.EditionMiddleware",
    # A control character in the address is a 404 (path) or 400 (query) before any view or
    # lookup sees it; after the editions, so the page speaks the address's language.
    "config.middleware.RefuseControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees every 404 first: old addresses answer 301, removed articles 410.
    "articles.redirects.RedirectFallbackMiddleware",
    # Innermost, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

# Form widgets render with the project's templates too (templates/markdownx/widget.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["config.templatetags"],  # machine_time, in every template
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "articles.context_processors.navigation",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE transactions and a busy
    # timeout make concurrent writers wait for each other instead of failing with "locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: process-local unless REDIS_URL points at a Redis shared by all app servers.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Seconds a request waits on a hung or dead Redis per cache call (connecting and each
    # answer), instead of redis-py's 5 s: pages then go on without the cache (README "Outages").
    REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=0.5)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cms"),
            # Passed on to redis-py's connection pool (django/core/cache/backends/redis.py).
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# django-ratelimit does not list Django's own RedisCache (it does increment atomically), and
# calls a process-local cache unshared. Without REDIS_URL that is what we want for a first run;
# comments/checks.py warns under `check --deploy` that limits then count per process.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the interface speaks German, Dutch and English; English is the source.
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="de")
LANGUAGES = [("de", _("German")), ("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# "December 5, 2026", not Django's "Dec. 5, 2026" (config/formats/en/formats.py). Numbers are
# grouped where a template asks (intcomma: "8.791 Aufrufe"), never in ids and attributes.
FORMAT_MODULE_PATH = ["config.formats"]
# The language switcher's cookie: read only by the "/" redirect, set only by the switcher's own
# tiny redirect (articles/views/editions.py), never by a page; HTTPS-only as the session one.
LANGUAGE_COOKIE_NAME = "edition"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
# A category name or author bio not yet translated falls back to the site's language, then to
# any language that has one.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE.split("-")[0]  # "de-at" writes German
MODELTRANSLATION_FALLBACK_LANGUAGES = (
    MODELTRANSLATION_DEFAULT_LANGUAGE,
    *(code for code, _name in LANGUAGES if code != MODELTRANSLATION_DEFAULT_LANGUAGE),
)
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Berlin")
USE_I18N = True
USE_TZ = True

# Static files are served by WhiteNoise, compressed and with hashed names.
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# The files browsers and crawlers ask for at the site's root (/favicon.ico), served by
# WhiteNoise as static files are.
WHITENOISE_ROOT = BASE_DIR / "config" / "webroot"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded media is served by Django itself only when SERVE_MEDIA is on (default: with DEBUG);
# in production a web server or object storage serves MEDIA_ROOT.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

# Uploads: what an image may be (see articles/images.py).
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)
# Longer edges are scaled down on upload: enough for any screen, not a 40 MP original.
IMAGE_MAX_EDGE = env.int("IMAGE_MAX_EDGE", default=2400)
# Cover renditions (articles/renditions.py, django-imagekit): made by the write path when a
# cover is saved, never while a reader waits; their addresses are trusted, not checked, and
# what exists is asked of the storage, not of the cache (Redis may be away).
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "articles.renditions.MadeOnSave"
IMAGEKIT_DEFAULT_CACHEFILE_BACKEND = "articles.renditions.StorageOnly"

# Markdown: one renderer for the editor preview, for saving and for imports.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "articles.markdown.render_markdown"
MARKDOWNX_MEDIA_PATH = "markdownx/"
# The text box keeps its height and scrolls, beside a preview that scrolls on its own
# (static/css/admin.css): a long article never pushes the preview 4,000 px down.
MARKDOWNX_EDITOR_RESIZABLE = False

TAGGIT_CASE_INSENSITIVE = True

# Editorial workflow: how long a share link for reviewers without an account lives by default.
SHARE_LINK_DAYS = env.int("SHARE_LINK_DAYS", default=7)

# Feeds (articles/feeds.py): how many of the newest articles each feed carries, and whether
# they carry the whole article (on) or its summary with a link to read on (off, the default:
# readers come to the site, and the page counts the read).
FEED_ITEMS = env.int("FEED_ITEMS", default=20)
FEED_FULL_TEXT = env.bool("FEED_FULL_TEXT", default=False)

# A web address typed without a scheme means https, in every form (Django 6's default).
# The setting that opts in early is itself marked deprecated; that notice is expected.
FORMS_URLFIELD_ASSUME_HTTPS = True
warnings.filterwarnings("ignore", "The FORMS_URLFIELD_ASSUME_HTTPS transitional setting")

# E-mail: EMAIL_URL such as smtp+tls://user:password@mail.example.com:587; console by default.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
if not DEBUG and env.list("EDITOR_EMAILS", default=[]) and "EMAIL_URL" not in env:
    raise ImproperlyConfigured(
        "EDITOR_EMAILS is set but EMAIL_URL is not: the notifications would only be printed. "
        "Set EMAIL_URL, e.g. smtp+tls://user:password@mail.example.com:587."
    )
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MANAGERS = [("Editors", address) for address in env.list("EDITOR_EMAILS", default=[])]

# Background work (mail) through django-tasks: the database backend needs no broker, and
# `manage.py db_worker` runs the queue (make run starts one beside the dev server).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Client IP: number of trusted reverse proxies that append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Comments (README "Comments"): spam defences, moderation rules, threads and privacy.
COMMENT_RATE_LIMIT = env.str("COMMENT_RATE_LIMIT", default="5/10m")
# The form's signed ticket: sent sooner than this after the form was made (a bot) or later
# (a form left open for a day) and the comment is refused with its text kept.
COMMENT_MIN_SECONDS = env.int("COMMENT_MIN_SECONDS", default=3)
COMMENT_MAX_AGE_HOURS = env.int("COMMENT_MAX_AGE_HOURS", default=24)
# The same text on the same article within this many minutes is stored once.
COMMENT_DUPLICATE_MINUTES = env.int("COMMENT_DUPLICATE_MINUTES", default=10)
# Rule 2: more links than this and a comment waits for an editor.
COMMENT_MAX_LINKS = env.int("COMMENT_MAX_LINKS", default=2)
# Rule 5: an address with an earlier approved comment is published at once.
COMMENT_KNOWN_COMMENTERS = env.bool("COMMENT_KNOWN_COMMENTERS", default=True)
# Replies nest this deep (1 = no replies); a reply to the deepest level joins that level.
COMMENT_MAX_DEPTH = env.int("COMMENT_MAX_DEPTH", default=3)
# Comments on an article close by themselves this many days after it appeared (0 = never).
COMMENT_CLOSE_AFTER_DAYS = env.int("COMMENT_CLOSE_AFTER_DAYS", default=0)
# A long thread is shown in pages of this many conversations (a comment with its replies).
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=30)
# IP hashes are kept this long (manage.py clear_ip_hashes blanks older ones).
COMMENT_IP_HASH_DAYS = env.int("COMMENT_IP_HASH_DAYS", default=30)
# A mail that fails is tried again, at growing intervals, this many times in all.
COMMENT_MAIL_ATTEMPTS = env.int("COMMENT_MAIL_ATTEMPTS", default=5)

# Security. Each HTTPS-only setting is on in production and can be switched off for plain
# HTTP on loopback (make serve) or when a proxy in front already enforces HTTPS.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
# Lax (Django's default, said here because the comment form relies on it): a form on another
# site cannot post with an editor's login, so a comment with a badge comes from our own pages.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Production hardening (README "Deploying").
# @@STACK@@
# Database unreachable (config/outage.py): the 503 page asks browsers and crawlers to come
# back after this many seconds.
OUTAGE_RETRY_AFTER = env.int("OUTAGE_RETRY_AFTER", default=30)
# Load balancers probe /healthz (config/health.py) over plain HTTP on the app server itself:
# it is answered there, not redirected to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# A PostgreSQL server that does not answer (host down, network gone) costs a request at most
# this many seconds before the 503 page, not the operating system's minutes of TCP retries.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
# Bad input (README "Bad input and request bodies"; config/middleware.py). Bodies are bounded
# by their announced size before anything reads them, with the front's numbers (nginx:
# client_max_body_size 64k, 12m for /admin/ and /markdownx/upload/). A comment is a few KB.
PUBLIC_MAX_BODY_BYTES = env.int("PUBLIC_MAX_BODY_BYTES", default=64 * 1024)
# The admin and the editor's endpoints: long Markdown and a cover of up to
# IMAGE_UPLOAD_MAX_BYTES (10 MB) with the rest of the article's form.
STAFF_MAX_BODY_BYTES = env.int("STAFF_MAX_BODY_BYTES", default=12 * 1024 * 1024)
# Public views that take multipart/form-data as well as a browser's urlencoded form: mail
# programs send RFC 8058 one-click unsubscribes as multipart. Every other public view: 415.
PUBLIC_MULTIPART_VIEWS = ["comments:notify_unsubscribe"]
# Form fields (not files) Django reads into memory: an article's Markdown in all its fields
# and inlines stays far below 5 MB; past it Django answers 400 (RequestDataTooBig).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded files up to this size stay in memory, larger ones (a 10 MB cover) go to a temporary
# file while they are checked: Django's default, so a worker holds at most this per file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Fields in one form post: the article form with its bylines, related articles and every
# language's fields, or a changelist action on a page of 50 rows, is a few hundred.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Files in one post: a cover, an author's photo, a book cover, an editor's image; never more.
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Admin logins (README "Admin logins"; config/logins.py). django-axes first: while locked it
# refuses before any password is hashed, then Django's own check of the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# At most this many failed logins per username, and separately per client address (each name
# in the list is its own limit; a nested list would count the pair together) ...
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# ... with no pause this long between them; the lock lifts this long after the last counted
# failure. Attempts while locked are refused without counting, so the lock is not extended
# and the page's "wait N minutes" holds.
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Counted in the database (axes' default handler, named here on purpose): every app server
# reads the same rows, and the unlock commands (axes_reset_username, axes_reset_ip) act at once.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# The address behind TRUSTED_PROXY_COUNT proxies, as for comments' rate limits.
AXES_CLIENT_IP_CALLABLE = "comments.network.client_ip"
# No log of every login with its raw address and browser (axes' AccessLog, kept forever):
# the site stores no reader's raw IP anywhere else either. Failed attempts, which the lock
# needs, are deleted by axes once they are older than the cool-off.
AXES_DISABLE_ACCESS_LOG = True
# A successful login does not wipe the count: it would also wipe the failures from that
# address, for other usernames too. Failures expire by themselves after the cool-off.
AXES_RESET_ON_SUCCESS = False
# The locked-out page: the admin's look, 429 with Retry-After, the same for every username.
AXES_LOCKOUT_CALLABLE = "config.logins.lockout_response"
# A login with an unsafe or missing ?next= lands on the admin, not on /accounts/profile/.
LOGIN_REDIRECT_URL = "admin:index"
# The only login page: where "Log in" after a completed password reset leads (Django's
# default, /accounts/login/, is a 404 here).
LOGIN_URL = "admin:login"
# Password reset mails (admin login page, "Forgotten your login credentials?") per client
# address, so the form cannot be used to fill inboxes.
PASSWORD_RESET_RATE_LIMIT = env.str("PASSWORD_RESET_RATE_LIMIT", default="5/h")

# Content-Security-Policy (django-csp; config/headers.py): scripts, styles and images from the
# site itself only, no plugins, no framing. JSON-LD blocks are data, not scripts: allowed.
# Images from another host (MEDIA_URL on object storage, a CDN) are added with CSP_IMG_HOSTS;
# pictures hot-linked from elsewhere in an article stay blocked (readers' privacy).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env.list("CSP_IMG_HOSTS", default=[])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
