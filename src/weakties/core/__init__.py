"""The low, Django-aware helpers every app uses: errors for people, progress,
bulk writes and translation of the pure layers' messages.

Nothing here owns a model or a use case, and nothing here imports an app; the
apps (``accounts``, ``people``, ``insights``, ``meetings``) import from here.
"""
