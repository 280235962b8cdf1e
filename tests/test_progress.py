"""Long commands say what they are doing: live on a terminal, plain lines in a log (tism.progress)."""
from __future__ import annotations

import io

from tism.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_one_plain_line_per_step():
    log = io.StringIO()
    progress = Progress("tism print", 2, log)
    progress.step("chapters/LF.en.pdf")
    progress.step("chapters/LF.bn.pdf")
    progress.finish()
    assert log.getvalue() == ("tism print: chapters/LF.en.pdf (1 of 2)\n"
                              "tism print: chapters/LF.bn.pdf (2 of 2)\n")


def test_a_terminal_gets_one_line_rewritten_then_cleared():
    terminal = Terminal()
    progress = Progress("tism build", 3, terminal)
    progress.step("English site")
    progress.step("Bengali site")
    progress.finish()
    out = terminal.getvalue()
    assert "\n" not in out
    assert out.endswith("\r\x1b[K")
    assert out.split("\r\x1b[K")[1:3] == ["tism build: English site (1 of 3)", "tism build: Bengali site (2 of 3)"]
