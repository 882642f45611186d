"""Writes of the notifications app: :func:`notify` is what every other app calls."""
