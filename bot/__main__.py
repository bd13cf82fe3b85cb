"""``python -m bot`` is the ``factbot`` command."""

from bot.cli import main

raise SystemExit(main())
