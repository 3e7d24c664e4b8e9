"""Getting started – for municipalities and state agencies (booklet chapter 2): a questionnaire."""

from guide.ui.common import t
from guide.ui.questionnaire import run

run("getting_started", title=t("page.getting-started.title"))
