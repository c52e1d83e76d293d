"""The management summary and the findings chapter (:mod:`.chapter`) and their wording."""
