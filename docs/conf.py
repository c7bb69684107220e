"""Sphinx configuration for the ocop documentation (furo theme, MyST Markdown sources).

Build: ``python -m sphinx -W --keep-going -b html docs docs/_build/html``.
The code examples in these pages are not run by Sphinx: the test suite runs them
(``tests/test_docs.py``), and the notebook under ``notebooks/`` is executed by
``tests/test_notebook.py`` and only offered here as a download.
"""

from __future__ import annotations

import ocop

project = "ocop"
author = "The ocop developers"
copyright = "2026, The ocop developers"
release = ocop.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]

# Markdown only: notebooks are not parsed (no execution, no pandoc); README.md at the
# repository root is not part of the site (getting-started.md covers it).
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "notebooks/*.ipynb", "**/.ipynb_checkpoints"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The API reference, generated from the docstrings of the public modules.
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "show-inheritance": True}
# Re-exports documented under ``ocop`` are documented once, where they are public.
autodoc_preserve_defaults = True

html_theme = "furo"
html_title = f"ocop {release}"
html_static_path: list[str] = []
language = "en"

# Building in CI with -W: no network (no intersphinx), and no reference left unresolved
# by our own pages. Cross-references inside docstrings to private helpers are not
# checked (nitpicky is off).
nitpicky = False
