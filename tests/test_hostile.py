"""Hostile and careless input: every case gets one clear message, the right exit code, no
traceback, and the other essays of the batch are still marked.

Big inputs are sparse files or streams, never gigabytes on disk."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from resources import TROTSKY_MISSPELT, TROTSKY_STRONG

from essaycoach import documents
from essaycoach.batch import BatchRow
from essaycoach.cli import main
from essaycoach.errors import CalibrationError, EssayInputError, RubricError
from essaycoach.exports import marks_excel
from essaycoach.inputs import MAX_FILE_BYTES, essay_from_bytes, essays_from_csv, essays_from_uploads
from essaycoach.loaders import (
    BrokenRubric,
    load_all_rubrics,
    parse_rubric_yaml,
    read_rubric_file,
    rubric_path,
    rubric_versions,
    save_rubric,
)
from essaycoach.rubric_edit import import_yaml, open_damaged, upload_text
from essaycoach.sentences import split_sentences

GOOD_RUBRIC = (ROOT / "rubrics" / "trotsky-errors.yaml").read_text(encoding="utf-8")


# ---- builders --------------------------------------------------------------------------------

def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)  # a hole: no disk space, but a file of ``size`` bytes to read
    return path


def _zip_bomb() -> bytes:
    """A .docx whose document.xml unpacks 4 MB from a few kB (ratio ~1000)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * 4_000_000 + b"</w:document>")
    return buf.getvalue()


