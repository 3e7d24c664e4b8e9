"""AppTest: the live workshop pages — the facilitator's shared screen and the participant's phone —
in every language, on a SQLite file of their own."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from guide import content as content_mod
from guide import workshop as ws
from guide.documents import markdown as md_doc
from guide.ui import workshop as wui
from guide.workshop import presenter
from guide.workshop import questions as wq
from tests.support.apptest import open_page, open_presenting, texts
from tests.support.words import ui as t

pytestmark = pytest.mark.usefixtures("database")  # a fresh SQLite file per test

PIN = "864209"
PAYLOAD = "<script>alert('x')</script>"




def submit(at: AppTest, label: str) -> AppTest:
    [button] = [b for b in at.button if b.proto.is_form_submitter and b.label == label]
    return button.click().run()


def create(lang: str, title: str = "Verksted i Bodø", pin: str = PIN) -> tuple[AppTest, str]:
    at = open_page("views/workshop.py", lang)
    at.text_input(key="ws_new_title").input(title)
    at.text_input(key="ws_new_pin").input(pin)
    submit(at, t("workshop.new.submit", lang))
    assert not at.exception, [e.value for e in at.exception]
    code = at.session_state["ws_fac_code"]
    return at, code


def join(lang: str, code: str, nickname: str = "") -> AppTest:
    at = open_page("views/join.py", lang)
    at.query_params["code"] = code.lower()  # as in the link of the QR code
    at.run()
    assert at.text_input(key="ws_join_code").value == code.lower()  # the link fills in the code
    if nickname:
        at.text_input(key="ws_join_nick").input(nickname)
    submit(at, t("join.submit", lang))
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_facilitator_creates_a_workshop_and_gets_code_link_and_qr(lang: str,
                                                                      database: ws.Store) -> None:
    at, code = create(lang)
    assert set(code) <= set(ws.CODE_ALPHABET) and len(code) == ws.CODE_LENGTH
    assert t("workshop.code", lang, code=code) in [h.value for h in at.header]
    assert any(f"/join?code={code}" in c.value for c in at.code), "the join link is shown"
    assert at.get("image"), "the QR code is shown"
    body = texts(at)
    c = content_mod.default()
    first = sorted(c.myths.values(), key=lambda m: m.number)[0]
    assert first.claim(lang) in body
    assert t("workshop.progress", lang, n=1, total=6) in body
    assert t("workshop.answered", lang, n=0, total=0) in body
    assert not at.get("plotly_chart"), "the room's answers stay hidden until they are shown"
    assert t("workshop.hidden", lang) in body
    at.button(key="ws_reveal").click().run()
    assert at.get("plotly_chart"), "shown: the results chart"
    alt = t("workshop.chart.alt", lang, items="; ".join(
        t("workshop.chart.alt_item", lang, option=t(f"workshop.opt.{o}", lang), n=0)
        for o in ("believe_true", "believe_false", "unsure")))
    assert alt in texts(at), "the chart has a text alternative with the figures"
    assert database.workshop(code).title == "Verksted i Bodø"


def test_bad_input_is_shown_by_the_field_and_nothing_is_lost(lang: str, database: ws.Store) -> None:
    at = open_page("views/workshop.py", lang)
    at.text_input(key="ws_new_title").input("Mitt verksted")
    at.text_input(key="ws_new_pin").input("12")
    submit(at, t("workshop.new.submit", lang))
    assert not at.exception
    assert [e.value for e in at.error] == [t("workshop.error.pin.too_short", lang, min=ws.MIN_PIN)]
    assert at.text_input(key="ws_new_title").value == "Mitt verksted"
    at.multiselect(key="ws_new_sets").set_value([])
    at.text_input(key="ws_new_pin").input(PIN)
    submit(at, t("workshop.new.submit", lang))
    assert [e.value for e in at.error] == [t("workshop.error.questions.empty", lang)]
    assert "ws_fac_code" not in at.session_state
    with database.engine.connect() as conn:
        assert conn.execute(ws.sa.select(ws.sa.func.count()).select_from(ws.workshops)).scalar() == 0


def test_participants_join_from_the_link_and_the_shared_screen_counts_them(lang: str,
                                                                           database: ws.Store) -> None:
    fac, code = create(lang)
    one = join(lang, code, "Kari")
    two = join(lang, code)
    qid = database.questions(code)[0].id
    one.button(key=f"ws_opt_{qid}_believe_false").click().run()
    two.button(key=f"ws_opt_{qid}_believe_true").click().run()
    assert t("join.your_answer", lang, answer=t("workshop.opt.believe_false", lang)) in texts(one)
    assert database.results(code)[qid] == {"believe_true": 1, "believe_false": 1, "unsure": 0}
    fac.run()
    body = texts(fac)
    assert t("workshop.answered", lang, n=2, total=2) in body
    assert t("workshop.chart.alt_item", lang, option=t("workshop.opt.believe_false", lang), n=1) not in body
    # The facilitator reveals: the verdict shows on both screens, large on the shared one, and each
    # phone says whether its own answer was right; the answer is locked.
    fac.button(key="ws_reveal").click().run()
    verdict = content_mod.default().myths[qid].verdict(lang)
    # the one verdict wording (what is true), with no tick that reads as "right" before a "Wrong"
    assert f"### {t('quiz.verdict.unanswered', lang)} {verdict}" in [m.value for m in fac.markdown]
    one.run()
    two.run()
    assert verdict in texts(one)
    assert [s.value for s in one.success] == [t("join.right", lang)]
    right = t("workshop.opt.believe_false", lang)
    assert [w.value for w in two.warning] == [t("join.wrong", lang, mine=t("workshop.opt.believe_true", lang),
                                                right=right)]
    assert t("workshop.chart.alt_item", lang, option=right, n=1) in texts(fac.run())
    assert not two.success, "a wrong answer is never told it is right"
    assert one.button(key=f"ws_opt_{qid}_unsure").disabled
    # Next question on the shared screen: the phones follow.
    fac.button(key="ws_next").click().run()
    second = database.questions(code)[1]
    one.run()
    assert content_mod.default().myths[second.ref].claim(lang) in texts(one)
    assert t("workshop.progress", lang, n=2, total=6) in texts(one)


def test_nicknames_and_titles_with_html_are_shown_as_plain_text(database: ws.Store) -> None:
    fac, code = create("nb", title=PAYLOAD)
    phone = join("nb", code, PAYLOAD)
    assert PAYLOAD in [e.value for e in phone.text], "the nickname is plain text"
    fac.run()
    assert PAYLOAD in [e.value for e in fac.text]
    for at in (fac, phone):
        assert not at.exception
        rich = [e.value for kind in ("markdown", "caption", "title", "header", "subheader")
                for e in getattr(at, kind)]
        assert all(PAYLOAD not in v and not re.search(r"(?<!\\)<script>", v) for v in rich), \
            "no raw HTML in markdown: every < escaped"
        assert wui.plain(PAYLOAD) in [e.value for e in at.subheader], "the title is escaped"
    assert database.participant(code, phone.session_state["ws_join"][1]) == PAYLOAD


def test_a_wrong_code_or_pin_gives_a_message_not_a_traceback(lang: str, database: ws.Store) -> None:
    at = open_page("views/join.py", lang)
    at.text_input(key="ws_join_code").input("QQQQQQ")
    submit(at, t("join.submit", lang))
    assert not at.exception
    assert [e.value for e in at.error] == [t("workshop.error.unknown_code", lang)]
    assert at.text_input(key="ws_join_code").value == "QQQQQQ"
    code = database.create("Mine", pin=PIN).code
    fac = open_page("views/workshop.py", lang)
    fac.text_input(key="ws_open_code").input(code)
    fac.text_input(key="ws_open_pin").input("0000")
    submit(fac, t("workshop.open.submit", lang))
    assert not fac.exception
    assert [e.value for e in fac.error] == [t("workshop.error.wrong_pin", lang)]
    fac.text_input(key="ws_open_pin").input(PIN)
    submit(fac, t("workshop.open.submit", lang))
    assert fac.session_state["ws_fac_code"] == code
    assert t("workshop.code", lang, code=code) in [h.value for h in fac.header]


def test_closing_stops_answers_and_deleting_removes_everything(lang: str, database: ws.Store) -> None:
    fac, code = create(lang)
    phone = join(lang, code, "Ola")
    assert fac.button(key="ws_goto_summary").click().run().query_params.get("ws_view") == "summary"
    fac.button(key="ws_close").click().run()
    assert database.workshop(code).closed
    assert t("workshop.closed_no_join", lang) in texts(fac)
    assert not [i for i in fac.get("imgs")], "after closing, the QR code is gone"
    assert not [c for c in fac.code if "code=" in c.value], "and so is the join link"
    fac.button(key="ws_back").click().run()  # back to the questions: still no join link
    assert t("workshop.is_closed", lang) in texts(fac)
    assert not [c for c in fac.code if "code=" in c.value]
    fac.button(key="ws_goto_summary").click().run()
    phone.run()
    assert t("join.closed", lang) in texts(phone)
    assert not [b for b in phone.button if b.key and b.key.startswith("ws_opt_")]
    assert fac.button(key="ws_delete").disabled
    fac.checkbox(key="ws_del_confirm").check().run()
    fac.button(key="ws_delete").click().run()
    assert not fac.exception
    assert t("workshop.deleted", lang, code=code) in [s.value for s in fac.success]
    with pytest.raises(ws.UnknownWorkshop):
        database.workshop(code)
    phone.run()
    assert not phone.exception
    assert t("workshop.error.unknown_code", lang) in texts(phone)
    assert fac.text_input(key="ws_new_title"), "the facilitator can start again"


def test_the_facilitator_link_reopens_the_shared_screen_and_leaves_no_key_in_the_address(
        lang: str, database: ws.Store) -> None:
    made = database.create("Verksted", pin=PIN)
    at = open_page("views/workshop.py", lang)
    at.query_params["ws"] = made.code
    at.query_params["key"] = made.facilitator_key
    at.run()
    assert not at.exception
    assert at.session_state["ws_fac_code"] == made.code
    assert "key" not in at.query_params and at.query_params["ws"] == made.code
    assert t("workshop.resumed", lang, code=made.code) in [s.value for s in at.success]
    at.button(key="ws_next").click().run()  # the key runs the workshop: no PIN was typed
    assert database.workshop(made.code).current == 1
    # The link is shown to the browser that holds the key, out of presenter mode.
    link = [c.value for c in at.code if "key=" in c.value]
    assert link and f"ws={made.code}" in link[0] and made.facilitator_key in link[0]

    wrong = open_page("views/workshop.py", lang)
    wrong.query_params["ws"] = made.code
    wrong.query_params["key"] = "x" * 43
    wrong.run()
    assert not wrong.exception
    assert "ws_fac_code" not in wrong.session_state
    assert t("workshop.error.wrong_key", lang) in [w.value for w in wrong.warning]
    assert wrong.text_input(key="ws_new_title"), "the wrong key opens nothing"


def test_a_phone_that_left_gets_its_own_seat_back_when_it_joins_again(lang: str, database: ws.Store) -> None:
    _fac, code = create(lang)
    phone = join(lang, code, "Kari")
    pid = phone.session_state["ws_join"][1]
    qid = database.questions(code)[0].id
    phone.button(key=f"ws_opt_{qid}_unsure").click().run()
    phone.button(key="ws_join_leave").click().run()
    assert phone.text_input(key="ws_join_code"), "left: the join form"
    assert database.join(code, participant_id=pid) == pid  # what the browser's cookie gives back
    assert database.workshop(code).participants == 1
    assert database.answers_of(code, pid) == {qid: "unsure"}


def test_leave_then_join_in_the_same_tab_keeps_one_seat(lang: str, database: ws.Store) -> None:
    """The seat's cookie is written after the page opened (a script cannot read it back in this
    session): joining again in the same tab still takes the same seat and its vote."""
    _fac, code = create(lang)
    phone = join(lang, code, "Kari")
    pid = phone.session_state["ws_join"][1]
    phone.button(key="ws_join_leave").click().run()
    submit(phone, t("join.submit", lang))
    assert not phone.exception
    assert phone.session_state["ws_join"] == (code, pid)
    assert database.workshop(code).participants == 1


def test_an_open_question_is_moderated_off_the_projector_then_shown_ranked(lang: str,
                                                                           database: ws.Store) -> None:
    made = database.create("Åpent", pin=PIN, questions=["open_obstacle"])
    phones = [join(lang, made.code) for _ in range(3)]
    for phone, words in zip(phones, ["Tid", "tid", PAYLOAD], strict=True):
        phone.text_input(key="ws_text_open_obstacle").input(words)
        submit(phone, t("join.open.send", lang))
        assert not phone.exception
        assert words in [e.value for e in phone.text], "the phone shows what it sent, as plain text"
    assert database.summary(made.code).questions[0].answered == 3

    projector = open_presenting("views/workshop.py", lang)
    projector.query_params["ws"], projector.query_params["key"] = made.code, made.facilitator_key
    projector.run()
    assert t("workshop.open.pending", lang, n=3) in texts(projector)
    assert PAYLOAD not in [e.value for e in projector.text] and "Tid" not in texts(projector), \
        "the projector never shows an answer before it is approved"

    laptop = open_page("views/workshop.py", lang)
    laptop.query_params["ws"], laptop.query_params["key"] = made.code, made.facilitator_key
    laptop.run()
    ids = {a.text: a.id for a in database.open_answers(made.code, "open_obstacle", key=made.facilitator_key)}
    laptop.button(key=f"ws_ok_{ids['Tid']}").click().run()
    laptop.button(key=f"ws_ok_{ids['tid']}").click().run()
    laptop.button(key=f"ws_no_{ids[PAYLOAD]}").click().run()
    assert t("workshop.open.pending", lang, n=0) in texts(laptop)
    laptop.button(key="ws_reveal").click().run()
    assert f"#### {t('workshop.open.item', lang, text='Tid', n=2)}" in [m.value for m in laptop.markdown]
    projector.run()
    assert f"#### {t('workshop.open.item', lang, text='Tid', n=2)}" in [m.value for m in projector.markdown]
    assert all(PAYLOAD not in m.value for m in projector.markdown)
    phones[0].run()
    assert t("join.results_shown", lang) in texts(phones[0])


def test_tables_and_those_without_a_table_are_all_counted_on_the_shared_screen(
        lang: str, database: ws.Store) -> None:
    made = database.create("Bord", pin=PIN, questions=["vote_measures"])
    c = content_mod.default()
    options = database.questions(made.code)[0].options
    for group, pick in (("municipality", options[0]), ("entrepreneur", options[1]), (None, options[1])):
        phone = open_page("views/join.py", lang)
        phone.query_params["code"] = made.code
        phone.run()
        phone.selectbox(key=f"ws_join_group_{lang}").select(group)
        submit(phone, t("join.submit", lang))
        assert not phone.exception
        phone.button(key=f"ws_opt_vote_measures_{pick}").click().run()
    fac = open_page("views/workshop.py", lang)
    fac.query_params["ws"], fac.query_params["key"] = made.code, made.facilitator_key
    fac.run()
    assert t("workshop.answered", lang, n=3, total=3) in texts(fac)
    fac.button(key="ws_reveal").click().run()
    assert not fac.exception
    assert f"#### {t('workshop.by_group', lang)}" in [m.value for m in fac.markdown]
    assert len(fac.get("plotly_chart")) == 1, "one chart for the counts by table and in total"
    alt = next(e.value for e in fac.caption if e.value.startswith(t("workshop.chart.alt_by_table", lang,
                                                                      items="")[:20]))
    town, firms, nobody = (wq.group_label(g, c, lang) for g in ("municipality", "entrepreneur", "none"))
    first, second = (c.measures[o].title(lang) for o in options[:2])
    part = lambda g, n: t("workshop.chart.alt_part", lang, group=g, n=n)  # noqa: E731
    item = lambda o, n: t("workshop.chart.alt_item", lang, option=o, n=n)  # noqa: E731
    assert t("workshop.chart.alt_parts", lang, item=item(first, 1), parts=part(town, 1)) in alt
    assert t("workshop.chart.alt_parts", lang, item=item(second, 2),
             parts=f"{part(firms, 1)}, {part(nobody, 1)}") in alt, "no table is counted and named"
    assert alt.endswith(t("workshop.chart.alt_total", lang, n=3)), "the total of everyone who answered"
    for o in options[2:]:
        assert item(c.measures[o].title(lang), 0) in alt, "every option is named"
    # The summary (and so the report) has the tables and those without one side by side.
    md = md_doc.render(presenter.summary(database.summary(made.code), content=c, lang=lang))
    assert town in md and firms in md and nobody in md
