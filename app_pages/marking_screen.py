"""The marking screen of the class-marking page: one essay with its highlights beside the
rubric's points in full, each with the engine's verdict and the sentence behind it; the
teacher's verdict per point, picked comments, mark and "checked" saved together; previous,
next and next-to-check from the keyboard (Alt+K, Alt+J, Alt+N; Ctrl+Enter saves), and the
points too: Alt+Down / Alt+Up move between them, Alt+V cycles the verdict, Alt+R its reason
(a small local script, ``point_keys.html``, in a frame that shows nothing).
"""
from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app_pages.class_set import CHOSEN, STUDENT, Current, db
from app_pages.feedback_view import STATUS_LABEL, highlight_html, render_report
from essaycoach import assignments as asg
from essaycoach import classes as cls
from essaycoach import comment_bank as bank
from essaycoach import marking
from essaycoach.markup import escape_markdown as md
from essaycoach.markup import html_id
from essaycoach.report import STATUSES, PointResult, Report, has_sides, level_name, side_name
from essaycoach.sentences import split_sentences

CHECK = "⚑ check this"
SCREEN_PX = 620   # height of the essay and points panes, each scrolled on its own
PANES = ("class_essay_box", "class_points_box")  # their widget keys (CSS classes .st-key-...)
STACKED_PX = 640  # below this width Streamlit stacks columns: the panes then grow with the page
# On a phone the two panes stack, and a pane scrolled inside a page that scrolls too was a
# trap for a thumb (a walk found the page would not move while the finger was on the essay).
_GROW_WHEN_STACKED = (f"<style>@media (max-width: {STACKED_PX}px) {{"
                      + ", ".join(f".st-key-{k}, :has(> .st-key-{k})" for k in PANES)
                      + " {height: auto !important; overflow: visible !important;}}</style>")
# A phone has no Alt key: the list of keys is not shown there (a walk).
_NO_KEYS_ON_PHONE = f"<style>@media (max-width: {STACKED_PX}px) {{.st-key-class_keys_help {{display: none;}}}}</style>"
# With Alt the moves work while a reason or comment field has the focus (plain letters would type).
KEYS = {"previous": "Alt+K", "next": "Alt+J", "check": "Alt+N", "save": "Ctrl+Enter"}
# Keys the point script (point_keys.html) handles, in the order the help names them.
POINT_KEYS = (("Alt+↓ / Alt+↑", "next / previous point"), ("Alt+V", "its verdict: covered → partial → missing"),
              ("Alt+R", "its reason"))
_ESSAY_KEYS = (("Ctrl+Enter", "save"), (f"{KEYS['next']} / {KEYS['previous']}", "next / previous essay"),
               (KEYS["check"], "next essay to check"))
KEY_HELP = "Keys: " + " · ".join(f"**{k}** {what}" for k, what in (*POINT_KEYS, *_ESSAY_KEYS))
UNMARKED_KEY_HELP = "Keys: " + " · ".join(f"**{k}** {what}" for k, what in _ESSAY_KEYS)  # no points to step through
_POINT_SCRIPT = (Path(__file__).parent / "point_keys.html").read_text(encoding="utf-8")
_PICKER_PX = 320  # the student selector: room for a long name in the row of moves (it was cut mid-word)


SHOWN = "class_shown"  # session key: {(set id, row): the overrides the marking form was last drawn from}
MARK_SAVED = "class_mark_saved"  # session key: the mark box just saved, to show its mark as stored
BANK_REFUSED = "class_bank_refused"  # session key: why the comment just added was not
GOTO = "class_goto"  # the essay to show after a save-and-move (set before the rerun that draws the selector)
WANTED = "class_wanted"  # the student the selector was set to when the form was sent


class Move(NamedTuple):
    """A button that moves to another essay."""

    label: str
    key: str
    target: int | None   # the row it moves to (None: nowhere to go)
    shortcut: str
    help: str


def _go(name: str) -> None:
    # A callback runs before the next script run, when the selector's state may be set.
    st.session_state[STUDENT] = name


