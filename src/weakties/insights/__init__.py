"""Stored results of the network analytics (``weakties analyze``) and the pages that show them."""
