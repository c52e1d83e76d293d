"""Per-organisation feedback reports: numbers (:mod:`.compute`), sections, wording, chart, writer."""
