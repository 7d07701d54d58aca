"""MkDocs hook: thin, like Material's plugins; the work is done by `briefings.site_links`.

- `build.py` derives one MkDocs build per language and says so in `extra.briefings.build`.
- A plain `mkdocs serve` / `mkdocs build` from the project root has no such entry: the hook
  then runs the same pipeline as `build.py` (`briefings.preview`), writes only the Markdown
  that changed, and watches the seeds, the templates and the termbase.
"""

from __future__ import annotations

import logging
from pathlib import Path

from briefings import preview, search, site_links
from briefings.render import ALTERNATE_SITEMAPS, SEARCH_SCRIPT

log = logging.getLogger("mkdocs.plugins.briefings")


def on_config(config, **_):
    build = config.extra.get("briefings", {}).get("build")
    if build is None:
        build = preview.generate_for_preview(Path(config.config_file_path).parent,
                                             Path(config.docs_dir), log)
        config.extra.setdefault("briefings", {})["build"] = build
        if not config.nav:  # the preview's navigation: the landing page and each language
            config.nav = ["index.md"] + [
                {language["name"]: f"{language['code']}/index.md"}
                for language in build["languages"]]
    # Search answered by Pagefind behind Material's box (briefings.search), web and offline
    if not build.get("offline"):
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), ALTERNATE_SITEMAPS,
                                     SEARCH_SCRIPT]
    else:
        # Editing needs the network, and Material's repository facts would fetch them
        config.repo_url = config.edit_uri = None
        # Material's offline plugin adds a shim from unpkg.com; ours ships with the bundle.
        config.extra["polyfills"] = [
            script for script in config.extra.get("polyfills", [])
            if "iframe-worker" not in script] + [SEARCH_SCRIPT]
    return config


def on_serve(server, config, builder, **_):
    root = Path(config.config_file_path).parent
    for watched in ("seeds", "templates", "glossary"):
        if (root / watched).exists():
            server.watch(str(root / watched))
    return server


def on_startup(command, dirty, **_):
    preview.DIRTY = dirty  # `mkdocs serve --dirty`: each rebuild renders the changed pages only


def on_pre_build(config, **_):
    if preview.DIRTY and config.extra["briefings"]["build"].get("preview"):
        preview.SEARCH.forget_previous(config.plugins)


def on_page_context(context, page, config, nav, **_):
    build = config.extra["briefings"]["build"]
    if build.get("preview"):
        preview.SEARCH.page_rendered(page.url)
    context["briefings_switcher"] = site_links.switcher(page, build,
                                                        config.use_directory_urls)
    context["briefings_hreflang"] = site_links.hreflang(page, build, config.use_directory_urls)
    context["briefings_status"] = site_links.status_link(page, build, config.use_directory_urls)
    context["briefings_feed"] = site_links.feed_link(page, build)
    # Set here, after MkDocs derived it from the Markdown file, which is generated
    page.edit_url = site_links.edit_url(page, config.repo_url, config.edit_uri)
    return context


def on_post_build(config, **_):
    build = config.extra["briefings"]["build"]
    if build.get("preview"):
        preview.SEARCH.merge(Path(config.site_dir), dirty=preview.DIRTY)
    # Before Material's offline plugin inlines search_index.json into search_index.js
    search.index_site(Path(config.site_dir), offline=bool(build.get("offline")),
                      keep_lunr=bool(build.get("preview")))


def on_post_page(output, page, config, **_):
    build = config.extra["briefings"]["build"]
    output, missing = site_links.rewrite_site_links(output, page, build,
                                                    config.use_directory_urls)
    for target in missing:
        log.warning(f"Doc file '{page.file.src_uri}' links to '{target}', which was not "
                    "generated")
    return output
