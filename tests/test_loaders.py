import re
import shutil

import pytest
from conftest import ROOT

from essaycoach.errors import RubricError, UnknownRubricError
from essaycoach.loaders import load_rubric, read_rubric_file, rubric_ids, rubric_path, rubric_versions, save_rubric


@pytest.fixture
def folder(tmp_path):
    shutil.copy(ROOT / "rubrics" / "trotsky-errors.yaml", tmp_path)
    return tmp_path


def test_unknown_id_lists_valid_ids(folder):
    with pytest.raises(UnknownRubricError, match=r"unknown rubric 'nope'; valid ids: trotsky-errors"):
        load_rubric("nope", folder)


def test_a_misspelt_id_is_offered_the_one_meant_and_a_capital_is_forgiven(folder):
    with pytest.raises(UnknownRubricError, match=r"'trotksy-errors'; did you mean 'trotsky-errors'\? Valid ids"):
        load_rubric("trotksy-errors", folder)
    assert load_rubric("Trotsky-Errors", folder) == load_rubric("trotsky-errors", folder)


@pytest.mark.parametrize("bad", ["../evil", "a/b", "..", "", "UPPER", "x.yaml/../../etc"])
def test_ids_cannot_escape_the_folder(folder, bad):
    with pytest.raises(UnknownRubricError):
        rubric_path(bad, folder)


def test_load_by_path_and_by_id_agree(folder):
    assert load_rubric("trotsky-errors", folder) == load_rubric(str(folder / "trotsky-errors.yaml"))


def test_save_is_atomic_keeps_history_and_round_trips(folder):
    from dataclasses import replace

    before = (folder / "trotsky-errors.yaml").read_bytes()
    rubric = load_rubric("trotsky-errors", folder)
    edited = replace(rubric, question=rubric.question + " (edited)")
    save_rubric(edited, folder)
    assert load_rubric("trotsky-errors", folder) == edited
    versions = rubric_versions("trotsky-errors", folder)
    assert len(versions) == 1 and versions[0].read_bytes() == before
    assert not list(folder.glob(".*.tmp"))
    assert rubric_ids(folder) == ["trotsky-errors"]


def test_invalid_rubric_is_never_written(folder):
    from dataclasses import replace

    rubric = load_rubric("trotsky-errors", folder)
    before = (folder / "trotsky-errors.yaml").read_bytes()
    bad = replace(rubric, points=rubric.points + (rubric.points[0],))  # duplicate point id
    with pytest.raises(RubricError, match="duplicate point id"):
        save_rubric(bad, folder)
    assert (folder / "trotsky-errors.yaml").read_bytes() == before
    assert rubric_versions("trotsky-errors", folder) == []


@pytest.mark.parametrize("content, message", [
    (b"\x00\x01\x02binary", "not UTF-8"),
    (b"id: [unclosed\n", "YAML syntax error"),
    ("caf\u00e9: \xff".encode("latin-1"), "not UTF-8"),
])
def test_broken_files(tmp_path, content, message):
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    with pytest.raises(RubricError, match=message):
        read_rubric_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(RubricError, match="file not found"):
        read_rubric_file(tmp_path / "gone.yaml")


def test_forgetting_a_student_removes_only_their_wordings(tmp_path):
    """Deleting a student deletes the sentences calibrations learnt from their essays."""
    import shutil

    from conftest import ROOT

    from essaycoach.exemplars import Exemplar
    from essaycoach.loaders import forget_student, load_calibration, load_rubric, save_calibration
    from essaycoach.thresholds import Calibration, Thresholds
    folder = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", folder, ignore=shutil.ignore_patterns(".calibration", ".history"))
    for rid in ("trotsky-errors", "purge-necessary"):
        points = load_rubric(rid, folder).points
        learnt = (Exemplar(points[0].id, f"{rid}: Ada's sentence", True, "Ada"),
                  Exemplar(points[1].id, "Ben's", False, "Ben"))
        save_calibration(Calibration(rid, tuple((p.id, Thresholds()) for p in points),
                                     tuple((p.id, 1.0) for p in points), 2, "2026-11-30T10:00:00", learnt), folder)
    (folder / ".calibration" / "women-status.yaml").write_text("points: [broken", encoding="utf-8")
    assert forget_student("Ada", folder) == 2
    for rid in ("trotsky-errors", "purge-necessary"):
        assert [e.student for e in load_calibration(rid, folder).exemplars] == ["Ben"]
    assert forget_student("Ada", folder) == 0
    assert forget_student("Nobody", tmp_path / "empty") == 0


@pytest.mark.parametrize("text, message", [
    ("id: t\npoints: []\npoints: []\n", "the key 'points' is given twice (first at line 2)"),
    ("points:\n  - id: a\n    text: x\n    text: y\n", "the key 'text' is given twice"),
    ("x: !!binary aGVsbG8=\n", "tagged 'binary' is not allowed"),
    ("x: !!set {a, b}\n", "tagged 'set' is not allowed"),
])
def test_yaml_a_rubric_cannot_mean_is_refused_by_line(text, message):
    from essaycoach.safeio import YamlError, load_yaml_text
    with pytest.raises(YamlError, match=re.escape(message)):
        load_yaml_text(text)


def test_a_date_in_a_rubric_stays_the_text_written(tmp_path, capsys):
    """An extra field holding a date: kept as written, so `show --json` can print it."""
    import json

    from essaycoach.cli import main
    text = (ROOT / "rubrics" / "trotsky-errors.yaml").read_text(encoding="utf-8").replace(
        "id: trotsky-errors", "id: dated", 1) + "exam_date: 2024-06-01\n"
    (tmp_path / "dated.yaml").write_text(text, encoding="utf-8")
    assert main(["show", "--json", str(tmp_path / "dated.yaml")]) == 0
    assert json.loads(capsys.readouterr().out)["exam_date"] == "2024-06-01"


def test_a_nul_in_a_rubric_name_is_an_unknown_rubric_not_a_value_error():
    with pytest.raises(UnknownRubricError, match="no NUL character"):
        load_rubric("a\x00b.yaml", ROOT / "rubrics")
