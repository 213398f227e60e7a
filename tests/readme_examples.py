"""The shell examples of README.md: find them, run them, compare what they print.

``tests/test_readme.py`` turns every example into a test. Run on its own, this
module helps a maintainer bring the README up to date::

    .venv/bin/python tests/readme_examples.py --list           # the examples found
    .venv/bin/python tests/readme_examples.py --show           # each failing one: line, diff,
                                                               # and the output to paste
    .venv/bin/python tests/readme_examples.py --show -k serve  # only ids matching "serve"
    .venv/bin/python tests/readme_examples.py --update         # write the outputs into README.md

It needs the venv's python: commands run with the folder of ``sys.executable``
first on PATH.

What is an example
------------------
- In a fenced block, a line starting with ``$ `` is a command; the lines after
  it, up to the next ``$ `` line or the end of the block, are what it prints:
  stdout and stderr together, as a person sees them in a terminal.
- A ```` ```sh ```` block without ``$`` lines holds bare commands whose output the
  README does not show: each line runs and must exit 0. In the quickstart, the
  venv set-up (``python3 -m venv .venv && .venv/bin/pip install ...``) is not
  re-run (the test already runs in that venv; CI runs the lines word for word
  from ``.ci/run``): ``careergraph build`` runs and must write the four pages,
  and the ``pytest`` line is skipped (it is the whole suite), after checking
  that ``.ci/run`` holds it word for word.
- Markers, an HTML comment on the line right before a fenced block (invisible
  on GitHub)::

      <!-- example: file NAME -->             the block is the file NAME, written into the
                                              scratch folder before the examples after it run
      <!-- example: output of COMMAND -->     the block is the expected output of COMMAND

Comparison
----------
A line that is only ``...`` (indentation allowed) matches any number of lines,
zero included; ``...`` inside a line matches any text within that line (as
doctest's ELLIPSIS). Trailing whitespace and trailing blank lines are ignored.
Nothing else is fuzzy: numbers, counts and messages are compared as written, so
times and other values that vary must be written as ``...`` in the README
(``in ... s``).

How examples run
----------------
- Each README section (``## `` heading) runs in order in a fresh scratch
  folder, so an example may use a file an earlier one of its section wrote
  (``import ladder ... --out acme.ttl``, then ``validate acme.ttl``); running one
  example runs the ones before it in its section first. The folder holds
  ``ontology/``, ``tests/`` and ``tools/`` (links to the repository's), an empty
  ``output/``, and ``onet-29.2/``, ``esco-1.2.0/`` and any ``*.zip`` download
  found in the real data folder (links; ``$CAREERGRAPH_DATA``, else
  ``../shared/data`` beside the repository).
- Each command runs with ``bash -c`` (pipes, ``$'...'``, ``> file`` work; ``$?``
  is the previous command's exit status), with the venv's ``bin`` first on
  PATH, HOME and XDG_CACHE_HOME in a temporary folder, NO_COLOR=1, COLUMNS=200,
  CAREERGRAPH_DATA (the data folder, when there is one),
  stdin empty and a time limit (``TIMEOUT``; ``DATA_TIMEOUT`` with the real data).
  Its stdout and stderr go to a pseudo-terminal of 200 columns, so it prints
  what it prints for a person (tables by default, progress bars on stderr), and
  the output is what the terminal shows: a carriage return overwrites the line.
- Servers: a command ending in ``&``, or ``careergraph serve``, runs in the
  background until its section ends. A port it is given (``--bind
  127.0.0.1:7878``, ``--port 8000``) is replaced by a free one; with
  ``--port 0`` the port is read from the URL it prints. The harness waits until
  the port answers. The README's port numbers in that section are placeholders:
  they are replaced by the real port in the commands after it, and the real port
  is written back as the README's in what the commands print. A server's output
  is what it printed by the time it listens.
- Skipped, with the reason: examples that name ``onet-29.2``, ``esco-1.2.0`` or
  a ``.zip`` download that the data folder does not have (and those using a
  file such a skipped example writes); ``unzip ... -d onet-29.2`` when the
  folder is already linked (the shared data must not be written to);
  ``--screenshot`` without Chromium, ``--svg``/``--png`` without Graphviz; and
  the benchmark's full runs (minutes to about 45 minutes: ``--quick`` runs for
  real, the others only with ``--dry-run``, which shows what they would
  measure). Nothing else is left out, but the
  quickstart's ``pytest`` line (above).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import fcntl
import os
import pty
import re
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from datasets import data_folder

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
BIN = Path(sys.executable).parent
"""The venv's bin folder (not resolved: the venv's python is a link to the system's)."""

