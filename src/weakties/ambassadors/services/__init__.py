"""Use cases of the ambassadors app: they write, own their transactions and raise ``ServiceError``.

Names follow ``<entity>_<action>`` with keyword-only arguments:

* :mod:`.campaigns`: ``campaign_create`` (invite everyone, a department or a list of
  addresses), ``campaign_remind`` (the one reminder), ``campaign_get``;
* :mod:`.answers`: what an employee does with their personal link: ``invitation_open``,
  ``invitation_consent``, ``invitation_import``, ``invitation_decline``, ``invitation_withdraw``;
* :mod:`.delivery`: sends the campaign's emails and records what it sent (called by the task);
* :mod:`.targets`: ``target_add``, ``target_remove``;
* :mod:`.material`: ``post_publish``, ``post_archive``, ``share_mark``.
"""
