import io
import logging

import pytest
from resources import docx_bytes

from essaycoach.errors import EssayInputError
from essaycoach.inputs import (
    decode_text,
    essay_from_bytes,
    essays_from_csv,
    essays_from_paths,
    essays_from_uploads,
    essays_from_zip,
)


@pytest.mark.parametrize("csv_text, students", [
    ("student,essay\nAmy,Trotsky lost.\nBen,Stalin won.\n", ["Amy", "Ben"]),
    ("Name;Text\nAmy;Trotsky lost.\n", ["Amy"]),
    ("pupil\tanswer\nAmy\tTrotsky lost.\n", ["Amy"]),
    ('student,essay\nAmy,"Line one.\nLine two, with a comma."\n', ["Amy"]),
    ("\ufeffstudent,essay,mark\nAmy,Trotsky lost.,12\n", ["Amy"]),
    # A form's export: the names hold the words ("Student Name", "Your essay"), in any order.
    ("Timestamp,Your essay,Student Name\n2026-11-30,Trotsky lost.,Amy\n", ["Amy"]),
    ("Student essay,Student\nTrotsky lost.,Amy\n", ["Amy"]),
    ("Full name,Essay text,Essay mark\nAmy,Trotsky lost.,12\n", ["Amy"]),
    ("Student,Essay title,Your essay\nAmy,Trotsky,Trotsky lost.\n", ["Amy"]),  # the essay, not its title
    # Carriage returns end lines: Excel for Mac's CSV, CRLF, a stray one; inside quotes, a line break.
    ("student,essay\rAmy,Trotsky lost.\rBen,Stalin won.\r", ["Amy", "Ben"]),
    ("student,essay\r\nAmy,Trotsky lost.\r\nBen,Stalin won.\r\n", ["Amy", "Ben"]),
    ("student,essay\nAmy,Trotsky lost.\rBen,Stalin won.\n", ["Amy", "Ben"]),
    ('student,essay\r\nAmy,"Trotsky lost.\rStalin won."\r\nBen,Stalin won.\n', ["Amy", "Ben"]),
])
def test_csv_variants(csv_text, students):
    essays = essays_from_csv(csv_text, "class.csv")
    assert [e.student for e in essays] == students
    assert all(e.error is None for e in essays)
    assert all(e.text.startswith(("Trotsky lost.", "Stalin won.", "Line one.\nLine two")) for e in essays)
    assert "\r" not in "".join(e.text for e in essays)


def test_csv_without_columns_names_the_columns_found():
    with pytest.raises(EssayInputError, match=r"needs an 'essay' column .* columns found: 'pupil_id', 'words' \(a "
                                              r"column whose name holds one of essay, text, answer, response"):
        essays_from_csv("pupil_id,words\n1,hello\n", "bad.csv")


def test_empty_rows_are_reported_not_dropped():
    essays = essays_from_csv("student,essay\nAmy,\nBen,Stalin won.\n", "c.csv")
    assert [(e.student, e.error) for e in essays] == [("Amy", "empty essay"), ("Ben", None)]


def test_extra_columns_are_kept():
    (essay,) = essays_from_csv("student,essay,testament\nAmy,Text here.,1\n")
    assert dict(essay.extra) == {"testament": "1"}


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100, "does not look like text"),
    # compressed data with no NUL byte in it
    (bytes(b for b in __import__("random").Random(1).randbytes(3000) if b), "does not look like text"),
])
def test_binary_uploads_are_refused(data, message):
    with pytest.raises(EssayInputError, match=message):
        decode_text(data, "upload.txt")


def test_latin1_and_utf16_are_read():
    assert decode_text("Trotsky\u2019s caf\u00e9".encode("cp1252"), "x.txt") == "Trotsky\u2019s caf\u00e9"
    assert decode_text("Stalin".encode("utf-16"), "x.txt") == "Stalin"


def test_docx_round_trip(tmp_path):
    essay = essay_from_bytes("amy.docx", docx_bytes("Trotsky missed the funeral.\nStalin was General Secretary."))
    assert essay.error is None and essay.student == "amy"
    assert essay.text == "Trotsky missed the funeral.\nStalin was General Secretary."


