#!/usr/bin/env python3
"""A scriptable HTTP index for pinreqs's index/cache tests (Python 3 standard library only).

    fake_index.py --config CONFIG.json --log LOG [--port 0]

Prints "PORT <n>" as its first stdout line, then serves on 127.0.0.1 until SIGTERM.
CONFIG: {"routes": {PATH: ROUTE, ...}, "cache_control": "max-age=600"} where ROUTE may have
  body / file        the response body (text) or a file to serve
  status             default 200
  content_type       default application/json
  cache_control      overrides the config-wide value ("" = no header)
  redirect           answer 301 with this Location
  fail               list of statuses for the first requests of this path (e.g. [503, 429])
  retry_after        Retry-After value sent with those failures
  truncate           the first N requests get half the body with the full Content-Length, then a close
  latency_ms         sleep before answering
  etag               false = send no ETag (default: a hash of the body)
Conditional requests (If-None-Match) get 304. Unknown paths get 404.
LOG gets one line per request: METHOD PATH STATUS COND, COND = "cond" when If-None-Match/If-Modified-Since was sent.
"""
import argparse
import hashlib
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    with open(args.config, encoding="utf-8") as f:
        config = json.load(f)
    routes = config.get("routes", {})
    default_cc = config.get("cache_control", "max-age=600")
    counts = {}
    lock = threading.Lock()
    log = open(args.log, "a", encoding="utf-8", buffering=1)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def record(self, status):
            cond = "cond" if (self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")) else "-"
            with lock:
                log.write(f"{self.command} {self.path} {status} {cond}\n")

        def send_simple(self, status, body=b"", headers=None):
            self.record(status)  # before answering, so a client that got the answer also sees the log line
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self):
            path = self.path.split("?")[0]
            route = routes.get(path)
            with lock:
                n = counts.get(path, 0)
                counts[path] = n + 1
            if route is None:
                self.send_simple(404, b"not found", {"Content-Type": "text/plain"})
                return
            if route.get("latency_ms"):
                time.sleep(route["latency_ms"] / 1000.0)
            fails = route.get("fail", [])
            if n < len(fails):
                hdrs = {"Content-Type": "text/plain"}
                if route.get("retry_after") is not None:
                    hdrs["Retry-After"] = str(route["retry_after"])
                self.send_simple(int(fails[n]), b"try again", hdrs)
                return
            if route.get("redirect"):
                self.send_simple(301, b"", {"Location": route["redirect"]})
                return
            if "file" in route:
                with open(route["file"], "rb") as f:
                    body = f.read()
            else:
                body = route.get("body", "").encode("utf-8")
            status = int(route.get("status", 200))
            hdrs = {"Content-Type": route.get("content_type", "application/json")}
            cc = route.get("cache_control", default_cc)
            if cc:
                hdrs["Cache-Control"] = cc
            if route.get("etag", True) is not False and status == 200:
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                hdrs["ETag"] = etag
                if self.headers.get("If-None-Match") == etag:
                    self.send_simple(304, b"", {"ETag": etag, **({"Cache-Control": cc} if cc else {})})
                    return
            if n - len(fails) < int(route.get("truncate", 0)):
                self.record("truncated")
                self.send_response(status)
                for k, v in hdrs.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.send_simple(status, body, hdrs)

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
