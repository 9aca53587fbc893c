"""Training commands for parley's optional learned components (``parley train ...``)."""
