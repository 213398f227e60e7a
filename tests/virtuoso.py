"""A throwaway Virtuoso (Debian's ``virtuoso-opensource``) for the tests: start, bulk-load, stop.

:class:`Virtuoso` makes a folder with its own ``virtuoso.ini`` (the database,
its log and transaction files in that folder; the SQL port and the HTTP port
on free loopback ports; a small buffer pool), starts ``virtuoso-t
+foreground`` as a child, waits until it answers, and bulk-loads N-Triples
files with ``isql-vt`` (``ld_dir``, ``rdf_loader_run``, ``checkpoint``) into
one graph, which becomes the default graph of its ``/sparql`` endpoint (see
:meth:`Virtuoso.load`). The anonymous ``/sparql`` user (``SPARQL``) may not
run updates: Virtuoso refuses them (``SR186: No permission``) unless that
user is given the ``SPARQL_UPDATE`` role, which is never done here.

The conftest fixture ``virtuoso_endpoint`` uses it over a dump of the
built-in store; the measurements of the README's "Big graphs" used it over a
dump of a million-triple store (``python tests/virtuoso.py DUMP.nt``).

Examples
--------
>>> "virtuoso-t" in VIRTUOSO and "isql-vt" in ISQL
True
>>> settings("/tmp/v", 1111, 8890, buffers=2000)["Parameters"]["ServerPort"]
'127.0.0.1:1111'
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

VIRTUOSO = "virtuoso-t"
"""The server of Debian's ``virtuoso-opensource-7-bin``."""
ISQL = "isql-vt"
"""Its SQL client (Debian's name for ``isql``)."""
GRAPH = "urn:careergraph:data"
"""The graph the triples are loaded into (the default graph of ``/sparql`` queries)."""
START_SECONDS = 120
"""How long a start may take (a new database is made first: about 10 s on an idle machine)."""


