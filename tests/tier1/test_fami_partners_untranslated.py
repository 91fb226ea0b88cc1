"""Tier 1: finding the suite's English strings on Italian screens (fami_partners/lib/untranslated.py)."""
import importlib.util
import re
from pathlib import Path

ADDONS = Path(__file__).resolve().parents[2] / "addons"
spec = importlib.util.spec_from_file_location("fami_partners_untranslated",
                                              ADDONS / "fami_partners" / "lib" / "untranslated.py")
untranslated = importlib.util.module_from_spec(spec)
spec.loader.exec_module(untranslated)

PAIRS = [
    ("%(record)s waits for you: %(actions)s", "%(record)s attende una tua azione: %(actions)s"),
    ("Send back", "Rimanda indietro"),
    ("Check", "Controlla"),
    ("Budget line", "Voce di budget"),
    ("Budget", "Budget"),  # the same in Italian: not a term
    ("Data", "Dati"),  # an Italian word too (la data): never flagged
    ("Partner", "Partner del progetto"),
    ("Mediation hours <b>%s</b> of %(who)s", "Ore di mediazione <b>%s</b> di %(who)s"),
    ("To", "A"),  # too short to tell
    ("Work package", "Work package"),  # left in English: shown as it is
    ("Capofila", ""),  # no msgstr, but Italian already
    ("Ministero dell'Interno", "Ministero dell'Interno"),  # Italian in the source: no English word
    ("Activities by work package", "Attività per azione"),
]


def test_terms_are_the_english_fragments_that_are_not_italian_words():
    terms = untranslated.english_terms(PAIRS, italian_texts=["La data di inizio", "Il capofila"])
    assert terms == ["Activities by work package", "Budget line", "Check", "Mediation hours", "Send back",
                     "Work package", "waits for you"]


def test_fragments_cut_at_placeholders_markup_and_punctuation():
    assert untranslated.fragments("Fill in %(fields)s before %(action)s.") == ["Fill in", "before"]
    assert untranslated.fragments("<p>Approve, then <b>Submit</b></p>") == ["Approve", "then", "Submit"]
    assert untranslated.fragments("%s: %s") == []


def test_whole_words_only_and_in_context():
    terms = untranslated.english_terms(PAIRS)
    found = untranslated.find_english("Spese: Controlla, Send back. Checklist di Budget line", terms)
    assert [term for term, _context in found] == ["Send back", "Budget line"]
    assert found[0][1] == "Spese: Controlla, Send back. Checklist di Budget line"
    assert untranslated.find_english("Rimanda indietro · Controlla", terms) == []


def test_the_pattern_reads_in_javascript_too():
    """The tours get the pattern as a string: no Python-only syntax (named groups, inline flags)."""
    regex = untranslated.pattern(["Send back", "Budget line (old)", "a-b"])
    assert "(?P" not in regex and "(?i" not in regex
    assert re.search(regex, "x Budget line (old) y")
    assert untranslated.pattern([]) and not re.search(untranslated.pattern([]), "anything")
