"""MkDocs hook: thin, like Material's plugins; the work is done by `briefings.site_links`.

- `build.py` derives one MkDocs build per language and says what the hook needs in
  `extra.briefings.build` (`briefings.settings.BuildSettings`, the one contract between them).
- A plain `mkdocs serve` / `mkdocs build` from the project root has no such entry: the hook
  then runs the same pipeline as `build.py` (`briefings.preview`), writes only the Markdown
  that changed, and watches the seeds, the templates and the termbase.
"""

from __future__ import annotations

import logging
from pathlib import Path

from briefings import preview, search, site_links
from briefings.compiled import COMPILED
from briefings.memory import give_back_memory
from briefings.settings import BuildSettings
from briefings.urls import ALTERNATE_SITEMAPS, LANDING, SEARCH_SCRIPT, home_path

log = logging.getLogger("mkdocs.plugins.briefings")


def _build(config) -> BuildSettings:
    return config.extra["briefings"]["build"]


def on_config(config, **_):
    briefings = config.extra.setdefault("briefings", {})
    if briefings.get("build") is None:
        build = preview.session().generate(Path(config.config_file_path).parent,
                                           Path(config.docs_dir), log)
        if not config.nav:  # the preview's navigation: the landing page and each language
            config.nav = [LANDING] + [{language.name: home_path(language.code)}
                                      for language in build.languages]
    else:
        build = BuildSettings.of(briefings["build"])
    briefings["build"] = build
    briefings["targets"] = site_links.Targets(build.root)  # for this build's link checks
    # Search answered by Pagefind behind Material's box (briefings.search). What the offline
    # bundle does without is taken out of these pages afterwards (briefings.offline).
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), ALTERNATE_SITEMAPS,
                                 SEARCH_SCRIPT]
    return config


def on_serve(server, config, builder, **_):
    root = Path(config.config_file_path).parent
    # The Markdown is what the hook writes at each rebuild, not what an editor edits:
    # watched, each rebuild would start another one (every edit built twice)
    try:
        server.unwatch(config.docs_dir)
    except KeyError:
        pass
    how = preview.watch(server, [root / watched for watched in ("seeds", "templates", "glossary")
                                 if (root / watched).exists()], log)
    log.debug(f"briefings: seeds, templates and glossary watched by {how}")
    return server


def on_startup(command, dirty, **_):
    hint = preview.session().start(command, dirty=dirty)
    if hint:
        log.info(hint)


def on_env(env, **_):
    env.bytecode_cache = COMPILED  # Material's templates compiled once per process
    return env


def on_page_markdown(markdown, page, **_):
    # Pagefind answers the search box (briefings.search): Material's lunr plugin, kept for
    # its box, indexes no page (it cost a sixth of each build to index what was thrown away)
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_page_context(context, page, config, nav, **_):
    build = _build(config)
    context["briefings_switcher"] = site_links.switcher(page, build,
                                                        config.use_directory_urls)
    context["briefings_hreflang"] = site_links.hreflang(page, build, config.use_directory_urls)
    context["briefings_status"] = site_links.status_link(page, build, config.use_directory_urls)
    context["briefings_feed"] = site_links.feed_link(page, build)
    context["briefings_page_language"] = site_links.page_language(page)
    # Set here, after MkDocs derived it from the Markdown file, which is generated
    page.edit_url = site_links.edit_url(page, config.repo_url, config.edit_uri)
    return context


def on_post_build(config, **_):
    if _build(config).preview:  # indexed beside the served preview, not before it shows
        preview.session().after_build(Path(config.site_dir), log,
                                      _build(config).search_part_pages)
    else:  # the offline bundle's index is made from the bundle's pages (briefings.offline)
        give_back_memory()  # the pages' (`on_post_page`), while Pagefind holds them all
        search.index_site(Path(config.site_dir), offline=False,
                          part_pages=_build(config).search_part_pages)


def on_post_page(output, page, config, **_):
    output, missing = site_links.rewrite_site_links(
        output, page, _build(config), config.extra["briefings"]["targets"],
        config.use_directory_urls)
    for target in missing:
        log.warning(f"Doc file '{page.file.src_uri}' links to '{target}', which was not "
                    "generated")
    # MkDocs writes the page next and reads its HTML and Markdown no more: released here, they
    # do not stay through the rest of the build and Pagefind (`on_post_build`)
    page.content = page.markdown = None
    return output
