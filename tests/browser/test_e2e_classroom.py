"""Classroom mode end to end in headless Chromium: a student cannot reach teacher pages or
another student's work by typing addresses; the whole loop from setting an assignment to the
students reading the teacher's released marking."""
from __future__ import annotations

import re
import time
from contextlib import closing
from pathlib import Path

import pytest
from widgets import choose

from essaycoach import accounts as acc
from essaycoach import assignments as asg
from essaycoach import attempts as att
from essaycoach import classes as cls
from essaycoach import classroom as room
from essaycoach import store

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is missing").expect

WAIT = 30_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TEACHER_URLS = ["teacher_assignments", "classroom_admin", "class_marking", "rubric_editor"]
ESSAY = ("Stalin won the power struggle partly because of Trotsky's errors. Trotsky failed to press for the "
         "publication of Lenin's Testament and missed Lenin's funeral, so Stalin looked like Lenin's heir. "
         "However, as General Secretary Stalin controlled appointments and packed the party congress. "
         "In conclusion, Stalin's control of the party mattered more because it gave him the votes.")


@pytest.fixture(scope="module")
def classroom_env():
    mp = pytest.MonkeyPatch()
    mp.setenv("ESSAYCOACH_CLASSROOM", "1")
    yield
    mp.undo()


@pytest.fixture(scope="module")
def app(classroom_env, app):
    """The conftest's app, started in classroom mode, with a teacher and a class of two."""
    with closing(store.connect(app.data / "essaycoach.sqlite3")) as db:
        acc.set_teacher_password(db, "correct horse")
        class_id = room.create_class(db, "E2E 13B")
        ada, ben = room.add_students(db, class_id, ["Ada Lovelace", "Ben Ortiz"]).students
        acc.join(db, ada.join_code, "ada's password")
        acc.join(db, ben.join_code, "ben's password")
    return app


def _db(app):
    return closing(store.connect(app.data / "essaycoach.sqlite3"))