TIMEOUT = 180.0
"""Seconds a command may take."""
DATA_TIMEOUT = 900.0
"""Seconds a command on the real data may take (the O*NET import takes 30-60 s on idle cores)."""
SERVER_START = 60.0
"""Seconds a server may take to listen."""

DATA_FOLDERS = ("onet-29.2", "esco-1.2.0")
LINKS = ("ontology", "tests", "tools")
QUICKSTART_PAGES = tuple(f"output/{view}.html" for view in ("ladder", "skills", "path", "role"))
"""What the quickstart promises ``careergraph build`` writes."""
QUICKSTART_SETUP = re.compile(r"^(python3? -m venv \S+|\S*pip3? install .*)$")
BENCHMARK = "tools/benchmark.py"

MARKER = re.compile(r"^<!--\s*example:\s*(file|output of)\s+(.+?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([\w+-]*)")
URL_PORT = re.compile(r"https?://(?:\[[^\]]+\]|[\w.-]+):(\d+)")
GIVEN_PORT = re.compile(r"(?:(?<=:)|(?<=--port )|(?<=--port=)|(?<=-p ))(\d{2,5})\b")


# --- finding the examples ------------------------------------------------------------


@dataclass
class Example:
    """One command of the README and what it should print."""

    line: int
    """The README line of the command (1-based)."""
    block: int
    """The README line of the fence that opens its block."""
    section: str
    command: str
    expected: list[str] | None
    """The expected output lines; None when the README does not show it (a ``sh`` block)."""
    kind: str = "shell"
    """``shell`` ($ lines), ``output-of`` (a marker), ``sh`` (bare commands), ``quickstart``."""
    expected_line: int = 0
    """The README line of the first expected output line."""
    anchor: list[str] = field(default_factory=list)
    """The README's lines from ``line`` to the last expected line (to find them again)."""

    @property
    def id(self) -> str:
        short = " ".join(self.command.split())
        short = short if len(short) <= 60 else short[:57] + "..."
        return f"README.md:{self.line} {short}"

    @property
    def server(self) -> bool:
        return is_server(self.command)


@dataclass
class File:
    """A file the README shows being written (``<!-- example: file NAME -->``)."""

    line: int
    section: str
    name: str
    text: str


def is_server(command: str) -> bool:
    """Whether a command runs in the background: it ends in ``&``, or is ``careergraph serve``."""
    text = command.strip()
    return (text.endswith("&") and not text.endswith("&&")) or re.match(
        r"^(careergraph serve|python3? -m careergraph\.cli\.serve)\b", text) is not None


