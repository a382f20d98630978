"""Check many URLs concurrently: HEAD first, redirects followed by hand, bounded by a time budget.

One run opens one aiohttp session. Each URL is a task; a request holds a per-host slot and a
run-wide slot only while it is on the wire, never while it waits to retry. The run ends at the
budget's deadline or when the network looks down, and whatever has not finished is `unchecked`.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import aiohttp
from yarl import URL

from .cache import LinkCache
from .classify import (
    HEAD_REFUSED,
    REDIRECTS,
    RETRYABLE_HTTP,
    Failure,
    describe_exception,
    final_status,
    is_challenge,
)
from .netguard import GuardedResolver, hostname, is_private, literal_ip, url_problem
from .options import CheckOptions
from .result import LinkResult, LinkStatus, utc_now_iso
from .retry import backoff_delay, parse_retry_after

Progress = Callable[[int, int, LinkResult], None]
"""Called as progress(done, total, result) each time a URL's result is known."""


def check_urls(
    urls: Iterable[str],
    options: CheckOptions | None = None,
    *,
    cache: LinkCache | None = None,
    progress: Progress | None = None,
) -> list[LinkResult]:
    """Check `urls` and return one result per input URL, in input order."""
    return asyncio.run(check_urls_async(urls, options, progress, cache=cache))


async def check_urls_async(
    urls: Iterable[str],
    options: CheckOptions | None = None,
    progress: Progress | None = None,
    *,
    cache: LinkCache | None = None,
) -> list[LinkResult]:
    """Check `urls` concurrently; duplicates are checked once, fresh cache entries not at all.

    With a cache, every new result except `unchecked` is put into it; saving is the caller's job.
    """
    options = options or CheckOptions()
    urls = list(urls)
    unique = list(dict.fromkeys(urls))
    results: dict[str, LinkResult] = {}
    for url in unique:
        cached = cache.get(url) if cache is not None and cache.fresh(url) else None
        if cached is not None:
            results[url] = cached
            if progress:
                progress(len(results), len(unique), cached)
    todo = [url for url in unique if url not in results]
    if todo:
        results.update(await _check_all(todo, options, progress, len(results), len(unique)))
        if cache is not None:
            for url in todo:
                cache.put(results[url])
    return [results[url] for url in urls]


async def _check_all(
    urls: list[str], options: CheckOptions, progress: Progress | None, done: int, total: int
) -> dict[str, LinkResult]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + options.budget
    watch = _NetworkWatch(options.network_probe)
    results: dict[str, LinkResult] = {}
    async with _session(options) as session:
        run = _Run(options, session, deadline, watch)
        tasks = {asyncio.create_task(run.check(url)): url for url in urls}
        pending: set[asyncio.Task[LinkResult]] = set(tasks)
        while pending and not watch.down:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            finished, pending = await asyncio.wait(
                pending, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
            )
            for task in finished:
                results[tasks[task]] = _outcome(task, tasks[task])
                done += 1
                if progress:
                    progress(done, total, results[tasks[task]])
        # Give up on the rest at once: the caller was promised a prompt return.
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    reason = watch.reason() or f"run budget of {options.budget:g} s exhausted before this check"
    for task in pending:
        url = tasks[task]
        if task.cancelled() or task.exception() is not None:
            results[url] = LinkResult(url, LinkStatus.UNCHECKED, error=reason)
        else:  # finished between the last wait and the cancel
            results[url] = task.result()
    return results


def _outcome(task: asyncio.Task[LinkResult], url: str) -> LinkResult:
    """The task's result; a bug in checking one URL marks it unchecked instead of ending the run."""
    error = task.exception()
    if error is None:
        return task.result()
    return LinkResult(url, LinkStatus.UNCHECKED, error=f"checker error: {error!r}")


def _session(options: CheckOptions) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(
        limit=options.max_concurrency,
        limit_per_host=options.per_host,
        resolver=GuardedResolver(options.allow_private),
        ttl_dns_cache=300,
    )
    session = aiohttp.ClientSession(
        connector=connector,
        headers={"User-Agent": options.user_agent, "Accept": "*/*"},
        # Our own per-request deadline applies (see _Run._request); aiohttp's default is 5 min.
        timeout=aiohttp.ClientTimeout(total=None),
    )
    # aiohttp silently resends an idempotent request once after a reset or empty reply; our retry
    # policy (with backoff) is the only one, so `attempts` is what servers saw. aiohttp's own
    # test client turns it off the same way; tests/linkcheck pin the request counts.
    session._retry_connection = False
    return session


