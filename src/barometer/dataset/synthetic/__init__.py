"""Synthetic data generators for tests, demos and benchmarks (no real respondents)."""
