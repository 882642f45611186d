"""Use cases of minimisation: ``retention`` (flag, then remove old imports) and ``forget``
(compare and forget).  Names follow ``<entity>_<action>`` with keyword-only arguments."""
