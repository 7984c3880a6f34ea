#!/usr/bin/env python3
"""Build fixtures/demo-index/: a trimmed copy of the recorded PyPI data for the example apps.

Dev-time tool (CI never runs it). Given requirement files, it walks requires_dist from the requirements
(markers evaluated for CPython at each target Python and platform, default Linux x86_64; extras followed
when requested), keeps for every requirement edge the newest versions a resolver could pick there
(--per-root of them for the given requirements, --per-edge for transitive ones; specifier, requires-python
and an installable file for the target all honoured), and writes the union of those versions in the same
layout as the source:

    OUT/<name>.json              project document: info, releases (kept versions only), urls
    OUT/<name>/<version>.json    version document: info, urls, a short _reconstructed note

Prose and bookkeeping fields are dropped and the JSON is minified. Every kept version has a version document,
so a resolver gets real metadata for anything it can see.

uv.lock-derived requirements carry uv's internal conflict markers (`extra == "extra-16-pydantic-ai-slim-..."`,
`extra == "group-11-..."`): they describe the locking project, not the package. By default each such clause is
replaced by "true" and the marker simplified (see --keep-uv-markers); the rewritten entries are listed in the
version document's `_reconstructed.requires_dist_uv_markers_dropped`.

Example (the command that built the committed fixture):

    python3 scripts/make-demo-index.py examples/ml-app/requirements.txt examples/web-app/requirements.txt \
        --also 'torch>=2.5,<2.6' --platform linux-x86_64 --platform linux-aarch64 --platform macos-arm64 \
        --platform macos-x86_64 --platform win-amd64
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from collections import defaultdict

from pip._vendor.packaging import tags
from pip._vendor.packaging.markers import Marker
from pip._vendor.packaging.requirements import InvalidRequirement, Requirement
from pip._vendor.packaging.specifiers import SpecifierSet
from pip._vendor.packaging.utils import canonicalize_name
from pip._vendor.packaging.version import InvalidVersion, Version

DEFAULT_SOURCE = "/work/shared/corpus/pypi-reconstructed"
DEFAULT_PYTHONS = ["3.11", "3.12", "3.13"]

# ----------------------------------------------------------------------------- requirement files


def read_requirement_file(path: str, seen: set[str] | None = None) -> list[Requirement]:
    """Requirements of a pip requirements file, following -r/-c includes; other options are ignored."""
    seen = set() if seen is None else seen
    real = os.path.realpath(path)
    if real in seen:
        return []
    seen.add(real)
    with open(path, encoding="utf-8") as f:
        text = f.read().replace("\r\n", "\n")
    text = re.sub(r"\\\n", "", text)  # line continuations
    out: list[Requirement] = []
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if not line:
            continue
        m = re.match(r"^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)$", line)
        if m:
            inc = os.path.join(os.path.dirname(path), m.group(2))
            out.extend(read_requirement_file(inc, seen))
            continue
        if line.startswith("-"):
            continue  # --index-url, --hash options etc.: not needed for the closure
        line = re.sub(r"\s--hash[=\s]\S+", "", line)
        try:
            out.append(Requirement(line))
        except InvalidRequirement as e:
            sys.exit(f"{path}:{lineno}: not a requirement: {e}")
    return out


# ----------------------------------------------------------------------------- target environment


PLATFORMS = {
    # name: (sys_platform, platform_system, platform_machine, os_name, wheel platform tags)
    "linux-x86_64": ("linux", "Linux", "x86_64", "posix",
                     [f"manylinux_2_{n}_x86_64" for n in range(40, 4, -1)]
                     + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64"]),
    "linux-aarch64": ("linux", "Linux", "aarch64", "posix",
                      [f"manylinux_2_{n}_aarch64" for n in range(40, 16, -1)]
                      + ["manylinux2014_aarch64", "linux_aarch64"]),
    "macos-arm64": ("darwin", "Darwin", "arm64", "posix",
                    [f"macosx_{v}_0_{a}" for v in range(15, 10, -1) for a in ("arm64", "universal2")]),
    "macos-x86_64": ("darwin", "Darwin", "x86_64", "posix",
                     [f"macosx_{v}_0_{a}" for v in range(15, 10, -1) for a in ("x86_64", "universal2", "intel")]
                     + [f"macosx_10_{m}_{a}" for m in range(16, 8, -1) for a in ("x86_64", "universal2", "intel")]),
    "win-amd64": ("win32", "Windows", "AMD64", "nt", ["win_amd64"]),
}


def marker_env(py: str, platform: str = "linux-x86_64") -> dict[str, str]:
    sys_platform, system, machine, os_name, _ = PLATFORMS[platform]
    return {
        "implementation_name": "cpython", "implementation_version": py + ".0", "os_name": os_name,
        "platform_machine": machine, "platform_python_implementation": "CPython", "platform_release": "",
        "platform_system": system, "platform_version": "", "python_full_version": py + ".0",
        "python_version": py, "sys_platform": sys_platform, "extra": "",
    }


def supported_tags(py: str, platform: str = "linux-x86_64") -> set[str]:
    major, minor = (int(x) for x in py.split("."))
    plats = PLATFORMS[platform][4]
    ts = list(tags.cpython_tags((major, minor), abis=[f"cp{major}{minor}", "abi3", "none"], platforms=plats))
    ts += list(tags.compatible_tags((major, minor), f"cp{major}{minor}", plats))
    return {str(t) for t in ts}


def file_usable(filename: str, tagset: set[str]) -> bool:
    if not filename.endswith(".whl"):
        return True  # an sdist can always be tried (built from source)
    parts = filename[:-4].split("-")
    if len(parts) not in (5, 6):
        return False
    py, abi, plat = parts[-3:]
    return any(f"{a}-{b}-{c}" in tagset for a in py.split(".") for b in abi.split(".") for c in plat.split("."))


def installable(files: list[dict], tagset: set[str]) -> bool:
    """A version counts for a target when it has a wheel for it, or has no wheel at all (sdist-only).

    A version with wheels but none for the target is skipped even if it has an sdist: in this data
    requires_python is often unknown (uv.lock), and missing tags for a Python are then the best evidence that
    the release dropped it (numpy 2.5 has no cp311 wheel and really requires Python >= 3.12). Keeping the
    older release that has the wheel lets a resolver that prefers wheels find it."""
    names = [f["filename"] for f in files]
    wheels = [n for n in names if n.endswith(".whl")]
    if wheels:
        return any(file_usable(n, tagset) for n in wheels)
    return bool(names)


# ----------------------------------------------------------------------------- uv marker cleanup

UV_INTERNAL = re.compile(r"^(extra|group)-\d+-")


def _simplify(node):
    """Simplify a packaging marker tree; returns True, False or a tree (list)."""
    if isinstance(node, tuple):
        lhs, op, rhs = node
        names = {getattr(lhs, "value", None), getattr(rhs, "value", None)}
        is_extra = "extra" in names and (type(lhs).__name__ == "Variable" or type(rhs).__name__ == "Variable")
        val = rhs.value if type(lhs).__name__ == "Variable" else lhs.value
        if is_extra and UV_INTERNAL.match(str(val)):
            return True
        return node
    if isinstance(node, str):
        return node
    # list: items separated by "and"/"or"; "and" binds tighter
    groups: list[list] = [[]]
    for item in node:
        if item == "or":
            groups.append([])
        elif item == "and":
            continue
        else:
            groups[-1].append(_simplify(item))
    terms = []
    for g in groups:
        if any(x is False for x in g):
            continue
        g = [x for x in g if x is not True]
        if not g:
            return True  # one disjunct is true
        terms.append(g)
    if not terms:
        return False
    out: list = []
    for i, g in enumerate(terms):
        if i:
            out.append("or")
        for j, x in enumerate(g):
            if j:
                out.append("and")
            out.append(x)
    return out


def _render(node, top=True) -> str:
    if isinstance(node, tuple):
        lhs, op, rhs = node
        def one(x):
            return x.value if type(x).__name__ == "Variable" else json.dumps(x.value)
        return f"{one(lhs)} {op.value} {one(rhs)}"
    if isinstance(node, list):
        if len(node) == 1:
            return _render(node[0], top)
        inner = " ".join(x if isinstance(x, str) else _render(x, False) for x in node)
        return inner if top else f"({inner})"
    return node


def drop_uv_internal_markers(req_text: str) -> tuple[str, bool]:
    """Replace uv's conflict-set extra/group clauses by true. Returns (text, changed)."""
    if ";" not in req_text or not re.search(r'"(extra|group)-\d+-', req_text):
        return req_text, False
    req = Requirement(req_text)
    tree = _simplify(list(req.marker._markers))
    head = req_text.split(";", 1)[0].rstrip()
    if tree is True:
        return head, True
    if tree is False:
        return None, True
    return f"{head}; {_render(tree)}", True