def _key(cur: Current, row: int, what: str) -> str:
    return f"class_ovr_{cur.set.id}_{row}_{what}"


def moves(cur: Current, row: int) -> list[Move]:
    """Previous, next, and next to check (when another essay waits to be checked)."""
    before, after = marking.step(cur.entries, row, -1), marking.step(cur.entries, row, 1)
    out = [Move("◀ Previous", "class_prev", before if before != row else None, KEYS["previous"],
                "Save this essay's marking, then the essay before it (Alt+K)"),
           Move("Next ▶", "class_next_essay", after if after != row else None, KEYS["next"],
                "Save this essay's marking, then the essay after it (Alt+J)")]
    target = marking.next_to_check(cur.entries, row)
    if target is not None and target != row:
        waiting = sum(bool(e.to_check) for i, e in enumerate(cur.entries) if i != row)  # besides this one
        out.append(Move(f"Next essay to check ⚑ ({waiting} left)", "class_next", target, KEYS["check"],
                        "Save this essay's marking, then the next essay, not yet reviewed, with a verdict "
                        "the engine is unsure of (Alt+N)"))
    return out


def navigation(cur: Current) -> int:
    """The essay selector, and previous, next and next-to-check for an essay with no marking
    form (one that could not be marked); the row on show."""
    ss = st.session_state
    names = cur.names
    goto = ss.pop(GOTO, None)
    if goto in names:
        ss[STUDENT] = ss[CHOSEN] = goto
    shown = ss.get(CHOSEN)
    ss[WANTED] = ss.get(STUDENT)
    if shown in names and cur.entries[names.index(shown)].report is not None:
        ss[STUDENT] = shown  # a marking form's selector moves only through its Open button (GOTO)
    elif ss.get(STUDENT) not in names:   # the selector's state goes while another tab is open
        ss[STUDENT] = shown if shown in names else names[0]
    row = names.index(ss[STUDENT])
    ss[CHOSEN] = names[row]
    unmarked = cur.entries[row].report is None
    if unmarked:   # headed as a marking form is (which draws its own heading above its moves)
        st.markdown(f"#### Marking {md(names[row])}")
    bar = st.container(horizontal=True, vertical_alignment="center", key="class_moves")
    if unmarked:  # no marking form to keep: the selector moves at once
        bar.selectbox("Student", names, key=STUDENT, help=f"essay {row + 1} of {len(names)}", width=_PICKER_PX)
        for m in moves(cur, row):
            bar.button(m.label, key=m.key, on_click=_go, args=(names[m.target if m.target is not None else row],),
                       disabled=m.target is None, shortcut=m.shortcut, help=m.help)
    # The point keys: a frame of one pixel, out of the Tab order, whose script listens to the page.
    outline = str(st.get_option("theme.primaryColor") or "#1f6e8c")   # the point in hand is outlined in it
    bar.iframe(_POINT_SCRIPT.replace("__COLOUR__", html.escape(outline)), width=1, height=1, tab_index=-1,
               alt="Keyboard keys for the marking screen's points")
    st.html(_NO_KEYS_ON_PHONE)
    with st.container(key="class_keys_help"):
        st.caption(UNMARKED_KEY_HELP if unmarked else KEY_HELP)
    return row


