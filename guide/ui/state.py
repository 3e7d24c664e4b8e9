"""The glue between :class:`guide.state.Answers` and Streamlit: session, link and saved file.

The guides keep their answers in their own session keys: ``qn.<qid>`` (the questionnaire
renderer), ``proc_*`` (procurement), ``sroi_*`` (SROI) and ``cal_*`` (calendar). This module

- on a fresh session, reads the answers in the link into those keys (:func:`load`), with a
  notice if part of the link could not be read;
- after every run, gathers them into one :class:`Answers` (kept under :data:`ANSWERS_KEY`) and
  writes it to the link (:func:`save`), so that the address bar always holds a shareable link;
- before each run, gives every answer widget that was not on screen in the last run its value
  from the kept answers (Streamlit drops the value of a widget whose page is not shown, or leaves
  an outdated one under its key), so that answers survive going to another page and back;
- loads a saved file into the session only if the whole file is valid (:func:`load_file`).

The shell calls :func:`load` before the page and :func:`save` after it. The core functions take
the session as a plain mapping, so that tests can run them without Streamlit.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
from collections.abc import Callable, Container, Iterator, MutableMapping
from typing import Any
from urllib.parse import urlencode

import streamlit as st
from pydantic import ValidationError
from streamlit.runtime.scriptrunner import get_script_run_ctx

from guide import calendar as cal
from guide import questionnaires as Q
from guide.model import LANGS
from guide.state import (
    LANG_PARAM,
    MAX_UPLOAD_BYTES,
    PHASES,
    SROI_RATES,
    Answers,
    QuestionnaireAnswers,
    SroiOutcome,
    StateError,
    query_keys,
    read_query,
)
from guide.ui import common

ANSWERS_KEY = "state.answers"  # the Answers of the last run
LOADED_KEY = "state.loaded"  # set once the link has been read in this session
NOTICE_KEY = "state.notice"  # what could not be read from the link: list of (code, detail)
LIVE_KEY = "state.live"  # the answer widgets on screen in the last run
QN_PREFIX = "qn."  # the questionnaire renderer's session keys: qn.<qid>

Session = MutableMapping[str, Any]
log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# Where each guide keeps its answers


def _qn_key(qid: str) -> str:
    return f"{QN_PREFIX}{qid}"


def _qn_state(answers: dict[str, Any], phase: str) -> dict[str, Any]:
    """A questionnaire's session state as its renderer keeps it."""
    return {"answers": dict(answers), "current": None, "phase": phase, "return_to_check": False}


SROI_FIELDS: dict[str, str] = {  # outcome field -> widget key prefix (sroi_<prefix>_<i>)
    "name": "name", "quantity": "quantity", "proxy": "proxy", "duration_years": "duration",
    "deadweight": "deadweight", "displacement": "displacement", "attribution": "attribution",
    "drop_off": "drop_off",
}
PROC_LANG_WIDGETS = ("proc_buyer", "proc_category")  # plain keys whose widgets have per-language keys


def _today() -> dt.date:
    return dt.date.today()


def _widget_values(a: Answers) -> Iterator[tuple[str, Any]]:
    """The widget keys of the answers that live in widgets, and the value each should have.
    A value of ``None`` for ``proc_on`` / ``cal_year`` means: leave the widget's default (today)."""
    p = a.procurement
    yield "proc_value", p.value
    yield "proc_on", p.on
    s = a.sroi
    yield "sroi_investment", s.investment
    yield "sroi_discount_rate", s.discount_rate
    yield "sroi_count", len(s.outcomes)
    for i, o in enumerate(s.outcomes):
        for field, prefix in SROI_FIELDS.items():
            yield f"sroi_{prefix}_{i}", getattr(o, field)
    c = a.calendar
    yield "cal_role", c.role
    yield "cal_year", c.year
    yield "cal_seeks", list(c.seeks)
    yield "cal_sector", c.sector
    yield "cal_expiry_months", c.expiry_months


@functools.cache
def _defaults() -> dict[str, Any]:
    """Each answer widget's own default (the model's defaults mirror the widgets')."""
    out = dict(_widget_values(Answers()))
    blank = SroiOutcome()
    for i in range(6):
        out.update({f"sroi_{prefix}_{i}": getattr(blank, f) for f, prefix in SROI_FIELDS.items()})
    return out