# ----------------------------------------------------------------------------- source data


class Source:
    def __init__(self, root: str):
        self.root = root
        self.projects: dict[str, dict | None] = {}
        self.vdocs: dict[tuple[str, str], dict] = {}

    def project(self, name: str) -> dict | None:
        if name not in self.projects:
            path = os.path.join(self.root, name + ".json")
            self.projects[name] = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else None
        return self.projects[name]

    def vdoc(self, name: str, version: str) -> dict | None:
        key = (name, version)
        if key not in self.vdocs:
            path = os.path.join(self.root, name, version + ".json")
            self.vdocs[key] = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else None
        return self.vdocs[key]

    def versions(self, name: str) -> list[tuple[Version, str]]:
        """(parsed, as written) of the versions that have a version document, newest first."""
        doc = self.project(name)
        out = []
        for v in (doc or {}).get("releases", {}):
            try:
                pv = Version(v)
            except InvalidVersion:
                continue
            if self.vdoc(name, v) is not None:
                out.append((pv, v))
        out.sort(reverse=True)
        return out


def requires_dist(vdoc: dict, keep_uv_markers: bool) -> tuple[list[str], list[str]]:
    """(requirements, original texts that were rewritten)."""
    reqs = vdoc["info"].get("requires_dist") or []
    if keep_uv_markers:
        return list(reqs), []
    out, changed = [], []
    for r in reqs:
        new, was = drop_uv_internal_markers(r)
        if was:
            changed.append(r)
        if new is not None and new not in out:
            out.append(new)
    return out, changed