def parse(text: str) -> list[Example | File]:
    """Every example and written file of a README, in order.

    >>> items = parse('''# t
    ... ## A
    ... <!-- example: file me.yaml -->
    ... ```yaml
    ... a: 1
    ... ```
    ... ```
    ... $ cat me.yaml
    ... a: 1
    ... $ echo $?
    ... 0
    ... ```
    ... ''')
    >>> [(type(i).__name__, i.line, i.section) for i in items]
    [('File', 3, 'A'), ('Example', 8, 'A'), ('Example', 10, 'A')]
    >>> items[1].command, items[1].expected, items[1].expected_line
    ('cat me.yaml', ['a: 1'], 9)
    """
    lines = text.splitlines()
    items: list[Example | File] = []
    section = ""
    marker: tuple[int, str, str] | None = None
    number = 0
    while number < len(lines):
        line = lines[number]
        if line.startswith("## "):
            section = line[3:].strip()
        found = MARKER.match(line)
        if found:
            marker = (number + 1, found.group(1), found.group(2))
            if number + 1 >= len(lines) or not FENCE.match(lines[number + 1]):
                raise ValueError(f"README.md:{number + 1}: an example marker must come right "
                                 f"before a fenced block")
            number += 1
            continue
        fence = FENCE.match(line)
        if not fence:
            number += 1
            continue
        opening, info = fence.group(2), fence.group(3)
        end = number + 1
        while end < len(lines) and not lines[end].strip().startswith(opening):
            end += 1
        body = lines[number + 1:end]
        first = number + 2  # README line of body[0]
        if marker is not None:
            where, kind, argument = marker
            marker = None
            if kind == "file":
                items.append(File(where, section, argument, "\n".join(body) + "\n"))
            else:
                items.append(Example(where, number + 1, section, argument, body, "output-of",
                                     first, lines[where - 1:end]))
        elif any(row.startswith("$ ") for row in body):
            items.extend(_dollar_examples(body, first, number + 1, section))
        elif info == "sh":
            for offset, row in enumerate(body):
                if row.strip() and not row.lstrip().startswith("#"):
                    items.append(Example(first + offset, number + 1, section, row.strip(), None,
                                         "sh"))
        number = end + 1
    return items


def _dollar_examples(body: list[str], first: int, block: int, section: str) -> list[Example]:
    examples: list[Example] = []
    for offset, row in enumerate(body):
        if row.startswith("$ "):
            examples.append(Example(first + offset, block, section, row[2:], [], "shell",
                                    first + offset + 1, [row]))
        elif not examples:
            raise ValueError(f"README.md:{first + offset}: output before the block's first command")
        else:
            examples[-1].expected.append(row)
            examples[-1].anchor.append(row)
    return examples


def examples(text: str | None = None) -> list[Example]:
    """The README's examples (only the commands, not the files)."""
    return [item for item in parse(README.read_text(encoding="utf-8") if text is None else text)
            if isinstance(item, Example)]


# --- comparing -------------------------------------------------------------------------


