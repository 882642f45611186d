"""Reads of the expertise app: the finder (:mod:`.finder`) and target-list coverage (:mod:`.coverage`)."""
