"""Test configuration: the production settings with test speed-ups.

The environment still decides the database and cache, so the same suite runs on SQLite and,
with DATABASE_URL / REDIS_URL set, on PostgreSQL and Redis.
"""

from __future__ import annotations

import os
import uuid

os.environ["DJANGO_READ_ENV_FILE"] = "0"
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SITE_URL", "http://testserver")
# Each run its own key prefix: two runs sharing a Redis database never see each other's keys.
os.environ["CACHE_KEY_PREFIX"] = f"cms-test-{uuid.uuid4().hex[:8]}"
# Tests read the English source texts unless they ask for another language (Accept-Language).
os.environ.setdefault("LANGUAGE_CODE", "en")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Hashed static names need collectstatic; tests render templates without it.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# No collectstatic before tests: WhiteNoise finds files through the finders instead.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
