"""Slack HTTP mode under load: signed `/study week` requests at rising concurrency.

Runs three servers in turn, each in its own process on loopback, with the same
aiohttp stack and a fake Slack Web API (response_urls, users.info) in this process:
- studybot: the real AsyncApp, router, SQLite database and Block Kit answers;
- bare: a Bolt AsyncApp whose only listener acks (process_before_response=True,
  as studybot runs);
- bare-defaults: the same with Bolt's default settings, for reference.
Prints ack latency p50/p99 and requests/s per concurrency, side by side, and for
studybot how fast the real answers reached the response_url.

    .venv/bin/python benchmarks/slack_http.py            # 1, 10, 50, 100 concurrent
    .venv/bin/python benchmarks/slack_http.py --requests 300 --levels 1 50
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import itertools
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.adapters.slack.fake_slack import FakeSlack  # noqa: E402

SECRET = "benchmark-signing-secret"
TOKEN = "xoxb-benchmark"
APPS = ("studybot", "bare", "bare-defaults")
SERIALS = itertools.count()


@dataclass
class Level:
    app: str
    concurrency: int
    requests: int
    seconds: float
    latencies: list[float]
    failures: int
    answers_seconds: float | None = None
    server_cpu_seconds: float | None = None

    @property
    def cpu_ms_per_request(self) -> float | None:
        """The server process's own CPU (user + system) per request, acknowledgement and
        answer: what one answer costs, whatever the load generator's share of the cores."""
        return None if self.server_cpu_seconds is None else self.server_cpu_seconds / self.requests * 1000

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


# ---- the servers (run as child processes) ---------------------------------------

async def serve_studybot(api_url: str) -> None:
    from adapters.slack.config import SlackConfig
    from adapters.slack.runner import running_slack
    from bot.app import open_companion
    from bot.config import BUNDLED_CONTENT, Settings

    folder = tempfile.mkdtemp(prefix="studybot-bench-")
    settings = Settings(DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3",
                        STUDYBOT_CONTENT=BUNDLED_CONTENT / "smart-cities")
    config = SlackConfig(bot_token=TOKEN, signing_secret=SECRET, api_url=api_url)
    async with open_companion(settings) as companion, \
            running_slack(companion, config, host="127.0.0.1", port=0) as running:
        await announce(running.port)


async def serve_bare(api_url: str, *, defaults: bool) -> None:
    from slack_bolt.async_app import AsyncAck, AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    from adapters.slack.web import build_web_app

    async with aiohttp.ClientSession() as session:
        client = AsyncWebClient(token=TOKEN, base_url=api_url, session=session)
        bolt = AsyncApp(signing_secret=SECRET, client=client, process_before_response=not defaults)

        @bolt.command("/study")
        async def ack_only(ack: AsyncAck) -> None:
            await ack()

        runner = aiohttp.web.AppRunner(build_web_app(bolt, signing_secret=SECRET), access_log=None)
        await runner.setup()
        await aiohttp.web.TCPSite(runner, "127.0.0.1", 0).start()
        try:
            await announce(runner.addresses[0][1])
        finally:
            await runner.cleanup()


async def announce(port: int) -> None:
    print(f"READY {port}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the parent closes it


# ---- the load ------------------------------------------------------------------

def signed(body: str) -> dict[str, str]:
    stamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/x-www-form-urlencoded"}


def study_week(number: int, response_url: str) -> str:
    # One person and one channel per request of a level: studybot's flood control (60
    # commands a minute per person, 120 per channel) is on, as in production, and a
    # benchmark that sent everything from one channel would measure only its "slow down".
    # Slack gives every invocation its own trigger_id; studybot takes a repeated one for a
    # retry of a command it has already answered.
    user, channel = f"U{number:05d}", f"C{number:05d}"
    return urlencode({"token": "t", "team_id": "T1", "team_domain": "bench", "channel_id": channel,
                      "channel_name": "study-group", "user_id": user, "user_name": user,
                      "command": "/study", "text": "week", "api_app_id": "A1",
                      "response_url": response_url, "trigger_id": f"{number}.{next(SERIALS)}.bench"})


async def load(url: str, fake: FakeSlack, app: str, concurrency: int, total: int) -> Level:
    latencies: list[float] = []
    failures = 0
    counter = iter(range(total))
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as http:
        async def worker() -> None:
            nonlocal failures
            for number in counter:
                # Each request its own response_url, as Slack gives (one takes 5 answers).
                body = study_week(number, fake.response_url(f"bench{next(SERIALS)}"))
                started = time.perf_counter()
                async with http.post(url, data=body.encode(), headers=signed(body)) as response:
                    await response.read()
                    latencies.append(time.perf_counter() - started)
                    failures += response.status != 200

        answered_before = answered(fake)
        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - began
    level = Level(app, concurrency, total, seconds, latencies, failures)
    if app == "studybot":
        level.answers_seconds = await wait_for_answers(fake, answered_before + total, began)
    return level


def answered(fake: FakeSlack) -> int:
    return sum(c.method.startswith("response_url:bench") for c in fake.calls)


async def wait_for_answers(fake: FakeSlack, expected: int, began: float,
                           limit: float = 120.0) -> float | None:
    while answered(fake) < expected:
        if time.perf_counter() - began > limit:
            return None
        await asyncio.sleep(0.005)
    return time.perf_counter() - began


async def start_server(app: str, api_url: str) -> tuple[asyncio.subprocess.Process, int]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--serve", app, "--api-url", api_url,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, cwd=str(ROOT))
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 60)).decode()
    if not line.startswith("READY "):
        raise RuntimeError(f"{app} server did not start: {line!r}")
    return process, int(line.split()[1])