def missing() -> str | None:
    """Why Virtuoso cannot run here (a program not on the PATH), or None when it can.

    Returns
    -------
    str or None
        A sentence naming the missing program and the package that has it.

    Examples
    --------
    >>> missing() is None or "virtuoso-opensource" in missing()
    True
    """
    for program in (VIRTUOSO, ISQL):
        if shutil.which(program) is None:
            return (f"{program} is not on the PATH (Debian's package virtuoso-opensource: "
                    "apt-get install virtuoso-opensource)")
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now.

    Returns
    -------
    int
        The port.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def settings(folder: str | Path, sql_port: int, http_port: int, *, buffers: int,
             seconds: int = 20) -> dict[str, dict[str, str]]:
    """The ``virtuoso.ini`` of a server in ``folder``, derived from Debian's (its files and ports changed).

    Parameters
    ----------
    folder : str or Path
        Where the database, its logs and the files to load are.
    sql_port, http_port : int
        The loopback ports of the SQL (``isql``) server and of the HTTP server.
    buffers : int
        ``NumberOfBuffers`` (8 KiB pages kept in memory); ``MaxDirtyBuffers`` is 3/4 of it.
    seconds : int
        ``MaxQueryExecutionTime``: a query still running then is stopped (a
        client that gave up does not stop it), so a runaway test query does
        not hold a core for long.

    Returns
    -------
    dict
        Section -> setting -> value.
    """
    folder = Path(folder)
    return {
        "Database": {"DatabaseFile": f"{folder}/virtuoso.db", "ErrorLogFile": f"{folder}/virtuoso.log",
                     "LockFile": f"{folder}/virtuoso.lck", "TransactionFile": f"{folder}/virtuoso.trx",
                     "xa_persistent_file": f"{folder}/virtuoso.pxa", "ErrorLogLevel": "7",
                     "FileExtend": "200", "MaxCheckpointRemap": "2000", "Striping": "0",
                     "TempStorage": "TempDatabase"},
        "TempDatabase": {"DatabaseFile": f"{folder}/virtuoso-temp.db",
                         "TransactionFile": f"{folder}/virtuoso-temp.trx",
                         "MaxCheckpointRemap": "2000", "Striping": "0"},
        "Parameters": {"ServerPort": f"127.0.0.1:{sql_port}", "DisableUnixSocket": "1",
                       "DisableTcpSocket": "0", "MaxClientConnections": "10",
                       "CheckpointInterval": "60", "O_DIRECT": "0", "CaseMode": "2",
                       "AllowOSCalls": "0", "DirsAllowed": f"., {folder}",
                       "NumberOfBuffers": str(buffers), "MaxDirtyBuffers": str(buffers * 3 // 4),
                       "ThreadsPerQuery": "2", "MaxQueryMem": "1G"},
        "HTTPServer": {"ServerPort": f"127.0.0.1:{http_port}", "ServerRoot": f"{folder}/www",
                       "MaxClientConnections": "10", "ServerThreads": "10", "EnabledDavVSP": "0",
                       "Charset": "UTF-8", "EnabledGzipContent": "0"},
        # A table of a million rows is not cut at Debian's 10,000 (careergraph caps answers itself).
        "SPARQL": {"ResultSetMaxRows": "10000000", "MaxQueryExecutionTime": str(seconds),
                   "MaxQueryCostEstimationTime": "0"},
    }


class Virtuoso:
    """A Virtuoso server of its own in ``folder`` (made empty), on free loopback ports.

    Parameters
    ----------
    folder : str or Path
        A new or empty folder; removed by :meth:`stop` when ``remove`` is true.
    buffers : int
        ``NumberOfBuffers`` (2,000 pages = 16 MiB is plenty for the built-in graph).
    seconds : int
        ``MaxQueryExecutionTime`` (see :func:`settings`).

    Attributes
    ----------
    folder : Path
        The server's folder.
    url : str
        Its SPARQL endpoint, ``http://127.0.0.1:PORT/sparql``.
    """

    def __init__(self, folder: str | Path, *, buffers: int = 2000, seconds: int = 20) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "www").mkdir(exist_ok=True)
        self.buffers, self.seconds = buffers, seconds
        self.url = ""
        self._sql = ""
        self._password = "dba"  # a new database's; replaced by a random one as soon as it runs
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, tries: int = 3) -> None:
        """Start the server and wait until both its SQL and HTTP servers answer.

        Parameters
        ----------
        tries : int
            Starts to try (a free port may be taken by another program in between).

        Raises
        ------
        RuntimeError
            When it has not started, with the end of its log.
        """
        for attempt in range(tries):
            sql_port, http_port = free_port(), free_port()
            ini = self.folder / "virtuoso.ini"
            ini.write_text("".join(f"[{section}]\n" + "".join(f"{k} = {v}\n" for k, v in values.items())
                                   for section, values in settings(self.folder, sql_port, http_port,
                                                                   buffers=self.buffers, seconds=self.seconds).items()),
                           encoding="utf-8")
            log = open(self.folder / "console.log", "ab")  # noqa: SIM115 - kept by the child
            self._process = subprocess.Popen([shutil.which(VIRTUOSO) or VIRTUOSO, "+foreground",
                                              "+configfile", str(ini)], cwd=self.folder,
                                             stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            log.close()
            self._sql, self.url = f"127.0.0.1:{sql_port}", f"http://127.0.0.1:{http_port}/sparql"
            if self._wait():
                password = secrets.token_hex(12)  # the loopback SQL port is not left open as dba/dba
                self.isql(f"USER_CHANGE_PASSWORD('dba', 'dba', '{password}');")
                self._password = password
                return
            self.stop(remove=False)
            if attempt == tries - 1:
                raise RuntimeError("Virtuoso did not start; the end of its log:\n" + self.log_tail())

    def _wait(self) -> bool:
        """Whether the server answers a SPARQL ASK before :data:`START_SECONDS` (False when it died)."""
        deadline = time.monotonic() + START_SECONDS
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                return False
            try:
                with opener.open(self.url + "?query=ASK%7B%7D", timeout=5):
                    pass
                if "Server online at" in self.log_tail(1000):  # the SQL port comes up after the HTTP one
                    return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    def log_tail(self, lines: int = 20) -> str:
        """The last lines of the server's log.

        Parameters
        ----------
        lines : int
            How many.

        Returns
        -------
        str
            The lines ('' without a log).
        """
        try:
            text = (self.folder / "virtuoso.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def isql(self, script: str, timeout: float = 3600) -> str:
        """Run SQL statements with ``isql-vt`` as ``dba``; what it printed.

        Parameters
        ----------
        script : str
            Statements, each ending with ``;``.
        timeout : float
            Seconds they may take.

        Returns
        -------
        str
            isql's output.

        Raises
        ------
        RuntimeError
            When isql reports an error (it exits 0 all the same, so its output is read).
        """
        done = subprocess.run([shutil.which(ISQL) or ISQL, self._sql, "dba", self._password],
                              input=script, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql-vt failed ({done.returncode}): {done.stdout[-800:]}{done.stderr[-800:]}")
        return done.stdout

    def load(self, dump: str | Path, graph: str = GRAPH) -> float:
        """Bulk-load an N-Triples (or Turtle) file into ``graph`` and make it the default graph of ``/sparql``.

        Virtuoso keeps every triple in a named graph, and the default graph of
        its ``/sparql`` endpoint is the union of ALL graphs, its own among them
        (``virtrdf:``, about 2,500 triples of its mappings, and a few others),
        so ``SELECT * { ?s ?p ?o }`` would see them. The ``DefaultGraph``
        setting of the ini's ``[SPARQL]`` section does not change that (it only
        fills the HTML query form: tried, still 4,575 triples over the built-in
        graph's 2,079). A row of ``DB.DBA.SYS_SPARQL_HOST`` does: its
        ``SH_GRAPH_URI`` is the default graph of every ``/sparql`` request to a
        host matching ``SH_HOST`` (``*``: any) that names no
        ``default-graph-uri`` itself (careergraph names none). ``GRAPH ?g`` in a
        query still reaches the others; careergraph's queries do not use it.

        Parameters
        ----------
        dump : str or Path
            The file (``.nt`` or ``.ttl``), copied into the server's folder first
            (``ld_dir`` reads only from ``DirsAllowed``).
        graph : str
            The graph's IRI.

        Returns
        -------
        float
            Seconds the load took (``ld_dir`` to the end of ``checkpoint``).

        Raises
        ------
        RuntimeError
            When the loader reports an error for the file.
        """
        inbox = self.folder / "load"
        inbox.mkdir(exist_ok=True)
        target = inbox / Path(dump).name
        try:
            os.link(dump, target)  # a hard link when it can: a million triples are 160 MB
        except OSError:
            shutil.copyfile(dump, target)
        start = time.perf_counter()
        self.isql(f"ld_dir({_sql(inbox)}, {_sql(target.name)}, {_sql(graph)});\nrdf_loader_run();\ncheckpoint;\n")
        seconds = time.perf_counter() - start
        errors = self.isql("SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        if "0 Rows." not in errors:
            raise RuntimeError(f"Virtuoso's loader failed on {dump}: {errors[-800:]}")
        self.isql("DELETE FROM DB.DBA.SYS_SPARQL_HOST WHERE SH_HOST = '*';\n"
                  f"INSERT INTO DB.DBA.SYS_SPARQL_HOST (SH_HOST, SH_GRAPH_URI) VALUES ('*', {_sql(graph)});\n")
        target.unlink()
        return seconds

    def stop(self, *, remove: bool = True) -> None:
        """Stop the server (SIGTERM: Virtuoso's quick shutdown) and remove its folder.

        Parameters
        ----------
        remove : bool
            Remove the folder too.
        """
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)


def _sql(text: object) -> str:
    """A SQL string literal of ``text`` (quotes doubled)."""
    return "'" + str(text).replace("'", "''") + "'"


def sparql(url: str, query: str, *, update: bool = False, timeout: float = 60) -> tuple[int, bytes]:
    """Send one query (or update) to an endpoint; its HTTP status and body.

    Parameters
    ----------
    url : str
        The endpoint.
    query : str
        The query text.
    update : bool
        Send it as ``update=`` (SPARQL 1.1 Update) instead of ``query=``.
    timeout : float
        Seconds.

    Returns
    -------
    tuple
        ``(status, body)``.
    """
    data = urllib.parse.urlencode({"update" if update else "query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


if __name__ == "__main__":  # python tests/virtuoso.py DUMP.nt: a server over it, until Ctrl-C
    server = Virtuoso(Path(sys.argv[2] if len(sys.argv) > 2 else "virtuoso-data").resolve(),
                      buffers=int(os.environ.get("VIRTUOSO_BUFFERS", "170000")))
    server.start()
    print(f"loaded {sys.argv[1]} in {server.load(sys.argv[1]):.1f} s; --endpoint {server.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