@pytest.mark.parametrize("name", ["amy.txt", "amy.md", "amy.TXT"])
def test_a_word_file_named_as_text_is_read_for_what_it_is(name):
    """Walk 45: a .docx renamed .txt was refused as "a binary file ... save it as Word (.docx)"."""
    essay = essay_from_bytes(name, docx_bytes("Trotsky missed the funeral."))
    assert essay.error is None and essay.text == "Trotsky missed the funeral."


@pytest.mark.parametrize("name, data, message", [
    ("fake.docx", b"not a zip", "not a readable .docx"),
    ("fake.txt", b"PK\x03\x04 a broken zip", "does not look like text"),   # a zip, but no Word file
    ("essay.txt", b"%PDF-1.4", "not a readable PDF"),                        # read as the PDF it is
    ("essay.pdf", b"%PDF-1.4", "not a readable PDF"),
    ("essay.rtf", b"{\\rtf1 Stalin}", "unsupported file type .rtf"),
    ("big.txt", b"a" * 5_000_001, "MB; an essay file should be under 5 MB"),
    ("empty.txt", b"   \n", "empty essay"),
])
def test_bad_files_come_back_with_an_error(name, data, message):
    essay = essay_from_bytes(name, data)
    assert message in essay.error


def test_a_damaged_pdf_is_said_once_not_also_by_pypdf(caplog):
    """pypdf had logged "EOF marker not found" to the terminal above the CLI's own error (a walk's finding)."""
    with caplog.at_level(logging.WARNING):
        essay = essay_from_bytes("noend.pdf", b"%PDF-1.4\nbroken")
    assert "not a readable PDF" in (essay.error or "")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")] == []


def _many_paragraphs(n: int) -> bytes:
    """A .docx of ``n`` paragraphs, each a number: small packed, yet no zip bomb (the numbers
    keep the packing ratio near 30, under the bomb guard's 100)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes("x")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                body = "".join(f"<w:p><w:r><w:t>{i}</w:t></w:r></w:p>" for i in range(n)).encode()
                data = data.replace(b"<w:body>", b"<w:body>" + body, 1)
            zf.writestr(item, data)
    return out.getvalue()


def test_a_docx_of_too_many_paragraphs_is_refused_at_once():
    """A million short paragraphs pack into about a megabyte, under every size guard, and took
    python-docx 100 s to walk: they are counted first, and the file refused."""
    import time

    from essaycoach.documents import MAX_DOCX_PARAGRAPHS

    data = _many_paragraphs(1_000_000)
    assert len(data) < 5_000_000  # under the 5 MB upload limit
    start = time.monotonic()
    essay = essay_from_bytes("many.docx", data)
    assert time.monotonic() - start < 20  # about 1.5 s here; reading them all took 100 s
    assert essay.error is not None and "1,000,001 paragraphs" in essay.error and "20,000" in essay.error
    ok = essay_from_bytes("ok.docx", _many_paragraphs(MAX_DOCX_PARAGRAPHS - 1))
    assert ok.error is None and ok.text.startswith("0\n1\n2\n")


def test_folder_and_stdin(tmp_path):
    (tmp_path / "amy.txt").write_text("Trotsky lost.")
    (tmp_path / "ben.md").write_text("Stalin won.")
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    essays = essays_from_paths([tmp_path, "-"], stdin=io.StringIO("From stdin."))
    assert [e.student for e in essays] == ["amy", "ben", "stdin"]
    assert [e.text for e in essays] == ["Trotsky lost.", "Stalin won.", "From stdin."]


def test_missing_path_is_its_own_row():
    (essay,) = essays_from_paths(["/nonexistent/essays"])
    assert essay.error == "/nonexistent/essays: no such file or folder" and essay.text == ""


def test_uploads_mark_good_files_and_name_bad_uploads():
    from essaycoach.inputs import MAX_PASTE_CHARS, essays_from_uploads

    files = [("amy.txt", b"Trotsky missed the funeral."), ("bad.csv", b"name,answerz\nA,B\n"),
             ("blob.txt", bytes(range(256)) * 4), ("class.csv", b"student,essay\nCara,Stalin won.\nDan,\n")]
    essays, problems = essays_from_uploads(files, "student,essay\nEve,Stalin was General Secretary.\n")
    assert [e.student for e in essays] == ["amy", "blob", "Cara", "Dan", "Eve"]
    assert "blob.txt" in essays[1].error and "binary" in essays[1].error
    assert essays[3].error == "empty essay"
    assert len(problems) == 1 and "bad.csv" in problems[0] and "'answerz'" in problems[0]
    _, problems = essays_from_uploads([], "x" * (MAX_PASTE_CHARS + 1))
    assert len(problems) == 1 and "pasted text" in problems[0] and "million" in problems[0]


def test_a_docx_answer_written_in_a_table_is_read_in_order():
    """Exam templates put the answer in a table's cell: it was marked on the three words outside."""
    import docx

    document = docx.Document()
    document.add_paragraph("Name: Ben Jones")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Question 1"  # merged across: read once
    table.cell(1, 0).text = "Trotsky lost.\nStalin won."
    table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "A nested cell."
    document.add_paragraph("End of answer")
    buf = io.BytesIO()
    document.save(buf)
    essay = essay_from_bytes("ben.docx", buf.getvalue())
    assert essay.error is None
    assert [line for line in essay.text.split("\n") if line] == [
        "Name: Ben Jones", "Question 1", "Trotsky lost.", "Stalin won.", "A nested cell.", "End of answer"]


