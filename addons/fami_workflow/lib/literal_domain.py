"""Domains of workflows, read on every create and write of the models they govern, with no ORM (tier 1).

Most domains are literals (``[('is_company', '=', True)]``): read once with ``ast.literal_eval`` and kept, instead
of going through ``safe_eval`` (which compiles and inspects the code) each time. Domains naming ``uid`` or
``context_today()`` are not literals: the caller evaluates them as before.
"""
import ast
import functools


def _frozen(value):
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    return value


@functools.lru_cache(maxsize=512)
def _parse(text):
    try:
        value = ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return _frozen(value) if isinstance(value, list) else None


def literal_domain(text):
    """The domain written in `text` as a new list of (immutable) terms, or None when it is not a literal."""
    parsed = _parse(text)
    return None if parsed is None else list(parsed)
