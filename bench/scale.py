#!/usr/bin/env python3
"""Scale series: how pinreqs's resolve time and peak RSS grow with the size of the index.

    bench/scale.py [--sizes 10,100,1000,5000] [--runs N] [--pip-max 100] [--pinreqs PATH] [--json OUT]

For each size N it generates (once, cached) a synthetic index with bench/gen_index.py (seed 1; the root set
pulls in every package), then measures, round after round after a warm-up:
- pinreqs cold (empty cache) and warm (cache filled by the warm-up) through index-server's JSON API at 0 ms
  (`--files none`: recorded hashes, nothing synthesized);
- pinreqs on the folder itself (`--index-url DIR`: no HTTP, no cache; parse + resolve only);
- pip cold/warm on the same index for N <= --pip-max (index-server `--files synth`), in alternation.
Peak RSS comes from `/usr/bin/time -v` (falls back to wait4's ru_maxrss when it is missing). The growth
exponent k in time ~ N^k is the least-squares slope of log(median) on log(N).
Without /work/shared (no index-server) only the folder-index series runs.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402
from compare import synthetic_index, WORK  # noqa: E402

GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_with_rss(cmd):
    """timed_run, with peak RSS taken from /usr/bin/time -v when available (as the issue asks)."""
    if not GNU_TIME:
        return bl.timed_run(cmd)
    fd_path = os.path.join(WORK, f"time-{os.getpid()}.txt")
    r = bl.timed_run([GNU_TIME, "-v", "-o", fd_path] + cmd)
    try:
        with open(fd_path) as f:
            text = f.read()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        if m:
            r["rss_kb"] = int(m.group(1))
        m = re.search(r"Exit status: (\d+)", text)
        if m and r["rc"] == 0:
            r["rc"] = int(m.group(1))
    except OSError:
        pass
    finally:
        try:
            os.unlink(fd_path)
        except OSError:
            pass
    return r


def slope(xs, ys):
    """Least-squares slope of log(y) on log(x); None with fewer than two usable points."""
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x and y and x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / den if den else None


def measure_size(n, runs, pinreqs, pip_max, log):
    data = synthetic_index(n)
    with open(os.path.join(data, "SHAPE.json")) as f:
        shape = json.load(f)
    infile = os.path.join(data, "requirements.in")
    work = bl.fresh_dir(f"pinreqs-scale-{n}-")
    out = os.path.join(work, "out.txt")
    res = {"packages": n, "version_documents": shape["version_documents"], "tree_depth": shape["tree_depth"],
           "conflicts": len(shape["conflicts"]), "failures": {},
           "samples": {k: [] for k in ("cold", "warm", "folder", "pip_cold", "pip_warm")}}

    def record(kind, r, requests=None):
        if r["rc"] != 0:
            res["failures"].setdefault(kind, bl.last_error_line(r["stderr"]) or f"exit {r['rc']}")
            return False
        res["samples"][kind].append({"wall_s": r["wall_s"], "cpu_s": r["cpu_s"], "rss_kb": r["rss_kb"],
                                     "requests": bl.request_count_from_verbose(r["stderr"])})
        return True

    try:
        # folder index: no server needed
        w = run_with_rss(bl.pinreqs_cmd(pinreqs, infile, data, os.path.join(work, "c-folder"), out))
        ok_folder = w["rc"] == 0
        if ok_folder:
            pins, _ = bl.pins_from_pinreqs_output(out)
            res["pins"] = len(pins)
        else:
            record("folder", w)
        if bl.have_index_server():
            warm = os.path.join(work, "pr-warm")
            with bl.IndexServer(data, latency_ms=0, files="none") as srv:
                w = run_with_rss(bl.pinreqs_cmd(pinreqs, infile, srv.url("pypi"), warm, out))
                ok_http = w["rc"] == 0
                if not ok_http:
                    record("cold", w)
                for i in range(runs):
                    if ok_http:
                        cache = bl.fresh_dir("pinreqs-scale-cache-")
                        record("cold", run_with_rss(bl.pinreqs_cmd(pinreqs, infile, srv.url("pypi"), cache, out)))
                        bl.rm(cache)
                        record("warm", run_with_rss(bl.pinreqs_cmd(pinreqs, infile, srv.url("pypi"), warm, out)))
                    if ok_folder:
                        record("folder", run_with_rss(bl.pinreqs_cmd(pinreqs, infile, data,
                                                                     os.path.join(work, "c-folder"), out)))
                    log(f"  {n} packages: round {i + 1}/{runs}")
            if n <= pip_max:
                report = os.path.join(work, "report.json")
                pip_warm = os.path.join(work, "pip-warm")
                with bl.IndexServer(data, latency_ms=0, files="synth") as srv:
                    url = srv.url("simple")
                    w = run_with_rss(bl.pip_cmd(infile, url, pip_warm, report, sys.executable))
                    if w["rc"] == 0:
                        res["pip_pins"] = len(bl.pins_from_pip_report(report))
                        for i in range(runs):
                            cache = bl.fresh_dir("pinreqs-scale-pipcache-")
                            record("pip_cold", run_with_rss(bl.pip_cmd(infile, url, cache, report, sys.executable)))
                            bl.rm(cache)
                            record("pip_warm", run_with_rss(bl.pip_cmd(infile, url, pip_warm, report,
                                                                       sys.executable)))
                            log(f"  {n} packages: pip round {i + 1}/{runs}")
                    else:
                        record("pip_warmup", w)
        else:
            for i in range(runs):
                if ok_folder:
                    record("folder", run_with_rss(bl.pinreqs_cmd(pinreqs, infile, data,
                                                                 os.path.join(work, "c-folder"), out)))
    finally:
        bl.rm(work)
    for kind, rs in res["samples"].items():
        res[kind] = bl.summarize([r["wall_s"] for r in rs])
        res[kind + "_cpu"] = bl.summarize([r["cpu_s"] for r in rs])
        res[kind + "_rss_kb"] = max((r["rss_kb"] for r in rs), default=None)
        reqs = [r["requests"] for r in rs if r["requests"] is not None]
        res[kind + "_requests"] = max(reqs) if reqs else None
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10,100,1000,5000", help="package counts (default %(default)s)")
    ap.add_argument("--runs", type=int, default=5, help="rounds after the warm-up (default 5)")
    ap.add_argument("--pip-max", type=int, default=100, help="also time pip up to this size (default 100)")
    ap.add_argument("--pinreqs", default=bl.default_pinreqs())
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--strict", action="store_true", help="exit 1 when any run failed (CI smoke)")
    args = ap.parse_args(argv)
    if not args.pinreqs or not os.access(args.pinreqs, os.X_OK):
        print("scale: no pinreqs binary (build the `pinreqs` target in build-bench/)", file=sys.stderr)
        return 2
    if not bl.have_index_server():
        print(f"scale: {bl.INDEX_SERVER} not found: skipping the HTTP and pip series (folder index only)")
    if not GNU_TIME:
        print("scale: /usr/bin/time missing (scripts/setup installs `time`); peak RSS from wait4 instead")
    os.makedirs(WORK, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    runs = max(1, min(args.runs, 50))

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    info = bl.machine_info()
    results = []
    t0 = time.monotonic()
    for n in sizes:
        log(f"scale: {n} packages")
        results.append(measure_size(n, runs, args.pinreqs, args.pip_max, log))
    info["elapsed_s"] = round(time.monotonic() - t0, 1)
    info["loadavg_end"] = bl.machine_info().get("loadavg")

    def med(r, k):
        return r[k]["median"] if r.get(k) else None

    print("| packages | version docs | longest chain | pins | pinreqs cold | pinreqs warm | folder index | peak RSS cold/warm/folder"
          " | CPU cold/warm/folder | requests cold | pip cold | pip warm | pip CPU cold/warm | pip RSS |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        def c(k):
            s = r.get(k)
            return f"{bl.fmt_s(s['median'])} ({bl.fmt_s(s['min'])}–{bl.fmt_s(s['max'])})" if s else "—"

        def cp(k):
            s = r.get(k + "_cpu")
            return bl.fmt_s(s["median"]) if s else "—"

        def mb(k):
            v = r.get(k + "_rss_kb")
            return f"{v / 1024:.0f}" if v else "—"
        print(f"| {r['packages']} | {r['version_documents']} | {r['tree_depth']} | {r.get('pins', '—')} | {c('cold')} "
              f"| {c('warm')} | {c('folder')} | {mb('cold')}/{mb('warm')}/{mb('folder')} MB | "
              f"{cp('cold')} / {cp('warm')} / {cp('folder')} | "
              f"{r.get('cold_requests') or '—'} | {c('pip_cold')} | {c('pip_warm')} | {cp('pip_cold')} / "
              f"{cp('pip_warm')} | {mb('pip_cold')} MB |")
    exps = {}
    ns = [r["packages"] for r in results]
    for k in ("cold", "warm", "folder", "pip_cold", "pip_warm"):
        exps[k] = slope(ns, [med(r, k) for r in results])
        exps[k + "_cpu"] = slope(ns, [med(r, k + "_cpu") for r in results])
        exps[k + "_rss"] = slope(ns, [r.get(k + "_rss_kb") for r in results])
    # the fixed start-up cost hides growth at small sizes: also fit the largest sizes alone
    big = [r for r in results if r["packages"] >= 1000]
    for k in ("cold", "warm", "folder"):
        exps[k + "_ge1000"] = slope([r["packages"] for r in big], [med(r, k) for r in big])
        exps[k + "_cpu_ge1000"] = slope([r["packages"] for r in big], [med(r, k + "_cpu") for r in big])
    print()
    def fx(x):
        return f"{x:.2f}" if x is not None else "n/a"
    if len(results) < 2:
        print("(one size: no growth exponent)")
    print("growth exponent k (time ~ N^k, log-log least squares over all sizes / over N >= 1000): " + ", ".join(
        f"{k} {fx(exps[k])} / {fx(exps.get(k + '_ge1000'))}" for k in ("cold", "warm", "folder", "pip_cold", "pip_warm")
        if exps.get(k) is not None))
    print("CPU-time growth exponent (all sizes / N >= 1000): " + ", ".join(
        f"{k} {fx(exps[k + '_cpu'])} / {fx(exps.get(k + '_cpu_ge1000'))}" for k in ("cold", "warm", "folder")
        if exps.get(k + "_cpu") is not None))
    steps = []
    for a, b in zip(results, results[1:]):
        k = slope([a["packages"], b["packages"]], [med(a, "folder_cpu"), med(b, "folder_cpu")])
        kc = slope([a["packages"], b["packages"]], [med(a, "cold_cpu"), med(b, "cold_cpu")])
        if k is not None or kc is not None:
            steps.append(f"{a['packages']}->{b['packages']}: folder {fx(k)}, cold {fx(kc)}")
    if steps:
        print("CPU-time exponent per step (start-up cost dominates the small sizes): " + "; ".join(steps))
    print("peak RSS exponent: " + ", ".join(f"{k} {fx(exps[k + '_rss'])}" for k in ("cold", "warm", "folder")
                                              if exps.get(k + "_rss") is not None))
    for r in results:
        for kind, msg in r["failures"].items():
            print(f"- FAILED {r['packages']} packages, {kind}: {msg}")
        if r.get("pip_pins") is not None and r.get("pins") is not None and r["pip_pins"] != r["pins"]:
            print(f"- {r['packages']} packages: pinreqs pinned {r['pins']}, pip {r['pip_pins']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": info, "runs": runs, "results": results, "exponents": exps}, f, indent=1)
    failed = any(r["failures"] for r in results) or any(r.get("pins") is None for r in results)
    return 1 if (args.strict and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
