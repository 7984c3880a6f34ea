#!/usr/bin/env python3
"""Deterministic generator of synthetic package indexes in the recorded PyPI JSON layout.

    bench/gen_index.py --packages N [--seed S] --out DIR

writes
    DIR/<name>.json               project document {"info", "releases", "urls"} (info = latest release)
    DIR/<name>/<version>.json     version document {"info": {name, version, requires_dist,
                                  requires_python}, "urls": [files]}
    DIR/requirements.in           the root requirement set (a handful of top packages, some with extras)
    DIR/SHAPE.json                what was generated (counts, depth of the dependency tree, conflicts)

so that pinreqs (folder / file:// index, or through index-server) and pip (through index-server) resolve the
same thing. Same (N, seed) -> byte-identical output.

Shapes, chosen to look like PyPI rather than a toy:
- version histories: 1 to 40 releases per project (log-normal, median ~8), majors/minors/patches, a few
  pre-releases, a few releases whose Requires-Python excludes 3.11 (old `<3` ones and new `>=3.12` ones);
- a random recursive tree of dependencies (every package is reachable from the roots; depth grows ~ log N)
  plus extra edges (fan-in: popular packages are required by many), all pointing "downwards" (no cycles);
- ranges: `>=lo`, `>=lo,<next-major`, `~=x.y`, `!=bad`, bare names, chosen by the release's age, so that
  newer releases need newer dependencies;
- extras (`[fast]`, `[cli]`) whose optional dependencies carry `extra == "..."`;
- markers: `python_version < "3.9"`, `sys_platform == "win32"` (inactive for a 3.11 Linux target) and
  `python_version >= "3.8"` (active);
- conflicts that force backtracking: max(1, N // 250) triples (a, b, c) where a's latest releases need
  `c<M` and b's latest releases need `c>=M`; older releases of b accept any c.
"""

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import sys

SYLLABLES = ["al", "be", "co", "da", "el", "fo", "gi", "ha", "io", "ju", "ka", "lu", "mo", "ne", "or", "pi",
             "qu", "ra", "si", "tu", "ul", "ve", "wy", "xa", "yo", "ze"]


def make_name(i):
    """A pronounceable, unique, already PEP 503-normalized name for package number i."""
    parts = []
    n = i
    for _ in range(3):
        parts.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
    return "syn-" + "".join(parts) + f"-{i}"


def version_history(rng, count):
    """count increasing PEP 440 versions (a few pre-releases among them); returns [(version, is_pre)]."""
    major, minor, patch = rng.choice([0, 0, 1, 1, 2, 3]), rng.randint(0, 9), 0
    out = []
    while len(out) < count:
        r = rng.random()
        if r < 0.12 and out:
            major, minor, patch = major + 1, 0, 0
        elif r < 0.55 and out:
            minor, patch = minor + 1, 0
        elif out:
            patch += 1
        base = f"{major}.{minor}.{patch}"
        if rng.random() < 0.06 and len(out) + 1 < count:
            out.append((base + "rc1", True))
        out.append((base, False))
    return out[:count]


def fake_sha256(*parts):
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


class Package:
    def __init__(self, index, name, versions):
        self.index = index
        self.name = name
        self.versions = versions           # [(version, is_pre)], oldest first
        self.deps = []                     # [(child index, kind)] kind in "plain", "extra:<x>", "marker:<m>"
        self.requires_python = {}          # version -> str
        self.conflict_caps = {}            # version -> [(child, spec)] added on top of the general edges
        self.extras = []

    def usable_finals(self):
        """Final releases a Python 3.11 target can install (what lower bounds may point at, so that every
        generated index stays satisfiable; the >=3.12 releases are there to be skipped)."""
        return [v for v, pre in self.versions if not pre and self.requires_python.get(v) != ">=3.12"]

    def finals(self):
        return [i for i, (_, pre) in enumerate(self.versions) if not pre]


