"""Computed figures: the figure kit (:mod:`.core`) and one module per chapter or figure group."""