def _form_moves(cur: Current, row: int) -> tuple[int | None, bool]:
    """The moves as the marking form's own buttons, so that moving on saves what is on screen
    first (a form sends its fields only when one of its buttons is pressed); the row chosen,
    and whether Open was pressed (as Enter in a field of the form does: its first button)."""
    chosen = None
    bar = st.container(horizontal=True, vertical_alignment="bottom")
    # The selector sits in the form too: choosing a student and pressing Open saves this essay's
    # marking first, as the other moves do (a selector outside the form would drop it).
    names = cur.names
    # Named as what it does: a choice here shows nothing until Open (a walk picked Ben and went on
    # marking Amy's essay, still on screen under "Marking Amy Brown").
    bar.selectbox("Student to open next", names, key=STUDENT, width=_PICKER_PX,
                  help=f"You are marking essay {row + 1} of {len(names)}, {md(names[row])}: choose another student, "
                       "then press Open (this essay's marking is saved first)")
    opened = bar.form_submit_button("Open", key="class_open_student", help="Save this essay's marking, then open "
                                    "the chosen student's essay")
    if opened:
        wanted = st.session_state.get(WANTED)
        chosen = names.index(wanted) if wanted in names and wanted != names[row] else None
    found = moves(cur, row)
    for m in found:
        if bar.form_submit_button(m.label, key=m.key, disabled=m.target is None, shortcut=m.shortcut, help=m.help):
            chosen = m.target
    if not any(m.key == "class_next" for m in found):
        bar.caption("✔ No other unreviewed essay has anything to check.")
    return chosen, opened


def student_view(cur: Current) -> None:
    """One essay beside the rubric's points, the teacher's marking of it, and the full feedback."""
    row = navigation(cur)
    entry, essay = cur.entries[row], cur.stored[row]
    report = entry.report
    if report is None:
        error = entry.error or ""
        source = "" if error.startswith(essay.origin) else f" (from {md(essay.origin)})"  # named once
        why = f"{md(entry.name)}'s essay could not be marked: {md(error)}{source}."
        given = cur.overridden.get(row, {}).get(cls.MARK)
        if given is None:
            st.error(why, icon="⚠️")
        else:   # the teacher's mark stands: the error would read as if nothing had been done
            st.success(f"✔ Your mark {md(given.value)}/{cur.rubric.marks} stands ({md(given.reason)}). {why}")
        unmarked_form(cur, row, entry)
        return
    if essay.reviewed:
        with db() as conn:
            agreed = cls.agreed_report(conn, cur.set.id, row, cur.rubric)
        changed = marking.review_note(report, cur.overridden.get(row, {}), agreed, cls.MARK)
        if changed:
            st.warning(md(changed), icon="⚠️")
        else:
            st.success("✔ Reviewed by you: the engine's verdicts you left alone count as agreed.")
    elif entry.to_check:
        st.warning(f"{CHECK}: the engine is unsure about {', '.join(md(p) for p in entry.to_check)} "
                   "(each card below says why).")
    for flag in report.warnings:
        st.warning(f"**{flag.title}**: {md(flag.message)}", icon="⚠️")
    with db() as conn:
        released = asg.released_essay(conn, cur.set.id, row)
    if released:  # a mark typed and left by another page is saved, and the student sees it
        st.info("This set's marking is released to the students: each save, and each move that saves, "
                "reaches the student's feedback at once.", icon="✉️")
    elif released is False:
        st.info("This essay joined the set after its marking was released: its student sees nothing of it "
                "until you release the marking again (on Assignments).", icon="✉️")
    marking_form(cur, row, report, entry, essay)
    beside(report, cur.overridden.get(row, {}))
    with st.expander("The engine's full feedback on this essay"):
        render_report(report, essay.text, key_prefix=f"class_report_{cur.set.id}_{row}")
    bank_editor(cur)


def beside(report: Report, mine: dict[str, cls.Override]) -> None:
    """The teacher's overrides, each beside the engine's verdict. ``st.table`` renders its cells
    as Markdown, so the teacher's reasons and the rubric's point ids are escaped."""
    if not mine:
        return
    engine_status = {p.id: p for p in report.points}
    rows = []
    for target, o in mine.items():
        if target == cls.MARK:
            rows.append({"verdict on": "the mark",
                         "engine": f"{report.mark}/{report.max_mark} ({level_name(report.level)})",
                         "yours": f"{o.value}/{report.max_mark}", "reason": md(o.reason)})
        else:
            p = engine_status.get(target)
            rows.append({"verdict on": md(target),
                         "engine": (STATUS_LABEL[p.status] + (f" {CHECK}" if p.borderline else "")) if p
                         else "(point no longer in the rubric)",
                         "yours": STATUS_LABEL.get(o.value, md(o.value)), "reason": md(o.reason)})
    st.markdown("**Your marking beside the engine's**")
    st.table(pd.DataFrame(rows).set_index("verdict on"))


