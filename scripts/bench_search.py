#!/usr/bin/env python3
"""Search quality and size: this project, plain Material and Pagefind on the same notes.

    .venv/bin/python scripts/bench_search.py                 # quality, then size at 1,000 notes
    .venv/bin/python scripts/bench_search.py --no-size --json out.json

Quality: the notes of ../shared/corpora/advanced-java (when present), the seed note and
tests/fixtures/search/notes/ are built by this project and by plain Material (same config, no
hook); Pagefind (pagefind-bin-extended, which segments Chinese) indexes this project's built
site with its defaults. Every query of tests/fixtures/search/queries.yaml is put to each in
headless Chromium: to Material's own search worker and ours through the messages the search box
sends, to Pagefind through its JS API. A system's ranking is its list of result pages, in order;
recall@k counts queries with an expected page among the first k, MRR averages 1/rank (0 beyond
the 20th). Plain Material builds one page per note, so for it a page of the expected note counts.

Size: a vault of 1,000 notes (the corpus copied into folders until there are 1,000) is built by
this project and opened in Chromium; the bytes received from opening the home page, through
typing a query, to the first results are summed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from scripts.scratch_project import write_config  # noqa: E402
from scripts.search_box import type_query  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "advanced-java"
SEED = REPO / "tests" / "fixtures" / "seed"
FIXTURES = REPO / "tests" / "fixtures" / "search"
QUERIES = FIXTURES / "queries.yaml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
DEPTH = 20  # results read per query


@dataclass
class Query:
    q: str
    kind: str
    expect: list[str]
    corpus: str = "advanced-java"
    set: str = "tuned"  # "held-out": written after the ranking was last tuned


@dataclass
class Score:
    ranks: dict[str, int | None] = field(default_factory=dict)  # query → rank of first hit

    def recall(self, k: int) -> float:
        return sum(1 for r in self.ranks.values() if r is not None and r <= k) / len(self.ranks)

    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks.values() if r is not None) / len(self.ranks)


def load_queries(with_corpus: bool) -> list[Query]:
    data = yaml.safe_load(QUERIES.read_text("utf-8"))
    queries = [Query(**entry) for entry in data["queries"]]
    return [q for q in queries if with_corpus or q.corpus == "fixtures"]


def vault(root: Path, corpus: Path | None, copies: int = 1) -> Path:
    """root/notes: the corpus (copied `copies` times into folders), the seed, the fixture notes."""
    notes = root / "notes"
    for n in range(copies):
        target = notes if n == 0 else notes / f"copy-{n:02d}"
        if corpus is not None:
            shutil.copytree(corpus, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("index.md"))
        shutil.copytree(FIXTURES / "notes", target, dirs_exist_ok=True)
        shutil.copy(SEED / "inference-vs-operator-dev.md", target / "inference-vs-operator-dev.md")
    return notes


def build(root: Path, notes: Path, ours: bool) -> Path:
    docs = root / "docs"
    shutil.copytree(notes, docs / "notes")
    config = write_config(root, docs, hook=ours)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTESITE_LINK_CHECK="cache")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode:
        raise SystemExit(f"build failed ({root.name}):\n{done.stderr[-3000:]}")
    print(f"built {root.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return root / "site"


def pagefind(site: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind"],
        check=True,
        capture_output=True,
    )


@contextmanager
def served(folder: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# The search box's messages to a worker (Material's or ours): SETUP with the index, then QUERY.
_ASK_WORKER = """async ({worker, queries}) => {
  const index = await (await fetch("search/search_index.json")).json()
  const w = new Worker(worker)
  const send = message => new Promise(done => { w.onmessage = e => done(e.data); w.postMessage(message) })
  await send({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}})
  const out = {}
  for (const q of queries) {
    const reply = await send({type: 2, data: q})
    out[q] = reply.data.items.map(group => (group.find(d => !d.location.includes("#")) || group[0]).location)
  }
  return out
}"""

_ASK_PAGEFIND = """async ({queries, depth}) => {
  const pagefind = await import("./pagefind/pagefind.js")
  await pagefind.init()
  const out = {}
  for (const q of queries) {
    const found = await pagefind.search(q)
    const data = await Promise.all(found.results.slice(0, depth).map(r => r.data()))
    out[q] = data.map(d => d.url)
  }
  return out
}"""


def ask(browser, base: str, script: str, **args) -> dict[str, list[str]]:
    page = browser.new_page()
    page.goto(base)
    try:
        return page.evaluate(script, args)
    finally:
        page.close()


def page_path(url: str, base: str = "") -> str:
    path = unquote(urlsplit(url).path)
    path = path.removeprefix(urlsplit(base).path) if base else path.lstrip("/")
    return path


def matches(page: str, expect: list[str]) -> bool:
    return any(page.startswith(e[:-1]) if e.endswith("*") else page == e for e in expect)


def rank(results: list[str], expect: list[str]) -> int | None:
    seen: list[str] = []
    for page in results:
        if page not in seen:
            seen.append(page)
    return next((i + 1 for i, page in enumerate(seen[:DEPTH]) if matches(page, expect)), None)


def note_of(site: Path) -> dict[str, str]:
    """This project's page path → the path of its note's first page."""
    index = json.loads((site / "notes.json").read_text("utf-8"))
    return {unquote(p["url"]): unquote(n["pages"][0]["url"]) for n in index["notes"] for p in n["pages"]}


def worker(site: Path) -> Path:
    """Material's worker file, or ours written over it: the search box's config names it."""
    return next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).relative_to(site)


def quality(work: Path, corpus: Path | None) -> tuple[dict[str, Score], list[Query], dict]:
    from playwright.sync_api import sync_playwright

    queries = load_queries(corpus is not None)
    notes = vault(work / "vault", corpus)
    ours = build(work / "ours", notes, ours=True)
    plain = build(work / "plain", notes, ours=False)
    pagefind(ours)
    notes_of = note_of(ours)
    texts = [q.q for q in queries]
    raw: dict[str, dict[str, list[str]]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with served(ours) as base:
            raw["ours"] = ask(browser, base, _ASK_WORKER, worker=str(worker(ours)), queries=texts)
            raw["pagefind"] = ask(browser, base, _ASK_PAGEFIND, queries=texts, depth=DEPTH)
        with served(plain) as base:
            raw["material"] = ask(browser, base, _ASK_WORKER, worker=str(worker(plain)), queries=texts)
        browser.close()
    scores = {name: Score() for name in raw}
    for query in queries:
        for name in ("ours", "pagefind"):
            pages = [page_path(u) for u in raw[name][query.q]]
            scores[name].ranks[query.q] = rank(pages, query.expect)
        # Plain Material has one page per note, under notes/: a page of the expected note counts.
        wanted = {notes_of.get(e.rstrip("*"), e.rstrip("*")) for e in query.expect}
        pages = [page_path(u).removeprefix("notes/") for u in raw["material"][query.q]]
        scores["material"].ranks[query.q] = rank(pages, sorted(wanted))
    return scores, queries, raw


SIZE_QUERIES = (
    "线程池",
    "TensorRT",
    "分布式事务 最终一致性",
    "如何保证消息队列的高可用",
    "如何保证消息不被重复消费以及消息的顺序性",
)


def bytes_to_first_results(work: Path, corpus: Path | None, notes_wanted: int) -> dict:
    """Build a vault of `notes_wanted` notes; for each query, a fresh browser opens the home page,
    types it into the search box and waits for the first results: the bytes received, in all."""
    from playwright.sync_api import sync_playwright

    per_copy = len(list(corpus.rglob("*.md"))) if corpus else 0
    per_copy += len(list((FIXTURES / "notes").rglob("*.md"))) + 1
    notes = vault(work / "big-vault", corpus, -(-notes_wanted // per_copy))
    count = len(list(notes.rglob("*.md")))
    site = build(work / "big", notes, ours=True)
    runs = []
    with sync_playwright() as p, served(site) as base:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in SIZE_QUERIES:
            context = browser.new_context()  # an empty cache
            page = context.new_page()
            received: list[tuple[str, int]] = []

            def finished(request, received=received) -> None:
                sizes = request.sizes()
                received.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

            page.on("requestfinished", finished)
            page.goto(base, wait_until="load")
            started = time.perf_counter()
            _type_query(page, query)
            shown = time.perf_counter() - started
            page.wait_for_timeout(300)  # requests still finishing belong to the first results
            context.close()
            largest = sorted(received, key=lambda r: -r[1])[:4]
            runs.append(
                {
                    "query": query,
                    "bytes": sum(size for _, size in received),
                    "requests": len(received),
                    "seconds": round(shown, 2),
                    "largest": [(page_path(u, base) or "/", s) for u, s in largest],
                }
            )
        browser.close()
    return {
        "notes": count,
        "runs": runs,
        "site_search_bytes": sum(f.stat().st_size for f in (site / "search").iterdir()),
        "site_search_files": len(list((site / "search").iterdir())),
    }


def _type_query(page, query: str) -> None:
    if not type_query(page, query, attempts=60):
        raise SystemExit(f"{query!r}: no results after 30 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS if CORPUS.is_dir() else None)
    parser.add_argument("--no-size", action="store_true", help="skip the 1,000-note size measurement")
    parser.add_argument("--no-quality", action="store_true", help="skip the query set")
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    if args.keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {}
    try:
        if not args.no_quality:
            scores, queries, raw = quality(work, args.corpus)
            print(f"{len(queries)} queries\n")
            held_out = {q.q for q in queries if q.set == "held-out"}
            print(
                f"{'system':<10} {'recall@1':>9} {'recall@3':>9} {'MRR':>6}   "
                f"held-out ({len(held_out)}): @1 @3 MRR"
            )
            for name, score in scores.items():
                held = Score({q: r for q, r in score.ranks.items() if q in held_out}) if held_out else None
                row = f"{name:<10} {score.recall(1):>9.3f} {score.recall(3):>9.3f} {score.mrr():>6.3f}"
                if held:
                    row += f"   {held.recall(1):.3f} {held.recall(3):.3f} {held.mrr():.3f}"
                print(row)
            print("\nqueries not first for ours (rank: ours / material / pagefind):")
            for q in queries:
                if scores["ours"].ranks[q.q] != 1:
                    print(f"  {q.q:<16} {q.kind:<11}", " / ".join(str(scores[n].ranks[q.q]) for n in scores))
            report["quality"] = {
                name: {"recall@1": s.recall(1), "recall@3": s.recall(3), "mrr": s.mrr(), "ranks": s.ranks}
                for name, s in scores.items()
            }
            report["results"] = raw
        if not args.no_size:
            size = bytes_to_first_results(work, args.corpus, args.notes)
            print(
                f"\n{size['notes']} notes; search files on disk: {size['site_search_files']}, "
                f"{size['site_search_bytes'] / 1e6:.1f} MB. Received from opening the home page "
                "to the first results:"
            )
            for run in size["runs"]:
                print(
                    f"  {run['bytes'] / 1e6:.2f} MB in {run['requests']} requests, "
                    f"{run['seconds']} s  {run['query']}"
                )
                for path, nbytes in run["largest"]:
                    print(f"      {nbytes / 1e3:7.1f} kB  {path}")
            report["size"] = size
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
