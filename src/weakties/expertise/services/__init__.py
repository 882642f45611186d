"""Writes of the expertise app: profiles, the finder's index, target lists and their watch.

Named ``<entity>_<action>`` with keyword-only arguments (the rule of
``accounts/services/__init__.py``); each owns its transaction and raises
:class:`~weakties.core.errors.ServiceError` with a message for people.
"""
