"""Writing health data safely: atomically (temp file + rename), mode 0600,
regular files only, never over one of the command's own inputs."""

from __future__ import annotations

import errno
import os
import stat


class NotRegularFile(OSError):
    """The target exists and is not a regular file (a device, a link, a folder)."""


def check_target(path: str) -> None:
    """Refuse to replace anything but a regular file (or nothing).

    Renaming over ``/dev/null`` as root would replace the device with a
    file; renaming over a symbolic link would replace the link, not what it
    points to.  Raises NotRegularFile (an OSError whose strerror says why).
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable folder and the like: the write itself will say
    if stat.S_ISLNK(st.st_mode):
        raise NotRegularFile(errno.EINVAL, "it is a symbolic link; screener writes only to regular files "
                                           "(give the real path)")
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a device or a pipe"
        raise NotRegularFile(errno.EINVAL, f"it is {kind}, not a regular file; screener writes only to "
                                           "regular files")


def same_file(a: str, b: str) -> bool:
    """Whether two paths name the same file (existing: same inode; else the same real path)."""
    if a in ("-", "") or b in ("-", ""):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_not_input(output: str, inputs, what: str = "--output") -> None:
    """Refuse an output path that is one of the inputs (it would be replaced
    by the report).  Raises ValueError with a message for people."""
    for name, path in inputs:
        if path and same_file(output, path):
            raise ValueError(f"{what} {output} is also {name}: writing it would replace it; "
                             "choose another file name")


class PrivateFile:
    """A text file written atomically, readable only by the owner.

    Text goes to a temporary file in the target's folder (created 0600);
    :meth:`commit` flushes it to disk and renames it over the target, and
    :meth:`discard` (or leaving the ``with`` block without committing)
    removes it, leaving any old file untouched.  Raises OSError when the
    target is not a regular file or the folder is missing or not writable.
    """

    def __init__(self, path: str):
        check_target(path)
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        import tempfile  # only when writing a file: it pulls in shutil, random and the compressors (~3 ms)

        fd, self.tmp = tempfile.mkstemp(prefix=".screener-", suffix=".tmp", dir=folder)
        try:
            self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        except BaseException:
            os.close(fd)
            self._unlink()
            raise
        self.done = False

    def write(self, text: str) -> None:
        self.stream.write(text)

    def commit(self) -> None:
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.chmod(self.tmp, 0o600)
            check_target(self.path)
            os.replace(self.tmp, self.path)
            self.done = True
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        if self.done:
            return
        self.done = True
        try:
            self.stream.close()
        except (OSError, ValueError):
            pass
        self._unlink()

    def _unlink(self) -> None:
        try:
            os.unlink(self.tmp)
        except OSError:
            pass

    def __enter__(self) -> PrivateFile:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()


def write_private(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable only by the owner.

    The data goes to a temporary file in the same folder (created 0600),
    is flushed to disk, then renamed over ``path``: a reader never sees a
    half-written file, and a failure leaves any old file untouched.
    Raises OSError when the folder is missing or not writable, or when
    ``path`` exists and is not a regular file.
    """
    with PrivateFile(path) as fh:
        fh.write(text)
        fh.commit()
