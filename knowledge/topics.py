"""The documented set of fact topics, with the Russian names users see."""

from __future__ import annotations

TOPICS: dict[str, str] = {
    "diplomacy": "дипломатические отношения",
    "summits": "встречи президентов",
    "government": "контакты правительств",
    "foreign_ministries": "контакты министров иностранных дел",
    "karabakh": "Карабах и миротворцы",
    "trade": "торговля и товарооборот",
    "investment": "инвестиции",
    "economy": "экономическое сотрудничество",
    "business": "компании",
    "industry": "промышленность",
    "energy": "энергетика",
    "transport": "транспорт и коридор «Север–Юг»",
    "military": "военно-техническое сотрудничество",
    "education": "образование и русский язык",
    "tourism": "туризм и поездки",
}

TOPICS_EN: dict[str, str] = {
    "diplomacy": "diplomatic relations",
    "summits": "presidential meetings",
    "government": "government contacts",
    "foreign_ministries": "foreign ministers' contacts",
    "karabakh": "Karabakh and the peacekeepers",
    "trade": "trade and turnover",
    "investment": "investment",
    "economy": "economic cooperation",
    "business": "companies",
    "industry": "industry",
    "energy": "energy",
    "transport": "transport and the North–South corridor",
    "military": "military-technical cooperation",
    "education": "education and the Russian language",
    "tourism": "tourism and travel",
}
