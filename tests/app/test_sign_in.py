"""Classroom mode's router and sign-in page through AppTest: set-up first, then sign-in, then pages by role."""
from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from rendering import shown
from streamlit.testing.v1 import AppTest

from essaycoach import accounts as acc
from essaycoach import classroom as room
from essaycoach import store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TEACHER_PAGES = ["class_marking.py", "rubric_editor.py"]


@pytest.fixture()
def classroom(data_dir, monkeypatch):
    monkeypatch.setenv("ESSAYCOACH_CLASSROOM", "1")
    return data_dir


def _app(token: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if token:
        at.session_state["auth_token"] = token
    return at.run()


def _titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def _teacher(password: str = "correct horse") -> acc.Session:
    with closing(store.connect()) as db:
        acc.set_teacher_password(db, password)
        return acc.sign_in(db, acc.TEACHER, "", password)


def test_first_run_asks_for_the_teacher_password_and_nothing_else(classroom):
    at = _app()
    assert not at.exception and _titles(at) == ["Set up classroom mode"]
    at.text_input(key="setup_password").input("correct horse")
    at.text_input(key="setup_again").input("correct horsf")
    at.button[0].click().run()
    assert any("differ" in e.value for e in at.error)
    at.text_input(key="setup_again").input("correct horse")
    at.button[0].click().run()
    assert not at.exception
    assert _titles(at) == ["Assignments"]  # signed in as the teacher straight away
    with closing(store.connect()) as db:
        assert acc.teacher(db) is not None


def test_a_short_first_password_is_refused(classroom):
    at = _app()
    at.text_input(key="setup_password").input("short")
    at.text_input(key="setup_again").input("short")
    at.button[0].click().run()
    assert any("at least 8" in e.value for e in at.error)
    with closing(store.connect()) as db:
        assert acc.teacher(db) is None


def test_the_teacher_signs_in_and_a_wrong_password_is_refused(classroom):
    _teacher()
    at = _app()
    assert _titles(at) == ["Sign in"]
    assert [e.label for e in at.expander] == ["First time? Join your class with the code your teacher gave you"]
    at.radio(key="signin_role").set_value("teacher").run()
    assert list(at.expander) == []   # joining a class is for students: not offered to the teacher
    at.text_input(key="signin_password").input("wrong one")
    at.button[0].click().run()
    assert any("wrong password" in e.value for e in at.error) and _titles(at) == ["Sign in"]
    at.text_input(key="signin_password").input("correct horse")
    at.button[0].click().run()
    assert not at.exception and _titles(at) == ["Assignments"]


def _press(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def _errors(at: AppTest) -> list[str]:
    return [shown(e.value).strip() for e in at.error]


def test_a_field_left_blank_is_named_not_refused_as_wrong(classroom):
    """A walk's finding: Join with no code (and two matching passwords) said "that join code is
    not known (it may have been used already)"."""
    _teacher()
    with closing(store.connect()) as db:
        room.add_students(db, room.create_class(db, "13B"), ["Ada Lovelace"])
    at = _app()
    at.text_input(key="join_password").input("my secret pw")
    at.text_input(key="join_again").input("my secret pw")
    _press(at, "Join")
    assert _errors(at) == ["Not joined: type the join code your teacher gave you."]
    at.text_input(key="join_password").input("")
    at.text_input(key="join_again").input("")
    at.text_input(key="join_code").input("ABCD-EFGH-23")
    _press(at, "Join")
    assert _errors(at) == [f"Not joined: a password needs at least {acc.MIN_PASSWORD} characters."]
    at.text_input(key="signin_password").input("a password")
    _press(at, "Sign in")
    assert _errors(at) == ["Not signed in: type your name."]
    at.text_input(key="signin_password").input("")
    at.text_input(key="signin_name").input("Ada Lovelace")
    _press(at, "Sign in")
    assert _errors(at) == ["Not signed in: type your password (or PIN)."]
    at.radio(key="signin_role").set_value("teacher").run()
    _press(at, "Sign in")
    assert _errors(at) == ["Not signed in: type your password."]
    with closing(store.connect()) as db:   # a blank password is no wrong guess: nothing counted
        assert db.execute("SELECT max(failures) FROM accounts").fetchone()[0] == 0


def test_an_expired_or_made_up_token_goes_back_to_sign_in(classroom):
    _teacher()
    at = _app("not-a-real-token")
    assert _titles(at) == ["Sign in"]
    assert any("session has ended" in i.value for i in at.info)


@pytest.mark.parametrize("page", TEACHER_PAGES)
def test_a_teacher_page_opened_directly_refuses_without_the_teacher(classroom, page):
    _teacher()
    at = AppTest.from_file(str(ROOT / "app_pages" / page), default_timeout=60).run()
    assert not at.exception
    assert any("for the teacher" in e.value for e in at.error)
    assert _titles(at) == []  # stopped before the page drew anything


@pytest.mark.parametrize("page", TEACHER_PAGES)
def test_a_teacher_page_opens_for_the_signed_in_teacher(classroom, page):
    session = _teacher()
    at = AppTest.from_file(str(ROOT / "app_pages" / page), default_timeout=60)
    at.session_state["auth_token"] = session.token
    at.run()
    assert not at.exception and not any("for the teacher" in e.value for e in at.error)
    assert _titles(at)


def test_personal_mode_has_no_sign_in(data_dir, monkeypatch):
    monkeypatch.delenv("ESSAYCOACH_CLASSROOM", raising=False)
    monkeypatch.setenv("ESSAYCOACH_SETTINGS", str(data_dir / "none.toml"))
    at = _app()
    assert not at.exception and _titles(at) == ["Timed practice"]
    with closing(store.connect()) as db:
        assert acc.teacher(db) is None
