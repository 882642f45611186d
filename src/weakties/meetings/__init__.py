"""Employer networks: federation membership, the meeting cycle, help requests, matches, results."""
