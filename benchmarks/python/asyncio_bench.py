"""The side-by-side workloads in CPython asyncio: the reference each asyncio4j figure is compared with.

Usage: python3 asyncio_bench.py WORKLOAD SIZE [--warmups W] [--runs R] [--url URL]
Prints one JSON line: {"workload", "flavour": "python", "size", "seconds": [one per measured run], "hwm_kb"}.

Every workload mirrors dev.asyncio4j.benchmarks.Workloads (Java, Kotlin, kotlinx) step for step: same sizes, same
shapes, the clock started and stopped at the same points.
"""
import argparse
import asyncio
import json
import sys
import threading
import time

SWITCH_TASKS = 10
CROSS_THREADS = 2


def call_soon(n):
    loop = asyncio.new_event_loop()
    count = 0

    def cb():
        nonlocal count
        count += 1

    try:
        start = time.perf_counter()
        for _ in range(n):
            loop.call_soon(cb)
        loop.call_soon(loop.stop)
        loop.run_forever()
        elapsed = time.perf_counter() - start
    finally:
        loop.close()
    assert count == n, count
    return elapsed


async def _noop():
    return None


async def _spawn(n):
    start = time.perf_counter()
    tasks = [asyncio.create_task(_noop()) for _ in range(n)]
    await asyncio.gather(*tasks)
    return time.perf_counter() - start


def spawn(n):
    return asyncio.run(_spawn(n))


CACHE_KEYS = 1024


async def _lookup(cache, key):
    hit = cache.get(key)
    if hit is not None:
        return hit
    await asyncio.sleep(0)
    return key * 2


async def _cache_hit(n, eager):
    if eager:
        asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    cache = {k: k * 2 for k in range(CACHE_KEYS)}
    start = time.perf_counter()
    tasks = [asyncio.create_task(_lookup(cache, i % CACHE_KEYS)) for i in range(n)]
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    assert tasks[-1].result() == ((n - 1) % CACHE_KEYS) * 2
    return elapsed


def cache_hit(n):
    """n tasks that find their key in a warm cache and return without awaiting (3.12's eager-task showcase)."""
    return asyncio.run(_cache_hit(n, False))


def cache_hit_eager(n):
    """cache_hit with 3.12's eager_task_factory (absent before 3.12)."""
    if not hasattr(asyncio, "eager_task_factory"):
        raise RuntimeError(f"asyncio.eager_task_factory needs Python 3.12+, this is {sys.version.split()[0]}")
    return asyncio.run(_cache_hit(n, True))


async def _switcher(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def _switch(n):
    start = time.perf_counter()
    tasks = [asyncio.create_task(_switcher(n)) for _ in range(SWITCH_TASKS)]
    await asyncio.gather(*tasks)
    return time.perf_counter() - start


def switch(n):
    return asyncio.run(_switch(n))


async def _sleeper():
    await asyncio.sleep(1.0)


async def _timers(n):
    start = time.perf_counter()
    tasks = [asyncio.create_task(_sleeper()) for _ in range(n)]
    await asyncio.gather(*tasks)
    return time.perf_counter() - start


def timers(n):
    return asyncio.run(_timers(n))


async def _queue(n):
    q = asyncio.Queue(maxsize=100)

    async def producer():
        for i in range(n):
            await q.put(i)

    async def consumer():
        for _ in range(n):
            await q.get()

    start = time.perf_counter()
    await asyncio.gather(asyncio.create_task(producer()), asyncio.create_task(consumer()))
    return time.perf_counter() - start


def queue(n):
    return asyncio.run(_queue(n))


def cross_thread(n):
    loop = asyncio.new_event_loop()
    total = n * CROSS_THREADS
    done = loop.create_future()
    count = 0

    def cb():
        nonlocal count
        count += 1
        if count == total:
            done.set_result(None)

    def feed():
        for _ in range(n):
            loop.call_soon_threadsafe(cb)

    try:
        start = time.perf_counter()
        threads = [threading.Thread(target=feed) for _ in range(CROSS_THREADS)]
        for t in threads:
            t.start()
        loop.run_until_complete(done)
        elapsed = time.perf_counter() - start
        for t in threads:
            t.join()
    finally:
        loop.close()
    return elapsed


async def _fetch(host, port, path):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
    data = await reader.read()
    writer.close()
    await writer.wait_closed()
    if not data.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"bad response: {data[:40]!r}")
    return len(data)


async def _crawler(n, url):
    from urllib.parse import urlsplit
    parts = urlsplit(url)
    start = time.perf_counter()
    await asyncio.gather(*(asyncio.create_task(_fetch(parts.hostname, parts.port, parts.path or "/"))
                           for _ in range(n)))
    return time.perf_counter() - start


def crawler(n, url):
    return asyncio.run(_crawler(n, url))


def _coroutine_consumer():
    # Tutorial 4's consumer, as written there.
    n = 0
    while True:
        m = yield n
        if not isinstance(m, int):
            return
        n += m ** 2


def gen_send(n):
    """Tutorial 4's producer: n sends into the consumer generator (the tutorial's program makes 2M)."""
    start = time.perf_counter()
    consumer = _coroutine_consumer()
    consumer.send(None)
    res = 0
    for i in range(n):
        res = consumer.send(i % 1000000)
    consumer.close()
    elapsed = time.perf_counter() - start
    assert res > 0, res
    return elapsed


async def _subprocess(n):
    start = time.perf_counter()
    for _ in range(n):
        p = await asyncio.create_subprocess_exec("true")
        status = await p.wait()
        if status != 0:
            raise RuntimeError(f"true exited with {status}")
    return time.perf_counter() - start


def subprocess_(n):
    return asyncio.run(_subprocess(n))


WORKLOADS = {
    "call_soon": call_soon,
    "spawn": spawn,
    "switch": switch,
    "timers": timers,
    "queue": queue,
    "cross_thread": cross_thread,
    "crawler": crawler,
    "gen_send": gen_send,
    "subprocess": subprocess_,
    "cache_hit": cache_hit,
    "cache_hit_eager": cache_hit_eager,
}


def peak_rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def main(argv):
    p = argparse.ArgumentParser()
    p.add_argument("workload", choices=sorted(WORKLOADS))
    p.add_argument("size", type=int)
    p.add_argument("--warmups", type=int, default=1)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--budget", type=float, default=20.0, help="stop measuring after this many seconds (>= 1 run)")
    p.add_argument("--url", default=None)
    a = p.parse_args(argv)
    fn = WORKLOADS[a.workload]

    def once(size):
        return fn(size, a.url) if a.workload == "crawler" else fn(size)

    for _ in range(a.warmups):
        once(max(1, a.size // 10))
    began = time.perf_counter()
    seconds = []
    for _ in range(a.runs):
        seconds.append(once(a.size))
        if time.perf_counter() - began > a.budget:
            break
    print(json.dumps({"workload": a.workload, "flavour": "python", "size": a.size,
                      "seconds": seconds, "hwm_kb": peak_rss_kb()}))


if __name__ == "__main__":
    main(sys.argv[1:])
