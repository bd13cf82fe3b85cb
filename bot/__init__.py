"""The factbot application: configuration, command line and Telegram wiring."""

__version__ = "0.1.0"
