"""The audit log, read: who searched for or asked about an employee's contacts, and the admin's log.

Writing stays in :func:`weakties.accounts.services.audit.audit`; this app only reads
:class:`~weakties.accounts.models.AuditEvent` for two audiences (issue 12):

* the owner of ties sees who looked up, or asked for an introduction to, the people they know —
  never another colleague's contacts, and no contact details;
* an organisation's admin sees its log, filtered by actor, action and dates, paged, with
  contact details masked, and can export it as CSV.
"""
