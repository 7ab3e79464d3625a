"""The visible countdown for timed writing, shared by the classroom pages.

The clock runs in the browser (no reruns needed to tick). Its second job: a text area only
sends its value on blur or Ctrl+Enter, so while the student types it sends Ctrl+Enter every
couple of seconds (the text area has ``on_change="ignore"``, so that is silent) and the next
autosave run receives the text. The server, not this script, decides when time is up.
(The same clock as ``practice.py``'s, which could use this module too.)
"""
from __future__ import annotations

import streamlit as st

_COUNTDOWN = """
<div id="clock" role="timer" aria-live="off" style="font:600 1.4rem 'Source Sans Pro',sans-serif;
  display:inline-block;padding:4px 12px;border:3px solid #2e7d32;border-radius:8px;color:#31333f;
  background:#fff">Time left --:--</div>
<script>
(function () {
  const left0 = __LEFT__, t0 = Date.now();
  const el = document.getElementById("clock");
  const pad = (n) => String(n).padStart(2, "0");
  const fmt = (s) => { s = Math.max(0, Math.floor(s)); const h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60); return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s % 60); };
  let doc = null;
  try { doc = window.parent.document; } catch (e) { doc = null; }
  const box = () => doc && doc.querySelector(".st-key-__KEY__ textarea");
  let sent = box() ? box().value : null;
  function commit() {
    const ta = box();
    if (!ta || ta.value === sent) return;
    sent = ta.value;
    ta.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", code: "Enter", keyCode: 13,
      which: 13, ctrlKey: true, metaKey: false, bubbles: true, cancelable: true}));
  }
  function tick() {
    const left = left0 - (Date.now() - t0) / 1000;
    if (left > 0) {
      el.textContent = "Time left " + fmt(left);
      el.style.borderColor = left < 300 ? "#f0a500" : "#2e7d32";
    } else {
      el.textContent = "Time is up · sending your essay…";
      el.style.borderColor = "#c62828";
      commit();
    }
  }
  tick();
  setInterval(tick, 1000);
  setInterval(commit, 2000);
})();
</script>
"""


def countdown(seconds_left: float, text_key: str) -> None:
    """Show the clock, and keep the text area with widget key ``text_key`` sending its text."""
    page = _COUNTDOWN.replace("__LEFT__", f"{max(0.0, seconds_left):.1f}").replace("__KEY__", text_key)
    st.iframe(page, height=62, alt="Countdown clock")


def clock(seconds: float) -> str:
    """``m:ss`` or ``h:mm:ss``."""
    hours, rest = divmod(int(max(0, seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
