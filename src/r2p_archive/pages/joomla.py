"""Joomla 1.5 / 2.5 sites (the International Coalition's ``index.php/component/content/
article/...`` pages and their print views ``?tmpl=component&print=1``).

Chrome of these templates: module positions (``moduletable``, ``moduletable_menu``), the
language switch (``mod-languages``, ``index.php/espanol``), "Latest news" (``latestnews``),
"Member Sign In", the article's print / e-mail icons and its ``pagenav``.  The article is
``div.item-page`` (2.5) or the ``table.contentpaneopen`` after ``td.contentheading`` (1.5).
"""

from __future__ import annotations

import re

from r2p_archive.models import PlannedStatement
from r2p_archive.pages import Document, generic

NAME = "joomla"
SITE = generic.Site(
    content=("//div[contains(concat(' ', normalize-space(@class), ' '), ' item-page ')]",),
    chrome=frozenset({"moduletable", "moduletable_menu", "mod-languages", "lang-inline",
                      "latestnews", "membersignin", "buttonheading", "article-info",
                      "article_separator", "pagenav", "actions", "leftcol", "rightcol"}))
_MARKS = re.compile(rb"content=\"Joomla!|/media/system/js/|class=\"(?:moduletable|contentpane|"
                    rb"contentheading|item-page)", re.IGNORECASE)


def suitable(url: str, document: Document) -> bool:
    if not generic.is_html(document):
        return False
    return ("/index.php/component/content/" in url or "option=com_content" in url
            or _MARKS.search(document.data[:200_000]) is not None)


def plan(document: Document, year: int | None) -> list[PlannedStatement]:
    return generic.plan(document, year, SITE)