def _clean(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _is_ellipsis(line: str) -> bool:
    return line.strip() == "..."


def line_matches(pattern: str, line: str) -> bool:
    """Whether one output line matches one expected line (``...`` inside it matches any text).

    >>> line_matches("loaded 1,976 triples in ... s", "loaded 1,976 triples in 0.1 s")
    True
    >>> line_matches("loaded 1,976 triples in ... s", "loaded 1,942 triples in 0.1 s")
    False
    """
    pattern, line = pattern.rstrip(), line.rstrip()
    if "..." not in pattern:
        return pattern == line
    return re.fullmatch(".*".join(re.escape(piece) for piece in pattern.split("...")), line,
                        re.DOTALL) is not None


def _align(expected: list[str], actual: list[str]) -> list[tuple[str, int | None, int | None]]:
    """The best alignment of expected lines (patterns) with actual lines.

    Steps: ``match`` (i, j), ``elide`` (i, j: the ``...`` line i covers actual line j),
    ``keep`` (i, None: a ``...`` line), ``change`` (i, j), ``drop`` (i, None), ``add`` (None, j).
    """
    n, m = len(expected), len(actual)
    ellipsis = [_is_ellipsis(line) for line in expected]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    step: list[list[str]] = [[""] * (m + 1) for _ in range(n + 1)]
    for j in range(m - 1, -1, -1):
        best[n][j], step[n][j] = best[n][j + 1] - 1, "add"
    for i in range(n - 1, -1, -1):
        if ellipsis[i]:
            best[i][m], step[i][m] = best[i + 1][m], "keep"
        else:
            best[i][m], step[i][m] = best[i + 1][m] - 1, "drop"
        for j in range(m - 1, -1, -1):
            options: list[tuple[int, str]] = []
            if ellipsis[i]:
                options += [(best[i][j + 1], "elide"), (best[i + 1][j], "keep")]
            elif line_matches(expected[i], actual[j]):
                options.append((best[i + 1][j + 1] + 1000, "match"))
            else:
                similar = difflib.SequenceMatcher(None, expected[i], actual[j]).quick_ratio()
                options.append((best[i + 1][j + 1] + 1 + int(similar * 10), "change"))
            options += [(best[i + 1][j] - 1, "drop"), (best[i][j + 1] - 1, "add")]
            # max() keeps the first of equals: the order above is the preference
            best[i][j], step[i][j] = max(options, key=lambda option: option[0])
    steps: list[tuple[str, int | None, int | None]] = []
    i = j = 0
    while i < n or j < m:
        kind = step[i][j]
        if kind in ("match", "change"):
            steps.append((kind, i, j))
            i, j = i + 1, j + 1
        elif kind == "elide":
            steps.append((kind, i, j))
            j += 1
        elif kind in ("keep", "drop"):
            steps.append((kind, i, None))
            i += 1
        else:
            steps.append(("add", None, j))
            j += 1
    return steps


@dataclass
class Comparison:
    """An example's expected output against its actual output."""

    expected: list[str]
    actual: list[str]
    steps: list[tuple[str, int | None, int | None]] = field(init=False)

    def __post_init__(self) -> None:
        self.steps = _align(self.expected, self.actual)

    @property
    def ok(self) -> bool:
        return all(kind in ("match", "elide", "keep") for kind, _, _ in self.steps)

    def filled(self) -> list[str]:
        """The expected lines, each ``...`` replaced by what it covered (for a readable diff)."""
        out: list[str] = []
        for kind, i, j in self.steps:
            if kind in ("match", "elide"):
                out.append(self.actual[j])
            elif kind in ("change", "drop"):
                out.append(self.expected[i])
        return out

    def proposed(self) -> list[str]:
        """The actual output, keeping the README's ``...`` wherever they still match."""
        out: list[str] = []
        for kind, i, j in self.steps:
            if kind in ("match", "keep"):
                out.append(self.expected[i])
            elif kind in ("change", "add"):
                out.append(self.actual[j])
        return out

    def diff(self) -> str:
        return "\n".join(difflib.unified_diff(self.filled(), self.actual, "expected (README.md)",
                                              "actual", lineterm="", n=3))


def compare(expected: list[str], actual: str) -> Comparison:
    """Compare expected lines with a command's output.

    >>> compare(["a", "...", "d"], "a\\nb\\nc\\nd\\n").ok
    True
    >>> result = compare(["x: 1", "...", "total 3"], "x: 2\\ny\\ntotal 3")
    >>> result.ok, result.proposed()
    (False, ['x: 2', '...', 'total 3'])
    """
    return Comparison(_clean("\n".join(expected)), _clean(actual))


# --- running -------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What running one example gave."""

    example: Example
    output: str = ""
    """stdout and stderr together, the real ports written back as the README's."""
    code: int | None = None
    skipped: str = ""
    """Why it did not run (empty when it ran)."""
    problem: str = ""
    """A failure besides the output (exit status, missing pages, a server that never listened)."""
    seconds: float = 0.0

    def comparison(self) -> Comparison | None:
        if self.example.expected is None:
            return None
        return compare(self.example.expected, self.output)

    @property
    def ok(self) -> bool:
        if self.skipped:
            return True
        comparison = self.comparison()
        return not self.problem and (comparison is None or comparison.ok)

    def report(self) -> str:
        """Why it failed, with a unified diff of expected against actual output."""
        parts = [f"{self.example.id} (exit status {self.code})"]
        if self.problem:
            parts.append(self.problem)
        comparison = self.comparison()
        if comparison is not None and not comparison.ok:
            parts.append(comparison.diff())
        elif self.problem:
            parts.append("output:\n" + self.output)
        return "\n".join(parts)


ANSI = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78])")


