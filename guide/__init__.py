"""Veier til samarbeid: the pure-Python core (content model, engine, calculators)."""