@pytest.fixture
def snap(request):
    """``snap(page, "step")`` keeps a screenshot of that browser as test-artifacts/<test>-<step>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    return lambda page, step: page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{step}.png"))


@pytest.fixture
def contexts(browser):
    made = []

    def new():
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        made.append(context)
        page = context.new_page()
        page.set_default_timeout(WAIT)
        return page
    yield new
    for context in made:
        context.close()


def _sign_in(page, url: str, name: str | None, password: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible(timeout=WAIT)
    if name is None:
        page.get_by_text("I am the teacher").click()
        expect(page.get_by_role("textbox", name="Your name")).to_have_count(0, timeout=WAIT)
    else:
        page.get_by_role("textbox", name="Your name").fill(name)
    page.get_by_label("Password", exact=False).first.fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sign in")).to_have_count(0, timeout=WAIT)


def _nav(page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()


def test_a_student_cannot_reach_teacher_pages_or_another_students_work(app, contexts, snap):
    with _db(app) as db:
        from essaycoach.loaders import load_rubric
        from essaycoach.project import default_engine

        report = default_engine().grade(ESSAY, load_rubric("trotsky-errors"), "Ben Ortiz")
        att.save_attempt(db, "Ben Ortiz", report, "Ben's secret practice essay. " + ESSAY, time.time() - 600)
    stranger = contexts()
    for path in TEACHER_URLS + ["my_assignments", "progress"]:
        stranger.goto(f"{app.url}/{path}")
        expect(stranger.get_by_role("heading", name="Sign in")).to_be_visible(timeout=WAIT)
        expect(stranger.get_by_text("Ben Ortiz")).to_have_count(0)

    ada = contexts()
    _sign_in(ada, app.url, "Ada Lovelace", "ada's password")
    expect(ada.get_by_role("heading", name="My assignments")).to_be_visible(timeout=WAIT)
    nav = ada.get_by_test_id("stSidebarNav")
    for hidden in ("Assignments", "Classes and students", "Mark a class set", "Rubric editor"):
        expect(nav.get_by_role("link", name=hidden, exact=True)).to_have_count(0)
    for path in TEACHER_URLS:  # typing a teacher page's address: the page is not there for her
        ada.goto(f"{app.url}/{path}")
        expect(ada.get_by_role("heading", name=re.compile("Sign in|My assignments"))).to_be_visible(timeout=WAIT)
        for heading in ("Assignments", "Classes and students", "Mark a class set", "Rubric editor"):
            expect(ada.get_by_role("heading", name=heading, exact=True)).to_have_count(0)
        expect(ada.get_by_text("Ben Ortiz")).to_have_count(0)
    _sign_in(ada, app.url, "Ada Lovelace", "ada's password")  # a typed address is a reload: sign in again
    _nav(ada, "My attempts")
    expect(ada.get_by_role("heading", name="My attempts")).to_be_visible(timeout=WAIT)
    expect(ada.get_by_text("No submitted attempts for Ada Lovelace")).to_be_visible(timeout=WAIT)
    expect(ada.get_by_role("textbox", name="Your name")).to_have_count(0)  # no name box to type Ben's name
    expect(ada.get_by_text("Ben's secret")).to_have_count(0)
    snap(ada, "student-attempts")


def test_the_full_loop_set_write_auto_send_mark_release_read(app, contexts, snap):
    teacher = contexts()
    _sign_in(teacher, app.url, None, "correct horse")
    expect(teacher.get_by_role("heading", name="Assignments")).to_be_visible(timeout=WAIT)
    teacher.get_by_text("Set a timed essay").click()
    choose(teacher, "asg_rubric", re.compile("Trotsky's errors"))
    teacher.get_by_role("button", name="Set the essay").click()
    expect(teacher.get_by_text(re.compile("Set “.*Trotsky.*” for E2E 13B"))).to_be_visible(timeout=WAIT)
    # the form is blank again in the browser too: a second press would set the essay twice
    expect(teacher.locator(".st-key-asg_rubric")).not_to_contain_text("Trotsky", timeout=WAIT)
    with _db(app) as db:
        (a,) = [x for x in asg.for_class(db) if x.title.startswith("Stalin")]
        ben = room.find_student(db, "Ben Ortiz")
        # Ben started earlier and left: about 20 s of his 45 minutes are left when he comes back.
        asg.start(db, a, ben)
        with db:
            db.execute("UPDATE submissions SET started_at = ? WHERE account_id = ?",
                       (time.time() - a.minutes * 60 + 20, ben.id))

    ada = contexts()
    _sign_in(ada, app.url, "Ada Lovelace", "ada's password")
    ada.get_by_role("button", name=re.compile("Start: the 45-minute clock")).click()
    essay = ada.locator(".st-key-my_essay textarea")
    expect(essay).to_be_visible(timeout=WAIT)
    essay.fill(ESSAY)
    ada.get_by_role("button", name="Submit essay").click()
    # Far too short for 45 minutes: asked once first, as practice asks.
    expect(ada.get_by_text(re.compile("Submit now\\? Too short"))).to_be_visible(timeout=WAIT)
    ada.get_by_role("button", name="Submit anyway").click()
    expect(ada.get_by_text("Your essay is submitted.")).to_be_visible(timeout=WAIT)

    ben_page = contexts()
    _sign_in(ben_page, app.url, "Ben Ortiz", "ben's password")
    ben_page.get_by_role("button", name=re.compile("Continue writing")).click()
    box = ben_page.locator(".st-key-my_essay textarea")
    expect(box).to_be_visible(timeout=WAIT)
    box.click()
    box.press_sequentially("Trotsky was arrogant and missed Lenin's funeral.", delay=10)
    expect(ben_page.get_by_text("Time was up, so your essay was sent")).to_be_visible(timeout=60_000)
    snap(ben_page, "ben-auto-sent")
    with _db(app) as db:
        sent = asg.submission(db, a.id, ben.id)
    assert sent.auto and sent.text == "Trotsky was arrogant and missed Lenin's funeral."

    teacher.get_by_role("button", name="Open as a class set for marking").click()
    expect(teacher.get_by_role("heading", name=re.compile("Results: "))).to_be_visible(timeout=60_000)
    with _db(app) as db:
        set_id = asg.get(db, a.id).set_id
        rows = {e.student: e.row for e in cls.essays(db, set_id)}
        cls.set_override(db, set_id, rows["Ada Lovelace"], cls.MARK, 18, "Clear judgement, well supported")
    _nav(teacher, "Assignments")
    teacher.get_by_role("button", name="Release the marking to students").click()
    # Ben's essay was never reviewed: the teacher is told what release would do, and confirms.
    expect(teacher.get_by_text(re.compile("(has|have) not been reviewed by you"))).to_be_visible(timeout=WAIT)
    teacher.get_by_role("button", name="Release now").click()
    expect(teacher.get_by_text("marking released")).to_be_visible(timeout=WAIT)

    _nav(ada, "My assignments")  # released feedback opens by itself
    expect(ada.get_by_text("Your teacher has marked your essay")).to_be_visible(timeout=WAIT)
    mark = ada.get_by_test_id("stMetric").filter(has_text="Your teacher's mark")
    expect(mark.filter(has_text="18 / 25")).to_be_visible()
    expect(ada.get_by_text("Clear judgement, well supported")).to_be_visible()
    expect(ada.locator("mark").first).to_be_visible(timeout=WAIT)
    snap(ada, "ada-feedback")
    _nav(ben_page, "My assignments")  # released with the set, never marked by the teacher: the engine's estimate
    expect(ben_page.get_by_text(re.compile("the mark below is the engine's estimate"))).to_be_visible(timeout=WAIT)
    expect(ben_page.get_by_text(re.compile(r"Your teacher's mark: \d+ / 25"))).to_have_count(0)
    expect(ben_page.get_by_text("Clear judgement")).to_have_count(0)


def test_a_students_name_in_the_sidebar_is_shown_as_typed_and_fetches_nothing(app, contexts, snap):
    """The sidebar's "Signed in as" heading is Markdown: a name holding an image or emphasis had
    made the student's browser fetch from the internet (a walk's finding)."""
    name = "Eve ![x](http://203.0.113.7/pixel.png) *O'Brien*"
    with _db(app) as db:
        (eve,) = room.add_students(db, room.create_class(db, "E2E names"), [name]).students
        acc.join(db, eve.join_code, "eve's password")
    page = contexts()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if "203.0.113.7" in r.url else None)
    _sign_in(page, app.url, name, "eve's password")
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("*O'Brien*", exact=False)).to_be_visible(timeout=WAIT)
    expect(nav.locator("em, img")).to_have_count(0)
    snap(page, "sidebar")
    assert outside == []
