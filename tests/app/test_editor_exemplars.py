"""Wordings learnt from the teacher's marking, in the rubric editor: shown under their point
(escaped), and "Make alias" keeps a credited one in the rubric (a one-line change to the file)
and takes it out of the calibration, as ``essaycoach exemplars --promote`` does."""
from __future__ import annotations

import difflib
import io
import shutil
from pathlib import Path

from editor_app import field
from editor_app import open_rubric as open_editor
from rendering import injected, shown

from essaycoach.calibrate import TeacherLabel, calibrate
from essaycoach.cli import main
from essaycoach.evaluation import load_labelled
from essaycoach.exemplars import Exemplar
from essaycoach.loaders import load_calibration, load_rubric, rubric_versions, save_calibration
from essaycoach.thresholds import Calibration, Thresholds

ROOT = Path(__file__).resolve().parents[2]
SENTENCE = "Trotsky **never** bothered with [boring](http://x.example) party work, so he had no allies"
REJECTED = "Trotsky was the leader of the Red Army in the Civil War and everyone knew it"


def _store(folder: Path, rubric_id: str, *exemplars: Exemplar) -> Calibration:
    rubric = load_rubric(rubric_id, folder)
    cal = Calibration(rubric_id, tuple((p.id, Thresholds()) for p in rubric.points),
                      tuple((p.id, p.weight) for p in rubric.points), 6, "2026-01-05T10:00:00", exemplars)
    save_calibration(cal, folder)
    return cal


def _changed(before: str, after: str) -> list[str]:
    return [ln for ln in difflib.ndiff(before.splitlines(), after.splitlines()) if ln[:2] in ("- ", "+ ")]


def test_make_alias_saves_one_line_and_leaves_the_calibration(rubric_copy):
    path = rubric_copy / "trotsky-errors.yaml"
    credited = Exemplar("overconfidence", SENTENCE, True, "Ann <b>Lee</b>")
    rejected = Exemplar("overconfidence", REJECTED, False, "Bo")
    _store(rubric_copy, "trotsky-errors", credited, rejected)
    before = path.read_text(encoding="utf-8")
    at = open_editor()
    # Shown under the point, escaped: the reader sees the sentence, not bold text or a link.
    lines = [m.value for m in at.markdown if "bothered with" in m.value]
    assert len(lines) == 1 and SENTENCE in shown(lines[0]) and "Ann <b>Lee</b>" in shown(lines[0])
    assert not injected(lines[0])
    assert any(REJECTED in shown(m.value) for m in at.markdown)
    assert [b.key for b in at.button if b.key and b.key.startswith("editor_promote_")] == ["editor_promote_0"]
    assert not at.button(key="editor_promote_0").disabled
    at.button(key="editor_promote_0").click().run()
    assert not at.exception and not at.error
    after = path.read_text(encoding="utf-8")
    changed = _changed(before, after)
    assert len(changed) == 2 and changed[0].startswith("-     aliases: [") and changed[1].endswith(f', "{SENTENCE}"]')
    assert SENTENCE in load_rubric("trotsky-errors", rubric_copy).point("overconfidence").aliases
    assert load_calibration("trotsky-errors", rubric_copy).exemplars == (rejected,)
    assert len(rubric_versions("trotsky-errors", rubric_copy)) == 1
    assert any("is now an alias of overconfidence" in shown(s.value) for s in at.success)   # at the top...
    confirmed = f"Now an alias of this point, and saved: “{SENTENCE}”"
    assert any(shown(s.value).strip().endswith(confirmed) and not injected(s.value)
               for s in at.success)                                                             # ...and at the point
    aliases = next(w for w in at.text_input if w.key and w.key.endswith("_aliases") and SENTENCE in w.value)
    assert aliases.value.endswith(f"; {SENTENCE}")
    assert not any(b.key == "editor_promote_0" for b in at.button)


def test_make_alias_waits_for_unsaved_edits(rubric_copy):
    path = rubric_copy / "trotsky-errors.yaml"
    _store(rubric_copy, "trotsky-errors", Exemplar("overconfidence", SENTENCE, True))
    before = path.read_bytes()
    at = open_editor()
    at.text_input(key=field(at, "title")).input("An unsaved title").run()
    assert at.button(key="editor_promote_0").disabled
    assert path.read_bytes() == before and len(load_calibration("trotsky-errors", rubric_copy).exemplars) == 1


def test_no_calibration_no_wordings(rubric_copy):
    at = open_editor()
    assert not any(b.key and b.key.startswith("editor_promote_") for b in at.button)
    assert not any("Learnt from your marking" in m.value for m in at.markdown)


def test_the_cli_and_the_app_promote_to_the_same_rubric(rubric_copy, tmp_path, monkeypatch, engine):
    """A calibration fitted on dev-set marking; its first credited wording promoted by the app in
    one folder and by ``essaycoach exemplars --promote`` in a copy: the same files result."""
    rubric = load_rubric("destalinization-causes", rubric_copy)
    mid = {b.level: (b.low + b.high) // 2 for b in rubric.levels}
    essays = load_labelled(ROOT / "tests" / "data" / "devset" / "destalinization-causes.yaml")
    labels = [TeacherLabel(e.student, e.text, dict(e.labels), mid.get(e.level, 0)) for e in essays]
    cal = calibrate(engine, rubric, labels, fitted_at="2026-01-05T10:00:00").calibration
    n, credited = next((n, e) for n, e in enumerate(cal.exemplars, 1) if e.positive)
    save_calibration(cal, rubric_copy)
    cli_folder = tmp_path / "cli-rubrics"
    shutil.copytree(rubric_copy, cli_folder)

    at = open_editor("destalinization-causes")
    at.button(key=f"editor_promote_{n - 1}").click().run()
    assert not at.exception and not at.error

    monkeypatch.setenv("ESSAYCOACH_RUBRICS", str(cli_folder))
    assert main(["exemplars", "destalinization-causes", "--promote", str(n)], out=io.StringIO()) == 0

    app_file, cli_file = (f / "destalinization-causes.yaml" for f in (rubric_copy, cli_folder))
    assert app_file.read_text(encoding="utf-8") == cli_file.read_text(encoding="utf-8")
    assert load_rubric("destalinization-causes", rubric_copy) == load_rubric("destalinization-causes", cli_folder)
    assert " ".join(credited.sentence.split()) in load_rubric("destalinization-causes", cli_folder).point(
        credited.point).aliases
    assert load_calibration("destalinization-causes", rubric_copy) == load_calibration("destalinization-causes",
                                                                                       cli_folder)
    assert credited not in load_calibration("destalinization-causes", rubric_copy).exemplars
    assert len(_changed((ROOT / "rubrics" / "destalinization-causes.yaml").read_text(encoding="utf-8"),
                        app_file.read_text(encoding="utf-8"))) == 2
