"""Invitation campaigns, ambassador material and each employee's contribution (issue 10, parts 1 and 6)."""
