"""The networking benchmarks of issue 13, side by side in one run (called by `benchmarks/run.sh net`).

echo: CLIENTS connections x ROUNDS round trips of SIZE-byte messages over loopback against one echo server per
side: CPython asyncio streams, asyncio4j with Kotlin handlers (JDK 25 and 17; on JDK 25 also with the loop on a
platform carrier thread instead of a virtual one, which shows what Selector.select costs on a virtual thread),
asyncio4j with Java handlers (JDK 25), and Netty 4.2's NIO echo server with one event loop thread. One load
generator (NetBench echo: one thread, one Selector, JDK 25) drives every server the same way, in its own process.
Each side: one warm-up run at a tenth of the rounds, then RUNS measured runs; the figure is the median wall time.
On a loaded machine wall time mostly measures the scheduler, so the table also gives the server process's CPU time
(user + system, from /proc/<pid>/stat) per round trip over the measured runs, and the ratios of both.

idle: N open idle connections held by one server process (each has sent one line and got its echo, so its handler
has started and waits again). KB/connection = (VmHWM(N) - VmHWM(1)) / (N - 1), VmHWM being the server's peak
resident set from /proc/<pid>/status, each from a fresh server process, as the timers workload measures memory.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(HERE, "target", "asyncio4j-benchmarks.jar")
PY_SERVER = os.path.join(HERE, "python", "echo_server.py")
MAIN = "dev.asyncio4j.benchmarks.net.NetBench"


def sides(args):
    j25, j17 = args.jdk25, args.jdk17
    out = [
        ("python", "CPython 3.11 streams", [sys.executable, PY_SERVER]),
        ("kotlin@25", "Kotlin JDK 25", [j25, "-cp", JAR, MAIN, "server", "kotlin"]),
        ("kotlin@25pc", "Kotlin JDK 25, platform carrier",
         [j25, "-Dasyncio4j.loopCarrier=platform", "-cp", JAR, MAIN, "server", "kotlin"]),
        ("kotlin@17", "Kotlin JDK 17", [j17, "-cp", JAR, MAIN, "server", "kotlin"]),
        ("java@25", "Java JDK 25", [j25, "-cp", JAR, MAIN, "server", "java"]),
        ("netty@25", "Netty 4.2 NIO, 1 thread", [j25, "-cp", JAR, MAIN, "server", "netty"]),
        # issue 16: the Java server on a LoopGroup of 1, 2 and N loops (one listener, connections spread)
        ("group1@25", "Java LoopGroup(1) JDK 25", [j25, "-cp", JAR, MAIN, "server", "group", "1"]),
        ("group2@25", "Java LoopGroup(2) JDK 25", [j25, "-cp", JAR, MAIN, "server", "group", "2"]),
        (f"group{os.cpu_count()}@25", f"Java LoopGroup({os.cpu_count()}) JDK 25",
         [j25, "-cp", JAR, MAIN, "server", "group", str(os.cpu_count())]),
    ]
    unique = {s[0]: s for s in out}  # group2 and groupN are one side on a 2-CPU machine
    return [s for s in unique.values() if not args.only or s[0] in args.only]


class ServerProcess:
    def __init__(self, cmd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("READY"):
            err = self.proc.stderr.read()
            raise RuntimeError(f"server did not start: {line!r} {err[-2000:]}")
        self.port = int(line.split()[1])

    def hwm_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return None

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def echo(args, cmd):
    server = ServerProcess(cmd)
    try:
        client = [args.jdk25, "-cp", JAR, MAIN, "echo", str(server.port), str(args.clients)]
        warm = subprocess.run(client + [str(max(1, args.rounds // 10)), str(args.size)], capture_output=True,
                              text=True, timeout=args.timeout)
        if warm.returncode != 0:
            return {"error": warm.stderr[-500:]}
        times = []
        cpu_before = server.cpu_seconds()
        for _ in range(args.runs):
            r = subprocess.run(client + [str(args.rounds), str(args.size)], capture_output=True, text=True,
                               timeout=args.timeout)
            if r.returncode != 0:
                return {"error": r.stderr[-500:]}
            res = json.loads(r.stdout.strip().splitlines()[-1])
            if res["bytes"] != args.clients * args.rounds * args.size:
                return {"error": f"bytes lost: {res}"}
            times.append(res["seconds"])
        cpu = (server.cpu_seconds() - cpu_before) / (args.runs * args.clients * args.rounds)
        return {"seconds": statistics.median(times), "runs": times, "cpu_us": cpu * 1e6}
    finally:
        server.stop()


def idle_hwm(args, cmd, n):
    server = ServerProcess(cmd)
    try:
        client = subprocess.Popen([args.jdk25, "-cp", JAR, MAIN, "idle", str(server.port), str(n)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = client.stdout.readline()
        if not line.startswith("CONNECTED"):
            return {"error": f"idle client: {line!r} {client.stderr.read()[-500:]}"}
        time.sleep(args.settle)
        hwm = server.hwm_kb()
        client.stdin.close()
        client.wait(timeout=60)
        return {"hwm_kb": hwm}
    finally:
        server.stop()


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clients", type=int, default=100)
    p.add_argument("--rounds", type=int, default=10_000)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--idle", type=int, default=10_000, help="idle connections (0 skips the idle benchmark)")
    p.add_argument("--settle", type=float, default=2.0, help="seconds to wait before reading the idle server's RSS")
    p.add_argument("--only", nargs="*", help="side keys to run (python kotlin@25 kotlin@25pc kotlin@17 java@25 netty@25)")
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--jdk17", default="/usr/lib/jvm/java-17-openjdk-amd64/bin/java")
    p.add_argument("--jdk25", default="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
    p.add_argument("--quick", action="store_true", help="100 x 1,000 round trips, 1,000 idle connections, 1 run")
    args = p.parse_args(argv)
    if args.quick:
        args.rounds, args.idle, args.runs = 1_000, 1_000, 1
    load = os.getloadavg()
    print(f"echo: {args.clients} clients x {args.rounds:,} round trips of {args.size} bytes; median of {args.runs}; "
          f"load average {load[0]:.1f} on {os.cpu_count()} CPUs", file=sys.stderr)
    results = {}
    for key, label, cmd in sides(args):
        print(f"  echo {label} ...", file=sys.stderr, end="", flush=True)
        results[("echo", key)] = echo(args, cmd)
        r = results[("echo", key)]
        print(f" {r.get('seconds', r.get('error'))}", file=sys.stderr)
    if args.idle:
        for key, label, cmd in sides(args):
            if key in ("kotlin@25pc", "netty@25"):
                continue
            print(f"  idle {label} ...", file=sys.stderr, end="", flush=True)
            base = idle_hwm(args, cmd, 1)
            big = idle_hwm(args, cmd, args.idle)
            if "error" in base or "error" in big:
                results[("idle", key)] = {"error": base.get("error") or big.get("error")}
            else:
                kb = (big["hwm_kb"] - base["hwm_kb"]) / max(1, args.idle - 1)
                results[("idle", key)] = {"kb": kb, "hwm_kb": big["hwm_kb"], "baseline_kb": base["hwm_kb"]}
            print(f" {results[('idle', key)]}", file=sys.stderr)

    py = results.get(("echo", "python"), {}).get("seconds")
    netty = results.get(("echo", "netty@25"), {}).get("seconds")
    print()
    py_cpu = results.get(("echo", "python"), {}).get("cpu_us")
    netty_cpu = results.get(("echo", "netty@25"), {}).get("cpu_us")
    print(f"| side | echo: {args.clients} x {args.rounds:,} x {args.size} B | round trips/s | vs CPython | vs Netty "
          f"| server CPU us/round trip | CPU vs CPython | CPU vs Netty | idle: KB/connection ({args.idle:,}) |")
    print("|---|---|---|---|---|---|---|---|---|")
    total = args.clients * args.rounds
    for key, label, _ in sides(args):
        e = results.get(("echo", key), {})
        i = results.get(("idle", key), {})
        if "seconds" in e:
            s = e["seconds"]
            c = e["cpu_us"]
            cells = [f"{s:.2f} s", f"{total / s:,.0f}", f"{py / s:.2f}x" if py else "-",
                     f"{netty / s:.2f}x" if netty else "-", f"{c:.1f}",
                     f"{py_cpu / c:.2f}x" if py_cpu and c else "-", f"{netty_cpu / c:.2f}x" if netty_cpu and c else "-"]
        else:
            cells = [e.get("error", "-")[:60], "-", "-", "-", "-", "-", "-"]
        idle = f"{i['kb']:.2f}" if "kb" in i else (i.get("error", "-")[:40] if i else "-")
        print(f"| {label} | " + " | ".join(cells) + f" | {idle} |")
    print()
    checks = []

    def ratio_check(key, base, goal, what):
        e = results.get(("echo", key), {}).get("seconds")
        if e and base:
            checks.append(f"{what}: {base / e:.2f}x (goal >= {goal}x) {'met' if base / e >= goal else 'MISSED'}")

    def cpu_check(key, base, goal, what):
        e = results.get(("echo", key), {}).get("cpu_us")
        if e and base:
            checks.append(f"{what} (server CPU per round trip): {base / e:.2f}x (goal >= {goal}x) "
                          f"{'met' if base / e >= goal else 'MISSED'}")

    cpu_check("kotlin@25", py_cpu, 5, "Kotlin (JDK 25) vs CPython")
    cpu_check("kotlin@17", py_cpu, 5, "Kotlin (JDK 17) vs CPython")
    cpu_check("kotlin@25", netty_cpu, 0.5, "Kotlin (JDK 25) vs Netty")
    cpu_check("java@25", py_cpu, 2, "Java (JDK 25) vs CPython")
    ratio_check("kotlin@25", py, 5, "Kotlin (JDK 25) vs CPython")
    ratio_check("kotlin@17", py, 5, "Kotlin (JDK 17) vs CPython")
    ratio_check("kotlin@25", netty, 0.5, "Kotlin (JDK 25) vs Netty")
    ratio_check("java@25", py, 2, "Java (JDK 25) vs CPython")
    for key, goal, what in (("kotlin@25", 10, "Kotlin idle KB/connection"), ("kotlin@17", 10, "Kotlin (JDK 17) idle KB/connection"),
                            ("java@25", 16, "Java (JDK 25) idle KB/connection")):
        i = results.get(("idle", key), {})
        if "kb" in i:
            checks.append(f"{what}: {i['kb']:.2f} (goal <= {goal}) {'met' if i['kb'] <= goal else 'MISSED'}")
    for c in checks:
        print("- " + c)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
