"""Documents: the block model and its renderers (Markdown, tagged PDF, Word)."""
