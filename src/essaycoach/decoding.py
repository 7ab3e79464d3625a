"""Bytes a user handed over (an upload, a file) as text, or a clear error saying why not."""
from __future__ import annotations

from .errors import EssayInputError


def decode_text(data: bytes, origin: str) -> str:
    """Decode uploaded bytes as text; binary data or an unknown encoding raises a clear error."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise EssayInputError(f"{origin}: is not valid UTF-16 text; save it as UTF-8") from None
    if b"\x00" in data[:4096]:
        raise EssayInputError(f"{origin}: looks like a binary file, not text; save it as .txt or .docx")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # Word on Windows; the common non-UTF-8 case
        except UnicodeDecodeError:
            raise EssayInputError(f"{origin}: is not UTF-8 text and could not be read in any common "
                                  "encoding; save it as UTF-8") from None
    if text and sum(ch.isprintable() or ch in "\t\n\r" for ch in text[:20000]) < 0.95 * min(len(text), 20000):
        raise EssayInputError(f"{origin}: does not look like text; save it as UTF-8 .txt or .docx")
    return text
