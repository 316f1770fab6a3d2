"""gunicorn behind nginx (config/nginx.conf.template; README "The production stack").

Sync workers: every view is a plain blocking Django view, and nginx hands a worker only whole
requests and takes its whole response at once, so a worker is busy for the time Django works,
never for the time a client needs to send or read. gunicorn reads this file with
``gunicorn -c config/gunicorn.conf.py config.wsgi`` (``make serve``, the systemd unit).
"""

from __future__ import annotations

import multiprocessing
import os

# Where nginx reaches gunicorn: a loopback port, never a public address (a client that reached
# gunicorn directly would pass the front's limits and could forge X-Forwarded-For).
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")]

# gunicorn's own rule of thumb. Each worker serves one request at a time; behind the buffering
# front a request takes a worker only while Django renders it.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))

# A request still running after this many seconds is stopped (its worker restarted): a stuck
# view must not hold a worker for ever. nginx's proxy_read_timeout is a little longer.
timeout = 30
graceful_timeout = 30

# What nginx accepts (large_client_header_buffers 4 8k), gunicorn accepts too: a request nginx
# passed on is never refused here for its size. 8190 is gunicorn's largest request line.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# nginx writes the access log; gunicorn's errors go to stderr.
accesslog = None
errorlog = "-"
loglevel = "info"

# The workers' heartbeat files on a memory file system: on a disk-backed /tmp a slow disk can
# stall them and gunicorn then kills healthy workers (gunicorn's "Blocking OS calls" advice).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The reader's address: Django takes it from X-Forwarded-For with TRUSTED_PROXY_COUNT
# (comments/network.py client_ip), so gunicorn's forwarded_allow_ips stays at its default: it
# trusts X-Forwarded-Proto only from loopback, where nginx sets it to the scheme it was reached by.

# gunicorn 25+ opens a control socket in the user's home directory (~/.gunicorn/gunicorn.ctl),
# one path for every gunicorn of that user: two stacks on one machine would share it, and the
# file outlives the server. Nothing here uses it (older gunicorns ignore the setting).
control_socket_disable = True
