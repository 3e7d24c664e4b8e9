"""The helpers of the tests and the benches, in one place (no test module imports another).

- ``words``: the interface's words from the content (``ui``, ``in_lang``) and its texts compared
  without their layout (``flat``).
- ``colour``: WCAG contrast of two colours.
- ``apptest``: a page run with Streamlit's AppTest (``open_page``) and what it shows (``texts``).
- ``samples``: answers used by several tests (a fully answered session).
- ``server``: the app served on a free port (``serving``), or two behind HAProxy (``balanced``).
- ``browser``: Chromium's settings and the waits and checks of a page in the real browser.
- ``axe``: axe-core injected into a page.
- ``journeys``: the steps of the whole-journey browser tests.
- ``artefacts``: stored regression artefacts.
"""