class _NetworkWatch:
    """Decides the network is down when distinct hosts fail to resolve or connect before any answers."""

    def __init__(self, threshold: int) -> None:
        self._threshold = threshold
        self._failed_hosts: set[str] = set()
        self._answered = False

    def answered(self) -> None:
        self._answered = True

    def failed(self, host: str) -> None:
        self._failed_hosts.add(host)

    @property
    def down(self) -> bool:
        return not self._answered and len(self._failed_hosts) >= self._threshold

    def reason(self) -> str | None:
        if not self.down:
            return None
        return (
            f"network appears down: {len(self._failed_hosts)} hosts failed to resolve or connect"
            " before any server answered"
        )


@dataclass(frozen=True)
class _Answer:
    """The parts of an HTTP response head that a check needs."""

    code: int
    reason: str
    location: str | None
    retry_after: str | None
    challenge: bool


@dataclass
class _Trace:
    """What one URL's check has done so far."""

    url: str
    loop: asyncio.AbstractEventLoop
    attempts: int = 0
    redirects: list[str] = field(default_factory=list)
    started: float | None = None
    note: str | None = None  # why the check stopped retrying, added to the error

    def finish(
        self,
        status: LinkStatus,
        *,
        http_status: int | None = None,
        final_url: str | None = None,
        error: str | None = None,
    ) -> LinkResult:
        elapsed = 0 if self.started is None else round((self.loop.time() - self.started) * 1000)
        if error and self.note:
            error = f"{error}; {self.note}"
        return LinkResult(
            url=self.url,
            status=status,
            http_status=http_status,
            final_url=final_url,
            redirects=self.redirects,
            attempts=self.attempts,
            elapsed_ms=elapsed,
            checked_at=None if status is LinkStatus.UNCHECKED else utc_now_iso(),
            error=error,
        )


