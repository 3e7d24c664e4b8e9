"""Background from the booklet's first chapter: what a social entrepreneur is, and how
cooperation with one differs from what the public sector already knows (``content/background.yaml``).

:mod:`.model` is its content model; :func:`guide.background.presenter.page` words it as blocks.
"""
