"""Undo a response's ``Content-Encoding`` ourselves, so that a compressed body cut short is seen.

urllib3 hands over whatever it could decode from a gzip stream that ends early and raises
nothing; its decoder's state is private.  So the download reads the raw bytes
(``decode_content=False``) and decodes gzip and deflate here with :mod:`zlib`, whose
``eof`` tells whether the compressed stream really ended.  The raw body is read
:data:`RAW_PIECE` bytes at a time: deflate expands at most about 1,000 times, so one step
decodes to at most about 8 MB and the download's size limit stops a decompression bomb early.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import requests

RAW_PIECE = 8 * 1024
GZIP_HEADER = 10  # bytes: past them, zlib has checked the magic and method of a member


class CorruptBody(Exception):
    """The compressed body does not decode, or ends before its compressed stream does."""


class Decoder:
    """gzip (several members, as urllib3 accepts them) or deflate (zlib-wrapped or raw)."""

    def __init__(self, encoding: str):
        self.gzip = encoding in ("gzip", "x-gzip")
        self._wbits = 16 + zlib.MAX_WBITS if self.gzip else zlib.MAX_WBITS
        self._obj = zlib.decompressobj(self._wbits)
        self._first_member = True
        self._member_bytes = 0  # bytes fed to the current member after the first
        # deflate: the bytes before the first output, to retry them as raw deflate
        self._seen: bytes | None = b""
        self._done = False  # gzip: what follows the members is ignored (trailing garbage)

    def decompress(self, data: bytes) -> bytes:
        if self._done or not data:
            return b""
        if not self.gzip:
            return self._deflate(data)
        out = []
        while data:
            if not self._first_member:
                self._member_bytes += len(data)
            try:
                out.append(self._obj.decompress(data))
            except zlib.error as exc:
                if self._first_member:
                    raise CorruptBody(str(exc)) from exc
                self._done = True  # garbage after a whole member: urllib3 ignores it too
                break
            data = self._obj.unused_data
            if not self._obj.eof:
                break
            if data:  # another gzip member follows
                self._obj = zlib.decompressobj(self._wbits)
                self._first_member, self._member_bytes = False, 0
        return b"".join(out)

    def _deflate(self, data: bytes) -> bytes:
        if self._seen is not None:
            self._seen += data
        try:
            out = self._obj.decompress(data)
        except zlib.error as exc:
            if self._seen is None or self._wbits < 0:
                raise CorruptBody(str(exc)) from exc
            # Many servers send raw deflate under "deflate": start over without the zlib header.
            self._wbits = -zlib.MAX_WBITS
            self._obj = zlib.decompressobj(self._wbits)
            data, self._seen = self._seen, None
            try:
                return self._obj.decompress(data)
            except zlib.error as exc2:
                raise CorruptBody(str(exc2)) from exc2
        if out:
            self._seen = None
        return out

    def finish(self) -> bytes:
        """The last bytes; CorruptBody when a compressed stream did not end: the first, or a
        later gzip member past its header (a few stray bytes after a member are ignored)."""
        if self._done:
            return b""
        tail = self._obj.flush()
        started = self._first_member or not self.gzip or self._member_bytes >= GZIP_HEADER
        if not self._obj.eof and started:
            raise CorruptBody("compressed stream cut short")
        return tail


def decoder_for(resp: requests.Response) -> Decoder | None:
    """A decoder for the response's Content-Encoding when it is gzip or deflate, else None
    (no encoding, or one urllib3 decodes itself, such as br or several stacked ones)."""
    encoding = (resp.headers.get("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        return Decoder(encoding)
    return None


def raw_chunks(resp: requests.Response, size: int) -> Iterator[bytes]:
    """The undecoded body, with urllib3's errors turned into requests' ones as
    ``Response.iter_content`` does."""
    from urllib3.exceptions import ProtocolError, ReadTimeoutError, SSLError

    try:
        yield from resp.raw.stream(size, decode_content=False)
    except ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from exc
    except ReadTimeoutError as exc:
        raise requests.exceptions.ConnectionError(exc) from exc
    except SSLError as exc:
        raise requests.exceptions.SSLError(exc) from exc


def body_chunks(resp: requests.Response, size: int) -> Iterator[bytes]:
    """The decoded body; CorruptBody for a gzip/deflate body that is corrupt or cut short."""
    decoder = decoder_for(resp)
    if decoder is None:
        yield from resp.iter_content(size)
        return
    for chunk in raw_chunks(resp, min(size, RAW_PIECE)):
        out = decoder.decompress(chunk)
        if out:
            yield out
    tail = decoder.finish()
    if tail:
        yield tail
