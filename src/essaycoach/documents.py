"""The text of one essay file: plain text in whatever encoding it came in, .docx or .pdf.

Each reader takes the file's bytes (already bounded by the caller) and either returns text or
raises ``EssayInputError`` saying what is wrong with the file and what to do instead. Packed
formats are checked before they are unpacked: a .docx of 5 MB can hold a gigabyte of XML.
"""
from __future__ import annotations

import codecs
import io
import logging
import time
import unicodedata
import zipfile
from collections.abc import Iterator

from .errors import EssayInputError

MAX_UNPACKED_BYTES = 50_000_000  # all the parts of a .docx, unpacked
MAX_PACKING_RATIO = 100          # a part over 1 MB unpacking to more than 100x its packed size is a bomb
MAX_DOCX_PARTS = 5_000
# Reading a paragraph costs python-docx about 0.1 ms whatever it holds: a 1.3 MB file of a million
# empty paragraphs took 100 s. An essay typed one word to a line stays far below this.
MAX_DOCX_PARAGRAPHS = 20_000
MAX_PDF_PAGES = 300
MAX_DOCUMENT_CHARS = 2_000_000   # text taken from a PDF or .docx; the engine marks the first 100,000 characters
# Reading a page's text costs time in the size of its drawing instructions, not of its text: a
# 4 KB PDF of 300 pages each drawing nothing 200,000 times took over ten minutes. A page of an
# essay draws a few tens of KB; a file read for longer than the budget is refused.
MAX_PDF_PAGE_BYTES = 2_000_000
MAX_PDF_SECONDS = 20.0
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _utf8_or_cp1252(err: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as Windows-1252 (Latin-1 for its five unused bytes): a file
    that is UTF-8 with a few Word-era bytes pasted in reads right, and so does a whole cp1252 one."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start:err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


codecs.register_error("essaycoach-cp1252", _utf8_or_cp1252)


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when ``head`` looks like mostly-ASCII UTF-16 written without a BOM
    (every other byte zero), else None."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_text(data: bytes, origin: str, stray_nuls: bool = False) -> str:
    """Decode uploaded bytes as text: a BOM (UTF-8, UTF-16, UTF-32) or UTF-16 without one is
    honoured; otherwise UTF-8, with bytes that are not UTF-8 read as Windows-1252. Binary data
    raises a clear error. ``stray_nuls`` (a table): a few NUL bytes (one in a thousand) are
    read as U+FFFD, since a spreadsheet tool can leave one in a cell, and refusing the whole
    file would leave every other row unmarked; the row that holds one shows it."""
    if stray_nuls and 0 < data.count(0) <= max(1, len(data) // 1000):
        data = data.replace(b"\x00", "\ufffd".encode())
    head = data[:4096]
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None) or _utf16_without_bom(head)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise EssayInputError(f"{origin}: is not valid {encoding.upper()} text; save it as UTF-8") from None
        return _checked(text.lstrip("\ufeff"), origin)
    if b"\x00" in head:
        raise EssayInputError(f"{origin}: looks like a binary file (an image, program or archive), not "
                              "an essay; open the essay in a word processor and save it as plain text "
                              "(.txt) or Word (.docx)")
    return _checked(data.decode("utf-8-sig", errors="essaycoach-cp1252"), origin)


def _checked(text: str, origin: str) -> str:
    sample = text[:20000]
    # Every kind of space and invisible format mark (no-break space, zero-width space) is text too.
    if sample and sum(ch.isprintable() or ch.isspace() or unicodedata.category(ch) == "Cf"
                      for ch in sample) < 0.95 * len(sample):
        raise EssayInputError(f"{origin}: does not look like text; save it as UTF-8 .txt or .docx")
    return text


_UNREADABLE_DOCX = "is not a readable .docx file (it may be damaged, or another kind of file named .docx)"


def _check_packing(data: bytes, origin: str) -> None:
    """Refuse a .docx whose parts would unpack too large (a zip bomb), before unpacking any."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise EssayInputError(f"{origin}: {_UNREADABLE_DOCX}") from None
    total = sum(p.file_size for p in parts)
    bomb = next((p for p in parts if p.file_size > 1_000_000
                 and p.file_size > MAX_PACKING_RATIO * max(p.compress_size, 1)), None)
    if len(parts) > MAX_DOCX_PARTS or total > MAX_UNPACKED_BYTES or bomb is not None:
        raise EssayInputError(f"{origin}: unpacks to {total / 1e6:,.0f} MB in {len(parts):,} parts, far more "
                              "than an essay needs (a damaged or hostile file?); save the essay again as "
                              ".docx or .txt")


def docx_text(data: bytes, origin: str) -> str:
    """The paragraphs of a .docx file (python-docx), one per line, in the order they stand,
    those in tables too: exam templates put the answer in a table's cell."""
    _check_packing(data, origin)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        paragraphs = int(document.element.body.xpath("count(.//w:p)"))  # counted in C, before any is read
        if paragraphs > MAX_DOCX_PARAGRAPHS:
            raise EssayInputError(f"{origin}: holds {paragraphs:,} paragraphs, far more than an essay (at most "
                                  f"{MAX_DOCX_PARAGRAPHS:,}); a damaged or hostile file? Save the essay again as "
                                  ".docx or .txt")
        lines, size = [], 0
        for line in _docx_lines(document):
            lines.append(line)
            size += len(line) + 1
            if size > MAX_DOCUMENT_CHARS:
                break  # far more than the engine marks: stop reading
        return "\n".join(lines)
    except EssayInputError:
        raise
    except Exception:  # python-docx raises its own PackageNotFoundError, KeyError and XML errors
        raise EssayInputError(f"{origin}: {_UNREADABLE_DOCX}") from None


def _docx_lines(container) -> Iterator[str]:
    """Each paragraph's text of a document, or of a table cell, in order, tables' cells read row
    by row (a cell merged across columns is read once)."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        yield from _docx_lines(cell)
        else:
            yield block.text


def pdf_text(data: bytes, origin: str) -> str:
    """The text layer of a PDF (pypdf), page by page. A scanned PDF has none: the error says so."""
    from pypdf import PdfReader

    # pypdf logs what it trips on ("EOF marker not found") straight to the terminal, above the
    # error that says it for the student's file: the error alone is said.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    parts: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise EssayInputError(f"{origin}: is password-protected; save it again without a password")
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            raise EssayInputError(f"{origin}: has {pages:,} pages; an essay PDF may have at most {MAX_PDF_PAGES}")
        size = 0
        start = time.monotonic()
        for number, page in enumerate(reader.pages, 1):
            if number > 1 and time.monotonic() - start > MAX_PDF_SECONDS:
                raise EssayInputError(f"{origin}: took over {MAX_PDF_SECONDS:.0f} s to read (stopped at page "
                                      f"{number} of {pages}); save the essay as .docx or .txt and hand that in")
            contents = page.get_contents()
            if contents is not None and len(contents.get_data()) > MAX_PDF_PAGE_BYTES:
                raise EssayInputError(f"{origin}: page {number} holds far more drawing than text (over "
                                      f"{MAX_PDF_PAGE_BYTES // 1_000_000} MB); save the essay as .docx or .txt "
                                      "and hand that in")
            parts.append(page.extract_text() or "")
            size += len(parts[-1])
            if size > MAX_DOCUMENT_CHARS:
                break  # far more than the engine marks: stop reading
    except EssayInputError:
        raise
    except Exception:  # pypdf raises PdfReadError, and assorted errors on damaged files
        raise EssayInputError(f"{origin}: is not a readable PDF (it may be damaged, or another kind of file "
                              "named .pdf)") from None
    text = "\n".join(parts)
    if not text.strip():
        raise EssayInputError(f"{origin}: has no text to read (a scanned PDF?); type the essay, or run the "
                              "scan through OCR software elsewhere, then hand in the text")
    return text
