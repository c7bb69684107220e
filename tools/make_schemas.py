"""Write the JSON Schemas of ocop's public documents to src/ocop/schemas/ (package data).

    python tools/make_schemas.py          # regenerate every schema
    python tools/make_schemas.py --check  # exit 1 if a shipped file differs

tests/test_schemas.py checks that the shipped files equal this output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from schemagen import GENERATORS as SCHEMAS
from schemagen import generate

OUT = Path(__file__).resolve().parents[1] / "src" / "ocop" / "schemas"


def render(name: str) -> str:
    return json.dumps(generate(name), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    for name in SCHEMAS:
        path = OUT / f"{name}.json"
        text = render(name)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"stale schemas: {', '.join(stale)}; run python tools/make_schemas.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