def _comment_picker(label: str, options: list[bank.BankComment], chosen: set[int], key: str) -> list[int]:
    if not options:
        return []
    texts = {c.id: c.text for c in options}
    return st.multiselect(label, list(texts), default=[i for i in texts if i in chosen], key=key,
                          format_func=lambda i: texts[i], placeholder="pick from your comment bank")


def _anchor(point_id: str) -> str:
    return html_id("class-point-", point_id)


def linked(essay_html: str, points: Sequence[PointResult]) -> str:
    """The highlighted essay with each point's label after its passage made a link to that
    point's card, so clicking a highlight's label brings its point into view."""
    for p in points:
        label = f"{STATUS_LABEL[p.status]}: {html.escape(p.id, quote=True)}</span>"
        essay_html = essay_html.replace(label, f'<a href="#{_anchor(p.id)}" style="color:inherit">'
                                               f'{label.removesuffix("</span>")}</a></span>')
    return essay_html


def _point(cur: Current, row: int, p: PointResult, entry: marking.Entry, mine: dict[str, cls.Override],
           chosen_ids: set[int], sentences: Sequence[str]) -> tuple[tuple[str, str], list[int], str]:
    """One point: its text, the engine's verdict and sentence, the teacher's verdict, reason and
    comments, and for a point the teacher credited where the engine did not, the sentence that
    makes it; gives (status, reason), the comments picked and the sentence picked ("": none)."""
    with st.container(border=True, key=_key(cur, row, f"{p.id}_box")):
        flag = f" · {CHECK}" if p.id in entry.to_check else ""
        side = f"{md(side_name(p.side, cur.rubric.sides))} · " if has_sides(cur.rubric.sides) else ""
        st.markdown(f'<span id="{_anchor(p.id)}"></span>**{md(p.text)}**  \n`{p.id.replace("`", "")}` · '
                    f"{side}engine: {STATUS_LABEL[p.status]} "
                    f"(match {p.score:.2f}){flag}",
                    unsafe_allow_html=True)
        if p.sentence and p.status != "missing":
            st.caption(f"“{md(p.sentence)}”")
        note = marking.engine_note(p, entry.report) if entry.report is not None else None
        if note:
            st.caption(note)
        partly = p.status == "partial" and p.why
        if partly and p.check == p.why:   # a denial: one reason, both partial and to check
            why = [f"only partly, {CHECK}: {p.why}"]
        else:
            why = ([f"only partly: {p.why}"] if partly else [p.why] if p.why else []) + (
                [f"{CHECK}: {p.check}"] if p.check else [])
        if why:
            st.caption(md(" · ".join(why)))
        status = st.segmented_control(
            f"Your verdict on {p.id}", STATUSES, default=entry.status(p), required=True,
            format_func=lambda s: STATUS_LABEL[s], key=_key(cur, row, p.id), label_visibility="collapsed")
        reason = st.text_input(
            f"Reason for {p.id}", value=mine[p.id].reason if p.id in mine else "",
            key=_key(cur, row, f"{p.id}_why"), max_chars=cls.MAX_REASON_CHARS,
            label_visibility="collapsed", placeholder="your reason (needed if you change the verdict)")
        picks = _comment_picker(f"Comments on {p.id}", [c for c in cur.bank if c.point == p.id],
                                chosen_ids, _key(cur, row, f"{p.id}_comments"))
        picked = ""
        credited = mine.get(p.id)
        if credited is not None and credited.value == "covered" and p.status != "covered" and sentences:
            options: list[str] = ["", *sentences]
            stored = credited.sentence if credited.sentence and credited.sentence in sentences else ""
            picked = st.selectbox(
                "The sentence that makes this point", options, index=options.index(stored),  # in its card
                key=_key(cur, row, f"{p.id}_sentence"),
                format_func=lambda s: _short(s) if s else "The engine's choice (its best sentence for the point)",
                help="You credited this point where the engine did not: the sentence you pick is the wording "
                     "calibration learns for it.") or ""
    return (status or p.status, reason), picks, picked


