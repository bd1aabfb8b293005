"""fieldkit: keep interview data about people at risk encrypted, anonymised and on schedule for destruction."""

__version__ = "0.1.0"