# ----------------------------------------------------------------------------- closure


def closure(src: Source, roots: list[Requirement], targets: list[tuple[str, str]], per_root: int,
            per_edge: int, keep_uv_markers: bool):
    keep: dict[str, set[str]] = defaultdict(set)
    missing: set[str] = set()
    for py, platform in targets:
        env = marker_env(py, platform)
        tagset = supported_tags(py, platform)
        pyver = Version(py + ".0")
        done: set = set()
        work = [(canonicalize_name(r.name), str(r.specifier), frozenset(r.extras), per_root) for r in roots
                if r.marker is None or r.marker.evaluate(env)]
        while work:
            item = work.pop()
            if item in done:
                continue
            done.add(item)
            name, spec, extras, limit = item
            if src.project(name) is None:
                missing.add(name)
                continue
            spec_set = SpecifierSet(spec)
            picked = []
            for pv, v in src.versions(name):
                if pv.is_prerelease and not spec_set.prereleases:
                    continue
                if not spec_set.contains(pv, prereleases=True):
                    continue
                vd = src.vdoc(name, v)
                rp = vd["info"].get("requires_python")
                try:
                    if rp and not SpecifierSet(rp).contains(pyver, prereleases=True):
                        continue
                except Exception:
                    pass
                if not installable(vd.get("urls") or [], tagset):
                    continue
                picked.append(v)
                if len(picked) >= limit:
                    break
            keep[name].update(picked)
            for v in picked:
                reqs, _ = requires_dist(src.vdoc(name, v), keep_uv_markers)
                for text in reqs:
                    try:
                        r = Requirement(text)
                    except InvalidRequirement:
                        continue
                    wanted = [""] + sorted(extras)
                    if r.marker is not None and not any(r.marker.evaluate(dict(env, extra=e)) for e in wanted):
                        continue
                    work.append((canonicalize_name(r.name), str(r.specifier), frozenset(r.extras), per_edge))
    return keep, missing


# ----------------------------------------------------------------------------- output

KEEP_NOTE_FIELDS = ("requires_dist_source", "requires_dist_has_specifiers", "requires_python_known",
                    "lock_kinds", "wheel_python_versions_covered_by_locks", "requires_dist_notes")
FILE_FIELDS = ("filename", "packagetype", "python_version", "requires_python", "size", "digests",
               "upload_time_iso_8601", "url", "yanked")


