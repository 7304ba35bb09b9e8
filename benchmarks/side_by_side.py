"""Runs every workload in CPython asyncio and in asyncio4j (Kotlin tasks, Java tasks, raw kotlinx) in one go and
prints one table with the figures and the ratios. Called by benchmarks/run.sh (which builds the jar first).

Each figure comes from its own child process: W warm-up runs (3 by default) at a tenth of the size, then up to R measured runs
(stopping early after --budget seconds); the figure is the best measured run (as timeit reports). The timers
workload's memory is measured in two more cold processes per flavour, one with N sleepers and one with a single
one: KB/task = (VmHWM(N) - VmHWM(1)) / (N - 1), VmHWM being the peak resident set from /proc/<pid>/status.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PY_BENCH = os.path.join(HERE, "python", "asyncio_bench.py")
SERVER = os.path.join(HERE, "python", "slow_http_server.py")
JAR = os.path.join(HERE, "target", "asyncio4j-benchmarks.jar")

SIZES = {
    "call_soon": 1_000_000,
    "spawn": 200_000,
    "switch": 100_000,
    "timers": 100_000,
    "queue": 500_000,
    "cross_thread": 1_000_000,
    "crawler": 1_000,
    "gen_send": 2_000_000,
    "subprocess": 200,
    "cache_hit": 100_000,
    "cache_hit_eager": 100_000,
}
QUICK_SIZES = {k: max(1, v // 100) for k, v in SIZES.items()} | {"timers": 1_000, "crawler": 50}
# Workloads of asyncio Tasks only (task factories): raw kotlinx has no counterpart.
TASK_FACTORY_WORKLOADS = ("cache_hit", "cache_hit_eager")

TITLES = {
    "call_soon": "call_soon, {n} callbacks",
    "spawn": "spawn + complete, {n} tasks",
    "switch": "switch, 10 tasks x {n} sleep(0)",
    "timers": "timers, {n} x sleep(1.0): wall",
    "timers_kb": "timers: peak RSS above baseline",
    "queue": "queue(maxsize=100), {n} items",
    "cross_thread": "cross-thread, 2 threads x {n}",
    "crawler": "crawler, {n} GETs (1 s server)",
    "gen_send": "generator, {n} sends (tutorial 4)",
    "subprocess": "subprocess, {n} x `true` awaited",
    "cache_hit": "cache hit, {n} tasks, lazy",
    "cache_hit_eager": "cache hit, {n} tasks, eager",
}


def title(w, sizes):
    n = sizes.get(w, 0)
    return TITLES[w].format(n=f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else
                            f"{n // 1000}k" if n >= 10_000 and n % 1000 == 0 else f"{n:,}")


def jdk_paths(args):
    return {"17": args.jdk17, "25": args.jdk25}


# The virtual-thread scheduler on one carrier: Java bodies and the loop then hand turns over on one OS thread.
P1 = "-Djdk.virtualThreadScheduler.parallelism=1"
# The opt-ins that let Java generators (the export) and Java Task bodies (the export and the property) run as JDK
# continuations on the thread that runs them (JDK 21+; see Generator and docs/PERFORMANCE.md).
CONT = ["--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Dasyncio4j.javaTasks=continuations"]
# The workloads the continuation column measures: generators and Java Tasks (it changes nothing else).
CONT_WORKLOADS = {"gen_send", "switch", "spawn", "timers", "queue", "cache_hit", "cache_hit_eager"}


def columns(args):
    """(key, header, command prefix or None for Python)."""
    java = jdk_paths(args)
    cols = [("python", "CPython 3.11", None)]
    flavours = (("kotlin", "Kotlin"), ("java", "Java"), ("kotlinx", "kotlinx"), ("kotlinx-rb", "kotlinx rB"),
                ("raw", "raw VT"))
    for flavour, label in flavours:
        for jdk in args.jdks:
            shown = "raw threads JDK 17" if (flavour, jdk) == ("raw", "17") else f"{label} JDK {jdk}"
            cols.append((f"{flavour}@{jdk}", shown, [java[jdk]] + args.jvm_arg + ["-jar", JAR, flavour]))
            if flavour == "java" and jdk == "25" and not args.no_p1:
                cols.append(("java@25p1", "Java JDK 25 p=1", [java[jdk], P1] + args.jvm_arg + ["-jar", JAR, flavour]))
            if flavour == "java" and jdk == "25":
                cols.append(("java@25c", "Java JDK 25 cont", [java[jdk]] + CONT + args.jvm_arg + ["-jar", JAR, flavour]))
    return cols


# What each flavour implements (the others show n/a): raw hand-offs exist for switch and gen_send only, and raw
# kotlinx has no generator with send().
RAW_WORKLOADS = {"switch", "gen_send"}


def skip_reason(col, workload, size):
    flavour = col.split("@")[0]
    if col == "java@25c" and workload not in CONT_WORKLOADS:
        return "n/a: the opt-ins change generators and Java Tasks only"
    if flavour == "raw" and workload not in RAW_WORKLOADS:
        return "n/a: no raw counterpart"
    if flavour in ("kotlinx", "kotlinx-rb") and workload == "gen_send":
        return "n/a: kotlinx has no generator with send()"
    if col == "java@17" and workload == "timers" and size > 20_000:
        return "skipped: one platform thread per Java task (vm.max_map_count)"
    if col.startswith("kotlinx") and workload in TASK_FACTORY_WORKLOADS:
        return "skipped: raw kotlinx has no task factory"
    if col == "python" and workload == "cache_hit_eager" and sys.version_info < (3, 12):
        return "skipped: asyncio.eager_task_factory needs Python 3.12"
    return None


def run_child(cmd, timeout):
    started = time.perf_counter()
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if out.returncode != 0 or not lines:
        err = (out.stderr.strip().splitlines() or ["exit %d" % out.returncode])
        msg = next((l for l in err if "Exception" in l or "Error" in l), err[-1])
        return {"error": msg.strip()[:120]}
    res = json.loads(lines[-1])
    res["process_seconds"] = time.perf_counter() - started
    return res


def measure(col, prefix, workload, size, args, url, warmups, runs, timeout):
    if prefix is None:
        cmd = [sys.executable, PY_BENCH, workload, str(size)]
    else:
        cmd = prefix + [workload, str(size)]
    cmd += ["--warmups", str(warmups), "--runs", str(runs), "--budget", str(args.budget)]
    if url:
        cmd += ["--url", url]
    return run_child(cmd, timeout)


def start_server():
    proc = subprocess.Popen([sys.executable, SERVER], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().split()
    if len(line) != 2 or line[0] != "PORT":
        proc.kill()
        raise RuntimeError("crawler server did not start")
    return proc, f"http://127.0.0.1:{line[1]}/"


def fmt_seconds(s):
    if s is None:
        return "-"
    if s < 1:
        return f"{s * 1000:.0f} ms" if s >= 0.0995 else f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def best(res):
    if not res or "error" in res or "skipped" in res:
        return None
    return min(res["seconds"])


def cell(res, workload, size):
    if res is None:
        return "-"
    if "skipped" in res:
        return "n/a"
    if "error" in res:
        return "error"
    b = best(res)
    if workload == "cross_thread":
        return f"{2 * size / b / 1e6:.2f} M/s"
    return fmt_seconds(b)


def ratio(a, b):
    """How many times faster a is than b (both seconds)."""
    if a is None or b is None or a <= 0:
        return None
    return b / a


def fmt_ratio(r, time_ratio=False):
    if r is None:
        return "-"
    if time_ratio:
        return f"{1 / r:.2f}"
    return f"{r:.1f}x" if r >= 1 else f"{1 / r:.1f}x slower"


def table(rows, headers):
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    out = [line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out)


def load():
    try:
        return open("/proc/loadavg").read().split()[:3]
    except OSError:
        return ["?"] * 3


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="tiny sizes, one run each: a smoke test, not figures")
    p.add_argument("--only", nargs="*", default=None, help="workloads to run (default: all)")
    p.add_argument("--jdks", nargs="*", default=["25", "17"])
    p.add_argument("--jdk17", default="java")
    p.add_argument("--jdk25", default="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
    p.add_argument("--jvm-arg", action="append", default=[], help="extra JVM option for every JVM child")
    p.add_argument("--no-p1", action="store_true", help=f"leave out the 'Java JDK 25 p=1' column ({P1})")
    p.add_argument("--warmups", type=int, default=3)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--budget", type=float, default=20.0)
    p.add_argument("--timeout", type=float, default=300.0)
    p.add_argument("--json", default=os.path.join(HERE, "target", "side-by-side.json"))
    p.add_argument("--jar", default=JAR, help="the benchmarks jar (default: the one run.sh builds); an older copy "
                                               "measures a before/after")
    args = p.parse_args(argv)
    globals()["JAR"] = args.jar
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing: build it first (benchmarks/run.sh does)")
    sizes = QUICK_SIZES if args.quick else SIZES
    warmups, runs = (0, 1) if args.quick else (args.warmups, args.runs)
    workloads = args.only or list(SIZES)
    cols = columns(args)

    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = load()
    results = {}
    server, url = start_server() if "crawler" in workloads else (None, None)
    try:
        for w in workloads:
            size = sizes[w]
            for key, header, prefix in cols:
                reason = skip_reason(key, w, size)
                if reason:
                    results[(w, key)] = {"skipped": reason}
                    continue
                print(f"  {w:<13} {header:<14} ...", end="", flush=True, file=sys.stderr)
                res = measure(key, prefix, w, size, args, url if w == "crawler" else None, warmups, runs, args.timeout)
                results[(w, key)] = res
                print(" " + (res.get("error") or cell(res, w, size)), file=sys.stderr)
            if w == "timers":
                for key, header, prefix in cols:
                    if "skipped" in results[(w, key)]:
                        continue
                    print(f"  {w:<13} {header:<14} memory ...", end="", flush=True, file=sys.stderr)
                    big = measure(key, prefix, w, size, args, None, 0, 1, args.timeout)
                    base = measure(key, prefix, w, 1, args, None, 0, 1, args.timeout)
                    if "error" in big or "error" in base:
                        results[("timers_kb", key)] = {"error": big.get("error") or base.get("error")}
                    else:
                        kb = (big["hwm_kb"] - base["hwm_kb"]) / max(1, size - 1)
                        results[("timers_kb", key)] = {"kb_per_task": kb, "hwm_kb": big["hwm_kb"],
                                                       "baseline_kb": base["hwm_kb"], "cold_seconds": big["seconds"]}
                    print(f" {results[('timers_kb', key)].get('kb_per_task', 0):.2f} KB/task", file=sys.stderr)
    finally:
        if server:
            server.kill()
            server.wait()
    load_after = load()

    # ---------------------------------------------------------------- the table
    headers = ["workload"] + [h for _, h, _ in cols]
    rows = []
    order = []
    for w in workloads:
        order.append(w)
        if w == "timers":
            order.append("timers_kb")
    for w in order:
        row = [title(w, sizes)]
        for key, _, _ in cols:
            res = results.get((w, key))
            if w == "timers_kb":
                row.append(f"{res['kb_per_task']:.2f} KB/task" if res and "kb_per_task" in res else
                           ("n/a" if res is None or "skipped" in res or "skipped" in results.get(("timers", key), {})
                            else "error"))
            else:
                row.append(cell(res, w, sizes[w]))
        rows.append(row)

    ratio_cols = []
    for jdk in args.jdks:
        ratio_cols += [(f"kotlin@{jdk}", "python", f"Kotlin {jdk} vs CPython", False),
                       (f"java@{jdk}", "python", f"Java {jdk} vs CPython", False)]
        if jdk == "25" and not args.no_p1:
            ratio_cols.append(("java@25p1", "python", "Java 25 p=1 vs CPython", False))
        if jdk == "25":
            ratio_cols.append(("java@25c", "python", "Java 25 cont vs CPython", False))
        ratio_cols.append((f"kotlin@{jdk}", f"kotlinx@{jdk}", f"Kotlin {jdk} time / kotlinx", True))
        ratio_cols.append((f"kotlin@{jdk}", f"kotlinx-rb@{jdk}", f"Kotlin {jdk} time / kotlinx rB", True))
        ratio_cols.append((f"java@{jdk}", f"raw@{jdk}", f"Java {jdk} time / raw", True))
    rrows = []
    for w in workloads:
        if w == "timers":
            continue
        row = [title(w, sizes)]
        for a, b, _, slower in ratio_cols:
            row.append(fmt_ratio(ratio(best(results.get((w, a))), best(results.get((w, b)))), slower))
        rrows.append(row)

    print()
    print(f"asyncio4j vs CPython asyncio vs raw kotlinx -- {started:%Y-%m-%d %H:%M} UTC, {platform.node()}, "
          f"{os.cpu_count()} CPUs, load average {' '.join(load_before)} before / {' '.join(load_after)} after")
    print(f"sizes {'QUICK (smoke test, not figures)' if args.quick else 'full'}; best of up to {runs} runs after "
          f"{warmups} warm-up(s) at 1/10 size; JVM options: {' '.join(args.jvm_arg) or '(defaults)'}")
    print()
    print(table(rows, headers))
    print()
    print("Ratios: 'N.Nx' = asyncio4j is N.N times as fast as CPython; 'time / kotlinx' = asyncio4j's time divided by "
          "raw kotlinx's (below 1: asyncio4j is faster):")
    print()
    print(table(rrows, ["workload"] + [h for _, _, h, _ in ratio_cols]))
    print()
    print(targets(results, sizes, args))

    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump({"started": started.isoformat(), "load_before": load_before, "load_after": load_after,
                   "quick": args.quick, "jvm_args": args.jvm_arg,
                   "results": {f"{w}|{k}": v for (w, k), v in results.items()}}, f, indent=1)


def targets(results, sizes, args):
    """The issue's targets, each with the measured value and met/missed."""
    if "25" not in args.jdks:
        return ""
    b = lambda w, k: best(results.get((w, k)))
    rows = []

    def faster(w, k, goal, label):
        r = ratio(b(w, k), b(w, "python"))
        if r is not None:
            rows.append([label, f">= {goal}x as fast", f"{r:.2f}x" if r < 1 else f"{r:.1f}x",
                         "met" if r >= goal else "MISSED"])

    def vs_kotlinx(w, goal, label):
        r = ratio(b(w, "kotlin@25"), b(w, "kotlinx@25"))
        if r is not None:
            rows.append([label, f"<= {goal}x as long", f"{1 / r:.2f}x", "met" if 1 / r <= goal else "MISSED"])

    def wall(w, k, goal, label):
        s = b(w, k)
        if s is not None:
            rows.append([label, f"<= {goal} s", f"{s:.2f} s", "met" if s <= goal else "MISSED"])

    def kb(k, goal, label):
        res = results.get(("timers_kb", k))
        if res and "kb_per_task" in res:
            v = res["kb_per_task"]
            rows.append([label, f"<= {goal} KB/task", f"{v:.2f}", "met" if v <= goal else "MISSED"])

    faster("call_soon", "kotlin@25", 30, "call_soon: Kotlin vs CPython")
    faster("spawn", "kotlin@25", 20, "spawn: Kotlin vs CPython")
    faster("spawn", "java@25", 8, "spawn: Java (JDK 25) vs CPython")
    vs_kotlinx("spawn", 1.5, "spawn: Kotlin vs raw kotlinx")
    faster("switch", "kotlin@25", 15, "switch: Kotlin vs CPython")
    faster("switch", "java@25", 3, "switch: Java (JDK 25) vs CPython")
    faster("switch", "java@25p1", 5, "switch: Java (JDK 25, p=1) vs CPython")
    r = ratio(b("switch", "java@25"), b("switch", "raw@25"))
    if r is not None:
        rows.append(["switch: Java (JDK 25) vs raw VT ping-pong", "<= 1.3x as long", f"{1 / r:.2f}x",
                     "met" if 1 / r <= 1.3 else "MISSED"])
    faster("switch", "java@25c", 3, "switch: Java (JDK 25, continuation opt-in) vs CPython")
    r = ratio(b("switch", "java@25c"), b("switch", "raw@25"))
    if r is not None:
        rows.append(["switch: Java (JDK 25, continuation opt-in) vs raw VT ping-pong", "<= 1.3x as long",
                     f"{1 / r:.2f}x", "met" if 1 / r <= 1.3 else "MISSED"])
    faster("spawn", "java@25c", 8, "spawn: Java (JDK 25, continuation opt-in) vs CPython")
    faster("switch", "java@17", 0.2, "switch: Java (JDK 17) vs CPython")
    vs_kotlinx("switch", 1.5, "switch: Kotlin vs raw kotlinx")
    faster("gen_send", "java@25", 1, "generator send: Java (JDK 25) vs CPython")
    faster("gen_send", "java@25c", 1, "generator send: Java (JDK 25, continuation opt-in) vs CPython")
    faster("gen_send", "java@17", 1, "generator send: Java (JDK 17) vs CPython")
    wall("timers", "kotlin@25", 1.15, "100k sleepers: Kotlin wall")
    kb("kotlin@25", 0.5, "100k sleepers: Kotlin memory")
    wall("timers", "java@25", 1.3, "100k sleepers: Java (JDK 25) wall")
    kb("java@25", 1.5, "100k sleepers: Java (JDK 25) memory")
    kb("java@25c", 1.5, "100k sleepers: Java (JDK 25, continuation opt-in) memory")
    faster("queue", "kotlin@25", 10, "queue: Kotlin vs CPython")
    faster("queue", "java@25", 1.5, "queue: Java (JDK 25) vs CPython")
    s = b("cross_thread", "kotlin@25")
    if s is not None:
        rate = 2 * sizes["cross_thread"] / s / 1e6
        rows.append(["cross-thread: Kotlin", ">= 5 M calls/s", f"{rate:.2f} M/s", "met" if rate >= 5 else "MISSED"])
    wall("crawler", "kotlin@25", 1.3, "crawler: Kotlin wall")
    wall("crawler", "java@25", 1.5, "crawler: Java (JDK 25) wall")
    for k, label in (("kotlin@25", "Kotlin"), ("java@25", "Java (JDK 25)")):
        r = ratio(b("subprocess", k), b("subprocess", "python"))
        if r is not None:
            rows.append([f"subprocess: {label} vs CPython", "<= 1.5x as long", f"{1 / r:.2f}x",
                         "met" if 1 / r <= 1.5 else "MISSED"])
        # CPython 3.12's anchor for eager tasks: "2x to 5x faster" on workloads that complete without awaiting.
        r = ratio(b("cache_hit_eager", k), b("cache_hit", k))
        if r is not None:
            rows.append([f"cache hit: {label} eager vs lazy", ">= 2x faster", f"{r:.1f}x", "met" if r >= 2 else "MISSED"])
    if not rows:
        return ""
    title = "Targets (asyncio4j on JDK 25):" + (" QUICK sizes, not meaningful" if args.quick else "")
    return title + "\n\n" + table(rows, ["target", "goal", "measured", "verdict"])


if __name__ == "__main__":
    main(sys.argv[1:])
