"""WordPress sites with block markup (the Global Centre since 2019).

Statements are ``wp-block-file`` blocks (a link named after the speaker and a "Download"
button to the same file, which collapse into one statement), often inside accordions
(``wp-block-pb-accordion-item``, ``c-accordion__content``) or a ``wp-block-table``.  Chrome:
the ``widget-area`` sidebar, ``entry-meta`` (posted on / by), ``entry-footer`` (categories,
tags), share buttons (``sharedaddy``, ``addtoany``), related posts, post navigation.
"""

from __future__ import annotations

import re

from r2p_archive.models import PlannedStatement
from r2p_archive.pages import Document, generic

NAME = "wordpress"
SITE = generic.Site(
    chrome=frozenset({"widget-area", "entry-meta", "entry-footer", "post-navigation",
                      "nav-links", "jp-relatedposts", "sharedaddy", "addtoany_share_save_container",
                      "wp-block-file__button", "wp-block-social-links", "site-info"}))
_MARKS = re.compile(rb"/wp-content/|/wp-includes/|class=\"[^\"]*wp-block-|content=\"WordPress",
                    re.IGNORECASE)


def suitable(url: str, document: Document) -> bool:
    return generic.is_html(document) and _MARKS.search(document.data[:300_000]) is not None


def plan(document: Document, year: int | None) -> list[PlannedStatement]:
    return generic.plan(document, year, SITE)
