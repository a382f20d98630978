"""The notes of a build as MkDocs files: source notes in, generated pages and downloads out.

The notes under docs/notes/ go to the core (`notesite.build.build_site`) and are replaced by the
pages it makes, as virtual files (`File.generated`): the note itself stays untouched on disk.
Each page is a `NoteFile` (a dirty rebuild writes it only when it changed) and a `NotePage` (one
Markdown converter per build), with "edit" pointing at the note's lines; the navigation is the
notes' own unless mkdocs.yml gives one; `notes.json` and each bibliography's downloads are
published beside them, and the plugin's styles and scripts come with it.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from notesite.build import NOTES_FOLDER, BuildOptions, LayoutError, NoteSite, build_site
from notesite.knowledge.review import build_date
from notesite.linkcheck import LinkResult
from notesite.linkcheck.link_status import broken, broken_references, reference_statuses
from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.note import LineSpan
from notesite.model.urls import url_path
from notesite.publish.notes_json import site_index
from notesite.read.vault import find_notes, note_file_problems
from notesite.render.note_pages import SourceLinker
from notesite.render.text import escape_html
from notesite_mkdocs.config import SiteOptions
from notesite_mkdocs.diagrams import DIAGRAM_FILES
from notesite_mkdocs.incremental import NoteFile, digest, shared_key
from notesite_mkdocs.last_change import last_changes
from notesite_mkdocs.note_page import Converter, NotePage
from notesite_mkdocs.search import SearchCollector
from notesite_mkdocs.serve import ServeState
from notesite_mkdocs.site_language import site_words

log = logging.getLogger("mkdocs.plugins.notesite")

_LOG_LEVEL = {
    Severity.INFO: logging.INFO,
    Severity.WARNING: logging.WARNING,
    Severity.ERROR: logging.ERROR,
}
# Styles and scripts of the generated pages: site path → file shipped in this package.
_ASSET_DIR = Path(__file__).parent / "assets"
ASSETS = {
    f"assets/notesite/{path.name}": path
    for path in sorted(_ASSET_DIR.glob("*/*"))
    if path.suffix in (".css", ".js")
}

PREVIEWS_SCRIPT = "assets/notesite/previews.js"


@dataclass
class Generated:
    """What a build generated from notes, for the events after `on_files`."""

    note_pages: set[str] = field(default_factory=set)  # src_uri of each page made from a note
    note_files: list[NoteFile] = field(default_factory=list)  # with the site-wide pages
    outputs: list[str] = field(default_factory=list)  # every file generated from notes
    # Set in on_env: every file the build writes, and the URL of every page, in order.
    written: set[str] = field(default_factory=set)
    page_urls: list[str] = field(default_factory=list)


def link_assets(config: MkDocsConfig, previews: bool = True) -> None:
    """The generated pages' styles and scripts (the dashboard's, link previews' unless turned
    off), on every page."""
    for uri in ASSETS:
        if uri == PREVIEWS_SCRIPT and not previews:
            continue
        listed = config.extra_css if uri.endswith(".css") else config.extra_javascript
        if uri not in [str(item) for item in listed]:
            listed.append(uri)


def add_assets(files: Files, config: MkDocsConfig) -> None:
    """The shipped styles and scripts, and Mermaid (linked only from pages with a diagram)."""
    for uri, path in {**ASSETS, **DIAGRAM_FILES}.items():
        if files.get_file_from_path(uri) is None:  # a site may bring its own copy
            files.append(File.generated(config, uri, abs_src_path=str(path)))


def drop_theme_source_maps(files: Files, config: MkDocsConfig) -> None:
    """The theme's source maps left out of the site (Material's script and styles: 1.1 MB): they
    serve a developer debugging the theme's own code, and a reader's browser never fetches them.
    The site's own maps, in docs/ or its theme's custom_dir, stay."""
    own = [Path(folder) for folder in (config.docs_dir, config.theme.custom_dir) if folder]
    for file in [f for f in files if f.src_uri.endswith(".map")]:
        source = file.abs_src_path
        if source and not any(Path(source).is_relative_to(folder) for folder in own):
            files.remove(file)


def note_sources(files: Files, config: MkDocsConfig) -> list[File]:
    """The source notes among `files`, by the rule scripts/check_notes.py follows
    (notesite.read.vault): what can't be a note (a link out of docs/, dangling or looping, a
    folder named x.md) is named once and dropped."""
    docs = Path(config.docs_dir)
    _, skipped = find_notes(docs, NOTES_FOLDER.rstrip("/"))
    found = [f for f in files if f.src_uri.startswith(NOTES_FOLDER) and f.inclusion.is_included()]
    by_uri = note_file_problems(docs, [f.src_uri for f in found if not f.generated_by])
    problems = {f: by_uri[f.src_uri] for f in found if not f.generated_by}
    _log(list(dict.fromkeys([*skipped, *filter(None, problems.values())])))
    for file in [f for f, problem in problems.items() if problem]:
        files.remove(file)
    return [f for f in files.documentation_pages() if f.src_uri.startswith(NOTES_FOLDER)]


def build_notes(
    files: Files,
    config: MkDocsConfig,
    sources: list[File],
    options: SiteOptions,
    serve: ServeState,
    for_export: bool = False,
) -> NoteSite:
    """The notes through the core, once; what it has to say is logged, and a layout conflict or
    (when asked) a broken reference link stops the build."""
    settings = options.link_check
    base = Path(config.config_file_path).parent

    def statuses(urls: list[str]) -> Mapping[str, LinkResult]:
        return reference_statuses(urls, settings, base, may_use_network=not serve.serving)

    note_uris = {f.src_uri for f in sources}
    build = BuildOptions(
        other_files={f.dest_uri: f.src_uri for f in files if f.src_uri not in note_uris},
        source_link=_source_linker(config),
        statuses=statuses,
        directory_urls=config.use_directory_urls,
        html=options.html,
        today=build_date(),
        show_hidden_tags=options.show_hidden_tags,
        whole_note=options.whole_note,
        split_threshold=options.split_threshold,
        read=serve.reader(),
        planned=serve.plan_cache(),
        rendered=serve.page_cache(),
        labels=site_words(config, options.labels),
        changed=last_changes(Path(config.docs_dir), [f.src_uri for f in sources]),
        html_links_from_source=for_export,
        link_report=options.link_report,
    )
    try:
        site = build_site(Path(config.docs_dir), [f.src_uri for f in sources], build)
    except LayoutError as error:
        _log(error.plan.diagnostics)  # every message, as `notesite check` gives them
        raise PluginError(str(error)) from None
    notes = (layout.note for layout in site.layouts)
    _log(serve.worth_saying([*site.diagnostics, *broken_references(notes, site.link_results)]))
    failures = broken(site.link_results)
    if settings.fail_on_broken and failures:
        listed = "; ".join(f"{r.url} (HTTP {r.http_status})" for r in failures)
        raise PluginError(f"broken reference links: {listed}")
    return site


def publish_notes(
    files: Files,
    config: MkDocsConfig,
    sources: list[File],
    site: NoteSite,
    serve: ServeState,
    collector: SearchCollector | None,
    published_keys: tuple[str, ...] = (),
) -> Generated:
    """Replace each source note by its generated pages, then add the downloads and notes.json
    (with the front-matter keys `published_keys` besides its own list)."""
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
    if serve.dirty:
        # MkDocs names an ordinary page it skips None in the navigation: those are all rebuilt.
        for file in ordinary:
            Path(file.abs_dest_path).unlink(missing_ok=True)
    made = Generated()
    urls: dict[str, str] = {}
    converter = Converter(config, serve.conversions())
    for page, markdown, note_path in generated:
        # MkDocs types File.generated as making a File; it makes one of the class it is called on.
        file = cast(NoteFile, NoteFile.generated(config, page.src_uri, content=markdown))
        span = page.source_span
        # Generated files have no edit URI of their own: point "edit" at the note's lines.
        file.edit_uri = f"{url_path(note_path)}#L{span.start}-L{span.end}" if span and note_path else None
        file.key, file.written = digest(markdown, file.edit_uri or "", shared), serve.served.keys
        NotePage(file, config, converter, nav_titles.get(page.src_uri) or titles[page.src_uri])
        files.append(file)
        made.note_files.append(file)
        urls[page.src_uri] = file.url
        if note_path:
            made.note_pages.add(page.src_uri)
    # Site-wide pages (home, review, tags) hold our HTML around escaped text: left as made.
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
    base = Path(config.config_file_path).parent
    docs_dir = Path(os.path.relpath(config.docs_dir, base)).as_posix()
    published = site_index(site, urls, docs_dir, published_keys)
    index = json.dumps(published, ensure_ascii=False, separators=(",", ":")) + "\n"
    downloads.append(File.generated(config, "notes.json", content=index))
    for file in downloads:
        files.append(file)
    made.outputs = [file.abs_dest_path for file in [*made.note_files, *downloads]]
    return made


def _log(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        log.log(_LOG_LEVEL[diagnostic.severity], str(diagnostic))


def _source_linker(config: MkDocsConfig) -> SourceLinker:
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
