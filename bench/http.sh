#!/usr/bin/env bash
# Throughput and latency of the reader pages under gunicorn (DEBUG off), measured with wrk.
# Not a test: it prints numbers to compare before and after a change.
#
#   bash bench/http.sh                 # SQLite file in a temp dir, demo content
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/2 \
#     bash bench/http.sh               # the production stack
#
# DURATION (default 10s), CONNECTIONS (default 16), WORKERS (default 2), PORT (default 8765),
# HOME_PAGE (an edition's home page; default /de/), ARTICLE (an article's path; default: the newest
# published one).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
WORKERS=${WORKERS:-2}
PORT=${PORT:-8765}
HOME_PAGE=${HOME_PAGE:-/de/}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
make -s install

work=$(mktemp -d)
export DEBUG=0 SECRET_KEY="bench-$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
  ALLOWED_HOSTS=127.0.0.1 SITE_URL="http://127.0.0.1:$PORT" SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 \
  SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 LOG_LEVEL=WARNING \
  MEDIA_ROOT="$work/media" STATIC_ROOT="$work/static"
export DATABASE_URL=${DATABASE_URL:-sqlite:///$work/bench.sqlite3}

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py load_demo -v 0
.venv/bin/python manage.py collectstatic --noinput -v 0
article=${ARTICLE:-$(.venv/bin/python manage.py shell -c \
  "from articles.models import Article; print(Article.objects.published().first().get_absolute_url())" 2>/dev/null | tail -n 1)}

.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --log-level warning --pid "$work/gunicorn.pid" &
gunicorn_pid=$!
trap 'kill "$gunicorn_pid" 2>/dev/null; wait "$gunicorn_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT$HOME_PAGE" && break; sleep 0.2; done

echo "database: ${DATABASE_URL%%:*}, workers: $WORKERS, connections: $CONNECTIONS, duration: $DURATION"
for path in "$HOME_PAGE" "$article"; do
  echo "== GET $path"
  wrk --latency -t 2 -c "$CONNECTIONS" -d "$DURATION" "http://127.0.0.1:$PORT$path" \
    | grep -E "Requests/sec|Latency  |50%|99%|Non-2xx"
done
