"""A whole dialogue as a fixture web site: a dialogue page plus N generated statements.

Used by the reliability tests, the benchmarks and the README demo.  Documents are a mix of
PDF (English, Spanish, French), DOCX and mission web pages, with invented texts built from
a few sentence templates, so every run serves the same bytes.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from docgen import make_docx, make_html, make_pdf

STATES = [
    ("Argentina", "ARG"), ("Australia", "AUS"), ("Austria", "AUT"), ("Bangladesh", "BGD"),
    ("Belgium", "BEL"), ("Botswana", "BWA"), ("Brazil", "BRA"), ("Bulgaria", "BGR"),
    ("Canada", "CAN"), ("Chile", "CHL"), ("China", "CHN"), ("Colombia", "COL"),
    ("Costa Rica", "CRI"), ("Croatia", "HRV"), ("Cuba", "CUB"), ("Cyprus", "CYP"),
    ("Denmark", "DNK"), ("Ecuador", "ECU"), ("Egypt", "EGY"), ("Estonia", "EST"),
    ("Ethiopia", "ETH"), ("Finland", "FIN"), ("France", "FRA"), ("Gabon", "GAB"),
    ("Georgia", "GEO"), ("Germany", "DEU"), ("Ghana", "GHA"), ("Greece", "GRC"),
    ("Guatemala", "GTM"), ("Hungary", "HUN"), ("Iceland", "ISL"), ("India", "IND"),
    ("Indonesia", "IDN"), ("Ireland", "IRL"), ("Italy", "ITA"), ("Jamaica", "JAM"),
    ("Japan", "JPN"), ("Jordan", "JOR"), ("Kenya", "KEN"), ("Latvia", "LVA"),
    ("Lebanon", "LBN"), ("Lithuania", "LTU"), ("Luxembourg", "LUX"), ("Malaysia", "MYS"),
    ("Mali", "MLI"), ("Malta", "MLT"), ("Mexico", "MEX"), ("Mongolia", "MNG"),
    ("Morocco", "MAR"), ("Namibia", "NAM"), ("Nepal", "NPL"), ("New Zealand", "NZL"),
    ("Nigeria", "NGA"), ("Norway", "NOR"), ("Pakistan", "PAK"), ("Panama", "PAN"),
    ("Paraguay", "PRY"), ("Peru", "PER"), ("Philippines", "PHL"), ("Poland", "POL"),
    ("Portugal", "PRT"), ("Qatar", "QAT"), ("Romania", "ROU"), ("Rwanda", "RWA"),
    ("Senegal", "SEN"), ("Singapore", "SGP"), ("Slovakia", "SVK"), ("Slovenia", "SVN"),
    ("South Africa", "ZAF"), ("Spain", "ESP"), ("Sweden", "SWE"), ("Switzerland", "CHE"),
    ("Thailand", "THA"), ("Togo", "TGO"), ("Tunisia", "TUN"), ("Uganda", "UGA"),
    ("Ukraine", "UKR"), ("Uruguay", "URY"), ("Zambia", "ZMB"), ("Zimbabwe", "ZWE"),
]

EN = [
    "{name} thanks the Secretary-General for a report that puts prevention first.",
    "Every State bears the primary responsibility to protect its population from atrocity "
    "crimes, and {name} has built national mechanisms to honour it.",
    "Early warning only matters when it leads to early action, and the veto must never stand "
    "in the way when populations face genocide or ethnic cleansing.",
    "{name} supports the Office of the Special Advisers and calls for a formal agenda item.",
]
ES = [
    "{name} agradece al Secretario General un informe que coloca la prevención en el centro.",
    "Cada Estado tiene la responsabilidad primordial de proteger a su población, y la "
    "cooperación regional fortalece esa obligación.",
    "La alerta temprana sólo sirve si conduce a una acción temprana y eficaz.",
]
FR = [
    "{name} remercie le Secrétaire général pour un rapport consacré à la prévention.",
    "Chaque État a la responsabilité première de protéger sa population contre les crimes "
    "d'atrocité, et le véto ne doit jamais bloquer une réponse rapide.",
    "La société civile joue un rôle essentiel dans l'alerte précoce.",
]


@dataclass
class Dialogue:
    page_url: str
    year: int
    docs: dict[str, str] = field(default_factory=dict)  # speaker -> document URL
    kinds: dict[str, str] = field(default_factory=dict)  # speaker -> pdf/docx/html
    languages: dict[str, str] = field(default_factory=dict)  # speaker -> en/es/fr


def _document(kind: str, lang: str, name: str) -> tuple[bytes, str]:
    sentences = {"en": EN, "es": ES, "fr": FR}[lang]
    paragraphs = [s.format(name=name) for s in sentences]
    if kind == "docx":
        return make_docx(paragraphs), (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    if kind == "html":
        return make_html(paragraphs, title=f"Statement by {name}", lang=lang), "text/html"
    return make_pdf(None, paragraphs=paragraphs, header=f"Statement by {name}",
                    footer="Page {page} of {pages}"), "application/pdf"


def serve_dialogue(site, n: int = 60, *, year: int = 2015, latency: float = 0.0,
                   seed: int = 7, etags: bool = True) -> Dialogue:
    """Put a dialogue of ``n`` statements on ``site`` (a siteserver.Site)."""
    rng = random.Random(seed)
    dialogue = Dialogue(page_url="", year=year)
    items = []
    for i in range(n):
        name, iso3 = STATES[i % len(STATES)]
        if i >= len(STATES):
            name = f"{name} (second statement {i // len(STATES)})"
        roll = rng.random()
        kind = "docx" if roll < 0.1 else "html" if roll < 0.2 else "pdf"
        lang = "es" if 0.2 <= roll < 0.27 else "fr" if 0.27 <= roll < 0.32 else "en"
        body, ctype = _document(kind, lang, name.split(" (")[0])
        ext = {"pdf": "pdf", "docx": "docx", "html": "html"}[kind]
        path = f"/statements/{year}/{iso3.lower()}-{i}.{ext}"
        etag = f'"{iso3}-{i}"'

        url = site.add(path, body, content_type=ctype, delay=latency,
                       headers={"ETag": etag} if etags else None)
        dialogue.docs[name] = url
        dialogue.kinds[name] = kind
        dialogue.languages[name] = lang
        note = {"es": " (in Spanish)", "fr": " (in French)"}.get(lang, "")
        items.append(f'<li><a href="{url}">{name.split(" (")[0]}</a>{note}</li>')
    page = (
        "<html><head><meta charset='utf-8'><title>General Assembly dialogue</title></head>"
        "<body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav><article>"
        f"<h1>General Assembly holds its dialogue on the responsibility to protect</h1>"
        f"<p>On 8 September {year}, the General Assembly held an informal interactive "
        "dialogue on the responsibility to protect.</p>"
        f"<h2>Statements</h2><ul>{''.join(items)}</ul></article>"
        "<footer><a href='/contact'>Contact</a></footer></body></html>"
    )
    dialogue.page_url = site.add("/dialogue.html", page, content_type="text/html; charset=utf-8")
    return dialogue


def main() -> None:
    """Serve a demo dialogue on loopback until Ctrl-C: `python tests/fixture_site.py`."""
    import argparse

    from siteserver import SiteServer

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("-n", type=int, default=24, help="statements in the dialogue")
    ap.add_argument("--year", type=int, default=2015)
    args = ap.parse_args()
    server = SiteServer()
    dialogue = serve_dialogue(server.site(), args.n, year=args.year)
    print(dialogue.page_url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.close()


if __name__ == "__main__":
    main()
