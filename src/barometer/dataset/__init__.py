"""barometer.dataset."""