def _short(sentence: str, limit: int = 110) -> str:
    return sentence if len(sentence) <= limit else sentence[:limit - 1].rstrip() + "…"


def marking_form(cur: Current, row: int, report: Report, entry: marking.Entry, essay: cls.StoredEssay) -> None:
    """Per-point verdicts with reasons and comments, the mark, general comments and "checked";
    saved together."""
    mine = cur.overridden.get(row, {})
    # What this screen showed before this run: a save from it checks that no other tab has
    # saved this essay's marking since (it would be written over unseen).
    shown = st.session_state.setdefault(SHOWN, {})
    was = shown.get((cur.set.id, row))
    chosen_ids = {c.id for c in cur.picked.get(row, [])}
    choices: dict[str, tuple[str, str]] = {}
    picks: list[int] = []
    picked: dict[str, str] = {}
    sentences = list(dict.fromkeys(" ".join(s.text.split()) for s in split_sentences(essay.text)))
    st.html(_GROW_WHEN_STACKED)
    with st.form(f"class_form_{cur.set.id}_{row}", border=False):
        st.markdown(f"#### Marking {md(entry.name)}")
        target, opened = _form_moves(cur, row)
        refused = st.empty()   # a refused move says why here, by the buttons pressed, not under Save
        left, right = st.columns(2, gap="medium")
        left.caption("The essay: passages that made a point are highlighted, the point named after each.")
        # The passages as your marking leaves them: a point you marked missing is no longer highlighted.
        points = marking.standing_report(cur.rubric, report, cur.overridden.get(row, {})).points
        body = (linked(highlight_html(essay.text, points), points) if essay.text.strip()
                else "<i>(empty essay)</i>")
        left.container(height=SCREEN_PX, border=True, key=PANES[0]).markdown(
            f'<div class="essaycoach-feedback">{body}</div>', unsafe_allow_html=True)
        right.caption("The rubric's points, each with the engine's verdict and the sentence behind it (\"match\" "
                      "says how closely that sentence matches the point's wording; a negation, a bare note or "
                      "only shared topic words can still hold a close match at partial). Click a verdict to "
                      "change it and give a reason (or pick a comment on the point). Your reasons and the "
                      "comments you pick appear in the student's feedback.")
        with right.container(height=SCREEN_PX, border=True, key=PANES[1]):
            for p in report.points:
                choices[p.id], more, picked[p.id] = _point(cur, row, p, entry, mine, chosen_ids, sentences)
                picks += more
        st.markdown(f"**Mark** · engine: {report.mark}/{report.max_mark} ({level_name(report.level)}); "
                    "the level follows your mark")
        cols = st.columns([2, 3])
        # A text box, not a number box: a number box refuses a mark out of range with only a small red
        # sign, and the browser cuts "2.5" to 2 and "1e3" to 1 and keeps the old mark for "abc", all
        # unsaid. The save checks the text as typed and says what is wrong.
        _mark_box(_key(cur, row, "mark"), entry.mark)
        # Labelled on screen, as in the form for an essay the engine could not mark (a walk found
        # two unnamed boxes under the heading).
        mark = cols[0].text_input(f"Your mark out of {report.max_mark}", key=_key(cur, row, "mark"),
                                  max_chars=cls.MARK_CHARS, placeholder=f"blank: the engine's {report.mark}")
        mark_reason = cols[1].text_input("Reason for your mark", key=_key(cur, row, "mark_why"),
                                         value=mine[cls.MARK].reason if cls.MARK in mine else "",
                                         max_chars=cls.MAX_REASON_CHARS, placeholder="needed if you give a mark")
        picks += _comment_picker("General comments", [c for c in cur.bank if c.point is None], chosen_ids,
                                 _key(cur, row, "comments"))
        reviewed = st.checkbox("I have checked this essay (the engine's verdicts I leave alone are agreed)",
                               value=essay.reviewed, key=_key(cur, row, "reviewed"))
        saved = st.form_submit_button("Save my marking", key=_key(cur, row, "save"), type="primary",
                                      shortcut=KEYS["save"], help="Ctrl+Enter")
        # Enter in a reason box presses the form's first button, Open: with this essay still
        # chosen, that is a save, as the box's "Press Enter to submit" promises.
        if saved or opened or target is not None:
            _save(cur, row, report, choices, picks, mark, mark_reason, reviewed,
                  then=None if target is None else cur.names[target], sentences=picked,
                  where=refused if target is not None else None, was=was)
    # Drawn from the marking stored now: after a refused save, saving again replaces the other's.
    shown[(cur.set.id, row)] = mine


