"""Use cases of the privacy app: export, erasure and the objection requests."""
