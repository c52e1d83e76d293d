"""barometer.report."""
