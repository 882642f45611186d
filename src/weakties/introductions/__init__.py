"""Introduction requests with double opt-in (issue 10, part 2)."""
