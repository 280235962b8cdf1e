"""Progress of a long command (tism build, print, bundle): "what, n of N" on stderr.

On a terminal the line is rewritten in place and cleared at the end; otherwise (a log, CI) each
step is a plain line of its own, so a log shows what was done and where it stopped.
"""
from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    def __init__(self, command: str, total: int, stream: TextIO | None = None):
        self.command, self.total, self.done = command, total, 0
        self.stream = stream if stream is not None else sys.stderr
        self.live = self.stream.isatty()

    def step(self, what: str) -> None:
        """Say that the next step (`what`) begins."""
        self.done += 1
        line = f"{self.command}: {what} ({self.done} of {self.total})"
        if self.live:
            self.stream.write("\r\x1b[K" + line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        """Clear the live line (the command's own summary follows)."""
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
