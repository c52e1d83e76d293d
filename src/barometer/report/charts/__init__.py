"""Charts: Vega-Lite specs drawn to SVG (:mod:`.draw`), alt texts, the drawing pool and PDF copies."""
