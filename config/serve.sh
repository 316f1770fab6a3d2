#!/usr/bin/env bash
# The production stack on loopback, in the foreground: nginx (the buffering front, listening
# on 127.0.0.1:$PORT) in front of gunicorn (sync workers on an internal loopback port).
# `make serve` runs it; README "The production stack" explains each part.
#
# nginx reads every request whole (headers and body, with timeouts and size limits) before a
# gunicorn worker sees it, and takes every response whole from the worker, so a slow or
# half-open client never ties up a worker. Everything nginx writes (its rendered config, pid
# file, temporary files) lives in a fresh run directory that is removed on exit; Ctrl+C,
# SIGTERM or either process ending stops both. Nothing outlives this script.
#
#   bash config/serve.sh           # needs SECRET_KEY etc. as `make serve` sets them
#   bash config/serve.sh --check   # only says whether nginx and its modules are installed
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8000}
PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
TEMPLATE=config/nginx.conf.template
HEADERS_MORE=ngx_http_headers_more_filter_module.so
PACKAGES="nginx libnginx-mod-http-headers-more-filter"

# Debian keeps nginx in /usr/sbin, which a normal user's PATH may lack.
NGINX=$(command -v nginx || true)
[[ -n $NGINX || ! -x /usr/sbin/nginx ]] || NGINX=/usr/sbin/nginx

# A path nginx was built with (`nginx -V`: --conf-path, --modules-path), so the same template
# works wherever the distribution put them.
nginx_built_with() {
  "$NGINX" -V 2>&1 | tr ' ' '\n' | sed -n "s/^--$1=//p"
}

# Sets CONF_DIR and MODULES_DIR; says what is missing and fails otherwise.
check_nginx() {
  if [[ -z $NGINX ]]; then
    echo "nginx is not installed (make serve-deps, or: sudo apt-get install $PACKAGES)" >&2
    return 1
  fi
  CONF_DIR=$(dirname "$(nginx_built_with conf-path)")
  MODULES_DIR=$(nginx_built_with modules-path)
  if [[ ! -f $MODULES_DIR/$HEADERS_MORE ]]; then
    echo "nginx's headers-more module is missing ($MODULES_DIR/$HEADERS_MORE; make" \
      "serve-deps, or: sudo apt-get install libnginx-mod-http-headers-more-filter)" >&2
    return 1
  fi
  echo "nginx: $NGINX ($("$NGINX" -v 2>&1)), headers-more: $MODULES_DIR/$HEADERS_MORE"
}

if [[ ${1:-} == --check ]]; then
  check_nginx
  exit
fi
check_nginx >/dev/null

# What the stack always is, whatever the caller's environment or .env says: production
# settings, nginx as the one proxy in front (so the client-IP function reads the reader's
# address from the X-Forwarded-For entry nginx appends), media served by nginx.
export DEBUG=0 TRUSTED_PROXY_COUNT=1 SERVE_MEDIA=0
# The settings decide where media lives (MEDIA_ROOT, from the environment or .env).
MEDIA_ROOT=$("$PY" -c 'import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
from django.conf import settings
print(settings.MEDIA_ROOT)')
mkdir -p "$MEDIA_ROOT"
# Run as root, nginx's workers are `nobody`: a MEDIA_ROOT they cannot read would answer 403.
if [[ $(id -u) == 0 ]] && command -v runuser >/dev/null &&
  ! runuser -u nobody -- test -r "$MEDIA_ROOT" -a -x "$MEDIA_ROOT"; then
  echo "config/serve.sh: warning: nginx's workers (user nobody) cannot read $MEDIA_ROOT;" \
    "images will answer 403 (make it and the folders above it readable to others)" >&2
fi

# gunicorn's internal port: free now, on loopback, never the public one.
GUNICORN_BIND=${GUNICORN_BIND:-127.0.0.1:$("$PY" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
export GUNICORN_BIND

# nginx's workers run as `nobody` when its master is root: they must be able to enter the
# run directory (temporary files) and read MEDIA_ROOT.
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cms-serve.XXXXXX")
chmod 711 "$RUN_DIR"
gunicorn_pid=
nginx_pid=

# Stops each server's whole process group (set -m below), so even workers whose master was
# killed outright go too, and waits until they have.
stop() {
  local group waited
  # A second signal (Ctrl+C pressed twice, make passing SIGTERM on) must not cut this short.
  trap '' INT TERM
  for group in $nginx_pid $gunicorn_pid; do
    kill -TERM -- "-$group" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  for group in $nginx_pid $gunicorn_pid; do
    for ((waited = 0; waited < 300; waited++)); do
      kill -0 -- "-$group" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$group" 2>/dev/null || true
  done
  rm -rf "$RUN_DIR"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Replaces each @NAME@ in the template; a placeholder left over is a mistake in the template.
render() {
  local text
  text=$(<"$TEMPLATE")
  # Quoted replacements: an "&" in a path stays an "&" (bash 5.2's patsub_replacement).
  text=${text//@LISTEN@/"127.0.0.1:$PORT"}
  text=${text//@GUNICORN@/"$GUNICORN_BIND"}
  text=${text//@RUN_DIR@/"$RUN_DIR"}
  text=${text//@MEDIA_ROOT@/"$MEDIA_ROOT"}
  text=${text//@CONF_DIR@/"$CONF_DIR"}
  text=${text//@MODULES_DIR@/"$MODULES_DIR"}
  text=${text//@ACCESS_LOG@/"${NGINX_ACCESS_LOG:-/dev/stdout}"}
  if grep -o '@[A-Z_]*@' <<<"$text"; then
    echo "config/serve.sh: unknown placeholders left in $TEMPLATE (above)" >&2
    return 1
  fi
  printf '%s\n' "$text" >"$RUN_DIR/nginx.conf"
}

render
"$NGINX" -t -q -e stderr -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf"

"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput -v 0
# Covers whose renditions are missing (media from elsewhere, a database from before them).
"$PY" manage.py make_renditions -v 0

echo "run dir: $RUN_DIR; gunicorn on $GUNICORN_BIND; site on http://127.0.0.1:$PORT/"
# Each server in a process group of its own (job control), for stop(). Ctrl+C reaches this
# script, which stops both.
set -m
"$GUNICORN" -c config/gunicorn.conf.py config.wsgi </dev/null &
gunicorn_pid=$!
# nginx starts once gunicorn listens, so the first readers get pages, not 502s.
until (: >"/dev/tcp/${GUNICORN_BIND%:*}/${GUNICORN_BIND##*:}") 2>/dev/null; do
  kill -0 "$gunicorn_pid" 2>/dev/null || exit 1
  sleep 0.1
done
"$NGINX" -e stderr -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -g 'daemon off;' </dev/null &
nginx_pid=$!

# Until either ends (or a signal arrives); the EXIT trap then stops the other.
status=0
wait -n "$gunicorn_pid" "$nginx_pid" || status=$?
echo "config/serve.sh: a server stopped (exit $status); stopping the other" >&2
exit "$status"
