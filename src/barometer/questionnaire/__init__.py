"""barometer.questionnaire."""
