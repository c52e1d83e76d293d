"""barometer.fieldwork."""
