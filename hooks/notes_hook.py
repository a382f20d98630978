"""MkDocs adapter: maps build events onto the notesite core. No note logic lives here.

MkDocs puts this folder on sys.path only while loading the hook, so siblings are imported here at
the top. `mkdocs serve` keeps this module alive between rebuilds but runs `on_files` again for
every rebuild, and everything a build needs is made afresh there. The module state is how MkDocs
was started, which no rebuild changes, and what serve's rebuilds reuse: notes, their pages and the
theme's compiled templates, each keyed by everything it is made from, and what the last build
wrote (see the comments below).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path, PurePath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from notesite.analyse.checked_note import read_note
from notesite.analyse.note_cache import NoteCache
from notesite.analyse.sanitize import HtmlPolicy, sanitize_html
from notesite.build import NOTES_FOLDER, LayoutError, build_site
from notesite.knowledge.review import build_date
from notesite.linkcheck.link_status import LinkCheckSettings, broken, reference_statuses
from notesite.model.diagnostics import Severity
from notesite.model.note import LineSpan
from notesite.model.urls import url_path
from notesite.publish.notes_json import site_index
from notesite.publish.search_index import build_index
from notesite.read.vault import find_notes, note_file_problems
from notesite.render.cache import RenderCache
from notesite.render.text import escape_html
from notesite_mkdocs import theme
from notesite_mkdocs.incremental import DIRTY_WARNING, NoteFile, Served, digest, shared_key
from notesite_mkdocs.note_page import Converter, NotePage
from notesite_mkdocs.search import collect_search, mark_generated, write_search

log = logging.getLogger("mkdocs.plugins.notesite")
# The config of each build holds which of its pages come from notes, for on_page_content, and
# what the search collected of each page, for on_post_build.
_NOTE_PAGES = "_notesite_note_pages"
_SEARCH = "_notesite_search"
# ...and, for on_post_build, the files of the pages generated from notes (site-wide ones included),
# every file generated from notes, and the URL of every page, in order.
_NOTE_FILES = "_notesite_note_files"
_OUTPUTS = "_notesite_outputs"
_WRITTEN = "_notesite_written"
_PAGE_URLS = "_notesite_page_urls"

# How MkDocs was started ("build", "serve", "gh-deploy"; `--dirty` or not): fixed for the life of
# the process. Serve never waits on the network.
_command = "build"
_dirty = False
# Kept between serve's rebuilds: parsed notes by path and content, for the notes no edit touched
# (an entry is only ever used for the exact bytes it was read from; see notesite.analyse.note_cache), their
# pages by everything rendering them reads (notesite.render.cache), and
# what the last build wrote, for a dirty rebuild (notesite_mkdocs.incremental), and the theme's
# templates as compiled, by their source.
_notes = NoteCache()
_rendered = RenderCache()
_served = Served()
_templates = theme.CompiledTemplates()

_LOG_LEVEL = {
    Severity.INFO: logging.INFO,
    Severity.WARNING: logging.WARNING,
    Severity.ERROR: logging.ERROR,
}


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty
    if dirty:  # one filter object, so a second start adds nothing
        logging.getLogger("mkdocs.commands.build").addFilter(DIRTY_WARNING)


def on_serve(server, config: MkDocsConfig, builder):
    # `mkdocs serve --clean` starts up as "build"; from its first rebuild on, serve is serve.
    global _command
    _command = "serve"
    return server


def on_pre_build(config: MkDocsConfig) -> None:
    # The search index of the last serve rebuild may still be being made: it stops, before MkDocs
    # cleans the site folder (a serve without --dirty) or this build makes the index again.
    _served.settle(stop=True)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # notes/ by the rule scripts/check_notes.py follows (notesite.read.vault): what can't be a note
    # (a link out of docs/, dangling or looping, a folder named x.md) is named once and dropped.
    docs = Path(config.docs_dir)
    _, skipped = find_notes(docs, NOTES_FOLDER.rstrip("/"))
    found = [f for f in files if f.src_uri.startswith(NOTES_FOLDER) and f.inclusion.is_included()]
    by_uri = note_file_problems(docs, [f.src_uri for f in found if not f.generated_by])
    problems = {f: by_uri[f.src_uri] for f in found if not f.generated_by}
    for diagnostic in dict.fromkeys([*skipped, *filter(None, problems.values())]):
        log.log(_LOG_LEVEL[diagnostic.severity], str(diagnostic))
    for file in [f for f, problem in problems.items() if problem]:
        files.remove(file)
    # Material's search hands each page to our collector (notesite_mkdocs.search); notes are named below.
    config[_SEARCH] = collector = collect_search(config)
    sources = [f for f in files.documentation_pages() if f.src_uri.startswith(NOTES_FOLDER)]
    if not sources:
        return files
    settings = _link_settings(config)
    html = _html_policy(config)
    base = Path(config.config_file_path).parent

    def statuses(urls: list[str]):
        return reference_statuses(urls, settings, base, may_use_network=_command != "serve")

    note_uris = {f.src_uri for f in sources}
    others = {f.dest_uri: f.src_uri for f in files if f.src_uri not in note_uris}
    try:
        site = build_site(
            Path(config.docs_dir),
            [f.src_uri for f in sources],
            others,
            _source_linker(config),
            statuses,
            config.use_directory_urls,
            html,
            build_date(),
            _show_hidden_tags(config),
            _whole_note(config),
            # Only serve rebuilds: a one-off build has no use for notes kept after it.
            _notes.read if _command == "serve" else read_note,
            _rendered if _command == "serve" else None,
        )
    except LayoutError as error:
        for diagnostic in error.plan.diagnostics:  # every message, as `notesite check` gives them
            log.log(_LOG_LEVEL[diagnostic.severity], str(diagnostic))
        raise PluginError(str(error)) from None
    for diagnostic in site.diagnostics:
        log.log(_LOG_LEVEL[diagnostic.severity], str(diagnostic))
    failures = broken(site.link_results)
    if settings.fail_on_broken and failures:
        listed = "; ".join(f"{r.url} (HTTP {r.http_status})" for r in failures)
        raise PluginError(f"broken reference links: {listed}")
    # Replace each source note by its generated pages; the note itself stays untouched on disk.
    for source in sources:
        files.remove(source)
    generated = site.generated()
    ours = {page.src_uri for page, _, _ in generated}
    # MkDocs keeps the title a page was made with over the one a user's nav gives it.
    nav_titles = _nav_titles(config.nav)
    if config.nav is None:
        # A home page of docs/ comes first; one generated from a note is in the notes' own nav.
        home = ["index.md"] if files.get_file_from_path("index.md") and "index.md" not in ours else []
        config.nav = home + site.nav() + _other_pages(files, ours)
    # MkDocs puts titles into the navigation and <title> unescaped: pages are given them escaped.
    titles = {page.src_uri: escape_html(page.title) for page, _, _ in generated}
    ordinary = files.documentation_pages()
    for file in ordinary:  # MkDocs writes a page's path into its edit link as it is
        file.edit_uri = url_path(file.src_uri)
    shared = shared_key(
        config.nav, titles.items(), ordinary, config.config_file_path, config.theme.custom_dir
    )
    if _dirty:
        # MkDocs names an ordinary page it skips None in the navigation: those are all rebuilt.
        for file in ordinary:
            Path(file.abs_dest_path).unlink(missing_ok=True)
    urls: dict[str, str] = {}
    from_notes: set[str] = set()
    converter = Converter(config)
    config[_NOTE_FILES] = note_files = []
    for page, markdown, note_path in generated:
        file = NoteFile.generated(config, page.src_uri, content=markdown)
        span = page.source_span
        # Generated files have no edit URI of their own: point "edit" at the note's lines.
        file.edit_uri = f"{url_path(note_path)}#L{span.start}-L{span.end}" if span and note_path else None
        file.key, file.written = digest(markdown, file.edit_uri or "", shared), _served.keys
        NotePage(file, config, converter, nav_titles.get(page.src_uri) or titles[page.src_uri])
        files.append(file)
        note_files.append(file)
        urls[page.src_uri] = file.url
        if note_path:
            from_notes.add(page.src_uri)
    # Site-wide pages (home, review, tags) hold our HTML around escaped text: left as made.
    config[_NOTE_PAGES] = from_notes
    if collector:
        collector.pages = {
            urls[page.src_uri]: (layout.note.title, page.kind.value)
            for layout in site.layouts
            for page in layout.pages
        }

    downloads = [
        File.generated(config, src_uri, content=content) for src_uri, content in site.downloads.items()
    ]
    # notes.json is published at the site root, next to the pages it describes; unindented, as
    # it is for programs (indenting takes json's slow path, and a tenth of a serve rebuild).
    docs_dir = Path(os.path.relpath(config.docs_dir, base)).as_posix()
    more_keys = ((config.extra or {}).get("notesite") or {}).get("publish_front_matter") or []
    published = site_index(site, urls, docs_dir, more_keys)
    index = json.dumps(published, ensure_ascii=False, separators=(",", ":")) + "\n"
    downloads.append(File.generated(config, "notes.json", content=index))
    for file in downloads:
        files.append(file)
    config[_OUTPUTS] = [file.abs_dest_path for file in [*note_files, *downloads]]
    return files


def on_env(env, config: MkDocsConfig, files: Files):
    # Templates without their indentation, and the navigation's entries rendered once per build.
    theme.install(env, _templates)
    config[_PAGE_URLS] = [file.page.url for file in files.documentation_pages() if file.page is not None]
    # Whatever this build writes is never deleted as gone (a docs/index.md that takes the home).
    config[_WRITTEN] = {file.abs_dest_path for file in files}
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Only what notes wrote is cleaned: docs/ pages and the theme's own scripts stay the site's.
    if page.file.src_uri not in config.get(_NOTE_PAGES, ()):
        return html
    if _html_policy(config) is HtmlPolicy.SANITIZE:
        html = sanitize_html(html)
    return mark_generated(html)


def on_build_error(error: Exception) -> None:
    _notes.end_build()
    _rendered.end_build()
    _served.forget()


def on_post_build(config: MkDocsConfig) -> None:
    _notes.end_build()
    _rendered.end_build()
    collector = config.get(_SEARCH)
    # A dirty rebuild skipped the pages no edit changed: their search text is the last build's.
    built = collector.by_page if collector else {}
    docs = {url: built[url] if url in built else _served.docs.get(url, []) for url in config[_PAGE_URLS]}
    written = config.get(_WRITTEN, set())
    _served.finish(
        config.site_dir, config.get(_NOTE_FILES, []), config.get(_OUTPUTS, []), written, docs, _dirty
    )
    if not collector:
        return
    # What Material's search collected becomes our index, fetched in small parts: see notesite_mkdocs.search.
    # A served site shows its pages first, and its search a moment later.
    site_dir, in_order = Path(config.site_dir), [doc for page in docs.values() for doc in page]
    if _command == "serve":
        # The index is made in a process of its own (Served.apart), and given up for a newer build.
        def index(stopped):
            return write_search(site_dir, in_order, lambda *args: _served.apart(stopped, build_index, *args))

        _served.later(index)
    else:
        write_search(site_dir, in_order)


def on_shutdown() -> None:
    _served.close()


def _link_settings(config: MkDocsConfig) -> LinkCheckSettings:
    extra = (config.extra or {}).get("notesite") or {}
    try:
        return LinkCheckSettings.from_mapping(extra.get("link_check"))
    except (TypeError, ValueError) as error:
        raise PluginError(f"mkdocs.yml extra.notesite.link_check: {error}") from None


def _show_hidden_tags(config: MkDocsConfig) -> bool:
    value = ((config.extra or {}).get("notesite") or {}).get("show_hidden_tags", False)
    if not isinstance(value, bool):
        raise PluginError(
            f"mkdocs.yml extra.notesite.show_hidden_tags: expected true or false, got {value!r}"
        )
    return value


def _whole_note(config: MkDocsConfig) -> bool:
    value = ((config.extra or {}).get("notesite") or {}).get("whole_note", False)
    if not isinstance(value, bool):
        raise PluginError(f"mkdocs.yml extra.notesite.whole_note: expected true or false, got {value!r}")
    return value


def _html_policy(config: MkDocsConfig) -> HtmlPolicy:
    value = ((config.extra or {}).get("notesite") or {}).get("html", HtmlPolicy.SANITIZE.value)
    try:
        return HtmlPolicy(value)
    except ValueError:
        raise PluginError(
            f"mkdocs.yml extra.notesite.html: expected sanitize or trusted, got {value!r}"
        ) from None


def _source_linker(config: MkDocsConfig):
    """Links to lines of a note in the repository's web view, when the site names a repo."""
    repo_url, edit_uri = config.repo_url, config.edit_uri
    if not repo_url or not edit_uri:
        return lambda path, span: None
    base = repo_url.rstrip("/") + "/" + edit_uri.lstrip("/")

    def link(path: str, span: LineSpan) -> str:
        return f"{base}{url_path(path)}#L{span.start}-L{span.end}"

    return link


def _nav_titles(nav: object) -> dict[str, str]:
    """Page path → the title a user's `nav:` gives it."""
    titles: dict[str, str] = {}
    if isinstance(nav, list):
        for item in nav:
            titles.update(_nav_titles(item))
    elif isinstance(nav, dict):
        for title, value in nav.items():
            if isinstance(value, str):
                # As MkDocs looks the page up (`./a.md`, `a//b.md` and `a/b.md` are one page).
                titles.setdefault(PurePath(value).as_posix(), str(title))
            else:
                titles.update(_nav_titles(value))
    return titles


def _other_pages(files: Files, generated: set[str]) -> list[str]:
    """Ordinary pages of docs/ that the generated nav still lists, after the notes."""
    return sorted(
        f.src_uri
        for f in files.documentation_pages()
        if f.src_uri not in generated and f.src_uri != "index.md"
    )
