"""Running a command as a child and measuring it: wall time, peak RSS, peak memory of the tree.

* ``maxrss_mb``: ``ru_maxrss`` from ``os.wait4`` for that child: the largest peak RSS of the
  child *or any of its waited-for descendants* (the ingest workers) - a per-process maximum.
* ``tree_peak_rss_mb`` / ``tree_peak_pss_mb``: sampled every ``interval`` seconds from /proc
  (0.5 s by default: reading smaps costs CPU on a 2-core machine), the sum over the whole tree (RSS
  counts pages shared by forked workers once per process; PSS shares them out, so it is the honest
  total).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    wall: float
    maxrss_mb: float
    tree_peak_rss_mb: float = 0.0
    tree_peak_pss_mb: float = 0.0
    samples: int = 0
    extra: dict = field(default_factory=dict)


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def _tree(pid: int) -> list[int]:
    kids = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _mem_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss = pss = int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def run(
    cmd: list[str],
    env: dict | None = None,
    cwd: str | None = None,
    interval: float = 0.5,
    sample: bool = True,
    stdin=subprocess.DEVNULL,
) -> Measured:
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        stdin=stdin,
        text=True,
    )
    peak = {"rss": 0, "pss": 0, "n": 0}
    done = threading.Event()

    def sampler() -> None:
        while not done.is_set():
            rss = pss = 0
            for p in _tree(proc.pid):
                r, s = _mem_kb(p)
                rss += r
                pss += s
            peak["rss"] = max(peak["rss"], rss)
            peak["pss"] = max(peak["pss"], pss)
            peak["n"] += 1
            done.wait(interval)

    th = threading.Thread(target=sampler, daemon=True)
    if sample:
        th.start()
    # read the pipes without reaping the child, then reap it with wait4 for its rusage
    out, err = [], []
    t_out = threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True)
    t_err = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
    t_out.start()
    t_err.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    done.set()
    t_out.join()
    t_err.join()
    if sample:
        th.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        returncode=proc.returncode,
        stdout=out[0] if out else "",
        stderr=err[0] if err else "",
        wall=wall,
        maxrss_mb=usage.ru_maxrss / 1024,
        tree_peak_rss_mb=peak["rss"] / 1024,
        tree_peak_pss_mb=peak["pss"] / 1024,
        samples=peak["n"],
    )
