"""Snapshots: the database's network out as Parquet for an engine, and its results back in.

``weakties snapshot export`` writes what :mod:`weakties.engines` computes on;
``weakties snapshot load-results`` stores what an engine computed, all or nothing, and only
when it was computed from the data the database holds now. Contact details never leave.
"""
