"""parley: a sourced, deduplicated record of negotiations from news text."""

__version__ = "0.1.0"
