#!/usr/bin/env python3
"""End to end: the pinreqs binary against a local HTTP index started here, cold then warm cache.

    http_index_test.py PINREQS_BINARY SOURCE_DIR

Serves fixtures/demo-index through tests/support/fake_index.py (JSON API layout, max-age=600) on 127.0.0.1 and
checks, from the server's request log:
  - a cold run resolves the web app and fetches each needed document once;
  - a warm run (same cache, within max-age) makes 0 requests and gives byte-identical output;
  - an offline run with the warm cache gives the same output too;
  - the HTTP result equals the result from the same data read as a file:// index.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    binary, source = Path(sys.argv[1]), Path(sys.argv[2])
    index_dir = source / "fixtures" / "demo-index"
    app = source / "examples" / "web-app"
    failures = []

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        routes = {}
        for doc in index_dir.glob("*.json"):
            routes[f"/pypi/{doc.stem}/json"] = {"file": str(doc)}
            for ver in (index_dir / doc.stem).glob("*.json") if (index_dir / doc.stem).is_dir() else []:
                routes[f"/pypi/{doc.stem}/{ver.stem}/json"] = {"file": str(ver)}
        config = tmp / "config.json"
        config.write_text(json.dumps({"routes": routes, "cache_control": "max-age=600"}))
        log = tmp / "requests.log"
        server = subprocess.Popen(
            [sys.executable, str(source / "tests" / "support" / "fake_index.py"), "--config", str(config), "--log", str(log)],
            stdout=subprocess.PIPE, text=True)
        try:
            first = server.stdout.readline().split()
            assert first and first[0] == "PORT", f"unexpected server banner {first}"
            url = f"http://127.0.0.1:{first[1]}/pypi"
            env = dict(os.environ, NO_COLOR="1", PIP_CONFIG_FILE="/dev/null")
            env.pop("PIP_INDEX_URL", None)

            def compile_run(name, *extra):
                out = tmp / f"{name}.txt"
                cmd = [str(binary), "compile", str(app / "requirements.txt"), "--python", "3.12", "--no-header",
                       "--cache-dir", str(tmp / "cache"), "-o", str(out), *extra]
                r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
                if r.returncode != 0:
                    failures.append(f"{name}: exit {r.returncode}: {r.stderr}")
                    return ""
                return out.read_text() if out.exists() else ""

            def requests_so_far():
                return log.read_text().splitlines() if log.exists() else []

            cold = compile_run("cold", "--index-url", url)
            n_cold = len(requests_so_far())
            paths = [line.split()[1] for line in requests_so_far()]
            if n_cold == 0:
                failures.append("cold run made no request")
            if len(paths) != len(set(paths)):
                failures.append(f"cold run fetched a document twice: {sorted(p for p in paths if paths.count(p) > 1)}")
            if "flask==3.1.3" not in cold:
                failures.append(f"cold output lacks flask==3.1.3:\n{cold}")

            warm = compile_run("warm", "--index-url", url)
            n_warm = len(requests_so_far()) - n_cold
            if n_warm != 0:
                failures.append(f"warm run within max-age made {n_warm} requests")
            if warm != cold:
                failures.append("warm output differs from cold output")

            offline = compile_run("offline", "--index-url", url, "--offline")
            if offline != cold:
                failures.append("offline output (warm cache) differs from online output")
            if len(requests_so_far()) != n_cold:
                failures.append("offline run made requests")

            local = compile_run("file", "--index-url", str(index_dir), "--no-cache")
            # The HTTP lock names its (non-default) index on a first line; the packages must be identical.
            cold_pins = "".join(l for l in cold.splitlines(True) if not l.startswith("--index-url"))
            if local != cold_pins:
                import difflib
                failures.append("HTTP result differs from the file:// result:\n" +
                                "".join(difflib.unified_diff(cold_pins.splitlines(True), local.splitlines(True), "http", "file")))
            print(f"cold: {n_cold} requests; warm: {n_warm}; offline: 0; {cold.count('==')} packages pinned")
        finally:
            server.terminate()
            server.wait(timeout=10)

    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
