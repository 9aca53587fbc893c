"""Suite ``meantime``: event mentions on MEANTIME (see :mod:`parley.evaluation.meantime_events`)."""

from parley.evaluation.meantime_events import run

__all__ = ["run"]
