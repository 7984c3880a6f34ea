#!/usr/bin/env python3
"""pinreqs against pip's resolver on the same local index, cold and warm, pair by pair in alternation.

    bench/compare.py [--quick] [--runs N] [--pinreqs PATH] [--json OUT] [--sets a,b] [--latencies 0,50]

For each requirement set and each index latency it starts /work/shared/tools/index-server (127.0.0.1 only,
`--files synth` so pip can download what it picks), does one warm-up run of each tool (which also fills the
warm caches), then runs, round after round, pinreqs cold, pip cold, pinreqs warm, pip warm, so that machine
noise hits both sides of each pair. It prints the median, min-max and the ratio pip/pinreqs per pair.

- pinreqs cold: `pinreqs compile SET --index-url http://127.0.0.1:PORT/pypi --python 3.11 --cache-dir EMPTY -o TMP`
- pinreqs warm: the same with the cache the warm-up filled.
- pip cold/warm: `python3 -m pip --isolated install --dry-run --ignore-installed --report R --cache-dir D
  --index-url http://127.0.0.1:PORT/simple -r SET` with a fresh / a filled D.

Sets: the example apps on fixtures/demo-index, the corpus requirement sets whose direct requirements the
recorded data (corpus/pypi-reconstructed) covers, and a generated 100-package index (bench/gen_index.py).
Without /work/shared (no index-server) it says so and exits 0.
"""

import argparse
import glob
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

WORK = os.environ.get("PINREQS_BENCH_WORK", "/tmp/pinreqs-bench")


def synthetic_index(n, seed=1):
    """bench/gen_index.py output for (n, seed), generated once and kept under WORK (keyed by the generator's
    own mtime so an edited generator regenerates)."""
    gen = os.path.join(bl.ROOT, "bench", "gen_index.py")
    stamp = int(os.path.getmtime(gen))
    out = os.path.join(WORK, f"synthetic-{n}-s{seed}-g{stamp}")
    if not os.path.exists(os.path.join(out, "SHAPE.json")):
        import subprocess
        subprocess.run([sys.executable, gen, "--packages", str(n), "--seed", str(seed), "--out", out],
                       check=True, stdout=subprocess.DEVNULL)
    return out


def discover_sets(want):
    """[(name, requirement lines, data dir, note)] and [(name, why skipped)]."""
    sets, skipped = [], []
    demo = os.path.join(bl.ROOT, "fixtures", "demo-index")
    for app in ("web-app", "ml-app"):
        req = os.path.join(bl.ROOT, "examples", app, "requirements.txt")
        if os.path.exists(req):
            sets.append((app, bl.flatten_requirements(req), demo, "examples/" + app + " (-r inlined)"))
    recorded = os.path.join(bl.SHARED, "corpus", "pypi-reconstructed")
    corpus = os.path.join(bl.SHARED, "corpus", "requirement-sets")
    if os.path.isdir(recorded) and os.path.isdir(corpus):
        for f in sorted(glob.glob(os.path.join(corpus, "*.in")) + glob.glob(os.path.join(corpus, "*", "*.in"))):
            name = os.path.relpath(f, corpus)[:-3]
            lines = bl.flatten_requirements(f)
            if bl.has_url_requirement(lines):
                skipped.append((name, "has URL/VCS requirements (not in recorded data)"))
                continue
            missing = [n for n in bl.direct_names(lines) if not os.path.exists(os.path.join(recorded, n + ".json"))]
            if missing:
                skipped.append((name, f"{len(missing)} direct requirement(s) not recorded, e.g. {missing[0]}"))
                continue
            sets.append((name, lines, recorded, "corpus/requirement-sets/" + name + ".in"))
    else:
        skipped.append(("corpus sets", f"{corpus} or {recorded} missing"))
    syn = synthetic_index(100)
    with open(os.path.join(syn, "requirements.in")) as f:
        sets.append(("synthetic-100", f.read().splitlines(), syn, "bench/gen_index.py --packages 100 --seed 1"))
    if want:
        sets = [s for s in sets if s[0] in want]
    return sets, skipped


