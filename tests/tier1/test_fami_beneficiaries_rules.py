import importlib.util
from datetime import date
from pathlib import Path

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_beneficiaries" / "lib" / "person_rules.py"
spec = importlib.util.spec_from_file_location("person_rules", PATH)
rules = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rules)

# RSSMRA85T10A562S: Mario Rossi, male, born 10 December 1985 (a standard valid example)
CF_MALE_1985 = "RSSMRA85T10A562S"


def test_age_bands_at_their_edges():
    today = date(2026, 6, 15)
    assert rules.age_band(date(2008, 6, 16), today) == "under_18"
    assert rules.age_band(date(2008, 6, 15), today) == "18_29"
    assert rules.age_band(date(1996, 6, 15), today) == "30_54"
    assert rules.age_band(date(1971, 6, 16), today) == "30_54"
    assert rules.age_band(date(1971, 6, 15), today) == "55_64"
    assert rules.age_band(date(1961, 6, 15), today) == "65_plus"
    assert rules.age_band(None, today) is None
    assert rules.age_band(date(2027, 1, 1), today) is None  # a future birth date is refused by the model


def test_consistent_codice_fiscale_has_no_disagreement():
    assert rules.codice_fiscale_disagreements(CF_MALE_1985, date(1985, 12, 10), "male") == []
    assert rules.codice_fiscale_disagreements(CF_MALE_1985, date(1985, 12, 10), "non_binary") == []


def test_codice_fiscale_names_the_part_that_disagrees():
    assert rules.codice_fiscale_disagreements(CF_MALE_1985, date(1985, 12, 11), "male") == ["birth date"]
    assert rules.codice_fiscale_disagreements(CF_MALE_1985, date(1985, 12, 10), "female") == ["gender"]
    assert rules.codice_fiscale_disagreements(CF_MALE_1985, date(1990, 1, 1), "female") == ["birth date", "gender"]


def test_a_codice_fiscale_being_typed_or_wrong_is_reported_as_such():
    """The form computes the warning while the user types: a partial or wrong code must not raise."""
    for code in ("RSSMRA", "RSSMRA85T10A562X", "RSSMRAXXT10A562S", "12345678901"):
        assert rules.codice_fiscale_disagreements(code, date(1985, 12, 10), "male") == ["codice fiscale"]
    assert rules.codice_fiscale_disagreements("rssmra 85t10 a562s", date(1985, 12, 10), "male") == []
