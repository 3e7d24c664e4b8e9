"""The accessibility statement: its content model (``model``) and its presenter (``presenter``)."""