def measure_set(name, lines, data, latency, runs, pinreqs, api, log):
    workdir = bl.fresh_dir(f"pinreqs-bench-{name.replace('/', '-')}-")
    infile = os.path.join(workdir, "requirements.in")
    with open(infile, "w") as f:
        f.write("\n".join(lines) + "\n")
    out = os.path.join(workdir, "out.txt")
    report = os.path.join(workdir, "report.json")
    warm_pr, warm_pip = os.path.join(workdir, "pr-warm"), os.path.join(workdir, "pip-warm")
    res = {"set": name, "latency_ms": latency, "runs": {k: [] for k in ("pinreqs_cold", "pip_cold",
                                                                          "pinreqs_warm", "pip_warm")},
           "failures": {}}
    try:
        with bl.IndexServer(data, latency_ms=latency) as srv:
            pr_url, pip_url = srv.url(api), srv.url("simple")

            def run(kind, cache):
                before = srv.log_lines()
                if kind.startswith("pinreqs"):
                    r = bl.timed_run(bl.pinreqs_cmd(pinreqs, infile, pr_url, cache, out))
                else:
                    r = bl.timed_run(bl.pip_cmd(infile, pip_url, cache, report, sys.executable))
                r["requests"] = srv.log_lines() - before
                if r["rc"] != 0:
                    res["failures"].setdefault(kind, bl.last_error_line(r["stderr"]) or f"exit {r['rc']}")
                return r

            # warm-up: fills the warm caches (and the server's in-memory renders); its outcome decides
            w1 = run("pinreqs_warmup", warm_pr)
            pins_pr, via = bl.pins_from_pinreqs_output(out) if w1["rc"] == 0 else ({}, {})
            w2 = run("pip_warmup", warm_pip)
            pins_pip = bl.pins_from_pip_report(report) if w2["rc"] == 0 else {}
            res["pins_pinreqs"], res["pins_pip"] = len(pins_pr), len(pins_pip)
            res["depth"] = bl.dependency_depth(via) if via else None
            res["pin_differences"] = sorted(
                f"{n}: pinreqs {pins_pr.get(n, '-')} / pip {pins_pip.get(n, '-')}"
                for n in set(pins_pr) | set(pins_pip) if pins_pr.get(n) != pins_pip.get(n))[:20]
            res["cold_requests"] = {"pinreqs": w1["requests"], "pip": w2["requests"]}
            ok_pr, ok_pip = w1["rc"] == 0, w2["rc"] == 0
            for i in range(runs):
                for kind in ("pinreqs_cold", "pip_cold", "pinreqs_warm", "pip_warm"):
                    if (kind.startswith("pinreqs") and not ok_pr) or (kind.startswith("pip") and not ok_pip):
                        continue
                    cold = kind.endswith("cold")
                    cache = bl.fresh_dir("pinreqs-bench-cache-") if cold else (
                        warm_pr if kind.startswith("pinreqs") else warm_pip)
                    r = run(kind, cache)
                    if cold:
                        bl.rm(cache)
                    if r["rc"] == 0:
                        res["runs"][kind].append({"wall_s": r["wall_s"], "cpu_s": r["cpu_s"],
                                                  "rss_kb": r["rss_kb"], "requests": r["requests"]})
                log(f"  {name} @{latency}ms round {i + 1}/{runs} done")
    except RuntimeError as e:
        res["failures"]["index-server"] = str(e)
    finally:
        bl.rm(workdir)
    for kind, rs in res["runs"].items():
        res[kind] = bl.summarize([r["wall_s"] for r in rs])
        res[kind + "_cpu"] = bl.summarize([r["cpu_s"] for r in rs])
        res[kind + "_rss_kb"] = max((r["rss_kb"] for r in rs), default=None)
        res[kind + "_requests"] = bl.summarize([r["requests"] for r in rs])
    for side in ("cold", "warm"):
        a, b = res.get(f"pinreqs_{side}"), res.get(f"pip_{side}")
        res[f"ratio_{side}"] = (b["median"] / a["median"]) if a and b and a["median"] > 0 else None
        a, b = res.get(f"pinreqs_{side}_cpu"), res.get(f"pip_{side}_cpu")
        res[f"ratio_{side}_cpu"] = (b["median"] / a["median"]) if a and b and a["median"] > 0 else None
    return res


def cell(s):
    if not s:
        return "failed"
    return f"{bl.fmt_s(s['median'])} ({bl.fmt_s(s['min'])}–{bl.fmt_s(s['max'])})"


def ratio(x):
    return f"{x:.1f}x" if x else "—"


def cpu(r, side):
    a, b = r.get(f"pinreqs_{side}_cpu"), r.get(f"pip_{side}_cpu")
    if not a or not b:
        return "—"
    return f"{bl.fmt_s(a['median'])} / {bl.fmt_s(b['median'])} ({ratio(r.get(f'ratio_{side}_cpu'))})"


