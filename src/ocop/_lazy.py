"""Names of a package imported on first use: the one resolver behind the lazy
``__getattr__`` of :mod:`ocop` and :mod:`ocop.serialize`, each of which lists its names once
(``__all__``) and finds them in its submodules' own ``__all__``."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, MutableMapping
from typing import Any

__all__ = ["lazy_attribute"]


def lazy_attribute(
    owner: str,
    name: str,
    names: Iterable[str],
    modules: Iterable[str],
    namespace: MutableMapping[str, Any],
) -> Any:
    """The public *name* of package *owner* (one of *names*), from the first of *modules*
    whose ``__all__`` lists it, kept in *namespace* so that it is looked up once."""
    if name in names:
        for module_name in modules:
            module = importlib.import_module(module_name)
            if name in module.__all__:
                value = getattr(module, name)
                namespace[name] = value
                return value
    raise AttributeError(f"module {owner!r} has no attribute {name!r}")
