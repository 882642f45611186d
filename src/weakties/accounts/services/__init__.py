"""The accounts' use cases: organisations and employees (:mod:`.organisations`), the audit log (:mod:`.audit`).

How services and selectors are called, in every app (HackSoft Django Styleguide):

* A service (writes, owns its transaction) or selector (reads) takes
  **keyword-only arguments**, even a single subject:
  ``organisation_create(name="Acme BV", domain="acme.nl")``,
  ``organisation_reach(organisation=org)``, ``importer.import_file(path=p, owner=jan)``.
  A call then says what every value is, and an argument can be added or
  reordered without breaking a caller.
* It is named ``<entity>_<action>`` where that reads better
  (``organisation_create``, ``consent_withdraw``, ``person_erase``,
  ``tie_rate``, ``analytics_refresh``); a read that already names what it
  gives back keeps its name (``organisation_reach``, ``who_knows``,
  ``introductions``, ``sharing_employees``).
* Positional arguments are kept only where there is one obvious subject and
  a keyword would say nothing more:

  - :func:`~weakties.accounts.services.audit.audit`: its first argument is
    the name of the event (``audit("who_knows", actor=user, company=…)``), and
    its free ``**detail`` keywords must not collide with a parameter;
  - predicates (``is_…``, ``plannable``, and the ``may_…`` of ``rules.py``),
    which ask a question about their subject;
  - helpers that compute a value from values and own no use case
    (``digest(value)``, ``company_facts(name)``, ``sources_json(sources)``, and
    everything in :mod:`weakties.core`: bulk writers, progress, messages);
  - django-tasks tasks (``run_network_import(batch_id, format)``): their
    arguments are serialised, and the task is called by the queue.
"""
