"""Wall time per pipeline stage, for the build summary (`--timings`) and the benchmark."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator


class Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}  # stage -> seconds, in the order stages ran

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def table(self) -> str:
        width = max((len(name) for name in self.seconds), default=0)
        return "\n".join(f"  {name:<{width}}  {seconds:8.2f}s"
                         for name, seconds in self.seconds.items())