def _as_text(mark: int | None) -> str:
    """A stored mark as the mark box shows it: blank for none."""
    return "" if mark is None else str(mark)


def _mark_box(key: str, mark: int | None) -> None:
    """The mark box's value, set in the session state only: the stored mark when the box is first
    drawn, and again after a save ("+5" and " 05 " are saved as 5). A box given ``value=`` as well
    logged Streamlit's warning of a value set twice at each save."""
    saved = st.session_state.get(MARK_SAVED) == key
    if saved:
        del st.session_state[MARK_SAVED]
    if saved or key not in st.session_state:
        st.session_state[key] = _as_text(mark)


def _not_saved(exc: cls.OverrideError) -> str:
    """Why a marking was refused, one escaped line per problem (the listener on the page looks
    for "Not saved" before it lets a teacher leave)."""
    return "Not saved:\n\n" + "\n\n".join(f"- {md(line)}" for line in str(exc).splitlines())


def unmarked_form(cur: Current, row: int, entry: marking.Entry) -> None:
    """A mark of the teacher's own for an essay the engine could not mark (absent, handed in on
    paper, an unreadable file), with its reason; it stands in the results like any other."""
    mine = cur.overridden.get(row, {})
    with st.form(f"class_unmarked_{cur.set.id}_{row}", border=True):
        st.markdown(f"**Your mark for {md(entry.name)}** (absent, marked on paper, …)")
        cols = st.columns([2, 3])
        _mark_box(_key(cur, row, "mark"), entry.mark)
        mark = cols[0].text_input(f"Your mark out of {cur.rubric.marks}",
                                  key=_key(cur, row, "mark"), max_chars=cls.MARK_CHARS,
                                  placeholder="no mark")  # a text box: as above
        reason = cols[1].text_input("Reason for your mark", value=mine[cls.MARK].reason if cls.MARK in mine else "",
                                    key=_key(cur, row, "mark_why"), max_chars=cls.MAX_REASON_CHARS,
                                    placeholder="needed, e.g. absent, or marked on paper")
        if st.form_submit_button("Save my mark", key=_key(cur, row, "save"), type="primary"):
            typed = mark.strip()
            made = cls.Marking({}, (typed, reason) if typed else None, bool(typed))
            try:
                with db() as conn:
                    cls.save_marking(conn, cur.set.id, row, made, cur.rubric.marks)
            except cls.OverrideError as exc:
                st.error(_not_saved(exc), icon="⚠️")
                return
            st.toast("✔ Your mark is saved.")
            st.session_state[MARK_SAVED] = _key(cur, row, "mark")
            st.rerun()