def generate(n, seed):
    rng = random.Random(seed * 1_000_003 + n)
    pkgs = []
    for i in range(n):
        count = max(1, min(40, int(round(math.exp(rng.gauss(math.log(8), 0.8))))))
        pkgs.append(Package(i, make_name(i), version_history(rng, count)))

    roots = list(range(min(n, max(1, min(12, n // 8 + 1)))))
    # Random recursive tree: package j hangs under an earlier package, so every package is
    # reachable from the roots and the depth grows like log(n).
    for j in range(len(roots), n):
        parent = int(j * rng.random() ** 3)  # biased towards the top: bushy and shallow, like PyPI
        pkgs[parent].deps.append((j, "plain"))
    # Fan-in: extra edges, mostly towards a few "popular" near-leaf packages (the six / idna / typing-extensions
    # of the index: the last 5%, which have few dependencies themselves), still downwards (no cycles).
    popular_from = n - max(3, n // 20)
    for j in range(n):
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            if j + 1 >= n:
                break
            if rng.random() < 0.8 and j + 1 < popular_from:
                child = rng.randrange(max(popular_from, j + 1), n)
            else:
                child = rng.randrange(j + 1, min(n, j + 1 + max(5, n // 10)))
            if all(c != child for c, _ in pkgs[j].deps):
                kind = "plain"
                r = rng.random()
                if r < 0.08:
                    kind = 'marker:python_version < "3.9"'
                elif r < 0.14:
                    kind = 'marker:sys_platform == "win32"'
                elif r < 0.20:
                    kind = 'marker:python_version >= "3.8"'
                elif r < 0.30:
                    kind = "extra:" + rng.choice(["fast", "cli"])
                pkgs[j].deps.append((child, kind))
    for p in pkgs:
        p.extras = sorted({k[6:] for _, k in p.deps if k.startswith("extra:")})

    # Requires-Python: early releases of some projects are py2-only, the newest release of some needs 3.12.
    for p in pkgs:
        if rng.random() < 0.15 and len(p.versions) > 3:
            for k in range(min(2, len(p.versions) - 2)):
                p.requires_python[p.versions[k][0]] = "<3"
        if rng.random() < 0.08 and len(p.finals()) > 2:
            p.requires_python[p.versions[-1][0]] = ">=3.12"
        for v, _ in p.versions:
            p.requires_python.setdefault(v, rng.choice([">=3.7", ">=3.8", ">=3.8", ">=3.9", ""]))
    # Conflicts forcing backtracking: only among packages with at least two majors' worth of history.
    conflicts = []
    wanted = max(1, n // 250) if n >= 10 else 0
    conflict_children = set()
    tries = 0
    while len(conflicts) < wanted and tries < 200 * (wanted + 1):
        tries += 1
        c = rng.randrange(len(roots), n) if n > len(roots) else None
        if c is None or c in conflict_children:
            continue
        majors = sorted({int(v.split(".")[0]) for v in pkgs[c].usable_finals()})
        if len(majors) < 2:
            continue
        a, b = rng.randrange(0, c), rng.randrange(0, c)
        if a == b or len(pkgs[b].finals()) < 3:
            continue
        m = majors[-1]
        conflict_children.add(c)
        pkgs[a].deps.append((c, "cap"))
        pkgs[b].deps.append((c, "floor"))
        conflicts.append({"a": pkgs[a].name, "b": pkgs[b].name, "c": pkgs[c].name, "major": m})
        pkgs[c].conflict_major = m

    return pkgs, roots, conflicts


def spec_for(rng, child, age, kind, pkgs):
    """A version specifier on child for a release at relative age in [0,1] (1 = newest)."""
    vs = child.usable_finals()
    if not vs:
        return ""
    if kind == "cap":
        return f"<{child.conflict_major}"
    if kind == "floor":
        return f">={child.conflict_major}"
    if getattr(child, "conflict_major", None) is not None:
        # keep conflict children satisfiable on both sides: only their oldest release as a floor
        return rng.choice(["", f">={vs[0]}"])
    now = min(len(vs) - 1, int(age * len(vs)))
    lo = vs[rng.randint(0, now)]
    r = rng.random()
    if r < 0.25:
        return ""
    if r < 0.55:
        return f">={lo}"
    if r < 0.75:
        nxt = int(vs[now].split(".")[0]) + 1
        return f">={lo},<{nxt}"
    if r < 0.85:
        major, minor = lo.split(".")[:2]
        return f"~={major}.{minor}"
    if r < 0.93 and len(vs) > 2:
        bad = vs[rng.randint(0, len(vs) - 2)]
        return f">={vs[0]},!={bad}"
    return f">={lo}"


def write_index(pkgs, roots, conflicts, out, seed):
    rng = random.Random(seed * 7919 + len(pkgs))
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    docs = 0
    for p in pkgs:
        os.makedirs(os.path.join(out, p.name))
        releases = {}
        latest_info = None
        latest_urls = None
        nvers = len(p.versions)
        for k, (v, pre) in enumerate(p.versions):
            age = (k + 1) / nvers
            reqs = []
            for child_i, kind in p.deps:
                child = pkgs[child_i]
                if kind in ("cap", "floor"):
                    # a's last third caps c; b's last third floors c (b's older releases do not)
                    if age <= 0.66 and k != nvers - 1:
                        continue
                # older releases have fewer dependencies (they were added over time)
                elif k < nvers - 1 and rng.random() < 0.25 * (1 - age):
                    continue
                spec = spec_for(rng, child, age, kind, pkgs)
                line = child.name + spec
                if kind.startswith("extra:"):
                    line += f'; extra == "{kind[6:]}"'
                elif kind.startswith("marker:"):
                    line += "; " + kind[7:]
                reqs.append(line)
            rp = p.requires_python[v]
            fname = f"{p.name.replace('-', '_')}-{v}-py3-none-any.whl"
            files = [{
                "filename": fname, "packagetype": "bdist_wheel", "python_version": "py3",
                "requires_python": rp or None, "size": 1000 + (len(fname) * 37 + k) % 9000,
                "digests": {"sha256": fake_sha256(p.name, v, "whl")},
                "upload_time_iso_8601": f"20{10 + (k * 14) // max(1, nvers)}-01-01T00:00:00Z",
                "url": f"https://files.invalid/{fname}", "yanked": False,
            }]
            if k % 3 == 0:
                sname = f"{p.name}-{v}.tar.gz"
                files.append({
                    "filename": sname, "packagetype": "sdist", "python_version": "source",
                    "requires_python": rp or None, "size": 2000 + k,
                    "digests": {"sha256": fake_sha256(p.name, v, "sdist")},
                    "upload_time_iso_8601": files[0]["upload_time_iso_8601"],
                    "url": f"https://files.invalid/{sname}", "yanked": False,
                })
            info = {"name": p.name, "version": v, "requires_dist": reqs, "requires_python": rp,
                    "summary": f"synthetic package {p.index}"}
            with open(os.path.join(out, p.name, v + ".json"), "w") as f:
                json.dump({"info": info, "urls": files}, f, separators=(",", ":"))
            docs += 1
            releases[v] = files
            if not pre:
                latest_info, latest_urls = info, files
        if latest_info is None:
            latest_info, latest_urls = info, files
        with open(os.path.join(out, p.name + ".json"), "w") as f:
            json.dump({"info": latest_info, "releases": releases, "urls": latest_urls}, f, separators=(",", ":"))
    with open(os.path.join(out, "requirements.in"), "w") as f:
        f.write(f"# synthetic root set: {len(roots)} top packages of a {len(pkgs)}-package index\n")
        for r in roots:
            p = pkgs[r]
            extra = f"[{p.extras[0]}]" if p.extras and r % 2 == 0 else ""
            f.write(f"{p.name}{extra}\n")
    depth = tree_depth(pkgs, roots)
    shape = {"packages": len(pkgs), "seed": seed, "version_documents": docs,
             "versions_total": sum(len(p.versions) for p in pkgs),
             "edges": sum(len(p.deps) for p in pkgs), "roots": [pkgs[r].name for r in roots],
             "tree_depth": depth, "conflicts": conflicts}
    with open(os.path.join(out, "SHAPE.json"), "w") as f:
        json.dump(shape, f, indent=1, sort_keys=True)
    return shape


def tree_depth(pkgs, roots):
    """Longest chain of dependencies (any kind) from a root: the edges only point to higher indexes."""
    depth = [1] * len(pkgs)
    for i in range(len(pkgs) - 1, -1, -1):
        for c, _ in pkgs[i].deps:
            depth[i] = max(depth[i], depth[c] + 1)
    return max((depth[r] for r in roots), default=0)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--packages", type=int, required=True, help="number of projects (e.g. 10, 100, 1000, 5000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", required=True, help="output folder (replaced)")
    args = ap.parse_args(argv)
    if args.packages < 1:
        ap.error("--packages must be at least 1")
    pkgs, roots, conflicts = generate(args.packages, args.seed)
    shape = write_index(pkgs, roots, conflicts, args.out, args.seed)
    print(json.dumps({k: shape[k] for k in ("packages", "version_documents", "edges", "tree_depth")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
