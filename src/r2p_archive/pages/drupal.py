"""Drupal 7 sites (the Global Centre until 2019, many missions' sites).

The ``<body>`` carries layout classes such as ``sidebar-second`` or ``one-sidebar``: they
describe the page, not chrome (the boilerplate module never skips ``body``).  Chrome of these
themes: ``region-sidebar-first`` / ``region-sidebar-second`` blocks ("Latest News", R2P
Monitor), ``block-menu``, the language switcher, the ``submitted`` line, print and AddToAny
links, ``field-name-field-related-*`` references.  Statements are in the node's body or in a
``views-table`` of a view (a block of ``region-content`` or a viewfield of the node).
"""

from __future__ import annotations

import re

from r2p_archive.models import PlannedStatement
from r2p_archive.pages import Document, generic

NAME = "drupal"
SITE = generic.Site(
    chrome=frozenset({"region-sidebar-first", "region-sidebar-second", "block-menu",
                      "block-menu-block", "language-switcher-locale-url", "element-invisible",
                      "tabs", "print_html", "print-page", "submitted", "field-name-field-tags"}))
_MARKS = re.compile(rb"Drupal\.settings|content=\"Drupal|/sites/(?:all|default)/(?:themes|"
                    rb"modules|files)/|class=\"html [^\"]*page-node", re.IGNORECASE)


def suitable(url: str, document: Document) -> bool:
    return generic.is_html(document) and _MARKS.search(document.data[:200_000]) is not None


def plan(document: Document, year: int | None) -> list[PlannedStatement]:
    return generic.plan(document, year, SITE)
