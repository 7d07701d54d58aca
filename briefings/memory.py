"""Memory a long build has freed, given back to the system while other processes need it."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def give_back_memory() -> None:
    """Collect, then ask the C library to return its free pages (glibc's `malloc_trim`):
    Python frees the text of a page into the C heap, which otherwise keeps it for the process
    until it ends. Elsewhere than on glibc, only the collection."""
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
