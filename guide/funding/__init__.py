"""Funding as it stands: the schemes of ``content/funding.yaml``, each with when and against
what it was last verified, what has changed since the booklet, and the calls and deadlines the
planning calendar shows.

``model`` (the content model, and the calendar events the schemes' schedules give) and
``presenter`` (the funding page as blocks) side by side.
"""
