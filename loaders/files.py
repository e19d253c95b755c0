"""Write files so that no reader ever sees half of one, and serialise read-modify-write cycles with a lock.

`write_atomic` writes a temporary file beside the target and renames it over the target: a failed, interrupted or
killed write leaves the previous file whole. `locked` holds an exclusive lock on a hidden file beside the target
(`.NAME.lock`), shared by the threads of one server and by separate processes on the same machine.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: a lock within the process is all there is
    fcntl = None

_PROCESS_LOCK = threading.Lock()  # stands in for fcntl where there is none


def write_atomic(path: Path | str, write: Callable[[Path], None]) -> None:
    """Call `write(temporary_path)`, then put the temporary file in place of `path` in one rename.

    The file keeps the permissions of the one it replaces; a new file gets 0644.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(temporary)
    try:
        write(temporary)
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path | str, text: str) -> None:
    """Replace a file's text in one rename (UTF-8, newlines as given)."""
    write_atomic(path, lambda temporary: temporary.write_text(text, encoding="utf-8", newline=""))


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o644


@contextlib.contextmanager
def locked(path: Path | str) -> Iterator[None]:
    """Hold the exclusive lock of `path` (its `.NAME.lock` file) for the duration of the block."""
    path = Path(path)
    if fcntl is None:
        with _PROCESS_LOCK:
            yield
        return
    descriptor = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
