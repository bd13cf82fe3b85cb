"""``python -m bot`` is the ``factbot`` command."""

from bot.cli import main

if __name__ == "__main__":  # not when a spawned child (the /reload builder) imports the main module
    raise SystemExit(main())
