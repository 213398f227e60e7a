"""Reading Markdown that careergraph writes, for the tests of its ``--format md`` outputs."""

from __future__ import annotations

import re


def md_tables(text: str) -> list[list[list[str]]]:
    """Each Markdown table of ``text`` as a list of rows, each a list of (escaped) cells.

    Examples
    --------
    >>> md_tables("intro\\n| a | b \\\\| c |\\n| --- | --- |\\n| 1 | 2 |\\n\\nend")
    [[['a', 'b \\\\| c'], ['---', '---'], ['1', '2']]]
    """
    tables, current = [], []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
        elif current:
            tables.append(current)
            current = []
    return tables
