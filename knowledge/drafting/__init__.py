"""Drafting facts from an article (``factbot draft``) and accepting them after review (``factbot accept``).

The stages follow the article as a careful editor reads it: ``article`` cuts it into dated passages and
statements, ``dates`` resolves each statement's date, ``figures`` and ``entities`` find what it says and
about whom, ``draft`` builds the fact records, ``writer`` adds them to a base directory marked for review,
``review`` clears the marks. Nothing here is specific to one article; the base's own entities and topics
are read from the base.
"""
