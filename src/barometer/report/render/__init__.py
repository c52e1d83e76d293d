"""Rendering: the report built and written (:mod:`.build`), its PDF, data tables and templates."""
