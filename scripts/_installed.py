"""A command module run as a file (``python scripts/NAME.py``) imports this first.

Run that way, ``scripts/`` is on ``sys.path`` and careergraph is imported from
where it is installed; without an install the first ``careergraph`` import
would end in a traceback. This says so in one line instead, and exits 2.
Imported as ``careergraph.cli._installed`` (careergraph is there), it does
nothing.
"""

from __future__ import annotations

import importlib.util
import sys

if importlib.util.find_spec("careergraph") is None:
    print(f"{sys.argv[0]}: error: careergraph is not installed; run 'pip install -e .' in the "
          "repository first (see README.md)", file=sys.stderr)
    raise SystemExit(2)