def _save(cur: Current, row: int, report: Report, choices: dict[str, tuple[str, str]], picks: list[int],
          mark: str, mark_reason: str, reviewed: bool, then: str | None = None,
          sentences: dict[str, str] | None = None, where: DeltaGenerator | None = None,
          was: Mapping[str, cls.Override] | None = None) -> None:
    """Store the marking, or say at the button what stops it (nothing is half-saved); then
    show the essay of student ``then``, if given. A move with nothing changed writes nothing.
    ``was``: the overrides the screen showed (see :func:`classes.save_marking`)."""
    picked = [c.as_comment() for c in cur.bank if c.id in picks]
    points = marking.point_overrides(report, choices, picked)
    typed = mark.strip()  # checked as typed by save_marking: "2.5" or "abc" is refused, never cut to a number
    made = cls.Marking(points, (typed, mark_reason) if typed else None, reviewed,
                       {pid: text for pid, text in (sentences or {}).items() if text})
    same = (cls.unchanged(cur.overridden.get(row, {}), cur.stored[row].reviewed, made)
            and set(picks) == {c.id for c in cur.picked.get(row, [])})
    if then is None or not same:
        try:
            with db() as conn:
                cls.save_marking(conn, cur.set.id, row, made, report.max_mark, was=was)
                bank.pick(conn, cur.set.id, row, picks)
        except cls.OverrideError as exc:
            (where or st).error(_not_saved(exc) + ("\n\nFix this to move on." if where else ""), icon="⚠️")
            st.session_state[GOTO] = cur.names[row]  # Open has set the selector: stay on this essay
            return
        st.toast("✔ Your marking is saved.")
        st.session_state[MARK_SAVED] = _key(cur, row, "mark")
    if then is not None:
        st.session_state[GOTO] = then
    st.rerun()


def bank_editor(cur: Current) -> None:
    """The rubric's comment bank: add, reword and remove comments (general or on a point)."""
    # A key of its own: the label's count changes as comments are added, and an expander keyed by
    # its label folded shut after each one.
    with st.expander(f"Comment bank for this rubric ({len(cur.bank)})", key="class_bank_box"):
        st.caption("Comments you reuse, general or on one point. Those you pick for an essay go into its "
                   "feedback page and the downloads; rewording one here rewords it everywhere.")
        # "" for a general comment: a None option shows as the empty "Choose an option".
        targets = [""] + [p.id for p in cur.rubric.points]
        cols = st.columns([2, 5, 1], vertical_alignment="bottom")
        cols[0].selectbox("On", targets, key="class_bank_point",
                          format_func=lambda t: t or "general")
        cols[1].text_input("New comment", key="class_bank_text", max_chars=bank.MAX_COMMENT_CHARS)
        # A callback empties the box: deleting its state in the run left the browser showing the text.
        cols[2].button("Add", key="class_bank_add", on_click=_bank_add, args=(cur.rubric.id,))
        said = st.session_state.pop(BANK_REFUSED, None)
        if said:
            st.error(md(said), icon="⚠️")
        for c in cur.bank:
            cols = st.columns([2, 5, 1, 1], vertical_alignment="bottom")
            cols[0].text(c.point or "general")
            new = cols[1].text_input(f"Comment {c.id}", value=c.text, key=f"class_bank_edit_{c.id}",
                                     max_chars=bank.MAX_COMMENT_CHARS, label_visibility="collapsed")
            if cols[2].button("Save", key=f"class_bank_save_{c.id}"):
                _bank_change(lambda conn, c=c, new=new: bank.edit(conn, c.id, new), "✔ Reworded.")
            if cols[3].button("Remove", key=f"class_bank_del_{c.id}"):
                _bank_change(lambda conn, c=c: bank.remove(conn, c.id), "Removed from the bank.")


def _bank_add(rubric_id: str) -> None:
    """The Add button's callback: add the comment and empty the box, or keep it and say why not
    (the box and the point read from the session: the values as the button is pressed)."""
    text, point = st.session_state.get("class_bank_text", ""), st.session_state.get("class_bank_point")
    try:
        with db() as conn:
            bank.add(conn, rubric_id, text, point or None)
    except bank.CommentError as exc:
        st.session_state[BANK_REFUSED] = str(exc)
        return
    st.session_state["class_bank_text"] = ""
    st.toast("✔ Added to the bank.")


def _bank_change(change, done: str) -> None:
    """Make a change to the bank, or say why not."""
    try:
        with db() as conn:
            change(conn)
    except bank.CommentError as exc:
        st.error(md(str(exc)), icon="⚠️")
        return
    st.toast(done)
    st.rerun()
