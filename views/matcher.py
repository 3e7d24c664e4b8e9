"""Cooperation-form matcher (booklet chapter 3): a questionnaire, with the procurement consequence."""

from guide.ui.common import t
from guide.ui.questionnaire import run

run("form_matcher", title=t("page.form-matcher.title"))
