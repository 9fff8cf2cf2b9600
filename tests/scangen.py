"""Scanned statement PDFs for the OCR tests and benchmark: text drawn as pixels, no text layer.

    clean = make_scan(TEXTS["fr"], dpi=300)                    # a clean 300 dpi scan
    noisy = make_scan(TEXTS["en"], dpi=200, noisy=True)        # grain, skew, stamp, signature
    pdf = scan_pdf([clean, noisy], path)                       # one page per image

Everything is seeded, so a scan is the same on every run and machine (Pillow only; the font is
reportlab's Bitstream Vera, which has the Latin-1 accents).  The pages are small (a statement
excerpt of a few lines on a page A4 wide and a few inches high) to keep OCR quick.
"""

from __future__ import annotations

import io
import os
import random
from collections.abc import Sequence
from pathlib import Path

from docgen import font_path, wrap

# Statement excerpts: each is the exact text drawn on the page (one paragraph per string).
TEXTS: dict[str, list[str]] = {
    "en": [
        "Mr. President, my delegation thanks the Secretary-General for his report on the "
        "responsibility to protect and for convening this interactive dialogue.",
        "States bear the primary responsibility to protect their populations from genocide, "
        "war crimes, ethnic cleansing and crimes against humanity. Early warning must lead "
        "to early action, and the Council should not remain silent when atrocities loom.",
    ],
    "fr": [
        "Monsieur le Président, ma délégation remercie le Secrétaire général de son rapport "
        "sur la responsabilité de protéger et de la tenue de ce dialogue interactif.",
        "Chaque État a la responsabilité première de protéger ses populations contre le "
        "génocide, les crimes de guerre, le nettoyage ethnique et les crimes contre "
        "l'humanité. L'alerte rapide doit conduire à une action précoce et résolue.",
    ],
    "es": [
        "Señor Presidente, mi delegación agradece al Secretario General su informe sobre la "
        "responsabilidad de proteger y la celebración de este diálogo interactivo.",
        "Cada Estado tiene la responsabilidad primordial de proteger a su población del "
        "genocidio, los crímenes de guerra, la depuración étnica y los crímenes de lesa "
        "humanidad. La alerta temprana debe traducirse en una acción oportuna y decidida.",
    ],
}

PAGE_WIDTH_IN = 8.27  # A4 width
MARGIN_IN = 0.9
FONT_PT = 12


def _font(size_px: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(font_path("Vera.ttf")), size_px)


