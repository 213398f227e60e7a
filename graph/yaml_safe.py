"""The one YAML reader of careergraph: safe, bounded, and exact about where a mistake is.

Every YAML file careergraph reads (company ladders, profiles) goes through
:func:`load_yaml`. It builds on PyYAML's safe loader (``!!python/...`` tags
are refused) and refuses, naming the line:

- aliases (``*name``) that expand to over :data:`MAX_ALIAS_VALUES` values
  (a "billion laughs" file), and nesting too deep to read;
- integers over :data:`MAX_DIGITS` digits (Python refuses to convert those);
- text holding a control character (a NUL, an escape sequence, ...) or a
  lone surrogate, which an escape such as ``"\\0"`` or ``"\\ud800"`` can
  write: nothing careergraph writes from it could be read back.

Every mistake is a :class:`~careergraph.errors.DataFileError` with the file,
the line and the column.

Examples
--------
>>> data, node = load_yaml("a: [1, 2]\\nb: text\\n", "ok.yaml")
>>> data, node.start_mark.line
({'a': [1, 2], 'b': 'text'}, 0)
>>> load_yaml('name: "nul \\\\0 here"\\n', "nul.yaml")
Traceback (most recent call last):
...
careergraph.errors.DataFileError: nul.yaml:1:7: not valid YAML: the text holds the control
    character U+0000; careergraph reads no control characters in text
>>> load_yaml("level: " + "9" * 5000 + "\\n", "big.yaml")
Traceback (most recent call last):
...
careergraph.errors.DataFileError: big.yaml:1:8: not valid YAML: a number of 5,000 digits;
    careergraph reads whole numbers of up to 100 digits
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from careergraph.errors import DataFileError

MAX_ALIAS_VALUES = 100_000
"""How many values the aliases (``*name``) of a YAML file may add when expanded."""

MAX_DIGITS = 100
"""The most digits of a whole number in YAML."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Characters refused in text: C0 and C1 controls (but tab, newline, return) and lone surrogates."""


def refuse_control(text: str) -> str | None:
    """What is wrong with ``text`` when it holds a control character or a lone surrogate, else None.

    Tab, newline and carriage return are allowed.

    Parameters
    ----------
    text : str
        A text read from a file.

    Returns
    -------
    str or None
        The reason to refuse it, in words, or None when it is fine.

    Examples
    --------
    >>> refuse_control("Product Manager\\tand more"), refuse_control("bell\\x07")
    (None, 'the text holds the control character U+0007; careergraph reads no control characters in text')
    >>> refuse_control("half \\ud800")
    'the text holds a lone surrogate (U+D800), which is not a character'
    """
    found = _CONTROL.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"the text holds a lone surrogate (U+{code:04X}), which is not a character"
    return (f"the text holds the control character U+{code:04X}; careergraph reads no control "
            "characters in text")


def load_yaml(text: str, name: str, loader: type | None = None) -> tuple[Any, Any]:
    """Parse YAML text safely: the data, and the composed node tree (for lines).

    Parameters
    ----------
    text : str
        The YAML text.
    name : str
        The file, as errors name it.
    loader : type, optional
        A subclass of :func:`safe_loader`'s class (to record lines, say);
        by default that class itself.

    Returns
    -------
    tuple
        The data (None for an empty document) and the root node (None then too).

    Raises
    ------
    DataFileError
        Not valid YAML (with the line and column), an alias bomb, nesting
        too deep, a number too long, or a control character in text.
    """
    import yaml

    reader = (loader or safe_loader())(text)
    try:
        root = reader.get_single_node()
        if root is None:
            return None, None
        refuse_alias_bomb(root, name)
        return reader.construct_document(root), root
    except RecursionError:
        raise DataFileError(name, "not valid YAML: nested too deeply to read") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "cannot read"
        raise DataFileError(name, f"not valid YAML: {problem}",
                            line=None if mark is None else mark.line + 1,
                            column=None if mark is None else mark.column + 1) from None
    except yaml.YAMLError as error:
        raise DataFileError(name, f"not valid YAML: {' '.join(str(error).split())}") from None
    finally:
        reader.dispose()


def refuse_alias_bomb(root: Any, name: str) -> None:
    """Refuse YAML whose aliases expand to a huge document (a "billion laughs" file).

    PyYAML shares an aliased value rather than copying it, but everything
    that walks the document meets each alias again, so nine aliases of nine
    aliases of ... take forever. The walk here stops once the aliases have
    added :data:`MAX_ALIAS_VALUES` values.

    Parameters
    ----------
    root : yaml.Node
        The composed document.
    name : str
        The file, as the error names it.

    Raises
    ------
    DataFileError
        The aliases expand to over :data:`MAX_ALIAS_VALUES` values.

    Examples
    --------
    >>> import yaml
    >>> bomb = "a: &a [x, x, x]\\nb: &b [*a, *a, *a]\\nc: [*b, *b, *b]"
    >>> refuse_alias_bomb(yaml.compose(bomb), "bomb.yaml")  # small: allowed
    >>> bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
    ...     f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\\n" for p, n in zip("abcde", "bcdef"))
    >>> refuse_alias_bomb(yaml.compose(bomb), "bomb.yaml")
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: bomb.yaml: its aliases (*name) expand to over 100,000
        values; write the values out instead
    """
    distinct: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None or id(node) in distinct:
            continue
        distinct.add(id(node))
        stack.extend(_children(node))
    limit = len(distinct) + MAX_ALIAS_VALUES
    seen, stack = 0, [root]
    while stack:
        node = stack.pop()
        seen += 1
        if seen > limit:
            raise DataFileError(name, f"its aliases (*name) expand to over {MAX_ALIAS_VALUES:,} "
                                      "values; write the values out instead")
        stack.extend(_children(node))


def _children(node: Any) -> list[Any]:
    """The nodes directly below a composed YAML node (keys and values of a mapping)."""
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return []
    return [part for item in value for part in (item if isinstance(item, tuple) else (item,))]


@lru_cache(maxsize=1)
def safe_loader() -> type:
    """PyYAML's safe loader, refusing numbers too long and control characters in text.

    Built on first use, so that importing this module skips PyYAML.

    Returns
    -------
    type
        A subclass of ``yaml.SafeLoader``.
    """
    import yaml

    class SafeLoader(yaml.SafeLoader):
        """``yaml.SafeLoader`` that refuses whole numbers too long and control characters in text."""

    def integer(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        digits = sum(ch.isalnum() for ch in str(node.value))
        if digits > MAX_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"a number of {digits:,} digits; careergraph reads whole numbers of "
                            f"up to {MAX_DIGITS} digits", node.start_mark)
        return yaml.SafeLoader.construct_yaml_int(loader, node)

    def text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        value = yaml.SafeLoader.construct_yaml_str(loader, node)
        problem = refuse_control(value) if isinstance(value, str) else None
        if problem is not None:
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)
        return value

    SafeLoader.add_constructor("tag:yaml.org,2002:int", integer)
    SafeLoader.add_constructor("tag:yaml.org,2002:str", text)
    return SafeLoader
