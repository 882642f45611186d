"""In-app notices and emails in each employee's own language, with digests (issue 10, part 7)."""