async def stop_server(process: asyncio.subprocess.Process) -> None:
    assert process.stdin is not None
    process.stdin.close()
    try:
        await asyncio.wait_for(process.wait(), 15)
    except TimeoutError:
        process.kill()
        await process.wait()


async def measure(apps: list[str], fake: FakeSlack, levels: list[int], requests: int,
                  rounds: int) -> list[Level]:
    """All servers up at once; each level runs every app in turn, `rounds` times, so
    a noisy neighbour on the machine hits them alike. Keeps each app's median round."""
    servers = {app: await start_server(app, fake.api_url) for app in apps}
    urls = {app: f"http://127.0.0.1:{port}/slack/events" for app, (_, port) in servers.items()}
    try:
        for app in apps:
            await load(urls[app], fake, app, 5, 50)  # warm up: auth.test, users.info, the database
        results: list[Level] = []
        for concurrency in levels:
            runs: dict[str, list[Level]] = {app: [] for app in apps}
            for _ in range(rounds):
                for app in apps:
                    pid = servers[app][0].pid
                    before = cpu_seconds(pid)
                    level = await load(urls[app], fake, app, concurrency, max(requests, concurrency * 4))
                    level.server_cpu_seconds = cpu_seconds(pid) - before
                    runs[app].append(level)
            results += [sorted(runs[app], key=lambda r: r.per_second)[len(runs[app]) // 2] for app in apps]
            print(f"measured {concurrency} concurrent", file=sys.stderr)
        return results
    finally:
        for process, _ in servers.values():
            await stop_server(process)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---- the report ------------------------------------------------------------------

def report(results: list[Level], levels: list[int]) -> None:
    print(f"\n{'app':<14}{'conc':>6}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
          f"{'errors':>8}{'answers/s':>11}{'server CPU ms/req':>19}")
    for level in results:
        rate = level.requests / level.answers_seconds if level.answers_seconds else None
        answers = f"{rate:>11.0f}" if rate else f"{'-':>11}"
        print(f"{level.app:<14}{level.concurrency:>6}{level.requests:>10}{level.per_second:>9.0f}"
              f"{level.percentile(0.5):>9.1f}{level.percentile(0.99):>9.1f}{level.failures:>8}{answers}"
              f"{level.cpu_ms_per_request or 0:>19.2f}")
    by = {(r.app, r.concurrency): r for r in results}
    target = 50 if 50 in levels else levels[-1]
    ours, bare = by.get(("studybot", target)), by.get(("bare", target))
    if ours and bare:
        share = ours.per_second / bare.per_second
        print(f"\nAt {target} concurrent: studybot acks at {share:.0%} of the bare app's rate "
              f"(goal ≥ 50%: {'met' if share >= 0.5 else 'NOT met'}); p99 ack "
              f"{ours.percentile(0.99):.1f} ms (goal < 100 ms: "
              f"{'met' if ours.percentile(0.99) < 100 else 'NOT met'}).")
    print("answers/s: /study week answers (router + SQLite + Block Kit) delivered to the "
          "response_url, counted from the first request to the last answer.")
    print("server CPU ms/req: the server process's CPU time over the level, per request "
          "(the load and the fake Slack run in this process, on the same cores).")


async def main(args: argparse.Namespace) -> None:
    fake = await FakeSlack().start()
    try:
        results = await measure(args.apps, fake, args.levels, args.requests, args.rounds)
        report(sorted(results, key=lambda r: (APPS.index(r.app), r.concurrency)), args.levels)
    finally:
        await fake.stop()


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 10, 50, 100])
    parser.add_argument("--requests", type=int, default=400, help="requests per level (default 400)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per level and app; the median is kept")
    parser.add_argument("--apps", nargs="+", choices=APPS, default=list(APPS))
    parser.add_argument("--serve", choices=APPS, help=argparse.SUPPRESS)
    parser.add_argument("--api-url", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    options = parse()
    if options.serve == "studybot":
        asyncio.run(serve_studybot(options.api_url))
    elif options.serve:
        asyncio.run(serve_bare(options.api_url, defaults=options.serve == "bare-defaults"))
    else:
        asyncio.run(main(options))