def _put(session: Session, key: str, value: Any) -> None:
    """Give a widget its value: by its key, or, for the widget's own default, by removing the
    key (so that Streamlit neither keeps an outdated value nor warns about a default set twice)."""
    defaults = _defaults()
    if key in defaults and value == defaults[key] and type(value) is type(defaults[key]):
        if key in session:
            del session[key]
    else:
        session[key] = value


# ---------------------------------------------------------------------------
# Session <-> Answers


def apply(answers: Answers, session: Session, *, with_lang: bool) -> None:
    """Put ``answers`` into the guides' session keys, replacing what was there."""
    for qid in common.content().questionnaires:
        key = _qn_key(qid)
        qa = answers.questionnaires.get(qid)
        if qa is not None:
            session[key] = _qn_state(qa.answers, qa.phase)
        elif key in session:
            session[key] = _qn_state({}, "ask")
        for stale in [k for k in list(session) if isinstance(k, str) and k.startswith(f"{key}.w.")]:
            del session[stale]  # the widget of the current question: it would override the answer
    session["proc_buyer"] = answers.procurement.buyer
    session["proc_category"] = answers.procurement.category
    for plain in PROC_LANG_WIDGETS:
        for lg in LANGS:
            if f"{plain}_{lg}" in session:
                del session[f"{plain}_{lg}"]
    for key in [k for k in list(session) if isinstance(k, str) and k.startswith("sroi_")
                and k.rsplit("_", 1)[-1].isdigit()]:
        del session[key]  # outcomes beyond the new count
    for key, value in _widget_values(answers):
        _put(session, key, value)
    if with_lang:
        session[common.LANG_KEY] = answers.lang
    session[ANSWERS_KEY] = answers


def restore(session: Session) -> None:
    """Before the page: give every answer widget that was not on screen in the last run its value
    from the kept answers. Streamlit drops such a widget's value, or leaves an outdated one under
    its key; a widget that was on screen keeps its value (the user may just have changed it)."""
    kept = session.get(ANSWERS_KEY)
    if not isinstance(kept, Answers):
        return
    live = session.get(LIVE_KEY) or frozenset()
    for key, value in _widget_values(kept):
        if key not in live:
            _put(session, key, value)
    for plain in PROC_LANG_WIDGETS:
        if plain not in session:
            session[plain] = getattr(kept.procurement, plain.removeprefix("proc_"))


def _fitting(part: str, base: Any, values: dict[str, Any]) -> Any:
    """``base`` (a part of the answers, or one SROI outcome) with each of ``values`` that fits,
    checked against the content too; the others keep ``base``'s value."""
    out = base
    for name, value in values.items():
        candidate = {**out.model_dump(), name: value}
        try:
            if part == "outcome":
                out = SroiOutcome.model_validate(candidate)
            else:
                out = getattr(Answers.model_validate({part: candidate}), part)
        except ValidationError:
            continue
    return out


