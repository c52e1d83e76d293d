"""barometer.stats."""
