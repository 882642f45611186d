"""Vacancies and referrals: "is this something for your contact?" (issue 10, part 3)."""
