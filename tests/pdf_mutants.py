"""A seeded generator of malformed PDFs for the bad-documents reliability test.

``mutants(seed)`` returns ``(name, bytes)`` pairs, the same bytes for the same seed: valid
PDFs cut at random points or with random bits flipped, hand-built PDFs with objects nested
100,000 deep, streams that declare a huge /Length, object streams and page trees that point
at themselves, xref chains that loop, encrypted PDFs whose password nobody knows, empty files
and random bytes behind a ``%PDF`` header.  The texts are invented for the tests.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from docgen import make_pdf

PARAGRAPHS = [
    "The delegation of Arcadia thanks the President for convening this dialogue.",
    "Prevention begins with institutions that listen to every community in the country.",
    "Early warning must lead to early action, and the Assembly should say so each year.",
]


def build_pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"",
              startxref: int | None = None) -> bytes:
    """A PDF from raw object bodies (object n is ``objects[n - 1]``) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root %d 0 R " % (len(objects) + 1, root) + trailer_extra
            + b">>\nstartxref\n%d\n%%%%EOF\n" % (xref if startxref is None else startxref))
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", length: bytes | None = None) -> bytes:
    declared = length if length is not None else str(len(data)).encode()
    return b"<< /Length " + declared + b" " + extra + b">>\nstream\n" + data + b"\nendstream"


def _page_objects(content: bytes, length: bytes | None = None) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content, length=length),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


_TEXT_OPS = b"BT /F1 12 Tf 72 760 Td (Arcadia supports prevention and early warning.) Tj ET"


def plain() -> bytes:
    """A tiny valid hand-built PDF (the base of the structural mutants)."""
    return build_pdf(_page_objects(_TEXT_OPS))


def nested_arrays(depth: int) -> bytes:
    return build_pdf(_page_objects(_TEXT_OPS) + [b"[" * depth + b"0" + b"]" * depth])


def nested_dicts(depth: int) -> bytes:
    body = b"<< /A " * depth + b"1" + b" >>" * depth
    objs = _page_objects(_TEXT_OPS)
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R /Deep 6 0 R >>"
    return build_pdf(objs + [body])


def nested_content(depth: int) -> bytes:
    """A content stream whose operands are arrays nested ``depth`` deep."""
    return build_pdf(_page_objects(b"BT /F1 12 Tf " + b"[" * depth + b"(x)" + b"]" * depth
                                   + b" TJ ET"))


def huge_length(declared: int) -> bytes:
    return build_pdf(_page_objects(_TEXT_OPS, length=str(declared).encode()))


def self_length() -> bytes:
    """A stream whose /Length is a reference to the stream object itself."""
    return build_pdf(_page_objects(_TEXT_OPS, length=b"4 0 R"))


def self_object_stream() -> bytes:
    """An object stream that extends itself and holds the page's own contents."""
    inner = b"4 0 " + _TEXT_OPS
    objs = _page_objects(_TEXT_OPS)
    objs[3] = _stream(inner, b"/Type /ObjStm /N 1 /First 4 /Extends 4 0 R ")
    return build_pdf(objs)


def page_tree_cycle() -> bytes:
    objs = _page_objects(_TEXT_OPS)
    objs[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Parent 2 0 R >>"
    return build_pdf(objs)


def xref_loop() -> bytes:
    """An xref section whose /Prev points at itself."""
    data = plain()
    xref = data.rindex(b"xref\n")
    return build_pdf(_page_objects(_TEXT_OPS), trailer_extra=b"/Prev %d " % xref)


def bad_startxref(rng: random.Random) -> bytes:
    return build_pdf(_page_objects(_TEXT_OPS), startxref=rng.randrange(0, 10**9))


def truncated_at(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def bit_flipped(data: bytes, rng: random.Random, flips: int) -> bytes:
    out = bytearray(data)
    for _ in range(flips):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def random_body(rng: random.Random, size: int) -> bytes:
    return b"%PDF-1.4\n" + rng.randbytes(size)


def mutants(seed: int = 2015) -> list[tuple[str, bytes]]:
    """At least 200 malformed PDFs, deterministic for ``seed``."""
    rng = random.Random(seed)
    text_pdf = make_pdf(None, paragraphs=PARAGRAPHS, header="Statement by Arcadia",
                        footer="Page {page} of {pages}")
    bases = {"reportlab": text_pdf, "handmade": plain()}
    out: list[tuple[str, bytes]] = []
    for base_name, base in bases.items():
        for i in range(40):
            out.append((f"truncated-{base_name}-{i}", truncated_at(base, rng)))
        for i in range(40):
            out.append((f"bitflip-{base_name}-{i}", bit_flipped(base, rng, rng.choice(
                (1, 4, 32, 256)))))
    builders: list[tuple[str, Callable[[], bytes]]] = [
        ("nested-arrays-100k", lambda: nested_arrays(100_000)),
        ("nested-arrays-5k", lambda: nested_arrays(5_000)),
        ("nested-dicts-100k", lambda: nested_dicts(100_000)),
        ("nested-dicts-5k", lambda: nested_dicts(5_000)),
        ("nested-content-100k", lambda: nested_content(100_000)),
        ("huge-length-1e12", lambda: huge_length(10**12)),
        ("huge-length-2e9", lambda: huge_length(2**31 + 7)),
        ("huge-length-negative", lambda: huge_length(-5)),
        ("self-length", self_length),
        ("self-object-stream", self_object_stream),
        ("page-tree-cycle", page_tree_cycle),
        ("xref-loop", xref_loop),
        ("zero-bytes", lambda: b""),
        ("header-only", lambda: b"%PDF-1.7\n"),
        ("encrypted-unknown-password", lambda: make_pdf(
            None, paragraphs=PARAGRAPHS, encrypt=("only-the-author-knows", "owner-secret"))),
    ]
    for name, build in builders:
        out.append((name, build()))
    for i in range(10):
        out.append((f"bad-startxref-{i}", bad_startxref(rng)))
    for i in range(25):
        out.append((f"random-{i}", random_body(rng, rng.choice((0, 10, 1000, 50_000)))))
    for i in range(10):  # structural damage on top of truncation
        out.append((f"truncated-nested-{i}", truncated_at(nested_arrays(2_000), rng)))
    return out
