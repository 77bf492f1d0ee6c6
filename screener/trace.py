"""CLIPS-style trace of the inference (to be built)."""


def make_tracer(fmt, stream):
    """Return a factory: case -> tracer(event, data) callable."""
    raise NotImplementedError
