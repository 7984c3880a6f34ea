"""Shared helpers of the bench/ harness (stdlib only): the local index server, timed runs with peak RSS,
statistics, requirement-set handling and the pinreqs / pip command lines. Everything stays on 127.0.0.1."""

import json
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("PINREQS_SHARED", "/work/shared")
INDEX_SERVER = os.path.join(SHARED, "tools", "index-server")
RUN_TIMEOUT = 300  # seconds: one resolve never takes longer on a bounded run; a hang is recorded as a failure


def default_pinreqs():
    for d in ("build-bench", "build"):
        p = os.path.join(ROOT, d, "cli", "pinreqs")
        if os.access(p, os.X_OK):
            return p
    return None


def have_index_server():
    return os.access(INDEX_SERVER, os.X_OK)


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


class IndexServer:
    """index-server on 127.0.0.1 with a free port; a context manager. log_lines() counts requests so far."""

    def __init__(self, data, latency_ms=0, files="synth"):
        self.data, self.latency_ms, self.files = data, latency_ms, files
        self.proc = None
        self.port = None
        self.log = None

    def __enter__(self):
        fd, self.log = tempfile.mkstemp(prefix="pinreqs-bench-idx-", suffix=".log")
        os.close(fd)
        cmd = [INDEX_SERVER, "--data", self.data, "--port", "0", "--latency-ms", str(self.latency_ms),
               "--files", self.files, "--log", self.log]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if ready:
                line = self.proc.stdout.readline()
                break
            if self.proc.poll() is not None:
                break
        m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not m:
            self.__exit__(None, None, None)
            raise RuntimeError(f"index-server did not start (first line: {line!r})")
        self.port = int(m.group(1))
        return self

    def url(self, api):
        return f"http://127.0.0.1:{self.port}/{api}"

    def log_lines(self):
        try:
            with open(self.log, "rb") as f:
                return sum(1 for _ in f)
        except OSError:
            return 0

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.log and os.path.exists(self.log):
            os.unlink(self.log)
        return False


def timed_run(cmd, env=None, timeout=RUN_TIMEOUT, cwd=None):
    """Runs cmd; returns {wall_s, cpu_s (user + sys of the process and its waited-for children), rss_kb (peak,
    from wait4), rc, stderr (tail)}. rc = -9 on timeout. CPU time is far less sensitive than wall time to other
    processes competing for the cores."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    # stderr is small for these tools; read it with a deadline so a hang cannot block the harness
    chunks = []
    deadline = t0 + timeout
    killed = False
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            proc.kill()
            killed = True
            break
        ready, _, _ = select.select([proc.stderr], [], [], min(left, 1.0))
        if ready:
            chunk = os.read(proc.stderr.fileno(), 65536)
            if not chunk:
                break
            chunks.append(chunk)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    proc.stderr.close()
    err = b"".join(chunks).decode(errors="replace")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss,
            "rc": -9 if killed else proc.returncode, "stderr": err[-4000:]}


def summarize(values):
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def fmt_s(x):
    if x is None:
        return "—"
    if x < 1:
        return f"{x * 1000:.0f} ms"
    return f"{x:.2f} s"


def flatten_requirements(path, seen=None):
    """The lines of a requirements file with `-r FILE` includes inlined (CRLF dropped), so that both tools
    get the very same single file."""
    seen = seen or set()
    path = os.path.abspath(path)
    if path in seen:
        return []
    seen.add(path)
    out = []
    with open(path, encoding="utf-8") as f:
        for raw in f.read().replace("\r\n", "\n").split("\n"):
            s = raw.strip()
            m = re.match(r"^(-r|--requirement)[\s=]+(\S+)", s)
            if m:
                out.extend(flatten_requirements(os.path.join(os.path.dirname(path), m.group(2)), seen))
            else:
                out.append(raw)
    return out


def direct_names(lines):
    names = []
    for raw in lines:
        s = raw.split("#", 1)[0].strip()
        if not s or s.startswith("-"):
            continue
        m = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", s)
        if m:
            names.append(normalize(m.group(0)))
    return names


def has_url_requirement(lines):
    for raw in lines:
        s = raw.split("#", 1)[0].strip()
        if re.search(r"\s@\s|^git\+|://", s):
            return True
    return False


def pinreqs_cmd(pinreqs, infile, index_url, cache_dir, out, python="3.11"):
    return [pinreqs, "compile", infile, "--index-url", index_url, "--python", python, "--cache-dir", cache_dir,
            "-o", out, "-v"]


def pip_cmd(infile, index_url, cache_dir, report, python_exe="python3"):
    return [python_exe, "-m", "pip", "--isolated", "--disable-pip-version-check", "install", "--dry-run",
            "--ignore-installed", "--quiet", "--report", report, "--cache-dir", cache_dir, "--index-url",
            index_url, "-r", infile]


def pins_from_pinreqs_output(path):
    """{name: version} and the `# via` parents of each pin, from a pinreqs compile output file."""
    pins, via = {}, {}
    current = None
    in_via_list = False
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)", line)
                if m:
                    current = normalize(m.group(1))
                    pins[current] = m.group(3)
                    via[current] = []
                    in_via_list = False
                    continue
                if current is None:
                    continue
                m = re.match(r"^\s+#\s+via\s*(.*)$", line)
                if m:
                    rest = m.group(1).strip()
                    if rest:
                        via[current].append(rest)
                        in_via_list = False
                    else:
                        in_via_list = True
                    continue
                m = re.match(r"^\s+#\s+(\S.*)$", line)
                if m and in_via_list:
                    via[current].append(m.group(1).strip())
    except OSError:
        return {}, {}
    return pins, via


def dependency_depth(via):
    """Levels of a breadth-first walk from the roots (`-r file` / `-c file`): the number of metadata round trips
    a resolver needs at least when it fetches each level in parallel."""
    level = {}
    frontier = [p for p, parents in via.items() if any(x.startswith("-r") or x.startswith("-c") for x in parents)]
    for p in frontier:
        level[p] = 1
    depth = 1 if frontier else 0
    children = {}
    for p, parents in via.items():
        for q in parents:
            q = normalize(q.split()[0]) if q and not q.startswith("-") else None
            if q:
                children.setdefault(q, []).append(p)
    while frontier and depth < 10_000:
        nxt = []
        for p in frontier:
            for c in children.get(p, []):
                if c not in level:
                    level[c] = level[p] + 1
                    nxt.append(c)
        if nxt:
            depth += 1
        frontier = nxt
    return depth


def pins_from_pip_report(path):
    try:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
    except (OSError, ValueError):
        return {}
    return {normalize(i["metadata"]["name"]): i["metadata"]["version"] for i in d.get("install", [])}


def fresh_dir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def rm(path):
    shutil.rmtree(path, ignore_errors=True)


def request_count_from_verbose(stderr):
    m = re.search(r"index: (\d+) requests", stderr)
    return int(m.group(1)) if m else None


def last_error_line(stderr):
    lines = [l for l in stderr.strip().splitlines() if l.strip()]
    for l in lines:
        if "error" in l.lower():
            return l.strip()[:300]
    return (lines[-1].strip()[:300]) if lines else ""


def machine_info():
    info = {"date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "nproc": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        info["loadavg"] = open("/proc/loadavg").read().split()[:3]
    except OSError:
        pass
    return info
