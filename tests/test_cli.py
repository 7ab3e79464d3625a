import io
import json
import subprocess
import sys

import pytest
from conftest import ROOT
from resources import OFF_TOPIC, TROTSKY_MISSPELT, TROTSKY_STRONG

from essaycoach import __version__, load_rubric
from essaycoach.cli import build_parser, main


def run(args, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    code = main(args, out=out)
    return code, out.getvalue(), capsys.readouterr().err


def test_python_dash_m_version():
    result = subprocess.run([sys.executable, "-m", "essaycoach", "--version"], capture_output=True, text=True)
    assert result.stdout.strip() == f"essaycoach {__version__}"


@pytest.mark.parametrize("command", ["prompts", "show", "search", "validate", "mark"])
def test_every_command_has_help_and_json(command):
    sub = build_parser()._subparsers._group_actions[0].choices[command]
    assert sub.description
    assert "--json" in sub.format_help()


def test_json_and_csv_together_are_refused_not_one_silently_dropped(tmp_path, capsys):
    essay = tmp_path / "amy.txt"
    essay.write_text(TROTSKY_STRONG, encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        run(["mark", "-r", "trotsky-errors", "--json", "--csv", str(essay)], capsys)
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "--json and --csv cannot be used together" in err
    assert err.startswith("usage: essaycoach mark ")   # the command's usage, not the top level's (a walk)


def test_text_output_counts_one_word_in_the_singular(tmp_path, capsys):
    essay = tmp_path / "one.txt"
    essay.write_text("Trotsky.", encoding="utf-8")
    code, out, _ = run(["mark", "-r", "trotsky-errors", str(essay)], capsys)
    assert code == 0 and "| 1 word |" in out


def test_prompts_lists_every_rubric(capsys):
    code, out, _ = run(["prompts", "--json"], capsys)
    ids = {p["id"] for p in json.loads(out)}
    assert code == 0 and {"trotsky-errors", "purge-necessary", "women-status"} <= ids


def test_show(capsys):
    code, out, _ = run(["show", "trotsky-errors"], capsys)
    assert code == 0 and "testament" in out and "003_d3a4239297f73c94.txt:50" in out


def test_search_cites_file_and_line(capsys):
    _code, out, _ = run(["search", "Lenin's", "testament", "--json"], capsys)
    hits = json.loads(out)
    assert hits[0]["citation"] == "003_d3a4239297f73c94.txt:50"


def test_validate_reports_each_file(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: x\n")
    code, out, _ = run(["validate", str(ROOT / "rubrics" / "trotsky-errors.yaml"), str(bad)], capsys)
    assert code == 1
    assert "ok    " in out and "FAIL  " in out and "question: is required" in out


def test_mark_json_schema(tmp_path, capsys):
    essay = tmp_path / "amy.txt"
    essay.write_text(TROTSKY_STRONG)
    code, out, _ = run(["mark", "--rubric", "trotsky-errors", "--json", str(essay)], capsys)
    (record,) = json.loads(out)
    assert code == 0
    assert {"student", "rubric", "words", "points", "coverage", "level", "mark", "max_mark", "judgement",
            "warnings"} <= set(record)
    assert record["student"] == "amy" and record["max_mark"] == 25
    point = record["points"][0]
    assert {"id", "side", "status", "score", "sentence", "evidence"} <= set(point)
    testament = next(p for p in record["points"] if p["id"] == "testament")
    assert testament["status"] == "covered" and "Testament" in testament["sentence"]


@pytest.mark.parametrize("text, level, line", [
    (OFF_TOPIC, None, "below level 1 | mark 0/25"),   # no level: null, never a 0 among the levels
    (TROTSKY_STRONG, 4, "level 4 | mark"),
], ids=["off-topic", "on topic"])
def test_mark_says_no_level_as_null_in_json_and_below_level_1_in_text(tmp_path, capsys, text, level, line):
    from essaycoach.attempts import report_from_dict

    essay = tmp_path / "eve.txt"
    essay.write_text(text)
    _, out, _ = run(["mark", "--rubric", "trotsky-errors", "--json", str(essay)], capsys)
    (record,) = json.loads(out)
    assert record["level"] == level
    assert report_from_dict(record).level == (level or 0)
    assert report_from_dict({**record, "level": level or 0}).level == (level or 0)   # as stored before
    _, out, _ = run(["mark", "--rubric", "trotsky-errors", str(essay)], capsys)
    assert line in out.splitlines()[0]


def test_mark_csv_batch_keeps_going_past_a_bad_row(tmp_path, capsys):
    csv_path = tmp_path / "class.csv"
    csv_path.write_text("student,essay\n" + "\n".join(
        [f'Amy,"{TROTSKY_STRONG}"', "Ben,", f'Cat,"{TROTSKY_MISSPELT}"']) + "\n")
    code, out, err = run(["mark", "-r", "trotsky-errors", "--csv", str(csv_path)], capsys)
    import csv

    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1 and [r["student"] for r in rows] == ["Amy", "Ben", "Cat"]  # 1: some were not marked
    assert rows[1]["error"] == "empty essay" and rows[1]["final_mark"] == ""
    assert rows[0]["testament"] == "covered" and int(rows[0]["final_mark"]) > int(rows[2]["final_mark"])
    assert rows[0]["engine_mark"] == rows[0]["final_mark"] and rows[0]["teacher_mark"] == ""
    assert "Ben" in err


def test_mark_csv_is_the_apps_marks_table_and_formula_safe(tmp_path, capsys):
    # A name a spreadsheet would run as a formula is written as text, as in the app's download.
    csv_path = tmp_path / "class.csv"
    csv_path.write_text(f'student,essay\n"=HYPERLINK(""x"")","{TROTSKY_STRONG}"\n')
    code, out, _err = run(["mark", "-r", "trotsky-errors", "--csv", str(csv_path)], capsys)
    import csv

    header = next(csv.reader(io.StringIO(out)))
    points = [p.id for p in load_rubric("trotsky-errors").points]
    assert code == 0 and header == ["student", "source", "words", "engine_mark", "teacher_mark", "final_mark",
                                    "max_mark", "level", "final_level", "coverage", "balance", "judgement",
                                    "warnings", "check_this", "reviewed", "mark_reason", "point_overrides",
                                    "comments", "error", *points]
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["student"] == "'=HYPERLINK(\"x\")"


def test_mark_stdin_and_out_file(tmp_path, capsys, monkeypatch):
    target = tmp_path / "out.json"
    code, out, err = run(["mark", "-r", "trotsky-errors", "--json", "--out", str(target), "-"], capsys,
                         stdin=TROTSKY_MISSPELT, monkeypatch=monkeypatch)
    assert code == 0 and out == "" and "wrote 1 result" in err
    assert json.loads(target.read_text())[0]["student"] == "stdin"


@pytest.mark.parametrize("args, stdin, message", [
    (["mark", "-r", "nope", "-"], "x", "unknown rubric 'nope'; valid ids:"),
    (["mark", "-r", "trotsky-errors", "/no/such/file.txt"], None, "no such file or folder"),
    (["mark", "-r", "trotsky-errors", "-"], "   ", "empty essay"),
    (["show", "../etc/passwd"], None, "error"),
])
def test_bad_input_is_one_line_and_exit_2(args, stdin, message, capsys, monkeypatch):
    code, _out, err = run(args, capsys, stdin=stdin if stdin is not None else "", monkeypatch=monkeypatch)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_csv_without_columns(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("name_of_kid,words\nAmy,hello\n")
    code, _, err = run(["mark", "-r", "trotsky-errors", str(bad)], capsys)
    assert code == 2 and "columns found: 'name_of_kid', 'words'" in err


def test_binary_file_in_a_batch_is_reported_in_its_row(tmp_path, capsys):
    (tmp_path / "amy.txt").write_text(TROTSKY_STRONG)
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01binary\x00")
    code, out, err = run(["mark", "-r", "trotsky-errors", "--json", str(tmp_path)], capsys)
    records = json.loads(out)
    assert code == 1 and records[0]["level"] >= 1
    assert "binary" in records[1]["error"]
    junk = str(tmp_path / "junk.txt")
    [line] = [line for line in err.splitlines() if "junk" in line]  # its file named once, not twice
    assert line.startswith(f"essaycoach: {junk}: looks like a binary file") and line.count(junk) == 1, line
    assert line.endswith("(junk: not marked)")


def test_plain_text_output_reads_well(tmp_path, capsys):
    essay = tmp_path / "cat.txt"
    essay.write_text(OFF_TOPIC)
    code, out, _ = run(["mark", "-r", "trotsky-errors", str(essay)], capsys)
    assert code == 0 and out.startswith("cat | trotsky-errors |") and "[ ] testament" in out
    assert "read: Section 3 - Stalin's rise to power 1924-29, line 50:" in out and ".txt" not in out


# --- calibrate ----------------------------------------------------------------------------------

import shutil  # noqa: E402

from test_calibrate import dev_labels, marked_csv  # noqa: E402

from essaycoach.loaders import load_calibration  # noqa: E402


@pytest.fixture(scope="module")
def rubric_copy(tmp_path_factory):
    """A private copy of the shipped rubrics (one per module: the CLI builds an engine per folder)."""
    folder = tmp_path_factory.mktemp("cli-rubrics") / "rubrics"
    shutil.copytree(ROOT / "rubrics", folder, ignore=shutil.ignore_patterns(".calibration", ".history"))
    return folder


@pytest.fixture
def rubrics_home(rubric_copy, monkeypatch):
    """The CLI reads and writes ``rubric_copy``, starting each test with no calibration."""
    shutil.rmtree(rubric_copy / ".calibration", ignore_errors=True)
    monkeypatch.setenv("ESSAYCOACH_RUBRICS", str(rubric_copy))
    return rubric_copy


@pytest.fixture
def marked(tmp_path):
    rubric, labels = dev_labels("trotsky-errors")
    path = tmp_path / "marked.csv"
    path.write_text(marked_csv(rubric, labels), encoding="utf-8")
    return path


def test_calibrate_has_help_and_json():
    sub = build_parser()._subparsers._group_actions[0].choices["calibrate"]
    assert sub.description
    assert {"--json", "--dry-run", "--folds", "--rubric"} <= set(sub.format_help().split())


def test_calibrate_prints_the_table_and_writes_beside_the_rubrics(rubrics_home, marked, capsys):
    shipped = ROOT / "rubrics" / ".calibration" / "trotsky-errors.yaml"
    had = shipped.exists()
    code, out, err = run(["calibrate", "--rubric", "trotsky-errors", str(marked)], capsys)
    target = rubrics_home / ".calibration" / "trotsky-errors.yaml"
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("trotsky-errors: 11 marked essays, agreement on held-out essays (5-fold")
    assert lines[1].split() == ["point", "P", "before", "R", "before", "P", "after", "R", "after"]
    ids = sorted(p.id for p in load_rubric("trotsky-errors").points)
    assert [line.split()[0] for line in lines[2:2 + len(ids)]] == ids
    assert any(line.startswith("all points (micro)") and "F1" in line for line in lines)
    assert any(line.startswith("level (11 essays with a mark): exact") for line in lines)
    assert lines[-1] == f"wrote {target}"
    stored = load_calibration("trotsky-errors", rubrics_home)
    assert stored.rubric == "trotsky-errors" and stored.essays == 11 and stored.fitted_at
    assert shipped.exists() == had  # the shipped rubrics are left alone


def test_calibrate_json_has_before_and_after(rubrics_home, marked, capsys):
    code, out, _ = run(["calibrate", "-r", "trotsky-errors", "--json", "--folds", "3", str(marked)], capsys)
    data = json.loads(out)
    assert code == 0 and (data["rubric"], data["essays"], data["folds"], data["levels_compared"]) == \
        ("trotsky-errors", 11, 3, 11)
    for when in ("before", "after"):
        figures = data[when]
        assert {"micro_precision", "micro_recall", "micro_f1", "level_exact", "qwk", "points"} <= set(figures)
        assert 0.0 <= figures["micro_f1"] <= 1.0 and len(figures["points"]) == 15
    assert data["written"] == str(rubrics_home / ".calibration" / "trotsky-errors.yaml")
    assert set(data["calibration"]["points"]["testament"]) == {"covered", "partial", "weight"}
    assert all({"student", "point", "teacher", "engine"} <= set(d) for d in data["disagreements"])


def test_calibrate_dry_run_writes_nothing(rubrics_home, marked, capsys):
    code, out, _ = run(["calibrate", "-r", "trotsky-errors", "--dry-run", str(marked)], capsys)
    assert code == 0 and out.rstrip().endswith("dry run: calibration not written")
    assert not (rubrics_home / ".calibration").exists()
    code, out, _ = run(["calibrate", "-r", "trotsky-errors", "--dry-run", "--json", str(marked)], capsys)
    assert json.loads(out)["written"] is None and not (rubrics_home / ".calibration").exists()


def test_calibrate_and_promote_refuse_a_copy_of_a_rubric_kept_elsewhere(rubrics_home, marked, tmp_path, capsys):
    """A copy of trotsky-errors outside the rubrics folder had had its calibration written over
    the folder's, and --promote had written the copy over the folder's rubric."""
    copy = tmp_path / "mine" / "trotsky-errors.yaml"
    copy.parent.mkdir()
    shutil.copy(rubrics_home / "trotsky-errors.yaml", copy)
    kept = (rubrics_home / "trotsky-errors.yaml").read_bytes()
    code, _, err = run(["calibrate", "-r", str(copy), str(marked)], capsys)
    assert code == 2 and "this command writes to the rubric 'trotsky-errors' of the rubrics folder" in err
    assert not (rubrics_home / ".calibration").exists()
    code, out, _ = run(["calibrate", "-r", str(copy), "--dry-run", str(marked)], capsys)  # writes nothing: fine
    assert code == 0 and "dry run" in out
    assert run(["calibrate", "-r", str(rubrics_home / "trotsky-errors.yaml"), str(marked)], capsys)[0] == 0
    code, _, err = run(["exemplars", str(copy), "--promote", "1"], capsys)
    assert code == 2 and "copy it into the rubrics folder" in err
    assert (rubrics_home / "trotsky-errors.yaml").read_bytes() == kept


def test_mark_uses_the_stored_calibration_unless_told_not_to(rubrics_home, marked, tmp_path, capsys):
    essay = tmp_path / "amy.txt"
    essay.write_text(TROTSKY_STRONG)
    _, before, _ = run(["mark", "-r", "trotsky-errors", str(essay)], capsys)
    assert "calibrated" not in before
    assert run(["calibrate", "-r", "trotsky-errors", str(marked)], capsys)[0] == 0
    code, out, _ = run(["mark", "-r", "trotsky-errors", str(essay)], capsys)
    assert code == 0 and "| calibrated" in out.splitlines()[0]
    code, out, _ = run(["mark", "-r", "trotsky-errors", "--no-calibration", str(essay)], capsys)
    assert code == 0 and "calibrated" not in out and out == before
    (record,) = json.loads(run(["mark", "-r", "trotsky-errors", "--json", str(essay)], capsys)[1])
    assert record["calibrated"] is True


def test_mark_with_a_damaged_calibration_warns_and_marks(rubrics_home, tmp_path, capsys):
    (rubrics_home / ".calibration").mkdir()
    (rubrics_home / ".calibration" / "trotsky-errors.yaml").write_text("points: [unclosed\n")
    essay = tmp_path / "amy.txt"
    essay.write_text(TROTSKY_STRONG)
    code, out, err = run(["mark", "-r", "trotsky-errors", str(essay)], capsys)
    assert code == 0 and out.startswith("amy | trotsky-errors |") and "calibrated" not in out
    assert "trotsky-errors.yaml" in err and "marking without calibration" in err and err.count("\n") == 1


def test_calibrate_csv_without_label_columns_exits_2(rubrics_home, tmp_path, capsys):
    bad = tmp_path / "unmarked.csv"
    bad.write_text(f'student,essay,grade\nAmy,"{TROTSKY_STRONG}",A\nBen,"{TROTSKY_MISSPELT}",C\n')
    code, out, err = run(["calibrate", "-r", "trotsky-errors", str(bad)], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("essaycoach: error: no marked essays") and "testament" in err and "grade" in err
    assert not (rubrics_home / ".calibration").exists()


def test_calibrate_with_no_readable_row_names_the_rows_in_one_short_line(rubrics_home, tmp_path, capsys):
    """Every row empty had given "empty essay; empty essay; ..." in one 6 KB line naming no row."""
    bad = tmp_path / "marked.csv"
    bad.write_text("student,essay,mark\n" + "".join(f"S{i},,3\n" for i in range(500)), encoding="utf-8")
    code, out, err = run(["calibrate", "-r", "trotsky-errors", str(bad)], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and len(err) < 700, err
    assert err.startswith(f"essaycoach: error: no marked essay could be read: {bad}:2: empty essay; {bad}:3: ")


def test_calibrate_with_marks_but_no_point_columns_claims_no_agreement_on_points(rubrics_home, tmp_path, capsys):
    """A 'mark' column alone judges no point: agreement on points is unknown, not a perfect 1.00."""
    import json
    marked = tmp_path / "marks.csv"
    rows = [f'S{i},"{text}",{mark}' for i, (text, mark) in enumerate(
        [(TROTSKY_STRONG, 20), (TROTSKY_MISSPELT, 12)] * 5)]
    marked.write_text("student,essay,mark\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code, out, _ = run(["calibrate", "--dry-run", "-r", "trotsky-errors", str(marked)], capsys)
    assert code == 0 and "no column judges a point" in out
    assert "all points (micro)" not in out and "note: kept the wordings" not in out
    code, out, _ = run(["calibrate", "--dry-run", "--json", "-r", "trotsky-errors", str(marked)], capsys)
    before = json.loads(out)["before"]
    assert before["points_judged"] == 0 and before["micro_f1"] is None and "level_exact" in before


def test_calibrating_from_the_exported_marks_table_says_it_holds_no_essays(tmp_path, capsys):
    table = tmp_path / "marks.csv"
    code, _, _ = run(["mark", "-r", "trotsky-errors", "--csv", "--out", str(table),
                      str(ROOT / "examples" / "class.csv")], capsys)
    header = table.read_text(encoding="utf-8").splitlines()[0]
    assert code == 1 and "engine_mark" in header  # 1: the example's empty essay was not marked
    code, out, err = run(["calibrate", "-r", "trotsky-errors", "--dry-run", str(table)], capsys)
    assert code == 2 and out == ""
    assert "is a marks table exported by essaycoach, which holds the marks but not the essays" in err
    code, out, err = run(["mark", "-r", "trotsky-errors", str(table)], capsys)  # the same reader, the same words
    assert code == 2 and "is a marks table exported by essaycoach" in err


def test_json_records_name_where_each_essay_came_from(tmp_path, capsys):
    table = tmp_path / "class.csv"
    table.write_text(f'student,essay\nSam Jones,"{TROTSKY_STRONG}"\nSam Jones,"{TROTSKY_MISSPELT}"\n', encoding="utf-8")
    code, out, _ = run(["mark", "-r", "trotsky-errors", "--json", str(table)], capsys)
    records = json.loads(out)
    second = 2 + TROTSKY_STRONG.count("\n") + 1   # the line the second row starts on
    assert code == 0 and [(r["student"], r["origin"]) for r in records] == [
        ("Sam Jones", f"{table}:2"), ("Sam Jones", f"{table}:{second}")]


@pytest.mark.parametrize("jobs", ["0", "-1", "two", "1.5"])
def test_mark_refuses_a_number_of_jobs_that_is_no_whole_number(jobs, tmp_path, capsys):
    essay = tmp_path / "amy.txt"
    essay.write_text(TROTSKY_STRONG, encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        run(["mark", "-r", "trotsky-errors", "--jobs", jobs, str(essay)], capsys)
    assert stop.value.code == 2 and "is not a whole number from 1 to 64" in capsys.readouterr().err


def test_a_large_class_csv_gets_the_same_marks_on_one_core_or_two(tmp_path, capsys, monkeypatch):
    import csv

    from essaycoach import batch

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    path = tmp_path / "class.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "essay"])
        for n in range(batch.PARALLEL_MIN + 10):
            writer.writerow([f"student {n}", (TROTSKY_STRONG, TROTSKY_MISSPELT, OFF_TOPIC, "")[n % 4]])
    results = [run(["mark", "-r", "trotsky-errors", "--json", "--jobs", jobs, str(path)], capsys) for jobs in "12"]
    assert results[0] == results[1]
    code, out, err = results[0]
    assert code == 1 and "student 3: not marked" in err and len(json.loads(out)) == batch.PARALLEL_MIN + 10


@pytest.mark.parametrize("where", ["database", "rubric by id", "rubric by path", "calibration", "backup",
                                   "damaged copy"])
def test_mark_out_never_replaces_the_apps_own_files(where, tmp_path, capsys, monkeypatch):
    import shutil

    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path / "data"))
    rubrics = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics, ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setenv("ESSAYCOACH_RUBRICS", str(rubrics))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "essaycoach.sqlite3").write_bytes(b"SQLite format 3\x00")
    (rubrics / ".calibration").mkdir()
    (rubrics / ".calibration" / "trotsky-errors.yaml").write_text("kept: yes\n", encoding="utf-8")
    (tmp_path / "data" / "backups").mkdir()
    (tmp_path / "data" / "backups" / "essaycoach-backup-20261202-052843.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (tmp_path / "data" / "essaycoach.sqlite3.damaged-20261202-052843").write_bytes(b"SQLite format 3\x00")
    mine = tmp_path / "mine" / "trotsky-errors.yaml"
    mine.parent.mkdir()
    shutil.copy(rubrics / "trotsky-errors.yaml", mine)
    rubric, target = {"database": ("trotsky-errors", tmp_path / "data" / "essaycoach.sqlite3"),
                      "rubric by id": ("trotsky-errors", rubrics / "trotsky-errors.yaml"),
                      "rubric by path": (str(mine), mine),
                      "calibration": ("trotsky-errors", rubrics / ".calibration" / "trotsky-errors.yaml"),
                      "backup": ("trotsky-errors", next((tmp_path / "data" / "backups").iterdir())),
                      "damaged copy": ("trotsky-errors", next((tmp_path / "data").glob("*.damaged-*")))}[where]
    essay = tmp_path / "amy.txt"
    essay.write_text(TROTSKY_STRONG, encoding="utf-8")
    before = target.read_bytes()
    code, _, err = run(["mark", "-r", rubric, "--out", str(target), str(essay)], capsys)
    assert code == 2 and "choose" in err and target.read_bytes() == before


def test_a_damaged_database_is_one_line_naming_the_way_back(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path))
    (tmp_path / "essaycoach.sqlite3").write_bytes(b"PK\x03\x04 a zip, not a database")
    code, _, err = run(["backup"], capsys)
    assert code == 2 and "the database could not be used (file is not a database)" in err
    assert "essaycoach restore" in err and "Traceback" not in err
    assert not any((tmp_path / "backups").iterdir())  # no empty backup left behind


def test_text_output_never_sends_control_characters_to_the_terminal(tmp_path, capsys):
    """An essay or a name holding "\\x1b[2J" (clear the screen) or "\\x1b]0;...\\x07" (retitle the
    window) was written raw to the teacher's terminal; a name with a line break split the header."""
    path = tmp_path / "class.csv"
    path.write_text('student,essay\n"Amy\nKhan","Stalin \x1b[2Jwon because \x1b]0;pwned\x07Trotsky was arrogant."\n'
                    '"Ben\x1b[31m",\n', encoding="utf-8")
    code, out, err = run(["mark", "-r", "trotsky-errors", str(path)], capsys)
    assert code == 1 and out.startswith("Amy Khan | trotsky-errors |")
    for text in (out, err):
        assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7f <= ord(ch) <= 0x9f for ch in text)
    assert "Ben\ufffd[31m" in out + err


def test_nothing_marked_names_each_file(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.md").write_text("  \n", encoding="utf-8")
    code, _, err = run(["mark", "-r", "trotsky-errors", str(tmp_path / "empty.txt"), str(tmp_path / "blank.md")],
                       capsys)
    assert code == 2
    assert f"nothing could be marked: {tmp_path / 'empty.txt'}: empty essay; {tmp_path / 'blank.md'}: empty" in err


def test_out_to_dev_stdout_through_a_pipe_is_written_there():
    """/dev/stdout resolves to "pipe:[...]" when standard output is a pipe: it had failed."""
    result = subprocess.run([sys.executable, "-m", "essaycoach", "mark", "-r", "trotsky-errors", "--json",
                             "--out", "/dev/stdout", str(ROOT / "examples" / "amy.txt")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and json.loads(result.stdout)[0]["student"] == "amy"
    assert "wrote 1 result to /dev/stdout" in result.stderr


def test_a_fit_that_kept_the_defaults_marks_as_uncalibrated(rubrics_home, tmp_path, capsys):
    from essaycoach.loaders import save_calibration
    from essaycoach.thresholds import DEFAULTS_KEPT, Calibration, Thresholds

    rubric = load_rubric("trotsky-errors")
    save_calibration(Calibration(rubric.id, tuple((p.id, Thresholds()) for p in rubric.points),
                                 tuple((p.id, p.weight) for p in rubric.points), 8, "2026-12-01", note=DEFAULTS_KEPT))
    essay = tmp_path / "amy.txt"
    essay.write_text(TROTSKY_STRONG, encoding="utf-8")
    code, out, _ = run(["mark", "-r", "trotsky-errors", "--json", str(essay)], capsys)
    assert code == 0 and json.loads(out)[0]["calibrated"] is False


def test_calibrate_reads_the_marked_csv_from_standard_input(rubrics_home, marked, capsys, monkeypatch):
    code, out, _ = run(["calibrate", "-r", "trotsky-errors", "--dry-run", "-"], capsys,
                       stdin=marked.read_text(encoding="utf-8"), monkeypatch=monkeypatch)
    assert code == 0 and out.startswith("trotsky-errors: 11 marked essays")


def test_the_class_summary_lists_only_points_somebody_missed(tmp_path, capsys):
    for name in ("amy", "ben"):
        (tmp_path / f"{name}.txt").write_text(TROTSKY_STRONG, encoding="utf-8")
    code, out, _ = run(["mark", "-r", "trotsky-errors", str(tmp_path)], capsys)
    summary = out[out.index("Most missed points:"):]
    assert code == 0 and "missed by 0 of" not in summary
    assert "missed by 2 of 2" in summary or "none: every point was made" in summary


def test_out_dash_is_standard_output_not_a_file_named_dash(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["mark", "-r", "trotsky-errors", "--json", "--out", "-", str(ROOT / "examples" / "amy.txt")],
                       capsys)
    assert code == 0 and json.loads(out)[0]["student"] == "amy" and not (tmp_path / "-").exists()


def test_a_rubrics_folder_that_does_not_exist_is_named(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ESSAYCOACH_RUBRICS", str(tmp_path / "nowhere"))
    code, out, _ = run(["prompts"], capsys)
    assert code == 0 and f"the rubrics folder {tmp_path / 'nowhere'} does not exist" in out
    code, _, err = run(["mark", "-r", "trotsky-errors", str(ROOT / "examples" / "amy.txt")], capsys)
    assert code == 2 and f"valid ids: none: the rubrics folder {tmp_path / 'nowhere'} does not exist" in err


@pytest.mark.parametrize("kind, state", [("a file", "is a file, not a folder"),
                                         ("unreadable", "cannot be read (Permission denied): check its permissions"),
                                         ("empty", "holds no rubric")])
def test_a_rubrics_folder_that_gives_no_rubric_says_why(kind, state, tmp_path, capsys, monkeypatch):
    """An unreadable rubrics folder had been reported as holding no rubric."""
    import os

    folder = tmp_path / "rubrics"
    if kind == "a file":
        folder.write_text("not a folder", encoding="utf-8")
    else:
        folder.mkdir()
    if kind == "unreadable":  # chmod 000 binds nobody when the tests run as root
        listdir = os.listdir

        def refused(path="."):
            if str(path) == str(folder):
                raise PermissionError(13, "Permission denied", str(path))
            return listdir(path)
        monkeypatch.setattr(os, "listdir", refused)
    monkeypatch.setenv("ESSAYCOACH_RUBRICS", str(folder))
    code, _, err = run(["mark", "-r", "trotsky-errors", str(ROOT / "examples" / "amy.txt")], capsys)
    assert code == 2 and f"valid ids: none: the rubrics folder {folder} {state}" in err


def test_json_still_gives_a_record_per_item_when_nothing_could_be_marked(tmp_path, capsys):
    """A script reading --json got nothing at all when every item failed."""
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, out, err = run(["mark", "-r", "trotsky-errors", "--json", str(tmp_path / "empty.txt")], capsys)
    assert code == 2 and "nothing could be marked" in err
    assert json.loads(out) == [{"student": "empty", "rubric": "trotsky-errors", "error": "empty essay",
                                "origin": str(tmp_path / "empty.txt")}]


def test_ctrl_c_while_marking_on_every_core_is_one_line(tmp_path):
    """Ctrl+C reaches the whole process group: the forked copy marking half the set had printed
    its own KeyboardInterrupt traceback. Now it ends silently and the command says so once."""
    import csv
    import os
    import signal
    import time

    with open(tmp_path / "set.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student", "essay"])
        writer.writerows((f"s{i}", TROTSKY_STRONG if i < 700 else "Trotsky lost.") for i in range(1400))
    env = {**os.environ, "ESSAYCOACH_DATA": str(tmp_path / "data"), "ESSAYCOACH_NO_CACHE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "essaycoach", "mark", "-r", "trotsky-errors", "-j", "2",
                             str(tmp_path / "set.csv")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, env=env, start_new_session=True,
                            # as from a terminal: a suite run as a background job (as CI may run it)
                            # passes Ctrl+C on ignored, and the command would never see it
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _children(proc.pid), "the set was marked on one process: nothing to interrupt"
    time.sleep(0.5)  # the copy is marking (or, with the short half, already waiting)
    os.killpg(proc.pid, signal.SIGINT)  # as the terminal does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip() == "essaycoach: interrupted: stopped before the end; nothing more was written"


def _children(pid: int) -> list[str]:
    path = f"/proc/{pid}/task/{pid}/children"
    try:
        with open(path, encoding="ascii") as fh:
            return fh.read().split()
    except OSError:
        return []


@pytest.mark.parametrize("argv", [
    ["show", "no-such-rubric"],
    ["mark", "-r", "no-such-rubric", "essay.txt"],
    ["export-student", "nobody"],
    ["restore", "no-such-backup.zip"],
    ["exemplars", "no-such-rubric"],
    ["calibrate", "-r", "trotsky-errors", "no-such-marks.csv"],
])
def test_an_error_under_json_is_json_on_standard_output_too(argv, tmp_path, capsys, monkeypatch):
    """A script reading --json output had got nothing on stdout when a command failed."""
    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "essay.txt").write_text(TROTSKY_STRONG, encoding="utf-8")
    code, out, err = run([*argv, "--json"], capsys)
    assert code == 2 and err.count("\n") == 1 and err.startswith("essaycoach: error: ")
    assert json.loads(out) == {"error": err.removeprefix("essaycoach: error: ").rstrip("\n"), "exit": 2}


def test_json_records_already_written_are_not_followed_by_an_error_object(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text(" ", encoding="utf-8")
    code, out, _ = run(["mark", "-r", "trotsky-errors", "--json", str(tmp_path / "empty.txt")], capsys)
    assert code == 2 and [r["error"] for r in json.loads(out)] == ["empty essay"]


def test_a_read_only_database_names_permissions_not_a_restore(tmp_path, capsys, monkeypatch):
    """A data folder the teacher may not write to had been told to bring back a backup."""
    import sqlite3

    from essaycoach import cli_classroom

    def read_only(args, out):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setenv("ESSAYCOACH_DATA", str(tmp_path))
    monkeypatch.setattr(cli_classroom, "cmd_export_student", read_only)
    code, out, err = run(["export-student", "amy", "--json"], capsys)
    assert code == 2 and "check that you may write to the data folder" in err and "restore" not in err
    assert json.loads(out)["exit"] == 2


def test_a_ctrl_c_lost_in_a_destructor_still_stops_the_command(capsys):
    """A walk: Ctrl+C landing as numpy closed a cache file was printed as "Exception ignored ...
    KeyboardInterrupt" and lost; the command went on and exited 0 with the whole report."""
    import signal

    from essaycoach import cli

    class Closing:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGINT)   # Python swallows what a destructor raises

    stream = cli._Watched(io.StringIO())
    with pytest.raises(KeyboardInterrupt), cli._interrupts_noted(stream):
        Closing()
        stream.write("the report")
    assert stream.stream.getvalue() == "" and stream.interrupted
    assert "Traceback" not in capsys.readouterr().err
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler   # put back afterwards
