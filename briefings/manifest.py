"""`briefings.json`: what the site holds, for integrations. URLs are relative to the site root,
in the form the build uses (`en/briefings/x/` on the web, `en/briefings/x.html` offline)."""

from __future__ import annotations

from typing import Any

from .languages import language_name
from .model import Briefing, Site, Story
from .urls import (alternative_path, briefing_path, glossary_path, home_path, parallel_path,
                   tmx_path, url_for)


def manifest(site: Site, *, directory_urls: bool, offline: bool = False) -> dict[str, Any]:
    """`offline`: the bundle has no translation memory (TMX) to point at."""
    def url(src: str) -> str:
        return url_for(src, directory_urls=directory_urls)

    def version(briefing: Briefing, story: Story) -> dict[str, Any]:
        aligned = site.alignments.get(story.id)
        entry = {"title": briefing.title, "url": url(briefing_path(briefing.lang, story.id)),
                 "seed": briefing.seed,
                 "date": briefing.date.isoformat() if briefing.date else None,
                 "source": briefing.article.source}
        if aligned:
            entry["side_by_side"] = url(parallel_path(briefing.lang, story.id))
            if briefing.lang != story.original:  # share of the original's paragraphs
                entry["coverage"] = aligned.coverage[briefing.lang]
        return entry

    return {
        "languages": [{"code": c, "name": language_name(c), "url": url(home_path(c))}
                      for c in site.languages],
        "stories": [{"id": story.id, "formerly": list(story.formerly),
                     "original": story.original,
                     "date": story.date.isoformat() if story.date else None,
                     "translations": {lang: version(b, story)
                                      for lang, b in sorted(story.versions.items())},
                     **({"tmx": tmx_path(story.id)} if story.id in site.alignments
                        and not offline else {}),
                     "alternatives": [{"lang": b.lang, "title": b.title, "seed": b.seed,
                                       "url": url(alternative_path(b.lang, story.id, i))}
                                      for i, b in enumerate(story.alternatives)],
                     "grouping": story.reason}
                    for story in site.stories],
        "glossary": [{"id": c.id, "terms": {lang: e.term for lang, e in sorted(c.terms.items())},
                      "urls": {lang: url(glossary_path(lang, c.id))
                               for lang in site.languages if lang in c.terms}}
                     for c in site.termbase.concepts],
        "possible_translations": [{"seeds": [s.a, s.b], "languages": [s.lang_a, s.lang_b],
                                   "evidence": s.evidence} for s in site.suggestions],
        "rejected": [{"seed": p.file, "line": p.line, "reason": p.reason}
                     for p in site.problems if p.fatal and p.file.startswith("seeds/")],
        "warnings": [str(p) for p in site.problems if not p.fatal],
    }