def _number(value: Any, *, percent: bool = False) -> Any:
    """A number input's value as the model keeps it: a float; a percentage without float noise
    (the SROI page's default discount rate is 0.035 * 100 = 3.5000000000000004)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    x = float(value)
    return round(x, 9) if percent and math.isfinite(x) else x


def collect(session: Session, live: Container[str] | None = None) -> Answers:
    """The answers in the session now: the questionnaires' state, and the value of each widget in
    ``live`` (the widgets on screen in this run; None: every widget in the session). Any other
    widget keeps its value from the last run; an answer that does not fit is left out."""

    def _get(_: Session, key: str, default: Any) -> Any:
        if live is not None and key not in live:
            return default
        return session.get(key, default)

    prev = session.get(ANSWERS_KEY)
    if not isinstance(prev, Answers):
        prev = Answers()
    c = common.content()
    qns: dict[str, QuestionnaireAnswers] = {}
    for qid, qn in c.questionnaires.items():
        state = session.get(_qn_key(qid))
        if not isinstance(state, dict):
            if qid in prev.questionnaires:
                qns[qid] = prev.questionnaires[qid]
            continue
        raw = state.get("answers")
        answers: dict[str, Any] = {}
        for question_id, value in (raw.items() if isinstance(raw, dict) else []):
            q = qn.question(question_id) if isinstance(question_id, str) else None
            if q is None:
                continue
            try:
                v = Q.normalise(q, value, qid)
            except ValueError:
                continue
            if v is not None:
                answers[question_id] = v
        phase = state.get("phase")
        qns[qid] = QuestionnaireAnswers(answers=answers, phase=phase if phase in PHASES else "ask")

    p = prev.procurement
    on = _get(session, "proc_on", p.on or _today())
    proc = _fitting("procurement", p, {
        "value": _get(session, "proc_value", p.value),
        "buyer": session.get("proc_buyer", p.buyer),  # plain keys, kept by the page itself
        "category": session.get("proc_category", p.category),
        "on": None if on == _today() else on,
    })

    s = prev.sroi
    count = _get(session, "sroi_count", len(s.outcomes))
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 6:
        count = len(s.outcomes)
    outcomes = []
    for i in range(count):
        base = s.outcomes[i] if i < len(s.outcomes) else SroiOutcome()
        values = {f: _number(_get(session, f"sroi_{prefix}_{i}", getattr(base, f)), percent=f in SROI_RATES)
                  for f, prefix in SROI_FIELDS.items()}
        values["duration_years"] = _get(session, f"sroi_duration_{i}", base.duration_years)
        outcomes.append(_fitting("outcome", base, values))
    sroi = _fitting("sroi", s, {
        "investment": _number(_get(session, "sroi_investment", s.investment)),
        "discount_rate": _number(_get(session, "sroi_discount_rate", s.discount_rate), percent=True),
    }).model_copy(update={"outcomes": outcomes})

    k = prev.calendar
    year = _get(session, "cal_year", k.year or cal.clamp(_today()).year)
    seeks = _get(session, "cal_seeks", k.seeks)
    calendar = _fitting("calendar", k, {
        "role": _get(session, "cal_role", k.role),
        "year": None if year == cal.clamp(_today()).year else year,
        "seeks": list(seeks) if isinstance(seeks, list | tuple) else seeks,
        "sector": _get(session, "cal_sector", k.sector),
        "expiry_months": _get(session, "cal_expiry_months", k.expiry_months),
    })
    lang = session.get(common.LANG_KEY)
    data = {
        "lang": lang if lang in LANGS else "nb",
        "questionnaires": qns, "procurement": proc, "sroi": sroi, "calendar": calendar,
    }
    try:
        return Answers.model_validate(data)
    except ValidationError:  # a content check across parts failed: keep the parts that pass
        out = Answers(lang=data["lang"])  # type: ignore[arg-type]
        for name in ("questionnaires", "procurement", "sroi", "calendar"):
            try:
                out = Answers.model_validate({**out.model_dump(), name: data[name]})
            except ValidationError:
                continue
        return out


def load_file(data: bytes, session: Session) -> Answers:
    """Load a saved file into the session, or raise :class:`StateError` and touch nothing.

    The language of the session is kept (the file's is not applied)."""
    answers = Answers.from_json(data)
    answers = answers.model_copy(update={"lang": session.get(common.LANG_KEY, answers.lang)})
    apply(answers, session, with_lang=False)
    return answers


def error_text(exc: StateError, lang: str | None = None) -> str:
    """What is wrong, in the user's language (the detail is left to :func:`detail_text`)."""
    c = common.content()
    lg = lang if lang in LANGS else common.lang()
    key = f"state.error.{exc.code}"
    if key not in c.ui:
        return c.t("state.error.unexpected", lg)  # type: ignore[arg-type]
    params = {"max_kb": MAX_UPLOAD_BYTES // 1024, **exc.params}
    try:
        return c.t(key, lg, **params)  # type: ignore[arg-type]
    except (KeyError, IndexError):
        return c.t("state.error.unexpected", lg)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# The shell


def _safely(what: str, fn: Callable[[], None]) -> None:
    """Run ``fn``; an unexpected error is logged, never shown as a traceback."""
    try:
        fn()
    except Exception:  # the answers must never break the page
        log.exception("answers: %s failed", what)


def load() -> None:
    """Call before the page: read the link on a fresh session, put back dropped widget values,
    and show the notice if part of the link could not be read."""
    session = st.session_state

    def first() -> None:
        if LOADED_KEY in session:
            return
        session[LOADED_KEY] = True
        answers, problems = read_query(st.query_params.to_dict())
        if LANG_PARAM not in st.query_params and common.LANG_KEY in session:
            answers = answers.model_copy(update={"lang": common.lang()})
        apply(answers, session, with_lang=True)
        if problems:
            session[NOTICE_KEY] = [(p.code, p.detail) for p in problems]

    _safely("reading the link", first)
    _safely("restoring answers", lambda: restore(session))
    notice()


def _dismiss() -> None:
    st.session_state.pop(NOTICE_KEY, None)


def notice() -> None:
    """The notice about a link that could not be read in full (until the user hides it)."""
    problems = st.session_state.get(NOTICE_KEY)
    if not problems:
        return
    from guide.report import md_escape  # the report module is heavy; only needed here

    details = "; ".join(md_escape(f"{code}: {detail}", line_start=False) for code, detail in problems[:5])
    with st.container(border=False, key="state_notice"):
        st.warning(f"{common.t('state.notice.link')}\n\n{common.t('report.load.detail', detail=details)}",
                   icon=":material/link_off:")
        st.button(common.t("state.notice.dismiss"), key="state_notice_dismiss", on_click=_dismiss)


def _rendered() -> Container[str] | None:
    """The widget keys rendered so far in this run (None if Streamlit does not say)."""
    ctx = get_script_run_ctx()
    keys = getattr(getattr(ctx, "shared", None), "widget_user_keys_this_run", None)
    return keys if keys is not None and hasattr(keys, "__contains__") else None


def _live_now() -> frozenset[str]:
    rendered = _rendered()
    kept = st.session_state.get(ANSWERS_KEY)
    candidates = [k for k, _ in _widget_values(kept if isinstance(kept, Answers) else Answers())]
    candidates += [f"sroi_{prefix}_{i}" for i in range(6) for prefix in SROI_FIELDS.values()]
    return frozenset(k for k in candidates if rendered is None or k in rendered)


def current() -> Answers:
    """The answers of this session now (gathered from the guides' keys)."""
    return collect(st.session_state, _live_now())


FINGERPRINT_KEY = "state.fingerprint"  # what save() read in the last run, to skip it when unchanged
_WIDGET_PREFIXES = ("proc_", "sroi_", "cal_", QN_PREFIX)


def _fingerprint(session: Session, live: frozenset[str], query: dict[str, Any]) -> str:
    """Everything :func:`collect` and the link depend on, as one string: the guides' keys, the
    language, the widgets on screen, today's date and the link as it is now."""
    mine = sorted((k, v) for k, v in session.items() if isinstance(k, str) and k.startswith(_WIDGET_PREFIXES))
    return repr((mine, session.get(common.LANG_KEY), sorted(live), _today(), sorted(query.items())))


def save() -> None:
    """Call after the page: gather the answers and write them to the link. A run that changed
    none of the answers, nor the link, skips the work (most reruns: a click that only shows)."""

    def write() -> None:
        live = _live_now()
        session = st.session_state
        fingerprint = _fingerprint(session, live, st.query_params.to_dict())
        if session.get(FINGERPRINT_KEY) == fingerprint and isinstance(session.get(ANSWERS_KEY), Answers):
            return
        answers = collect(st.session_state, live)
        st.session_state[ANSWERS_KEY] = answers
        st.session_state[LIVE_KEY] = live
        params = answers.to_query()
        params.pop(LANG_PARAM, None)  # the shell writes the language
        qp = st.query_params
        for key in query_keys(qp.to_dict()):
            if key not in params:
                del qp[key]
        for key, value in params.items():
            if qp.get(key) != value:
                qp[key] = value
        session[FINGERPRINT_KEY] = _fingerprint(session, live, qp.to_dict())

    _safely("writing the link", write)


def share_url(answers: Answers) -> str:
    """The link that opens this page with ``answers``, in their language."""
    base = st.context.url or ""
    return f"{base}?{urlencode(answers.to_query())}"
