"""How a figure and its period are said: shared by the search stage (series) and the replies."""

from __future__ import annotations

from knowledge.base.dates import parse_fact_date
from knowledge.base.model import Figure


def period_name(text: str, lang: str = "ru") -> str:
    """«2023 год» / "2023" for a figure's period; the text itself if it is no date."""
    try:
        span = parse_fact_date(text)
    except ValueError:
        return text
    return span.human_en() if lang == "en" else span.human()


_UNITS_EN = {"%": "%", "млрд долларов": "billion dollars", "млн долларов": "million dollars",
             "миллиардов долларов": "billion dollars", "миллионов долларов": "million dollars",
             "тысяч": "thousand", "км": "km", "тыс. км": "thousand km", "млн тонн": "million tonnes"}
_QUALIFIERS_EN = {"почти": "almost", "более": "more than", "свыше": "over", "около": "about", "менее": "less than"}


def figure_en(figure: Figure) -> str | None:
    """"about 300 million dollars"; None when its unit has no known English rendering."""
    unit = figure.unit_en or _UNITS_EN.get(figure.unit.strip())
    if unit is None or (figure.qualifier and figure.qualifier not in _QUALIFIERS_EN):
        return None
    prefix = f"{_QUALIFIERS_EN[figure.qualifier]} " if figure.qualifier else ""
    return f"{prefix}{figure.value:g}{unit if unit == '%' else ' ' + unit}"
