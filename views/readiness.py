"""Readiness self-assessment for social entrepreneurs (booklet chapter 4): a questionnaire."""

from guide.ui.common import t
from guide.ui.questionnaire import run

run("readiness", title=t("page.readiness.title"))