class _Run:
    def __init__(
        self,
        options: CheckOptions,
        session: aiohttp.ClientSession,
        deadline: float,
        watch: _NetworkWatch,
    ) -> None:
        self.options = options
        self.session = session
        self.deadline = deadline
        self.watch = watch
        self.loop = asyncio.get_running_loop()
        self.all_slots = asyncio.Semaphore(options.max_concurrency)
        self.host_slots: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(options.per_host)
        )

    async def check(self, url: str) -> LinkResult:
        trace = _Trace(url, self.loop)
        refusal = self._refusal(url, trace)
        if refusal is not None:
            return refusal
        current, seen = url, {url}
        while True:
            outcome = await self._fetch(current, trace)
            if isinstance(outcome, Failure):
                return trace.finish(outcome.status, error=outcome.error)
            if outcome.code in REDIRECTS and outcome.location:
                try:
                    target = str(URL(current).join(URL(outcome.location)).with_fragment(None))
                except ValueError:
                    return trace.finish(
                        LinkStatus.BROKEN,
                        http_status=outcome.code,
                        final_url=current,
                        error=f"malformed redirect Location {outcome.location!r}",
                    )
                trace.redirects.append(target)
                if target in seen:
                    return trace.finish(
                        LinkStatus.BROKEN,
                        http_status=outcome.code,
                        final_url=current,
                        error=f"redirect loop: {target} was already visited",
                    )
                if len(trace.redirects) > self.options.max_redirects:
                    return trace.finish(
                        LinkStatus.BROKEN,
                        http_status=outcome.code,
                        final_url=current,
                        error=f"more than {self.options.max_redirects} redirects",
                    )
                refusal = self._refusal(target, trace)
                if refusal is not None:
                    return refusal
                seen.add(target)
                current = target
                continue
            status = final_status(outcome.code, challenge=outcome.challenge, redirected=bool(trace.redirects))
            error = None
            if status is LinkStatus.BLOCKED:
                error = f"HTTP {outcome.code}: bot challenge (cf-mitigated), page not verified"
            elif status not in (LinkStatus.OK, LinkStatus.REDIRECTED):
                error = f"HTTP {outcome.code} {outcome.reason}".rstrip()
            return trace.finish(status, http_status=outcome.code, final_url=current, error=error)

    def _refusal(self, url: str, trace: _Trace) -> LinkResult | None:
        """A result without a request for invalid URLs and literal private addresses."""
        hop = "redirect to " if trace.redirects else ""
        problem = url_problem(url)
        if problem is not None:
            status = LinkStatus.BROKEN if trace.redirects else LinkStatus.INVALID
            return trace.finish(status, error=f"{hop}{url}: {problem}" if hop else problem)
        address = literal_ip(hostname(url))
        if address is not None and is_private(address) and not self.options.allow_private:
            return trace.finish(
                LinkStatus.SKIPPED,
                error=f"{hop}private address {address} (pass allow_private to check it)",
            )
        return None

    async def _fetch(self, url: str, trace: _Trace) -> _Answer | Failure:
        """One hop: HEAD, GET if HEAD is refused, and retries of transient failures."""
        method = "HEAD"
        retry = 0
        while True:
            outcome = await self._request(method, url, trace)
            if (
                isinstance(outcome, _Answer)
                and method == "HEAD"
                and outcome.code in HEAD_REFUSED
                and not outcome.challenge
            ):
                method = "GET"
                continue
            delay = self._retry_delay(outcome, retry, trace)
            if delay is None:
                return outcome
            retry += 1
            await asyncio.sleep(delay)

    def _retry_delay(self, outcome: _Answer | Failure, retry: int, trace: _Trace) -> float | None:
        """Seconds to wait before asking again, or None to accept `outcome` as final."""
        if isinstance(outcome, Failure):
            if not outcome.retryable:
                return None
        elif outcome.code not in RETRYABLE_HTTP or outcome.challenge:
            return None
        if retry >= self.options.retries:
            trace.note = f"gave up after {retry + 1} tries" if retry else None
            return None
        remaining = self.deadline - self.loop.time()
        wait = None
        if isinstance(outcome, _Answer) and outcome.code in (429, 503):
            wait = parse_retry_after(outcome.retry_after)
        if wait is not None:
            # A long Retry-After is the server's answer: report it rather than stall the run.
            if wait > self.options.retry_after_cap:
                trace.note = f"Retry-After {wait:.0f} s exceeds the {self.options.retry_after_cap:g} s cap"
                return None
            if wait >= remaining:
                trace.note = f"Retry-After {wait:.0f} s exceeds the remaining run budget"
                return None
            return wait
        wait = backoff_delay(retry + 1, self.options.backoff_base, self.options.backoff_max)
        if wait >= remaining:
            trace.note = "no run budget left to retry"
            return None
        return wait

    async def _request(self, method: str, url: str, trace: _Trace) -> _Answer | Failure:
        """Send one request and read only the response head."""
        host = hostname(url)
        # Host slot first: a task waiting for a busy host must not hold a run-wide slot.
        async with self.host_slots[host], self.all_slots:
            remaining = self.deadline - self.loop.time()
            if remaining <= 0:
                return Failure(LinkStatus.UNCHECKED, "run budget exhausted before this check")
            budget_bound = remaining < self.options.timeout
            trace.attempts += 1
            if trace.started is None:
                trace.started = self.loop.time()
            try:
                async with asyncio.timeout(min(self.options.timeout, remaining)):
                    async with self.session.request(method, url, allow_redirects=False) as resp:
                        answer = _Answer(
                            code=resp.status,
                            reason=resp.reason or "",
                            location=resp.headers.get("Location"),
                            retry_after=resp.headers.get("Retry-After"),
                            challenge=is_challenge(resp.status, resp.headers),
                        )
                        if method == "GET":
                            # Never read a body: close the connection instead of draining it,
                            # so slow or endless bodies cost nothing. HEAD keeps it alive.
                            resp.close()
            except Exception as exc:  # every client failure is a result, not a crash
                if isinstance(exc, TimeoutError) and budget_bound:
                    return Failure(LinkStatus.UNCHECKED, "run budget exhausted during this check")
                failure = describe_exception(exc)
                if failure.offline_sign:
                    self.watch.failed(host)
                return failure
        self.watch.answered()
        return answer
