"""The one state on screen: the session's :class:`~guide.state.Answers`, bound to the widgets.

Every answer widget takes its value from the session's ``Answers`` when it is drawn and writes
back on change (:func:`widget`); the link and the saved file are codecs of the same ``Answers``.
A widget's key is named by its page (or derived from the answer's path); Streamlit drops it when
the widget is not drawn, and :func:`replace` drops every bound key, so that a widget drawn again
after a page change or a loaded file starts from the answers, never from a stale widget value.
The shell calls :func:`load` before the page and :func:`sync` after it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import streamlit as st
from pydantic import ValidationError

from guide import amounts, formats
from guide.answers import files
from guide.answers.model import Path, value_at, with_value
from guide.documents.escape import md_escape
from guide.state import LANG_PARAM, Answers, StateError, query_keys, read_query
from guide.ui import common

KEY = "answers"  # the session's Answers
BOUND = "answers.bound"  # the keys of the widgets bound to answers
SYNCED = "answers.synced"  # the Answers last written to the link
NOTICE = "answers.notice"  # what could not be read from the link: list of (code, detail)
INVALID = "answers.invalid"  # widget keys whose last value did not fit
AMOUNT_ERRORS = "answers.amount_errors"  # widget key -> (code, params) of a text that is not an amount
log = logging.getLogger(__name__)


def get() -> Answers:
    a = st.session_state.get(KEY)
    if not isinstance(a, Answers):
        a = Answers(lang=common.lang())
        st.session_state[KEY] = a
    return a


def _set(a: Answers) -> None:
    st.session_state[KEY] = a


def replace(a: Answers) -> None:
    """New answers as a whole (a loaded file, a reset, a removed outcome): widgets start afresh."""
    _set(a)
    for key in st.session_state.get(BOUND, set()):
        st.session_state.pop(key, None)
    st.session_state.pop(AMOUNT_ERRORS, None)


def set_value(path: Path, value: Any) -> bool:
    """Write one answer; False (and nothing changed) if it does not fit."""
    try:
        _set(with_value(get(), path, value))
    except ValidationError:
        log.info("answer at %s did not fit", ".".join(map(str, path)))
        return False
    return True


def key_of(path: Path) -> str:
    return "a." + ".".join(map(str, path))


def widget(
    fn: Callable[..., Any], label: str, path: Path, *, to_widget: Callable[[Any], Any] | None = None,
    from_widget: Callable[[Any], Any] | None = None, key: str | None = None, invalid: str | None = None,
    **kwargs: Any,
) -> Any:
    """Draw ``fn`` (e.g. ``st.text_input`` or ``column.selectbox``) bound to the answer at
    ``path``; return its value. A value that does not fit keeps the answer and says so (in the
    words of ``invalid`` where the page knows better ones)."""
    key = key or key_of(path)
    st.session_state.setdefault(BOUND, set()).add(key)
    if key not in st.session_state:
        value = value_at(get(), path)
        st.session_state[key] = to_widget(value) if to_widget else value

    def changed() -> None:
        raw = st.session_state[key]
        invalid: set[str] = st.session_state.setdefault(INVALID, set())
        if set_value(path, from_widget(raw) if from_widget else raw):
            invalid.discard(key)
        else:
            invalid.add(key)

    out = fn(label, key=key, on_change=changed, **kwargs)
    if key in st.session_state.get(INVALID, ()):
        getattr(fn, "__self__", st).error(invalid or common.t("state.error.widget"), icon=":material/error:")
    return out


def amount(container: Any, label: str, path: Path, *, key: str, help: str | None = None,
           placeholder: str | None = None, bounds: tuple[float, float] | None = None) -> str:
    """A text field for an amount in kroner, bound to the number at ``path``: shown as the page's
    language writes it (``1 500 000``), read as Norwegian users write it (``guide.amounts``:
    ``1,5 mill``, ``kr 250 000,-``). What cannot be read, or is outside ``bounds``, keeps the
    answer and the text typed, and says why (and the range) by the field; an empty field clears
    the answer."""
    lg = common.lang()
    st.session_state.setdefault(BOUND, set()).add(key)
    if key not in st.session_state:
        value = value_at(get(), path)
        st.session_state[key] = "" if value is None else formats.number(float(value), lg)

    def changed() -> None:
        raw = str(st.session_state.get(key) or "")
        errors: dict[str, tuple[str, dict[str, Any]]] = st.session_state.setdefault(AMOUNT_ERRORS, {})
        if not raw.strip():
            set_value(path, None)
            errors.pop(key, None)
            return
        try:
            value = amounts.parse(raw)
        except amounts.AmountError as exc:
            errors[key] = (exc.code, {**exc.params, "value": md_escape(raw[:40], line_start=False)})
            return
        if bounds is not None and not bounds[0] <= value <= bounds[1]:
            lo, hi = (formats.nok(b, lg) for b in bounds)
            errors[key] = ("out_of_range", {"min": lo, "max": hi})
            return
        if set_value(path, int(value) if value.is_integer() else value):
            errors.pop(key, None)
        else:
            errors[key] = ("not_a_number", {"value": md_escape(raw[:40], line_start=False)})

    out = container.text_input(label, key=key, on_change=changed, help=help, placeholder=placeholder,
                               max_chars=40)
    problem = st.session_state.get(AMOUNT_ERRORS, {}).get(key)
    if problem is not None:
        container.error(common.t(f"amount.error.{problem[0]}", **problem[1]), icon=":material/error:")
    return str(out)


def load() -> None:
    """Before the page: on a fresh session, read the answers in the link (with a notice for any
    part that could not be read); then show that notice until it is dismissed."""
    if KEY not in st.session_state:
        try:
            answers, problems = read_query(st.query_params.to_dict())
        except Exception:  # the link must never break the page
            log.exception("reading the answers in the link failed")
            answers, problems = Answers(), []
        _set(answers.model_copy(update={"lang": common.lang()}))
        st.session_state[SYNCED] = None if problems else get()
        if problems:
            st.session_state[NOTICE] = [(p.code, p.detail) for p in problems]
    notice: list[tuple[str, str]] | None = st.session_state.get(NOTICE)
    if notice:
        details = "; ".join(md_escape(f"{code}: {detail}", line_start=False) for code, detail in notice[:5])
        with st.container(key="state_notice"):
            st.warning(f"{common.t('state.notice.link')}\n\n{common.t('report.load.detail', detail=details)}",
                       icon=":material/link_off:")
            st.button(common.t("state.notice.dismiss"), key="state_notice_dismiss",
                      on_click=lambda: st.session_state.pop(NOTICE, None))


def sync() -> None:
    """After the page: write the answers to the link when they changed since the last write."""
    a = get()
    if st.session_state.get(SYNCED) is a:
        return
    params = a.to_query()
    params.pop(LANG_PARAM, None)  # the shell writes the language
    qp = st.query_params
    for key in query_keys(qp.to_dict()):
        if key not in params:
            del qp[key]
    for key, value in params.items():
        if qp.get(key) != value:
            qp[key] = value
    st.session_state[SYNCED] = a


def load_file(data: bytes) -> Answers:
    """Load a saved file as the session's answers, or raise :class:`StateError` and change
    nothing. The session's language is kept."""
    answers = Answers.from_json(data).model_copy(update={"lang": common.lang()})
    replace(answers)
    return answers


def error_text(exc: StateError) -> str:
    """What is wrong, in the page's language (worded in content by the error's code)."""
    return files.message(exc, common.content(), common.lang())


def share_url(a: Answers) -> str:
    """The link that opens this page with ``a``, in the page's language."""
    base = st.context.url or ""
    return f"{base}?{urlencode(a.model_copy(update={'lang': common.lang()}).to_query())}"
