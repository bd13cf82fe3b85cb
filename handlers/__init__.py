"""Telegram update handlers: read the update, ask the engine, render, send."""
