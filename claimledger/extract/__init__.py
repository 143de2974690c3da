"""Claim extraction: per sentence, figures with what they count, who stands behind them and
through whom, how firmly they are put, and when (``claims.extract_documents``).

Modules: ``numbers`` and ``quantities`` (figures), ``attribution`` and ``lexicons`` (sources,
cues, chains), ``status`` (how firmly), ``claims`` (the stage that puts them together).
"""