def trim_file(f: dict) -> dict:
    return {k: f[k] for k in FILE_FIELDS if k in f}


def trim_info(info: dict, reqs: list[str]) -> dict:
    return {"name": info["name"], "version": info["version"], "requires_python": info.get("requires_python"),
            "requires_dist": reqs}


def dump(path: str, doc: dict):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")


def write_index(src: Source, keep: dict[str, set[str]], out: str, keep_uv_markers: bool) -> tuple[int, int]:
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    nversions = 0
    for name in sorted(keep):
        doc = src.project(name)
        kept = [v for v in doc["releases"] if v in keep[name]]
        if not kept:
            continue
        kept.sort(key=Version)
        stable = [v for v in kept if not Version(v).is_prerelease] or kept
        current = stable[-1]
        for v in kept:
            vd = src.vdoc(name, v)
            reqs, changed = requires_dist(vd, keep_uv_markers)
            note = {k: vd["_reconstructed"][k] for k in KEEP_NOTE_FIELDS if k in vd.get("_reconstructed", {})}
            if changed:
                note["requires_dist_uv_markers_dropped"] = changed
            dump(os.path.join(out, name, v + ".json"),
                 {"info": trim_info(vd["info"], reqs), "urls": [trim_file(f) for f in vd.get("urls") or []],
                  "_reconstructed": note})
            nversions += 1
        cur = src.vdoc(name, current)
        reqs, _ = requires_dist(cur, keep_uv_markers)
        dump(os.path.join(out, name + ".json"),
             {"info": trim_info(cur["info"], reqs),
              "releases": {v: [trim_file(f) for f in doc["releases"][v]] for v in kept},
              "urls": [trim_file(f) for f in cur.get("urls") or []],
              "_reconstructed": {"source": "shared/corpus/pypi-reconstructed (see fixtures/PROVENANCE.md)",
                                 "versions_in_source": len(doc["releases"]), "versions_kept": len(kept)}})
    return len([n for n in keep if keep[n]]), nversions


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("requirements", nargs="+", help="requirement files (pip format; -r/-c includes followed)")
    ap.add_argument("--python", action="append", dest="pythons", help="target Python X.Y (repeatable; "
                    "default 3.11, 3.12, 3.13)")
    ap.add_argument("--platform", action="append", dest="platforms", choices=sorted(PLATFORMS),
                    help="target platform (repeatable; default linux-x86_64)")
    ap.add_argument("--source", default=DEFAULT_SOURCE, help="recorded data folder (default: %(default)s)")
    ap.add_argument("--out", default=None, help="output folder (default: fixtures/demo-index next to scripts/)")
    ap.add_argument("--per-root", type=int, default=6,
                    help="newest versions kept per requirement of the given files and target (default: %(default)s)")
    ap.add_argument("--per-edge", type=int, default=1,
                    help="newest versions kept per transitive requirement edge and target (default: %(default)s)")
    ap.add_argument("--also", action="append", default=[], metavar="REQUIREMENT",
                    help="an extra root requirement whose closure is kept too, e.g. 'torch>=2.5,<2.6' so the "
                         "first release with the wheel the example lacks is in the index; repeatable")
    ap.add_argument("--keep-uv-markers", action="store_true",
                    help="keep uv's internal extra/group conflict markers as recorded")
    args = ap.parse_args()
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "demo-index")
    roots = []
    for path in args.requirements:
        roots.extend(read_requirement_file(path))
    for text in args.also:
        try:
            roots.append(Requirement(text))
        except InvalidRequirement as e:
            sys.exit(f"--also {text!r}: not a requirement: {e}")
    src = Source(args.source)
    targets = [(py, plat) for plat in (args.platforms or ["linux-x86_64"]) for py in (args.pythons or DEFAULT_PYTHONS)]
    keep, missing = closure(src, roots, targets, args.per_root, args.per_edge, args.keep_uv_markers)
    nproj, nver = write_index(src, keep, os.path.normpath(out), args.keep_uv_markers)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    print(f"{nproj} projects, {nver} version documents, {size / 1e6:.2f} MB in {os.path.normpath(out)}")
    if missing:
        print("not in the recorded data (left out): " + ", ".join(sorted(missing)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
