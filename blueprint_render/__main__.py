"""``python -m blueprint_render``: the command line."""

from blueprint_render.cli import main

raise SystemExit(main())