@pytest.mark.parametrize("text", ["", "\ufeff", " \n\r\n"])
def test_an_empty_class_csv_is_called_empty(text):
    with pytest.raises(EssayInputError, match=r"class\.csv: is empty; a class CSV needs a header line"):
        essays_from_csv(text, "class.csv")


@pytest.mark.parametrize("data, rows", [
    (b"student,essay\nAmy,Trotsky missed\x00 the funeral.\nBen,Stalin won.\n", [("Amy", True), ("Ben", False)]),
    (b"student,essay\nAmy,Trotsky missed the funeral.\n" + b"Ben," + b"Stalin won the struggle. " * 60 + b"\x00\n",
     [("Amy", False), ("Ben", True)]),
], ids=["one NUL in a cell", "one NUL at the end"])
def test_a_stray_nul_in_a_csv_leaves_every_row_marked(data, rows):
    essays, problems = essays_from_uploads([("class.csv", data)])
    assert problems == []
    assert [(e.student, "\ufffd" in e.text) for e in essays] == rows
    assert all(e.error is None for e in essays)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"student,essay\n" + b"\x00\x01binary" * 100,
], ids=["png header", "many NULs"])
def test_a_binary_file_named_csv_is_still_refused(data):
    essays, problems = essays_from_uploads([("class.csv", data)])
    assert essays == [] and len(problems) == 1 and "binary" in problems[0]


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\u202f", "\u2009", "\u200b"],
                         ids=["no-break", "ideographic", "narrow no-break", "thin", "zero-width"])
def test_an_essay_spaced_with_other_space_characters_is_read_and_marked_as_written(engine, trotsky, space):
    """Text pasted from the web, Word or French typesetting: every space a no-break space."""
    from conftest import ROOT
    plain = (ROOT / "examples" / "amy.txt").read_text(encoding="utf-8")
    spaced = plain.replace(" ", space)
    (essay,) = essays_from_uploads([("amy.txt", spaced.encode("utf-8"))])[0]
    assert essay.error is None
    as_written, as_spaced = engine.grade(plain, trotsky), engine.grade(essay.text, trotsky)
    assert (as_spaced.level, as_spaced.mark, as_spaced.words) == (as_written.level, as_written.mark, as_written.words)
    assert [p.span for p in as_spaced.points] == [p.span for p in as_written.points]  # offsets into what was written


def test_blank_space_does_not_count_towards_the_length_limit(engine, trotsky):
    from essaycoach.engine import MAX_ESSAY_CHARS
    essay = "\n" * MAX_ESSAY_CHARS + "Trotsky missed Lenin's funeral because Stalin gave him the wrong date."
    report = engine.grade(essay, trotsky)
    assert [f.code for f in report.warnings if f.code in ("too-long", "empty")] == []
    assert next(p for p in report.points if p.id == "funeral").status == "covered"


@pytest.mark.parametrize("raw, tidy", [
    ("  Amy   Jones ", "Amy Jones"),
    ("\u202eevil", "evil"),                 # a direction override would turn the rest of a line round
    ("Sara\u200f Ali", "Sara Ali"),
    ("\u200b", ""),                        # a zero-width space alone is no name: it shows blank everywhere
    ("\u200b\u2060\ufeff", ""),
    ("\u0645\u0647\u200c\u0633\u0627", "\u0645\u0647\u200c\u0633\u0627"),  # a joiner inside a Persian name stays
    (None, ""),
])
def test_tidy_name(raw, tidy):
    from essaycoach.inputs import tidy_name

    assert tidy_name(raw) == tidy


