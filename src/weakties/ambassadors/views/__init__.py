"""Pages of the ambassadors app.  Thin: they check who may, call a service or selector, render.

* :mod:`.campaigns`: the admin's campaigns and funnel, the sync status, targets and white spots;
* :mod:`.landing`: the personal link's page (no login needed);
* :mod:`.material`: posts to share, and "I shared it";
* :mod:`.contribution`: an employee's own contribution.
"""