def print_table(results, out=sys.stdout):
    print("| set | RTT | pins pinreqs/pip | depth | pinreqs cold | pip cold | pip/pinreqs | pinreqs warm | pip warm |"
          " pip/pinreqs | CPU cold pinreqs/pip (ratio) | CPU warm pinreqs/pip (ratio) | peak RSS pinreqs/pip |",
          file=out)
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|", file=out)
    for r in results:
        rss_pr = max(filter(None, [r.get("pinreqs_cold_rss_kb"), r.get("pinreqs_warm_rss_kb")]), default=None)
        rss_pip = max(filter(None, [r.get("pip_cold_rss_kb"), r.get("pip_warm_rss_kb")]), default=None)
        rss = f"{rss_pr // 1024 if rss_pr else '—'} / {rss_pip // 1024 if rss_pip else '—'} MB"
        print(f"| {r['set']} | {r['latency_ms']} ms | {r.get('pins_pinreqs', '—')}/{r.get('pins_pip', '—')} | "
              f"{r.get('depth') or '—'} | {cell(r.get('pinreqs_cold'))} | {cell(r.get('pip_cold'))} | "
              f"{ratio(r.get('ratio_cold'))} | {cell(r.get('pinreqs_warm'))} | {cell(r.get('pip_warm'))} | "
              f"{ratio(r.get('ratio_warm'))} | {cpu(r, 'cold')} | {cpu(r, 'warm')} | {rss} |", file=out)
    for r in results:
        for kind, msg in r["failures"].items():
            print(f"- FAILED {r['set']} @{r['latency_ms']} ms, {kind}: {msg}", file=out)
        if r.get("pin_differences"):
            print(f"- {r['set']} @{r['latency_ms']} ms: pins differ from pip's (both are solutions when the set has a"
                  f" conflict to backtrack over; check them): " + "; ".join(r["pin_differences"][:8]), file=out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="3 runs, fewer sets, 50 ms only for web-app")
    ap.add_argument("--runs", type=int, help="timed rounds after the warm-up (default 5, quick 3)")
    ap.add_argument("--pinreqs", default=bl.default_pinreqs(), help="pinreqs binary (default build-bench/)")
    ap.add_argument("--api", default="pypi", choices=["pypi", "simple"], help="API pinreqs uses (default pypi)")
    ap.add_argument("--sets", help="comma-separated set names (default: all covered sets)")
    ap.add_argument("--latencies", default="0,50", help="index latencies in ms (default 0,50)")
    ap.add_argument("--slow-sets", default="web-app,black,synthetic-100",
                    help="sets also measured at latencies > 0 (default: %(default)s; 'all' for every set)")
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args(argv)
    if not bl.have_index_server():
        print(f"compare: {bl.INDEX_SERVER} not found: skipping the pinreqs/pip comparison (needs the local index)")
        return 0
    if not args.pinreqs or not os.access(args.pinreqs, os.X_OK):
        print("compare: no pinreqs binary (build with: cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && "
              "cmake --build build-bench --target pinreqs)", file=sys.stderr)
        return 2
    runs = args.runs or (3 if args.quick else 5)
    runs = max(1, min(runs, 50))
    latencies = [int(x) for x in args.latencies.split(",") if x.strip()]
    want = set(args.sets.split(",")) if args.sets else None
    if args.quick and not want:
        want = {"web-app", "synthetic-100", "black"}
    slow = None if args.slow_sets == "all" else set(args.slow_sets.split(","))
    if args.quick and args.slow_sets == ap.get_default("slow_sets"):
        slow = {"web-app"}
    os.makedirs(WORK, exist_ok=True)
    sets, skipped = discover_sets(want)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    info = bl.machine_info()
    log(f"compare: {len(sets)} sets x latencies {latencies}, {runs} rounds; load {info.get('loadavg')}")
    if skipped:
        log(f"  {len(skipped)} corpus sets not covered by the recorded data (listed at the end)")
    results = []
    t0 = time.monotonic()
    for latency in latencies:
        for name, lines, data, note in sets:
            if latency > 0 and slow is not None and name not in slow:
                continue
            log(f"compare: {name} @ {latency} ms ({note})")
            r = measure_set(name, lines, data, latency, runs, args.pinreqs, args.api, log)
            r["note"] = note
            results.append(r)
    info["elapsed_s"] = round(time.monotonic() - t0, 1)
    info["loadavg_end"] = bl.machine_info().get("loadavg")
    print_table(results)
    for name, why in skipped:
        print(f"- not measured: {name}: {why}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": info, "runs": runs, "api": args.api, "results": results,
                       "skipped": skipped}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
