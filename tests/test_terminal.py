"""The command line in a narrow terminal: `tism show` and `tism search` fold to its width (COLUMNS,
as a terminal or tmux pane sets it) at spaces only, so no word, and no Bengali letter with its vowel
signs, is ever split; only meaningful words are marked in snippets."""
from __future__ import annotations

from conftest import PROJECT, STANDARDS, run_tism


def folded(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_show_in_an_80_column_pane_breaks_no_word():
    wide = run_tism("show", "IV-004", "--lang", "bn", "--standards", str(STANDARDS), cwd=PROJECT,
                    env={"COLUMNS": "400"})
    narrow = run_tism("show", "IV-004", "--lang", "bn", "--standards", str(STANDARDS), cwd=PROJECT,
                      env={"COLUMNS": "80"})
    assert wide.returncode == 0 and narrow.returncode == 0, narrow.stderr
    lines = folded(narrow.stdout)
    assert all(len(line) <= 80 for line in lines), [line for line in lines if len(line) > 80]
    assert len(lines) > len(folded(wide.stdout))  # it did fold
    assert narrow.stdout.split() == wide.stdout.split()  # the same words, none cut


def test_search_results_fold_and_mark_no_stop_word(real_index):
    result = run_tism("search", "rights of victims under the ordinance", "--index", str(real_index), cwd=PROJECT,
                      env={"COLUMNS": "60"})
    assert result.returncode == 0, result.stderr
    lines = folded(result.stdout)
    assert [line for line in lines if len(line) > 60 and " " in line.strip()] == []
    assert "[" in result.stdout  # matched words are marked (without colour: in brackets)
    for stop in ("[of]", "[under]", "[the]"):
        assert stop not in result.stdout
