"""The load generator of ``make bench``: a fixed number of GET requests per target from N concurrent clients.

    python bench/load.py < spec.json > results.json

Runs as its own process (the server is not measured by the process that loads it). Standard library
only: one thread per client, each with its own keep-alive connection (reopened when the server closes
it, as gunicorn's sync workers do) and its own session cookie, timing every request and reading the
server's ``X-Query-Count`` header. The spec::

    {"host": "127.0.0.1", "port": 8123, "concurrency": 10, "requests": 500, "warmup": 20,
     "targets": [{"name": "dashboard", "path": "/", "cookies": ["sessionid=..."],
                  "paired": {"name": "bare view", "path": "/bench/bare"}}]}

Each result: the target's name and path, elapsed seconds, a latency (ms) per request, the status codes
and the query counts seen; with a ``paired`` target (the bare view), also the throughput of that target measured
just before (``paired_rps``) and its failed requests (``paired_errors``). Summaries (percentiles, throughput)
are report.py's job.
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from collections import Counter


def _client(host, port, path, cookie, next_index, total, latencies, statuses, queries, session_queries):
    connection = http.client.HTTPConnection(host, port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    # What every browser and calendar program sends (the response is read as bytes, never decompressed).
    headers.update({"Accept-Language": "en", "Accept-Encoding": "gzip, deflate"})
    while next_index() < total:
        began = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            count = response.getheader("X-Query-Count")
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException):
            connection.close()
            status, count = 0, None
        latencies.append((time.perf_counter() - began) * 1000)
        statuses[status] += 1
        if count is not None:
            queries[int(count)] += 1
            session_queries[int(count)] += 1
    connection.close()


def run_target(host: str, port: int, target: dict, concurrency: int, requests: int) -> dict:
    lock = threading.Lock()
    issued = [0]

    def next_index():
        with lock:
            issued[0] += 1
            return issued[0] - 1

    latencies: list[float] = []
    statuses: Counter = Counter()
    queries: Counter = Counter()
    cookies = target.get("cookies") or [""]
    # Per session too: a page may rightly run other queries for another role, never for more rows.
    by_session = [Counter() for _ in cookies]
    threads = [
        threading.Thread(
            target=_client,
            args=(host, port, target["path"], cookies[i % len(cookies)], next_index, requests)
            + (latencies, statuses, queries, by_session[i % len(cookies)]),
        )
        for i in range(concurrency)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {
        "name": target["name"],
        "path": target["path"],
        "elapsed": elapsed,
        "latencies_ms": latencies,
        "statuses": {str(code): n for code, n in statuses.items()},
        "queries": {str(count): n for count, n in queries.items()},
        "queries_by_session": [{str(count): n for count, n in counter.items()} for counter in by_session],
    }


def _measure(spec: dict, target: dict) -> dict:
    if spec.get("warmup"):
        run_target(spec["host"], spec["port"], target, spec["concurrency"], spec["warmup"])
    return run_target(spec["host"], spec["port"], target, spec["concurrency"], spec["requests"])


def main() -> int:
    spec = json.load(sys.stdin)
    results = []
    for target in spec["targets"]:
        paired = None
        if target.get("paired"):
            # The paired reference: measured just before the row, so that both see the machine alike.
            paired = _measure(spec, target["paired"])
        result = _measure(spec, target)
        rate = len(result["latencies_ms"]) / result["elapsed"]
        if paired is not None:
            result["paired_rps"] = round(len(paired["latencies_ms"]) / paired["elapsed"], 1) if paired["elapsed"] else 0
            result["paired_errors"] = sum(n for code, n in paired["statuses"].items() if not code.startswith("2"))
        print(
            f"[load] {target.get('label', target['name']):<40} {rate:8.1f} req/s"
            + (f" (bare view just before: {result['paired_rps']:.1f} req/s)" if paired is not None else ""),
            file=sys.stderr,
            flush=True,
        )
        results.append(result)
    json.dump({"concurrency": spec["concurrency"], "requests": spec["requests"], "results": results}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
