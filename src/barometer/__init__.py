"""barometer: run a public-sector innovation barometer end to end."""

__version__ = "0.1.0"
