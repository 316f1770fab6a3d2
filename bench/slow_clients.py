"""Slow clients against a running site: does a normal reader still get a page?

Opens CONNECTIONS connections that each send half a request and then hold still (headers
without the blank line that ends them; every other one a POST announcing more body than it
sends), then times a normal GET of the URL while they are held, a few times over. Not a test:
it prints what a reader would live through, to compare bare gunicorn with nginx in front.

    .venv/bin/python bench/slow_clients.py http://127.0.0.1:8765/en/
    .venv/bin/python bench/slow_clients.py --connections 2 --rounds 3 http://127.0.0.1:8765/en/

Bare sync gunicorn: a couple of half-sent requests take every worker until its timeout (30 s
by default), so the reader waits that long or gets nothing. Behind nginx: no wait.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import time
from urllib.parse import urlsplit


def half_sent(host: str, port: int, number: int) -> socket.socket:
    connection = socket.create_connection((host, port), timeout=10)
    header = f"Host: {host}:{port}\r\n"
    if number % 2:
        request = (
            f"POST / HTTP/1.1\r\n{header}Content-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 4000\r\n\r\nname=half"
        )
    else:
        request = f"GET / HTTP/1.1\r\n{header}User-Agent: slow\r\n"
    connection.sendall(request.encode())
    return connection


def timed_get(host: str, port: int, path: str, timeout: float) -> tuple[str, float]:
    """The status of a normal GET (or why there was none) and how long it took."""
    started = time.monotonic()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        outcome = str(response.status)
    except (OSError, http.client.HTTPException) as error:
        outcome = f"no answer ({type(error).__name__})"
    finally:
        connection.close()
    return outcome, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url", help="the page a normal reader asks for")
    parser.add_argument("--connections", type=int, default=64, help="half-sent (default 64)")
    parser.add_argument("--rounds", type=int, default=3, help="normal GETs, one after another")
    parser.add_argument("--timeout", type=float, default=40, help="a reader's patience, s")
    args = parser.parse_args()
    url = urlsplit(args.url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    path = url.path or "/"

    baseline, took = timed_get(host, port, path, args.timeout)
    print(f"without slow clients: GET {path} -> {baseline} in {took:.3f} s")
    held = []
    try:
        for number in range(args.connections):
            held.append(half_sent(host, port, number))
        print(f"{len(held)} connections hold half-sent requests")
        for round_ in range(1, args.rounds + 1):
            outcome, took = timed_get(host, port, path, args.timeout)
            print(f"round {round_}: GET {path} -> {outcome} in {took:.3f} s")
    finally:
        for connection in held:
            connection.close()


if __name__ == "__main__":
    main()
