"""``python -m ocop``: the same as the ``ocop`` command."""

import sys

from ocop.cli import main

sys.exit(main())