def test_no_text_from_an_essay_file_turns_a_terminal_or_spreadsheet_line_round(tmp_path, trotsky):
    """The terminal's text and the CSV export: HTML and Markdown strip these already."""
    from essaycoach import exports
    from essaycoach.batch import BatchRow
    from essaycoach.markup import without_controls

    assert without_controls("\u202eevil\u2066x\u2069 \x1b[31m") == "evilx \ufffd[31m"
    rows = [BatchRow("s", "set.csv:2", None, "set.csv:2: empty essay \u202eright to left")]
    assert "\u202e" not in exports.marks_csv(rows, trotsky)


def _zip(files: dict[str, bytes]) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


CLASS_ZIP = {
    "12B/Amy Khan.txt": b"Stalin won because he controlled appointments.",
    "12B/Ben O'Neill.docx": docx_bytes("Trotsky was arrogant and missed the funeral."),
    "12B/late/Chloe.md": "Zoë wrote this in Markdown.".encode(),
    "12B/more.csv": b"student,essay\nDan,Stalin used the Testament.\n",
    "12B/.DS_Store": b"\x00\x01", "12B/~$Amy Khan.docx": b"lock", "12B/photo.png": b"\x89PNG",
    "__MACOSX/12B/._Amy Khan.txt": b"\x00",
    "12B/broken.pdf": b"%PDF-1.4 broken",
}


@pytest.mark.parametrize("how", ["upload", "path"])
def test_a_zip_of_a_class_is_read_as_its_files(tmp_path, how):
    """A teacher uploads the class's work as one download from a learning platform: the app had said
    Streamlit's own "application/zip files are not allowed" (a browser walk)."""
    data = _zip(CLASS_ZIP)
    skipped_photo = "12B/photo.png: skipped, not an essay file (accepted: .txt, .md, .docx, .pdf and .csv)"
    if how == "upload":
        # in the app the photo is named with the uploads left out, and is no row of the set
        essays, problems = essays_from_uploads([("12B.zip", data)])
        assert len(problems) == 1 and problems[0].endswith(skipped_photo)
    else:
        (tmp_path / "12B.zip").write_bytes(data)
        essays = essays_from_paths([tmp_path / "12B.zip"])
    read = {e.student: e for e in essays if e.error is None}
    assert set(read) == {"Amy Khan", "Ben O'Neill", "Chloe", "Dan"}
    assert read["Ben O'Neill"].text.startswith("Trotsky was arrogant") and read["Chloe"].text.startswith("Zoë")
    assert read["Amy Khan"].origin.endswith("12B.zip/12B/Amy Khan.txt")
    bad = {e.origin.rsplit("/", 1)[-1]: e.error for e in essays if e.error is not None}
    # hidden files and Word's lock file: not a word; the photo: its own row on the command line
    assert set(bad) == ({"broken.pdf"} if how == "upload" else {"broken.pdf", "photo.png"})
    assert "12B.zip/12B/broken.pdf" in bad["broken.pdf"] and "PDF" in bad["broken.pdf"]
    assert how == "upload" or bad["photo.png"].endswith(skipped_photo)


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04 not really a zip", "is not a readable .zip archive"),
    (_zip({"notes.png": b"x", ".hidden.txt": b"essay"}), "holds no .txt, .md, .docx, .pdf or .csv files"),
])
def test_a_zip_that_gives_no_essays_is_one_row_saying_why(data, message):
    [row] = essays_from_zip("class.zip", data)
    assert row.error is not None and row.error.startswith("class.zip: ") and message in row.error


def test_a_zip_too_big_for_a_class_set_is_refused_and_a_big_member_is_its_own_row(monkeypatch):
    import essaycoach.inputs as inputs

    monkeypatch.setattr(inputs, "MAX_ARCHIVE_FILES", 3)
    [row] = essays_from_zip("class.zip", _zip({f"s{i}.txt": b"An essay." for i in range(4)}))
    assert "holds 4 essay files" in row.error and "upload it in parts" in row.error
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 100)
    rows = essays_from_zip("class.zip", _zip({"big.txt": b"word " * 100, "small.txt": b"A short essay."}))
    assert [r.error is None for r in rows] == [False, True] and "class.zip/big.txt: is" in rows[0].error