def make_scan(paragraphs: Sequence[str], *, dpi: int = 300, noisy: bool = False,
              seed: int = 16, height_in: float | None = None):
    """A grey page image (PIL) with ``paragraphs`` typeset at 12 pt; ``noisy`` adds what a
    cheap office scan has: grain, a 0.5-1.5 degree skew, a rubber stamp, a signature, blur."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    size_px = round(FONT_PT / 72 * dpi)
    leading = round(size_px * 1.45)
    margin = round(MARGIN_IN * dpi)
    width = round(PAGE_WIDTH_IN * dpi)
    font = _font(size_px)
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    blocks = [wrap(p, width - 2 * margin, lambda s: probe.textlength(s, font=font))
              for p in paragraphs]
    text_h = sum(len(b) * leading for b in blocks) + leading * max(0, len(blocks) - 1)
    extra = round(1.2 * dpi) if noisy else 0  # room below the text for stamp and signature
    height = round(height_in * dpi) if height_in else margin * 2 + text_h + extra
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = margin
    for block in blocks:
        for line in block:
            draw.text((margin, y), line, fill=0, font=font)
            y += leading
        y += leading
    if not noisy:
        return image
    _stamp(image, rng, dpi, x=width - margin - round(1.6 * dpi), y=y + round(0.05 * dpi))
    _signature(image, rng, dpi, x=margin, y=y + round(0.35 * dpi))
    angle = rng.choice((-1, 1)) * rng.uniform(0.5, 1.5)
    image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    return _grain(image, rng)


def _stamp(image, rng: random.Random, dpi: int, x: int, y: int) -> None:
    """A round rubber stamp in grey ink, rotated, ink uneven."""
    from PIL import Image, ImageDraw

    d = round(1.1 * dpi)
    stamp = Image.new("L", (d, d), 0)
    draw = ImageDraw.Draw(stamp)
    w = max(3, dpi // 60)
    draw.ellipse((w, w, d - w, d - w), outline=255, width=w)
    draw.ellipse((d // 6, d // 6, d - d // 6, d - d // 6), outline=255, width=max(2, w // 2))
    cx = d // 2
    draw.polygon([(cx + round(d * 0.18 * a), cx + round(d * 0.18 * b)) for a, b in
                  ((0, -1), (0.3, -0.3), (1, -0.3), (0.45, 0.15), (0.6, 0.9), (0, 0.4),
                   (-0.6, 0.9), (-0.45, 0.15), (-1, -0.3), (-0.3, -0.3))], fill=255)
    stamp = stamp.rotate(rng.uniform(-30, 30), resample=Image.BICUBIC)
    for _ in range(d * d // 40):  # uneven ink: holes in the mask
        px, py = rng.randrange(d), rng.randrange(d)
        stamp.putpixel((px, py), 0)
    ink = Image.new("L", stamp.size, 110)
    image.paste(ink, (x, y), stamp)


def _signature(image, rng: random.Random, dpi: int, x: int, y: int) -> None:
    """A handwritten-looking scribble: a few loops of a thick pen."""
    import math

    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    w = round(1.8 * dpi)
    h = round(0.35 * dpi)
    points = []
    loops = rng.randint(4, 6)
    for i in range(200):
        t = i / 199
        px = x + t * w + math.sin(t * loops * 2 * math.pi) * h * 0.25
        py = y + h / 2 + math.cos(t * loops * 2 * math.pi + rng.uniform(-0.2, 0.2)) * h * 0.45
        points.append((px, py * 1.0 - t * h * 0.3))
    draw.line(points, fill=30, width=max(2, dpi // 70), joint="curve")
    draw.line([(x, y + h * 1.1), (x + w * 1.05, y + h * 0.9)], fill=30, width=max(2, dpi // 90))


def _grain(image, rng: random.Random):
    """Gaussian grain, dust specks and a slight blur, as a scanner adds."""
    from PIL import Image, ImageChops, ImageFilter

    def uniform():
        return Image.frombytes("L", image.size, rng.randbytes(image.size[0] * image.size[1]))

    # The mean of three uniform images is close to normal (Irwin-Hall): mean 128, sd 42.5,
    # scaled to sd 28.  (Image.effect_noise would do, but it cannot be seeded.)
    noise = Image.blend(Image.blend(uniform(), uniform(), 0.5), uniform(), 1 / 3)
    noise = noise.point(lambda v: max(0, min(255, round(128 + (v - 128) * 0.66))))
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    pixels = image.load()
    w, h = image.size
    for _ in range(w * h // 4000):  # dust: small dark specks
        px, py = rng.randrange(1, w - 1), rng.randrange(1, h - 1)
        pixels[px, py] = rng.randrange(0, 90)
    return image.filter(ImageFilter.GaussianBlur(0.6))


def scan_pdf(images: Sequence, path: str | os.PathLike[str] | None = None, *,
             dpi: int | Sequence[int] = 300, jpeg: bool = False,
             password: str | None = None) -> bytes:
    """An image-only PDF, one page per image, each page the size of its image at ``dpi``;
    ``jpeg`` stores the images as JPEG (as most scanners do), ``password`` encrypts it."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    dpis = [dpi] * len(images) if isinstance(dpi, int) else list(dpi)
    buf = io.BytesIO()
    encrypt = None
    if password:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(password, canPrint=0)
    c = canvas.Canvas(buf, invariant=1, encrypt=encrypt)
    for image, res in zip(images, dpis, strict=True):
        w, h = image.size[0] * 72 / res, image.size[1] * 72 / res
        c.setPageSize((w, h))
        if jpeg:
            data = io.BytesIO()
            image.save(data, "JPEG", quality=80)
            data.seek(0)
            image = ImageReader(data)
        else:
            image = ImageReader(image)
        c.drawImage(image, 0, 0, width=w, height=h)
        c.showPage()
    c.save()
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def blank_scan(dpi: int = 200):
    """An empty page as a scanner sees it: faint grain, nothing written."""
    from PIL import Image

    image = Image.new("L", (round(PAGE_WIDTH_IN * dpi), round(3 * dpi)), 250)
    return _grain(image, random.Random(1))


def reference(paragraphs: Sequence[str]) -> str:
    """The text a perfect OCR gives, whitespace normalised (what CER is measured against)."""
    return normalise(" ".join(paragraphs))


def normalise(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions all cost 1)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(recognised: str, paragraphs: Sequence[str]) -> float:
    """Character error rate of ``recognised`` against the drawn ``paragraphs``."""
    ref = reference(paragraphs)
    return edit_distance(normalise(recognised), ref) / len(ref)


def damaged(pdf: bytes, at: int = 200, length: int = 256) -> bytes:
    """``pdf`` with bytes of its first image stream overwritten: the file still parses, the
    picture does not decode (a scan damaged in storage or transfer)."""
    start = pdf.index(b"stream\n") + len(b"stream\n") + at
    return pdf[:start] + b"A" * length + pdf[start + length:]