def _pdf(text: str, pages: int = 1, drawing: str = "") -> bytes:
    """A PDF whose text layer holds ``text`` (Helvetica, one line per sentence) on one page,
    shown ``pages`` times, after ``drawing`` (instructions that draw nothing)."""
    lines = [s.text.replace("\\", "").replace("(", "").replace(")", "").encode("ascii", "replace").decode()
             for s in split_sentences(text)]
    content = drawing + "BT /F1 10 Tf 40 800 Td " + " ".join(f"({line}) Tj 0 -14 Td" for line in lines) + " ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{' '.join(['3 0 R'] * pages)}] "
               f"/Count {pages} >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 2000 842] /Contents 4 0 R "
               "/Resources << /Font << /F1 5 0 R >> >> >>",
               f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _blank_pdf(password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    if password:
        writer.encrypt(password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _run(args: list[str], capsys, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    out = io.StringIO()
    code = main(args, out=out)
    return code, out.getvalue(), capsys.readouterr().err


def _no_traceback(*texts: str) -> None:
    assert all("Traceback" not in t for t in texts)


# ---- one bad item in a batch: its own row, exit 1, the good essay still marked -----------------

def _link(tmp: Path, name: str, target: str | Path) -> Path:
    path = tmp / name
    path.symlink_to(target)
    return path


def _fifo(tmp: Path, name: str) -> Path:
    path = tmp / name
    os.mkfifo(path)
    return path


def _folder_with(tmp: Path, entries: dict[str, bytes]) -> Path:
    folder = tmp / "class"
    for name, data in entries.items():
        _write(folder, name, data)
    return folder


def _folder_link_out(tmp: Path) -> Path:
    outside = _write(tmp, "secret.txt", "Private text that is no essay of this class. " * 5)
    folder = _folder_with(tmp, {"ben.txt": TROTSKY_MISSPELT.encode()})
    _link(folder, "leak.txt", outside)
    return folder


def _folder_link_device(tmp: Path) -> Path:
    folder = _folder_with(tmp, {"ben.txt": TROTSKY_MISSPELT.encode()})
    _link(folder, "zero.txt", "/dev/zero")
    return folder


def _folder_link_loop(tmp: Path) -> Path:
    folder = _folder_with(tmp, {"ben.txt": TROTSKY_MISSPELT.encode()})
    _link(folder, "a.txt", "b.txt")
    _link(folder, "b.txt", "a.txt")
    return folder


def _folder_subfolder(tmp: Path) -> Path:
    folder = _folder_with(tmp, {"ben.txt": TROTSKY_MISSPELT.encode()})
    (folder / "odd.txt").mkdir()
    return folder


BATCH_CASES = [
    # (id, builder(tmp) -> input path, message in the bad row's error)
    ("missing file", lambda t: t / "nobody.txt", "no such file or folder"),
    ("dangling link", lambda t: _link(t, "gone.txt", t / "deleted.txt"), "file not found (or a link to nothing)"),
    ("folder named x.txt", lambda t: (t / "x.txt").mkdir() or t / "x.txt", "folder holds no"),
    ("sub-folder named x.txt in a folder", _folder_subfolder, "is a folder, not a file"),
    ("links in a circle in a folder", _folder_link_loop, "is a link that leads round in a circle (skipped)"),
    ("csv without the columns", lambda t: _write(t, "bad.csv", "pupil_id,words\n1,hello\n"), "needs an 'essay' column"),
    ("csv with an unclosed quote", lambda t: _write(t, "q.csv", 'student,essay\nAmy,"Stalin won\n'),
     "line 2: a quoted field is not closed properly"),
    ("csv with a quote inside a quoted field",
     lambda t: _write(t, "q2.csv", 'student,essay\nAmy,"He said "no" once"\n'), "line 2: a quoted field is not closed"),
    ("binary file", lambda t: _write(t, "junk.txt", b"\x00\x01\x02binary\x00" * 50), "looks like a binary file"),
    ("png named .txt", lambda t: _write(t, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
    ("control characters", lambda t: _write(t, "ctl.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100),
     "does not look like text"),
    ("empty file", lambda t: _write(t, "empty.txt", b""), "empty essay"),
    ("blank file", lambda t: _write(t, "blank.txt", b" \n\t\n"), "empty essay"),
    ("/dev/zero", lambda t: Path("/dev/zero"), "not a regular file"),
    ("/proc/self/mem", lambda t: Path("/proc/self/mem"), "cannot be read"),
    ("a FIFO", lambda t: _fifo(t, "pipe.txt"), "not a regular file"),
    ("huge file (sparse)", lambda t: _sparse(t / "huge.txt", MAX_FILE_BYTES + 10), "larger than 5 MB"),
    ("huge csv (sparse)", lambda t: _sparse(t / "huge.csv", 50_000_000), "larger than 5 MB"),
    ("unsupported type", lambda t: _write(t, "essay.rtf", r"{\rtf1 Stalin}"), "unsupported file type .rtf"),
    ("docx zip bomb", lambda t: _write(t, "bomb.docx", _zip_bomb()), "far more than an essay needs"),
    ("docx that is no zip", lambda t: _write(t, "fake.docx", b"not a zip at all"), "not a readable .docx"),
    ("docx zip without a document", lambda t: _write(t, "nodoc.docx", _empty_zip()), "not a readable .docx"),
    ("scanned pdf", lambda t: _write(t, "scan.pdf", _blank_pdf()), "no text to read (a scanned PDF?)"),
    ("password pdf", lambda t: _write(t, "locked.pdf", _blank_pdf("secret")), "password-protected"),
    ("truncated pdf", lambda t: _write(t, "cut.pdf", _pdf(TROTSKY_MISSPELT)[:60]), "not a readable PDF"),
    ("link out of a folder", _folder_link_out, "outside the folder or not a regular file (skipped)"),
    ("link to a device in a folder", _folder_link_device, "outside the folder or not a regular file (skipped)"),
    ("csv row with unquoted commas", lambda t: _write(t, "ragged.csv", "student,essay\nCat,Stalin, Trotsky, Lenin\n"),
     "line 2 has 4 fields but the header has 2"),
]


def _empty_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "no document here")
    return buf.getvalue()


@pytest.mark.parametrize("build, message", [c[1:] for c in BATCH_CASES], ids=[c[0] for c in BATCH_CASES])
def test_one_bad_item_gets_its_row_and_the_rest_are_marked(build, message, tmp_path, capsys):
    good = _write(tmp_path, "amy.txt", TROTSKY_STRONG)
    bad = build(tmp_path)
    code, out, err = _run(["mark", "-r", "trotsky-errors", "--json", str(good), str(bad)], capsys)
    records = json.loads(out)
    assert code == 1, err
    assert records[0]["student"] == "amy" and records[0]["level"] >= 3
    errors = [r["error"] for r in records if "error" in r]
    assert any(message in e for e in errors), errors
    assert message in err
    _no_traceback(out, err)


@pytest.mark.parametrize("build, message", [c[1:] for c in BATCH_CASES], ids=[c[0] for c in BATCH_CASES])
def test_the_bad_item_alone_exits_2_with_one_line(build, message, tmp_path, capsys):
    bad = build(tmp_path)
    if bad.is_dir() and any(bad.glob("ben.txt")):
        pytest.skip("the folder also holds a good essay")
    code, out, err = _run(["mark", "-r", "trotsky-errors", str(bad)], capsys)
    assert code == 2 and out == ""
    assert message in err and err.startswith("essaycoach: error: nothing could be marked") and err.count("\n") == 1
    _no_traceback(err)


# ---- essays that must read the same whatever the encoding or the format ---------------------

ENCODED = [
    ("utf-8", TROTSKY_MISSPELT.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + TROTSKY_MISSPELT.encode("utf-8")),
    ("utf-16 with BOM", TROTSKY_MISSPELT.encode("utf-16")),
    ("utf-16-le without BOM", TROTSKY_MISSPELT.encode("utf-16-le")),
    ("utf-16-be without BOM", TROTSKY_MISSPELT.encode("utf-16-be")),
    ("utf-32 with BOM", TROTSKY_MISSPELT.encode("utf-32")),
    ("latin-1", TROTSKY_MISSPELT.replace("Lenins", "Lenin’s").encode("cp1252")),
    ("mixed utf-8 and cp1252",
     TROTSKY_MISSPELT.replace("rude", "rude – ").encode("utf-8").replace(b"Kamanev", b"Kam\xe9nev")),
]


@pytest.mark.parametrize("data", [d for _, d in ENCODED], ids=[n for n, _ in ENCODED])
def test_every_encoding_marks_like_utf8_from_a_file_and_from_stdin(data, tmp_path, capsys, monkeypatch):
    reference = _write(tmp_path, "ref.txt", TROTSKY_MISSPELT)
    essay = _write(tmp_path, "enc.txt", data)
    code, out, err = _run(["mark", "-r", "trotsky-errors", "--json", str(reference), str(essay)], capsys)
    ref, from_file = json.loads(out)
    assert code == 0 and from_file["mark"] == ref["mark"] > 0, err
    code, out, err = _run(["mark", "-r", "trotsky-errors", "--json", "-"], capsys, stdin=data, monkeypatch=monkeypatch)
    (from_stdin,) = json.loads(out)
    assert code == 0 and (from_stdin["mark"], from_stdin["words"]) == (from_file["mark"], from_file["words"])
    _no_traceback(err)


def test_mixed_encodings_keep_both_kinds_of_character():
    text = essays_from_csv("student,essay\nAmy,Stalin – Kamenev\n", "x.csv")[0].text
    data = ("student,essay\nAmy," + text).encode("utf-8").replace(b"Kamenev", b"Kam\xe9nev")
    (essay,), problems = essays_from_uploads([("mixed.csv", data)])
    assert not problems and essay.text == "Stalin – Kaménev"


def test_a_pdf_with_a_text_layer_is_marked(tmp_path, capsys):
    pdf = _write(tmp_path, "amy.pdf", _pdf(TROTSKY_STRONG))
    code, out, err = _run(["mark", "-r", "trotsky-errors", "--json", str(pdf)], capsys)
    (record,) = json.loads(out)
    assert code == 0 and record["student"] == "amy" and record["level"] >= 3, err


def test_a_pdf_piped_in_is_read_as_a_pdf(capsys, monkeypatch):
    code, out, err = _run(["mark", "-r", "trotsky-errors", "--json", "-"], capsys, stdin=_pdf(TROTSKY_STRONG),
                          monkeypatch=monkeypatch)
    (record,) = json.loads(out)
    assert code == 0 and record["level"] >= 3, err


@pytest.mark.parametrize("stdin, message", [
    (b"\x00\x01\x02\x03binary" * 100, "looks like a binary file"),
    (b"\x00" * (MAX_FILE_BYTES + 100), "larger than 5 MB"),
    (b"   \n", "empty essay"),
    (b"\xff\xfe" + b"\x00\xd8" * 10, "not valid UTF-16"),
    (b"%PDF-1.4\nbroken", "is not a readable PDF"),   # it had been marked as the essay "%PDF-1.4 broken"
    (b"PK\x03\x04not a real zip", "not a readable .docx"),
], ids=["binary", "too large", "blank", "broken utf-16", "damaged pdf", "damaged docx"])
def test_stdin_goes_through_the_file_checks(stdin, message, capsys, monkeypatch):
    code, out, err = _run(["mark", "-r", "trotsky-errors", "-"], capsys, stdin=stdin, monkeypatch=monkeypatch)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_a_csv_essay_over_pythons_field_limit_is_marked_and_flagged(tmp_path, capsys):
    long_essay = (TROTSKY_STRONG.replace("\n", " ") + " ") * (150_000 // len(TROTSKY_STRONG) + 1)
    csv_text = f'student,essay\nAmy,"{TROTSKY_STRONG}"\nLong,"{long_essay}"\nCat,"{TROTSKY_MISSPELT}"\n'
    path = _write(tmp_path, "class.csv", csv_text)
    code, out, err = _run(["mark", "-r", "trotsky-errors", "--json", str(path)], capsys)
    records = json.loads(out)
    assert code == 0 and [r["student"] for r in records] == ["Amy", "Long", "Cat"], err
    assert len(long_essay) > 131_072 and "too-long" in [w["code"] for w in records[1]["warnings"]]


MULTI_LINE_CSV = (
    'student,essay\nAmy,"Amy para one.\n\nAmy para two."\n'
    'Fay,"Fay para one, with a comma.\n\nFay para two\n'           # no closing quote
    'Gus,"Gus para one.\n\nGus para two, and ""more""."\nHal,"Short, but fine."\n')


@pytest.mark.parametrize("text, rows", [
    ('student,essay\nAmy,"Fine essay."\nBen,"Stalin was\nCat,"Trotsky was"\nDan,"Zinoviev"\n',
     [("Amy", None), ("Ben", "this row is not marked"), ("Cat", None), ("Dan", None)]),
    ('student,essay\nAmy,"He said "no" once"\nBen,Trotsky lost.\n', [("Amy", "this row is not marked"), ("Ben", None)]),
    ('student,essay\nAmy,Fine.\nBen,"Stalin was\nCat,Trotsky\nDan,Zinoviev\n',
     [("Amy", None), ("Ben", "this row is not marked"), ("Cat", None), ("Dan", None)]),
    ('student;essay\n;"never closed\nBen;Trotsky lost.\n',
     [("essay 1 (no name)", "this row is not marked"), ("Ben", None)]),
    (MULTI_LINE_CSV, [("Amy", None), ("Fay", "lines 5–7 not marked"), ("Gus", None), ("Hal", None)]),
    # the row after it leaves out the header's last cell, as rows may (walk 47: Ivy was swallowed, named nowhere)
    ('Name,Essay text,Extra\nEve,"Stalin packed the congress.",note\nHal,"An unclosed quote\n'
     'Ivy,"Trotsky was overconfident."\n', [("Eve", None), ("Hal", "this row is not marked"), ("Ivy", None)]),
], ids=["swallows the next row", "text after a closing quote", "runs to the end", "no name", "multi-line essays",
        "a short row after it"])
def test_a_broken_quote_is_its_own_row_and_reading_starts_again_at_the_next_row(text, rows):
    essays, problems = essays_from_uploads([("class.csv", text.encode())])
    assert problems == []
    assert [(e.student, e.error and e.error.rsplit("; ", 1)[-1]) for e in essays] == rows
    assert all(e.error.startswith(f"line {e.origin.rsplit(':', 1)[1]}: a quoted field is not closed properly")
               for e in essays if e.error)
    good = {e.student: e.text for e in essays if e.error is None}
    assert good.get("Gus", 'Gus para one.\n\nGus para two, and "more".') == 'Gus para one.\n\nGus para two, and "more".'


def test_a_row_with_extra_fields_after_a_broken_quote_is_reported_in_its_own_row():
    """A browser walk: Cat's row (an unquoted comma) right after Bob's broken quote was counted in
    Bob's spoilt lines and never named."""
    text = ('student,essay\nAmy,Fine.\nBob,"An essay with an unclosed quote\n'
            'Cat,Low-lying land floods easily.,extra field\nDan,"Mangroves, once cut, let waves in."\n')
    essays = essays_from_csv(text, "c.csv")
    assert [e.student for e in essays] == ["Amy", "Bob", "Cat", "Dan"]
    assert essays[1].error.endswith("this row is not marked")
    assert essays[2].error.startswith("line 4 has 3 fields but the header has 2")
    assert essays[0].error is None and essays[3].error is None


def test_a_broken_quote_with_no_row_to_read_on_from_refuses_the_file():
    """The quote runs on to the file's last line, 602, not to the empty "line" after its last line end."""
    with pytest.raises(EssayInputError, match=r"line 2: a quoted field is not closed properly \(the quote runs on "
                                              r"to line 602\);"):
        essays_from_csv('student,essay\nAmy,"never closed\n' + "a,b,c\n" * 600, "c.csv")


@pytest.mark.parametrize("text", ['student,essay\nAnn,"Stalin won because\nBob,Trotsky lost.\n',
                                  'student,essay\nAnn,"Stalin won because\nBob,Trotsky lost.'])
def test_a_broken_quote_row_names_its_line_once_and_no_line_past_the_end(text):
    """A browser walk: a 3-line file's error said the quote "runs on to line 4", and "line 2" twice."""
    ann, bob = essays_from_csv(text, "c.csv")
    assert ann.error is not None and ann.error.count("line") == 1 and "line 4" not in ann.error
    assert (bob.student, bob.error) == ("Bob", None)


def test_a_broken_quote_that_runs_to_the_end_spoils_only_its_own_lines():
    essays = essays_from_csv('student,essay\nAmy,Fine.\nBen,"one\nCat,"two\n', "c.csv")
    assert [(e.student, e.error and e.error.rsplit("; ", 1)[-1]) for e in essays] == [
        ("Amy", None), ("Ben", "lines 3–4 not marked")]


def test_a_broken_quote_in_the_header_refuses_the_file():
    with pytest.raises(EssayInputError, match=r"line 1: a quoted field is not closed properly.*in the header"):
        essays_from_csv('"student,essay\nAmy,Stalin won.\n', "c.csv")


def test_a_ragged_row_is_its_own_error_and_the_others_are_kept():
    essays = essays_from_csv("student,essay\nAmy,Fine essay.\nBen,one, two\nCat,Another essay.\n,,\n", "c.csv")
    assert [(e.student, e.error) for e in essays][:3] == [
        ("Amy", None), ("Ben", "line 3 has 3 fields but the header has 2: put an essay that contains commas in "
                                "double quotes"), ("Cat", None)]


# ---- --out -------------------------------------------------------------------------------------

def _same_file(tmp: Path, essay: Path) -> str:
    return str(essay)


def _hard_link(tmp: Path, essay: Path) -> str:
    os.link(essay, tmp / "hard.txt")
    return str(tmp / "hard.txt")


def _soft_link(tmp: Path, essay: Path) -> str:
    (tmp / "soft.json").symlink_to(essay)
    return str(tmp / "soft.json")


def _dotted(tmp: Path, essay: Path) -> str:
    return str(tmp / "." / ".." / tmp.name / essay.name)


@pytest.mark.parametrize("target", [_same_file, _hard_link, _soft_link, _dotted])
def test_out_never_replaces_an_input(target, tmp_path, capsys):
    essay = _write(tmp_path, "amy.txt", TROTSKY_STRONG)
    code, out, err = _run(["mark", "-r", "trotsky-errors", "--out", target(tmp_path, essay), str(essay)], capsys)
    assert code == 2 and out == "" and "would replace it" in err and err.count("\n") == 1
    assert essay.read_text() == TROTSKY_STRONG


def test_out_never_replaces_an_essay_of_an_input_folder(tmp_path, capsys):
    folder = _folder_with(tmp_path, {"amy.txt": TROTSKY_STRONG.encode(), "ben.txt": TROTSKY_MISSPELT.encode()})
    code, _, err = _run(["mark", "-r", "trotsky-errors", "--out", str(folder / "ben.txt"), str(folder)], capsys)
    assert code == 2 and "would replace it" in err and (folder / "ben.txt").read_text() == TROTSKY_MISSPELT


@pytest.mark.parametrize("target, reason", [
    (lambda t: t / "no" / "such" / "folder" / "out.json", "No such file or directory"),
    (lambda t: t, "is a folder"),
    (lambda t: Path("/dev/full"), "No space left on device"),
    # The file exists; it is the temporary one beside it that cannot be made ("No such file" named /proc/version).
    (lambda t: Path("/proc/version"), "no file can be made in its folder /proc to write it safely"),
], ids=["missing folder", "onto a folder", "full disk", "a folder where no file can be made"])
def test_a_failed_write_says_so_and_prints_the_results(target, reason, tmp_path, capsys):
    essay = _write(tmp_path, "amy.txt", TROTSKY_STRONG)
    code, out, err = _run(["mark", "-r", "trotsky-errors", "--json", "--out", str(target(tmp_path)), str(essay)],
                          capsys)
    assert code == 2 and reason in err and "the results follow on standard output" in err
    assert json.loads(out)[0]["student"] == "amy"  # nothing lost
    assert not list(tmp_path.glob(".*.tmp"))
    _no_traceback(err)


def test_out_is_written_atomically_and_keeps_nothing_else(tmp_path, capsys):
    essay = _write(tmp_path, "amy.txt", TROTSKY_STRONG)
    target = _write(tmp_path, "marks.csv", "old results")
    code, _, err = _run(["mark", "-r", "trotsky-errors", "--csv", "--out", str(target), str(essay)], capsys)
    assert code == 0 and "wrote 1 result" in err
    assert target.read_text().startswith("student,source,") and sorted(p.name for p in tmp_path.iterdir()) == [
        "amy.txt", "marks.csv"]


@pytest.mark.parametrize("args", [["mark", "essay.txt"], ["search", "Trotsky", "-n", "-5"],
                                  ["search", "Trotsky", "-n", "9" * 5000],
                                  ["calibrate", "-r", "trotsky-errors", "--folds", "0", "m.csv"]],
                         ids=["no rubric", "negative count", "5,000-digit count", "zero folds"])
def test_usage_errors_exit_2(args, capsys):
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2 and len(capsys.readouterr().err) < 1_000


def test_an_unknown_rubric_exits_2(capsys):
    code, _, err = _run(["mark", "-r", "no-such-rubric", "x.txt"], capsys)
    assert code == 2 and "unknown rubric 'no-such-rubric'" in err


def test_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["mark", "--help"])
    out = capsys.readouterr().out
    assert "exit codes:" in out and "1    some items could not be marked" in out
    assert "130  interrupted (Ctrl+C)" in out   # as the README says (a walk found it missing)


# ---- rubric files: validate, show --json, the folder, the editor's import --------------------

def _bomb_yaml() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def _rubric_with(**changes) -> str:
    data = yaml.safe_load(GOOD_RUBRIC)
    data.update(changes)
    return yaml.safe_dump(data, sort_keys=False)


def _points(n: int) -> list[dict]:
    return [{"id": f"p{i}", "side": "for", "text": f"Point number {i}."} for i in range(n)]


RUBRIC_CASES = [
    ("alias bomb", _bomb_yaml(), "anchors and aliases (& and *) are not allowed"),
    ("one harmless alias", GOOD_RUBRIC.replace("minutes: 45", "minutes: &m 45\nx: *m"), "anchors and aliases"),
    ("20,000 nested brackets", "id: x\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n", "nested more than 40 levels"),
    # well-formed YAML: "value refused", not "syntax error" (a walk's teacher looked for a typo)
    ("5,000-digit integer", GOOD_RUBRIC.replace("minutes: 45", "minutes: " + "9" * 5000),
     "YAML value refused at line"),
    ("5,000-digit float", GOOD_RUBRIC.replace("minutes: 45", "minutes: 1." + "9" * 5000), "is too long"),
    ("source is a list", _rubric_with(source=["a"]), "source: must be text"),
    ("title is a mapping", _rubric_with(title={"a": 1}), "title: must be text"),
    ("200 points", _rubric_with(points=_points(200)), "has 200 points; at most 60"),
    ("100 levels", _rubric_with(levels=[{"level": i + 1, "marks": [i, i], "descriptor": "d"} for i in range(100)]),
     "has 100 levels; at most 10"),
    ("a huge question", _rubric_with(question="Why? " * 1_000), "characters long; at most 2,000"),
    ("a point of 100,000 characters", _rubric_with(points=[{"id": "p", "side": "for", "text": "x" * 100_000}]),
     "points[0].text: is 100,000 characters long"),
    ("500 aliases", _rubric_with(points=[{"id": "p", "side": "for", "text": "t", "aliases": ["a"] * 500}]),
     "has 500 phrases; at most 30"),
    ("marks 1e999", GOOD_RUBRIC.replace("marks: 25", "marks: 1.0e+999"), "'1.0e+999' is not a number that can be used"),
    ("minutes negative", GOOD_RUBRIC.replace("minutes: 45", "minutes: -45"), "minutes: -45 must be a whole number"),
    ("weight nan", _rubric_with(points=[{"id": "p", "side": "for", "text": "t", "weight": float("nan")}]),
     "'.nan' is not a number that can be used"),
    # Kept as extra fields, these had reached `show --json` as NaN and Infinity, which is no JSON.
    ("an extra field .nan", GOOD_RUBRIC + "exam_weight: .nan\n", "'.nan' is not a number that can be used"),
    ("an extra field -.inf", GOOD_RUBRIC + "exam_weight: -.inf\n", "'-.inf' is not a number that can be used"),
    # Spelt apart, one key to Python (True == 1): the second had silently replaced the first.
    ("keys read as one", GOOD_RUBRIC + "1: one\ntrue: y\n", "the keys '1' and 'true' are read as the same key"),
    ("citation line 10**18", _rubric_with(points=[{"id": "p", "side": "for", "text": "t",
                                                   "source": {"file": "x.txt", "line": 10**18}}]),
     "must be a line number from 1 to 1,000,000"),
    ("id with a trailing newline", _rubric_with(id="trotsky-errors\n"), "cannot be an id"),
    ("id nul", _rubric_with(id="nul"), "kept for a device on Windows"),
    ("python tag", "id: !!python/object/apply:os.system ['true']\n", "YAML value refused"),
    ("a list, not a mapping", "- one\n- two\n", "expected a mapping of fields"),
    ("huge repr in a side", _rubric_with(points=[{"id": "p", "side": "s" * 100_000, "text": "t"}]),
     "is not allowed; use one of"),
]


@pytest.mark.parametrize("text, message", [c[1:] for c in RUBRIC_CASES], ids=[c[0] for c in RUBRIC_CASES])
def test_validate_names_the_problem(text, message, tmp_path, capsys):
    path = _write(tmp_path, "trotsky-errors.yaml", text)
    code, out, err = _run(["validate", "--json", str(path)], capsys)
    (result,) = json.loads(out)
    assert code == 1 and not result["valid"] and any(message in p for p in result["problems"]), result
    assert len(out) < 5_000  # no expanded value, no whole repr in a message
    _no_traceback(out, err)


@pytest.mark.parametrize("text, message", [c[1:] for c in RUBRIC_CASES], ids=[c[0] for c in RUBRIC_CASES])
def test_one_broken_rubric_leaves_the_others_working(text, message, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "rubrics"
    folder.mkdir()
    shutil.copy(ROOT / "rubrics" / "trotsky-errors.yaml", folder)
    _write(folder, "broken.yaml", text.replace("trotsky-errors", "broken"))
    good, bad = load_all_rubrics(folder)
    assert [r.id for r in good] == ["trotsky-errors"]
    assert len(bad) == 1 and isinstance(bad[0], BrokenRubric) and bad[0].file.endswith("broken.yaml")
    assert str(bad[0]).startswith(bad[0].file) and len(str(bad[0])) < 5_000
    monkeypatch.setenv("ESSAYCOACH_RUBRICS", str(folder))
    code, out, err = _run(["prompts"], capsys)
    assert code == 0 and "trotsky-errors" in out and "skipped invalid rubric" in err and "broken.yaml" in err


@pytest.mark.parametrize("build, message", [
    (lambda t: Path("/dev/zero"), "not a regular file"),
    (lambda t: Path("/proc/self/mem"), "cannot be read"),
    (lambda t: _fifo(t, "pipe.yaml"), "not a regular file"),
    (lambda t: (t / "dir.yaml").mkdir() or t / "dir.yaml", "is a folder"),
    (lambda t: _write(t, "latin.yaml", "id: caf\xe9\n".encode("latin-1")), "is not UTF-8 text"),
    (lambda t: _sparse(t / "big.yaml", 3_000_000), "larger than 1 MB"),
    (lambda t: t / "missing.yaml", "file not found"),
], ids=["/dev/zero", "/proc/self/mem", "FIFO", "folder", "bad utf-8", "too large", "missing"])
def test_rubric_files_that_are_no_rubric(build, message, tmp_path, capsys):
    path = build(tmp_path)
    code, out, _ = _run(["validate", str(path)], capsys)
    assert code == 1 and message in out
    code, _, err = _run(["show", "--json", str(path)], capsys)
    assert code == 2 and message in err and err.count("\n") == 1


def test_broken_files_in_the_rubric_folder_are_listed(tmp_path):
    folder = tmp_path / "rubrics"
    folder.mkdir()
    shutil.copy(ROOT / "rubrics" / "trotsky-errors.yaml", folder)
    (folder / "dir.yaml").mkdir()
    _write(folder, "NUL.yaml", GOOD_RUBRIC)
    _write(folder, "bomb.yaml", _bomb_yaml())
    _write(folder, "latin.yaml", GOOD_RUBRIC.replace("trotsky-errors", "latin").encode("utf-8") + b"\xe9")
    _link(folder, "zero.yaml", "/dev/zero")
    good, bad = load_all_rubrics(folder)
    assert [r.id for r in good] == ["trotsky-errors"]
    assert {Path(b.file).name: b.problems[0][:24] for b in bad} == {
        "NUL.yaml": "'NUL' is not a valid rub", "bomb.yaml": "YAML syntax error at lin",
        "dir.yaml": "is a folder, not a file", "latin.yaml": "is not UTF-8 text (a bin",
        "zero.yaml": "is not a regular file (a"}


def test_show_json_refuses_an_alias_bomb_in_one_line(tmp_path, capsys):
    path = _write(tmp_path, "bomb.yaml", _bomb_yaml())
    code, out, err = _run(["show", "--json", str(path)], capsys)
    assert code == 2 and "anchors and aliases" in err and len(err) < 400
    assert json.loads(out) == {"error": err.removeprefix("essaycoach: error: ").rstrip("\n"), "exit": 2}


@pytest.mark.parametrize("text, message", [
    (_bomb_yaml(), "anchors and aliases"),
    ("id: x\ntitle: " + "[" * 20_000 + "\n", "nested more than 40"),
    ("x" * 1_100_000, "larger than 1 MB"),
], ids=["alias bomb", "deep nesting", "too large"])
def test_the_editors_import_refuses_hostile_yaml(text, message):
    with pytest.raises(RubricError, match=message):
        import_yaml(text, "upload.yaml")


def test_the_editors_import_keeps_an_invalid_rubric_to_mend():
    data, problems = import_yaml(_rubric_with(minutes="9" * 5000, source=["a"]), "upload.yaml")
    assert data["minutes"] == 45 and data["source"] == "['a']"
    assert any(p.startswith("minutes:") for p in problems) and any(p.startswith("source:") for p in problems)


def test_the_editor_opens_a_damaged_file_and_refuses_a_device(tmp_path):
    path = _write(tmp_path, "trotsky-errors.yaml", GOOD_RUBRIC.replace("side: against", "side: agin", 1))
    assert open_damaged(path)["id"] == "trotsky-errors"
    with pytest.raises(RubricError, match="not a regular file"):
        open_damaged("/dev/zero")


def test_upload_text_refuses_a_huge_upload_before_decoding():
    with pytest.raises(RubricError, match="a rubric YAML file is at most 1 MB"):
        upload_text(b"a" * 2_000_000, "big.yaml", "YAML")


# ---- calibration marks and files ---------------------------------------------------------------

@pytest.mark.parametrize("mark", ["inf", "nan", "1e999", "-1", "26", "12.5", "-inf", "9" * 5000, "0x10"])
def test_an_absurd_calibration_mark_is_one_line(mark, tmp_path, capsys):
    rows = [f'S{i},"{TROTSKY_MISSPELT}",1,{10 if i else mark}' for i in range(6)]
    path = _write(tmp_path, "marked.csv", "student,essay,testament,mark\n" + "\n".join(rows) + "\n")
    code, out, err = _run(["calibrate", "-r", "trotsky-errors", "--dry-run", str(path)], capsys)
    assert code == 2 and out == "" and "should be a whole number from 0 to 25" in err and err.count("\n") == 1
    assert len(err) < 300


@pytest.mark.parametrize("text", [_bomb_yaml(), "rubric: x\npoints: {a: {covered: 1e999, partial: 0, weight: 1}}\n",
                                  "rubric: x\nessays: abc\npoints: {a: {covered: .5, partial: .3, weight: 1}}\n"],
                         ids=["alias bomb", "inf threshold", "words for essays"])
def test_a_damaged_calibration_file_is_reported_and_marking_goes_on(text, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "rubrics"
    (folder / ".calibration").mkdir(parents=True)
    shutil.copy(ROOT / "rubrics" / "trotsky-errors.yaml", folder)
    _write(folder / ".calibration", "trotsky-errors.yaml", text)
    monkeypatch.setenv("ESSAYCOACH_RUBRICS", str(folder))
    essay = _write(tmp_path, "amy.txt", TROTSKY_STRONG)
    code, out, err = _run(["mark", "-r", "trotsky-errors", "--json", str(essay)], capsys)
    assert code == 0 and json.loads(out)[0]["calibrated"] is False
    assert "marking without calibration" in err
    _no_traceback(err)


def test_calibration_file_errors_name_the_file():
    from essaycoach.thresholds import calibration_from_dict

    with pytest.raises(CalibrationError, match=r"cal\.yaml: essays 'abc'"):
        calibration_from_dict({"rubric": "x", "essays": "abc", "points": {"a": {"covered": .5, "partial": .3,
                                                                                 "weight": 1}}}, "cal.yaml")


# ---- exports -------------------------------------------------------------------------------------

def test_excel_export_survives_control_characters(engine, trotsky):
    from openpyxl import load_workbook

    names = ["Amy\x0bKhan", "Ben\x00\x1f", "=cmd\x0c"]
    rows = [BatchRow(n, f"{n}.txt", engine.grade(TROTSKY_STRONG, trotsky, n)) for n in names]
    rows.append(BatchRow("Cat\x07", "cat.txt", None, "bad\x08 file"))
    book = load_workbook(io.BytesIO(marks_excel(rows, trotsky)))
    column = [c.value for c in book["marks"]["A"]][1:]
    assert column == ["Amy Khan", "Ben ", "'=cmd", "Cat "]   # names trimmed of white space, as on screen


# ---- rubric history and temporary files ----------------------------------------------------------

def _mini_folder(tmp: Path) -> Path:
    folder = tmp / "rubrics"
    folder.mkdir()
    shutil.copy(ROOT / "rubrics" / "trotsky-errors.yaml", folder)
    return folder


def test_history_copies_are_whole_and_no_temporary_file_stays(tmp_path):
    folder = _mini_folder(tmp_path)
    before = (folder / "trotsky-errors.yaml").read_bytes()
    rubric = read_rubric_file(folder / "trotsky-errors.yaml")
    stale = _write(folder, ".trotsky-errors.yaml.abc123.tmp", "half a rubric")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    fresh = _write(folder, ".trotsky-errors.yaml.def456.tmp", "a save in progress")
    save_rubric(rubric, folder)
    save_rubric(rubric, folder)
    versions = rubric_versions("trotsky-errors", folder)
    assert len(versions) == 2 and versions[-1].read_bytes() == before
    assert not stale.exists() and fresh.exists()  # a crash's leftover goes; a write in progress stays
    assert not list((folder / ".history").glob("*.tmp"))
    assert [r.id for r in load_all_rubrics(folder)[0]] == ["trotsky-errors"]


def test_a_failed_save_leaves_the_rubric_and_no_temporary_file(tmp_path, monkeypatch):
    folder = _mini_folder(tmp_path)
    before = (folder / "trotsky-errors.yaml").read_bytes()
    rubric = read_rubric_file(folder / "trotsky-errors.yaml")

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        save_rubric(rubric, folder)
    assert (folder / "trotsky-errors.yaml").read_bytes() == before
    assert not list(folder.rglob("*.tmp"))


@pytest.mark.parametrize("rubric_id", ["trotsky-errors\n", "nul", "con", "com1", "lpt9", "a" * 65, "../x", "A"])
def test_ids_that_could_never_be_a_file(rubric_id):
    from essaycoach.errors import UnknownRubricError

    with pytest.raises(UnknownRubricError, match="not a valid rubric id"):
        rubric_path(rubric_id)
    with pytest.raises(RubricError, match="id: "):
        parse_rubric_yaml(_rubric_with(id=rubric_id), "r.yaml", check_citations=False)


# ---- the sentence splitter on pathological text (correct results; bench/worst_case.py times it) --

@pytest.mark.parametrize("text, count", [
    ("." * 100_000 + "a", 1), ("!" * 100_000 + "a", 1), ("?" * 100_000 + "a", 1),
    ('."' * 50_000 + "a", 1), ("a " * 50 + ";" * 100_000, 2),
], ids=["dots", "bangs", "questions", "dot-quotes", "semicolons"])
def test_runs_of_punctuation_are_split_in_one_pass(text, count):
    assert len(split_sentences(text)) == count


# ---- proof that the shell itself prints no traceback ---------------------------------------------

@pytest.mark.parametrize("args, stdin, message", [
    (["validate", "{bomb}"], b"", "anchors and aliases"),
    (["mark", "-r", "trotsky-errors", "-"], b"\x00" * (MAX_FILE_BYTES + 1), "larger than 5 MB"),
], ids=["alias bomb", "huge binary stdin"])
def test_no_traceback_from_a_real_process(args, stdin, message, tmp_path):
    bomb = _write(tmp_path, "bomb.yaml", _bomb_yaml())
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-m", "essaycoach", *[a.format(bomb=bomb) for a in args]],
                            input=stdin, capture_output=True, env=env, timeout=120)
    assert result.returncode in (1, 2)
    assert message in (result.stdout + result.stderr).decode()
    assert b"Traceback" not in result.stderr


def test_an_essay_the_engine_fails_on_is_one_row(engine, trotsky, monkeypatch):
    from essaycoach.batch import mark_batch
    from essaycoach.inputs import EssayInput

    real = engine.grade_many

    def fragile(pairs, *args, **kwargs):
        pairs = list(pairs)
        if any("BOOM" in text for _, text in pairs):
            raise RecursionError("maximum recursion depth exceeded")
        return real(pairs, *args, **kwargs)

    monkeypatch.setattr(engine, "grade_many", fragile)
    essays = [EssayInput("Amy", TROTSKY_STRONG, "a"), EssayInput("Bob", "BOOM " * 10, "b"),
              EssayInput("Cat", TROTSKY_MISSPELT, "c")]
    rows = mark_batch(essays, trotsky, engine)
    assert [r.report is not None for r in rows] == [True, False, True]
    assert rows[1].error == "could not be marked (RecursionError); please report this essay"


# ---- the app's upload and import functions ------------------------------------------------------

def _long_csv() -> bytes:
    long_essay = (TROTSKY_STRONG.replace("\n", " ") + " ") * 40
    return f'student,essay\nAmy,"{TROTSKY_STRONG}"\nLong,"{long_essay}"\nCat,"{TROTSKY_MISSPELT}"\n'.encode()


@pytest.mark.parametrize("name, data, students, problem", [
    ("class.csv", _long_csv(), ["Amy", "Long", "Cat"], None),
    ("class.csv", "student,essay\nAmy,Stalin won.\nBen,Trotsky lost.\n".encode("utf-16"), ["Amy", "Ben"], None),
    ("class.csv", "student,essay\nAmy,Stalin won.\n".encode("utf-16-le"), ["Amy"], None),
    ("huge.csv", b"student,essay\n" + b"a" * MAX_FILE_BYTES, [], "the limit for a CSV is 5 MB"),
    ("q.csv", b'student,essay\nAmy,"Stalin\nBen,Trotsky\n', ["Amy", "Ben"], None),
    ("bomb.docx", _zip_bomb(), ["bomb"], None),
    ("scan.pdf", _blank_pdf(), ["scan"], None),
    ("amy.pdf", _pdf(TROTSKY_STRONG), ["amy"], None),
], ids=["essay over the csv field limit", "utf-16 csv", "utf-16 csv without BOM", "huge csv", "unclosed quote",
        "docx bomb", "scanned pdf", "pdf"])
def test_the_apps_uploads(name, data, students, problem):
    essays, problems = essays_from_uploads([(name, data), ("good.txt", TROTSKY_STRONG.encode())])
    assert [e.student for e in essays] == [*students, "good"]
    assert essays[-1].error is None and essays[-1].text == TROTSKY_STRONG
    assert [problem in p for p in problems] == ([] if problem is None else [True])
    if name.endswith((".docx", "scan.pdf")):
        assert essays[0].error and essays[0].text == ""


@pytest.mark.parametrize("path", sorted((ROOT / "rubrics").glob("*.yaml")) + sorted((ROOT / "tests" / "data" /
                                                                                         "devset").glob("*.yaml")),
                         ids=lambda p: p.name)
def test_the_strict_reader_reads_every_shipped_file_as_pyyaml_does(path):
    from essaycoach.safeio import load_yaml_text

    text = path.read_text(encoding="utf-8")
    assert load_yaml_text(text) == yaml.safe_load(text)


def test_a_pdf_that_draws_far_more_than_it_writes_is_refused_at_once(tmp_path, capsys):
    """Drawing instructions cost time to read whatever text they hold: a small PDF of them once
    held a class set up for over ten minutes."""
    heavy = _pdf("Trotsky lost.", drawing="0 0 Td " * 300_000)
    started = time.monotonic()
    essay = essay_from_bytes("heavy.pdf", heavy)
    assert time.monotonic() - started < 10
    assert essay.error is not None and "page 1 holds far more drawing than text" in essay.error


def test_a_pdf_that_takes_too_long_to_read_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "MAX_PDF_SECONDS", 0.0)
    essay = essay_from_bytes("slow.pdf", _pdf(TROTSKY_STRONG, pages=3))
    assert essay.error is not None and "took over 0 s to read (stopped at page 2 of 3)" in essay.error
    monkeypatch.setattr(documents, "MAX_PDF_SECONDS", 60.0)
    assert essay_from_bytes("slow.pdf", _pdf(TROTSKY_STRONG, pages=3)).error is None


def test_a_file_name_that_is_not_utf8_is_shown_not_a_traceback(tmp_path, capsys):
    folder = tmp_path / "unzipped"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(TROTSKY_STRONG, encoding="utf-8")  # a Windows zip's name
    out = tmp_path / "marks.json"
    code, _, err = _run(["mark", "-r", "trotsky-errors", "--json", "--out", str(out), str(folder)], capsys)
    assert code == 0 and "Traceback" not in err
    [row] = json.loads(out.read_text(encoding="utf-8"))
    assert row["student"] == "caf\ufffd" and row["mark"] > 0


@pytest.mark.parametrize("how", ["--json", "--csv"])
def test_nothing_marked_still_writes_a_record_per_item_where_asked(how, tmp_path, capsys):
    """A file from an earlier run must not pass for this one's results: --out gets each item's
    error when nothing could be marked, as standard output does."""
    target = _write(tmp_path, "results.out", "old results")
    blank = _write(tmp_path, "blank.txt", "   ")
    code, out, err = _run(["mark", "-r", "trotsky-errors", how, "--out", str(target), str(blank),
                           str(tmp_path / "missing.txt")], capsys)
    written = target.read_text(encoding="utf-8")
    # Standard output holds only the error, as JSON under --json (a script reading it gets JSON either way).
    assert code == 2 and "nothing could be marked" in err
    assert (json.loads(out)["exit"] == 2) if how == "--json" else out == ""
    assert "old results" not in written and "empty essay" in written and "no such file" in written


@pytest.mark.timeout(60)
def test_out_to_a_named_pipe_nothing_reads_is_refused_at_once(tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    essay = _write(tmp_path, "amy.txt", TROTSKY_STRONG)
    code, out, err = _run(["mark", "-r", "trotsky-errors", "--out", str(fifo), str(essay)], capsys)
    assert code == 2 and out.startswith("amy | trotsky-errors")   # the results, on standard output
    assert "a named pipe that nothing reads from" in err
