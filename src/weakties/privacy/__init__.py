"""The rights of the people weakties holds data about (issue 12 §1, GDPR Art. 15, 17 and 21).

Export ("my data" for an employee; what is held about an external person),
erasure (of an employee, of an external person, with a suppression record
kept as digests so a re-import does not bring them back) and the public
objection form that an admin confirms or rejects.  The public privacy notice
itself (``/privacy/``) lives in the ``site`` app.
"""