def screen(raw: bytes) -> str:
    """What a terminal shows for ``raw`` output: carriage returns overwrite, escape codes vanish.

    >>> screen(b"done:  50%|##  |\\rdone: 100%|####|\\r\\nwrote it\\r\\n")
    'done: 100%|####|\\nwrote it\\n'
    """
    text = ANSI.sub("", raw.decode("utf-8", "replace").replace("\r\n", "\n"))
    shown: list[str] = []
    for line in text.split("\n"):
        cells: list[str] = []
        column = 0
        for char in line:
            if char == "\r":
                column = 0
            elif char == "\b":
                column = max(column - 1, 0)
            else:
                if column < len(cells):
                    cells[column] = char
                else:
                    cells.append(char)
                column += 1
        shown.append("".join(cells))
    return "\n".join(shown)


class Terminal:
    """A command run with bash on a pseudo-terminal of 200 columns, as a person runs it.

    stdout and stderr go to the terminal, interleaved as a person sees them
    (so commands show what they show on a terminal: tables, progress bars);
    stdin is empty. The command runs in a session of its own, stopped as a group.
    """

    def __init__(self, script: str, cwd: Path, env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        self.process = subprocess.Popen(["bash", "-c", script], cwd=cwd, env=env,
                                        stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
                                        start_new_session=True)
        os.close(slave)
        self.master = master
        self.raw = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not chunk:
                break
            self.raw.extend(chunk)

    @property
    def output(self) -> str:
        return screen(bytes(self.raw))

    def wait(self, timeout: float) -> int | None:
        """The exit status, or None after ``timeout`` seconds (then the command is killed)."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop(signal.SIGKILL)
            return None
        # what is still on its way (a child left in the background may keep the terminal open)
        self.reader.join(timeout=2)
        return code

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, sig)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.reader.join(timeout=5)
        with contextlib.suppress(OSError):
            os.close(self.master)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listens(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _replace_number(text: str, old: int, new: int) -> str:
    return re.sub(rf"(?<![\d,.]){old}(?![\d,])", str(new), text)


def environment(home: Path) -> dict[str, str]:
    """The environment every command runs in."""
    cache = home / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    return {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/local/bin:/usr/bin:/bin')}",
            "HOME": str(home), "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1", "COLUMNS": "200",
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONUNBUFFERED": "1", "TERM": "dumb",
            "TMPDIR": str(home),
            **({"CAREERGRAPH_DATA": str(data_folder())} if data_folder().is_dir() else {})}


def _outputs(command: str) -> set[str]:
    """Files and folders a command writes (``--out X``, ``load ... --store X``, ``> X``)."""
    words = _words(command)
    made = {words[k + 1] for k, word in enumerate(words[:-1]) if word in ("--out", ">")}
    if "load" in words[:3]:
        made |= {words[k + 1] for k, word in enumerate(words[:-1]) if word == "--store"}
    return made


def _words(command: str) -> list[str]:
    try:
        return shlex.split(command, comments=True)
    except ValueError:
        return command.split()


def _mentions(command: str, names: set[str]) -> str | None:
    for word in _words(command):
        for name in names:
            if word == name or word.startswith(name.rstrip("/") + "/"):
                return name
    return None


class Section:
    """One README section run in its scratch folder, example by example."""

    def __init__(self, name: str, items: list[Example | File], folder: Path,
                 env: dict[str, str]) -> None:
        self.name, self.items, self.folder, self.env = name, items, folder, env
        self.done: dict[int, Outcome] = {}
        self.next = 0
        self.code = 0
        self.ports: dict[int, int] = {}
        """README port -> real port."""
        self.servers: list[Terminal] = []
        self.missing: dict[str, str] = {}
        """A file a skipped example would have written -> why it was skipped."""
        self.closed = False
        folder.mkdir(parents=True)
        for name in LINKS:
            (folder / name).symlink_to(REPO / name)
        (folder / "output").mkdir()
        if data_folder().is_dir():
            for entry in data_folder().iterdir():
                if entry.name in DATA_FOLDERS or entry.suffix == ".zip":
                    (folder / entry.name).symlink_to(entry.resolve())

    def outcome(self, example: Example) -> Outcome:
        """Run the section up to ``example`` (once) and return what it gave."""
        while example.line not in self.done:
            if self.next >= len(self.items):
                raise KeyError(example.id)
            item = self.items[self.next]
            self.next += 1
            if isinstance(item, File):
                target = self.folder / item.name
                if Path(item.name).is_absolute() or ".." in Path(item.name).parts:
                    raise ValueError(f"README.md:{item.line}: a file marker names a path outside "
                                     f"the scratch folder")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(item.text, encoding="utf-8")
            else:
                started = time.perf_counter()
                self.done[item.line] = self._run(item)
                self.done[item.line].seconds = time.perf_counter() - started
        if self.next >= len(self.items):
            self.close()
        return self.done[example.line]

    # -- one example

    def _skip(self, example: Example) -> str:
        words = _words(example.command)
        if words[:1] == ["unzip"] and "-d" in words[:-1]:
            target = words[words.index("-d") + 1].rstrip("/")
            if target in DATA_FOLDERS and (self.folder / target).exists():
                return (f"unpacks a download into {target}/, which the harness links, already "
                        f"unpacked, from the data folder {data_folder()}")
        own = _outputs(example.command)
        for word in words:
            name = word.rstrip("/").split("/")[0]
            if (name in DATA_FOLDERS or name.endswith(".zip")) and name not in own and \
                    not (self.folder / name).exists():
                return (f"needs the real data {name}, not in the data folder {data_folder()} "
                        f"(CAREERGRAPH_DATA names the folder holding {', '.join(DATA_FOLDERS)} "
                        f"and the downloads)")
        name = _mentions(example.command, set(self.missing))
        if name is not None:
            return (f"needs {name}, which a skipped example would have written "
                    f"({self.missing[name]})")
        if "--screenshot" in words and not any(shutil.which(browser, path=self.env["PATH"]) for browser in
                                               ("chromium", "chromium-browser", "google-chrome")):
            return "--screenshot needs Chromium (apt-get install chromium; CI installs it)"
        if {"--svg", "--png"} & set(words) and shutil.which("dot", path=self.env["PATH"]) is None:
            return "--svg/--png need Graphviz's dot (apt-get install graphviz; CI installs it)"
        return ""

    def _run(self, example: Example) -> Outcome:
        skipped = self._skip(example)
        if skipped:
            for made in _outputs(example.command):
                if not (self.folder / made).exists():  # an earlier example may have made it
                    self.missing[made] = f"README.md:{example.line}"
            return Outcome(example, skipped=skipped)
        for made in _outputs(example.command):
            self.missing.pop(made, None)
        if example.kind == "sh":
            return self._run_bare(example)
        command = example.command
        for old, new in self.ports.items():
            command = _replace_number(command, old, new)
        if example.server:
            return self._start(example, command)
        heavy = any(name in command for name in (*DATA_FOLDERS, ".zip"))
        timeout = DATA_TIMEOUT if heavy else TIMEOUT
        code, output, problem = self._shell(command, timeout)
        self.code = code
        return Outcome(example, self._readme_ports(output), code, problem=problem)

    def _shell(self, command: str, timeout: float) -> tuple[int, str, str]:
        terminal = Terminal(f"(exit {self.code}); {command}", self.folder, self.env)
        code = terminal.wait(timeout)
        output = terminal.output
        terminal.stop()
        if code is None:
            return -9, output, f"stopped after {timeout:g} s, its time limit"
        return code, output, ""

    def _readme_ports(self, output: str) -> str:
        for readme, real in self.ports.items():
            output = _replace_number(output, real, readme)
        return output

    def _run_bare(self, example: Example) -> Outcome:
        """A command of a ``sh`` block: it must exit 0 (its output is not shown)."""
        parts = [part.strip() for part in example.command.split("&&")]
        setup = [part for part in parts if QUICKSTART_SETUP.match(part)]
        rest = [re.sub(r"^\.venv/bin/", "", part) for part in parts if part not in setup]
        command = " && ".join(rest)
        if setup:
            example.kind = "quickstart"
        if BENCHMARK in command and "--quick" not in command.split():
            dry = shlex.join([*shlex.split(command, comments=True), "--dry-run"])
            code, output, problem = self._shell(dry, 60)
            if code != 0:
                return Outcome(example, output, code, problem=f"`{dry}` failed")
            plan = " ".join(output.split())
            return Outcome(example, output, code, skipped=(
                "not run in full: the benchmark takes minutes to about 45 minutes, too long for a "
                f"test; `--dry-run` checked what it would measure: {plan[:300]}"))
        if setup and re.search(r"(^|\s)-m pytest\b", command):
            ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
            if example.command not in ci.splitlines():
                return Outcome(example, problem=".ci/run does not hold this line word for word")
            return Outcome(example, skipped=(
                "the whole test suite (this test is part of it, and the venv is set up already): "
                "CI runs this line word for word from .ci/run"))
        code, output, problem = self._shell(command, TIMEOUT)
        self.code = code
        if not problem and code != 0:
            problem = f"`{command}` exited with {code}"
        if setup and "careergraph build" in command:
            absent = [page for page in QUICKSTART_PAGES if not (self.folder / page).is_file()]
            if absent:
                problem = (problem + "; " if problem else "") + "not written: " + ", ".join(absent)
        return Outcome(example, output, code, problem=problem)

    def _start(self, example: Example, command: str) -> Outcome:
        """Start a server, wait until it listens, learn its port."""
        command = command.strip().rstrip("&").strip()
        given: dict[int, int] = {}
        for text in GIVEN_PORT.findall(command):
            port = int(text)
            if port and port not in given:
                given[port] = free_port()
        for old, new in given.items():
            command = _replace_number(command, old, new)
        server = Terminal("exec " + command, self.folder, self.env)
        self.servers.append(server)
        self.code = 0
        deadline = time.monotonic() + SERVER_START
        port = next(iter(given.values()), None)
        while time.monotonic() < deadline and server.process.poll() is None:
            if port is None and (found := URL_PORT.search(server.output)):
                port = int(found.group(1))
            if port is not None and _listens(port):
                break
            time.sleep(0.1)
        else:
            time.sleep(0.3)
            code = server.process.poll()
            why = (f"the server exited with {code} before it listened" if code is not None
                   else f"the server did not listen within {SERVER_START:g} s")
            return Outcome(example, server.output, code, problem=why)
        expected = example.expected or []
        wanted = len([line for line in expected if line.strip() and not _is_ellipsis(line)])
        settle = time.monotonic() + 3
        while len(_clean(server.output)) < wanted and time.monotonic() < settle:
            time.sleep(0.05)
        self.ports.update(given)
        readme_urls = URL_PORT.findall("\n".join(example.expected or []))
        if not given and readme_urls:
            self.ports[int(readme_urls[0])] = port
        return Outcome(example, self._readme_ports(server.output), 0)

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        self.servers.clear()
        self.closed = True


class Runner:
    """Every section of the README, run on demand in folders under ``root``."""

    def __init__(self, root: Path, text: str | None = None) -> None:
        self.root = root
        self.items = parse(README.read_text(encoding="utf-8") if text is None else text)
        self.env = environment(root / "home")
        self.sections: dict[str, Section] = {}

    def examples(self) -> list[Example]:
        return [item for item in self.items if isinstance(item, Example)]

    def outcome(self, example: Example) -> Outcome:
        name = example.section
        if name not in self.sections:
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "top"
            members = [item for item in self.items if item.section == name]
            folder = self.root / f"{len(self.sections):02d}-{slug}"
            self.sections[name] = Section(name, members, folder, self.env)
        return self.sections[name].outcome(example)

    def close(self) -> None:
        for section in self.sections.values():
            section.close()


# --- for maintainers: --list, --show, --update ------------------------------------------------


def update_readme(outcomes: list[Outcome], readme: Path = README) -> list[str]:
    """Write the output of failing examples into the README, keeping the ``...`` that still match.

    Others may be editing the README: an example is found again by its lines
    (its command and the expected output it was run with), and written only
    where they occur exactly once. Returns what was done, one line per example.
    """
    lines = readme.read_text(encoding="utf-8").split("\n")
    done: list[str] = []
    for outcome in outcomes:
        example, comparison = outcome.example, outcome.comparison()
        if outcome.skipped or comparison is None or comparison.ok or example.expected is None:
            continue
        anchor, old = example.anchor, example.expected
        places = [k for k in range(len(lines) - len(anchor) + 1)
                  if lines[k:k + len(anchor)] == anchor]
        if len(places) != 1:
            done.append(f"{example.id}: not written, its lines are "
                        f"{'not in the README any more' if not places else 'there twice'}")
            continue
        start = places[0] + example.expected_line - example.line
        new = comparison.proposed()
        new += [""] * (len(old) - len(_clean("\n".join(old))))  # the blank lines before the next
        lines[start:start + len(old)] = new
        done.append(f"{example.id}: written ({len(old)} lines -> {len(new)})")
    if any(": written" in entry for entry in done):
        temporary = readme.with_name(readme.name + ".update")
        temporary.write_text("\n".join(lines), encoding="utf-8")
        os.replace(temporary, readme)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run README.md's shell examples (the rules: this module's docstring).")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--list", action="store_true", help="list the examples, run nothing")
    mode.add_argument("--show", action="store_true",
                      help="each failing example: its line, a diff, the output to paste (default)")
    mode.add_argument("--update", action="store_true",
                      help="write the output of failing examples into README.md, keeping the "
                           "'...' that still match")
    parser.add_argument("-k", dest="only", default="", metavar="REGEX",
                        help="only the examples whose id (README.md:LINE command) matches")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folders")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="readme-examples-"))
    runner = Runner(root)
    chosen = [example for example in runner.examples() if re.search(args.only, example.id)]
    if args.list:
        for example in chosen:
            shown = ("output not shown" if example.expected is None
                     else f"{len(example.expected)} lines")
            print(f"{example.id}  [{example.kind}, {shown}; section {example.section!r}]")
        shutil.rmtree(root, ignore_errors=True)
        return 0
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    try:
        for example in chosen:
            outcome = runner.outcome(example)
            outcomes.append(outcome)
            if outcome.skipped:
                print(f"skipped {example.id}: {outcome.skipped}\n", flush=True)
            elif not outcome.ok:
                print(f"FAILED {example.id}", flush=True)
                print(outcome.report())
                comparison = outcome.comparison()
                if comparison is not None:
                    print(f"--- README.md:{example.expected_line}: the output to paste "
                          f"('...' kept where it still matches):")
                    print("\n".join(comparison.proposed()))
                print(flush=True)
    finally:
        runner.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"scratch folders kept in {root}")
    failed = [o for o in outcomes if not o.ok]
    skipped = [o for o in outcomes if o.skipped]
    print(f"{len(outcomes)} examples: {len(outcomes) - len(failed) - len(skipped)} passed, "
          f"{len(failed)} failed, {len(skipped)} skipped in {time.perf_counter() - started:.0f} s")
    if args.update:
        for entry in update_readme(outcomes):
            print(entry)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
