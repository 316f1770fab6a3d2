#!/usr/bin/env bash
# Throughput and latency of the reader pages (DEBUG off), measured with wrk.
# Not a test: it prints numbers to compare before and after a change.
#
#   bash bench/http.sh                 # SQLite file in a temp dir, demo content, bare gunicorn
#   STACK=front bash bench/http.sh     # the same behind nginx, as `make serve` runs it
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/2 \
#     STACK=front bash bench/http.sh   # the production stack
#
# STACK: gunicorn (default: bare gunicorn on PORT, as before the front existed) or front (nginx
# on PORT in front of gunicorn, started by config/serve.sh with its config files).
# DURATION (default 10s), CONNECTIONS (default 16), WORKERS (gunicorn workers, default 2), PORT
# (default 8765), HOME_PAGE (an edition's home page; default /de/), ARTICLE (an article's path;
# default: the newest published one), SLOW_CLIENTS (default 0: after wrk, hold that many
# half-sent requests and time a reader's GET of the article, bench/slow_clients.py).
set -euo pipefail
cd "$(dirname "$0")/.."

STACK=${STACK:-gunicorn}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
WORKERS=${WORKERS:-2}
PORT=${PORT:-8765}
HOME_PAGE=${HOME_PAGE:-/de/}
SLOW_CLIENTS=${SLOW_CLIENTS:-0}
[[ $STACK == gunicorn || $STACK == front ]] || { echo "STACK must be gunicorn or front" >&2; exit 2; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
make -s install
[[ $STACK == gunicorn ]] || make -s serve-deps

work=$(mktemp -d)
chmod 711 "$work"  # nginx's workers (nobody, when run as root) read MEDIA_ROOT inside it
export DEBUG=0 SECRET_KEY="bench-$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
  ALLOWED_HOSTS=127.0.0.1 SITE_URL="http://127.0.0.1:$PORT" SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 \
  SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 LOG_LEVEL=WARNING \
  MEDIA_ROOT="$work/media" STATIC_ROOT="$work/static" DJANGO_READ_ENV_FILE=0
export DATABASE_URL=${DATABASE_URL:-sqlite:///$work/bench.sqlite3}

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py load_demo -v 0
.venv/bin/python manage.py collectstatic --noinput -v 0
article=${ARTICLE:-$(.venv/bin/python manage.py shell -c \
  "from articles.models import Article; print(Article.objects.published().first().get_absolute_url())" 2>/dev/null | tail -n 1)}

if [[ $STACK == gunicorn ]]; then
  .venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
    --log-level warning --pid "$work/gunicorn.pid" &
else
  # nginx's access log goes to a file, as on a server; the script stops both servers on TERM.
  PORT=$PORT WEB_CONCURRENCY=$WORKERS bash config/serve.sh >"$work/serve.log" 2>&1 &
fi
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 300); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT$HOME_PAGE" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" 2>/dev/null; exit 1; }
  sleep 0.2
done

echo "stack: $STACK, database: ${DATABASE_URL%%:*}, workers: $WORKERS," \
  "connections: $CONNECTIONS, duration: $DURATION"
for path in "$HOME_PAGE" "$article"; do
  echo "== GET $path"
  wrk --latency -t 2 -c "$CONNECTIONS" -d "$DURATION" "http://127.0.0.1:$PORT$path" \
    | grep -E "Requests/sec|Latency  |50%|99%|Non-2xx|Socket errors"
done
if ((SLOW_CLIENTS > 0)); then
  echo "== $SLOW_CLIENTS slow clients, then GET $article"
  .venv/bin/python bench/slow_clients.py --connections "$SLOW_CLIENTS" \
    "http://127.0.0.1:$PORT$article"
fi
