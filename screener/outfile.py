"""Writing health data safely: atomically (temp file + rename), mode 0600."""

from __future__ import annotations

import os
import tempfile


def write_private(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable only by the owner.

    The data goes to a temporary file in the same folder (created 0600),
    is flushed to disk, then renamed over ``path``: a reader never sees a
    half-written file, and a failure leaves any old file untouched.
    Raises OSError when the folder is missing or not writable.
    """
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".screener-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
