"""Tier 1: the Italian identifier and phone validators of fami_partners, without Odoo."""
import importlib.util
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_partners" / "lib" / "identifiers.py"
spec = importlib.util.spec_from_file_location("fami_partners_identifiers", PATH)
identifiers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(identifiers)


@pytest.mark.parametrize("value, expected", [
    ("J91B21000010006", "J91B21000010006"),
    (" j91b 2100001000 6 ", "J91B21000010006"),
    ("E61H23000120007", "E61H23000120007"),
    ("e61h-2300-0120-007", "E61H23000120007"),
])
def test_valid_cup_is_normalised(value, expected):
    assert identifiers.normalize_cup(value) == expected
    assert identifiers.is_valid_cup(value)


@pytest.mark.parametrize("value", ["J91B2100001000", "J91B210000100067", "191B21000010006", "J91B2100001000!",
                                   "J91B21000010Ò06"])
def test_invalid_cup_is_refused(value):
    with pytest.raises(identifiers.InvalidIdentifier):
        identifiers.normalize_cup(value)
    assert not identifiers.is_valid_cup(value)


def test_empty_values_stay_empty():
    for normalize in (identifiers.normalize_cup, identifiers.normalize_partita_iva,
                      identifiers.normalize_codice_fiscale, identifiers.normalize_phone):
        assert normalize(False) is False
        assert normalize("  ") is False
        assert normalize(None) is False


@pytest.mark.parametrize("value", ["00743110157", "IT00743110157", "it 007 431 101 57", "01739710307"])
def test_valid_partita_iva(value):
    assert identifiers.normalize_partita_iva(value) == "".join(c for c in value if c.isdigit())


@pytest.mark.parametrize("value", ["00743110158", "0074311015", "ABCDEFGHIJK", "IT"])
def test_invalid_partita_iva(value):
    with pytest.raises(identifiers.InvalidIdentifier):
        identifiers.normalize_partita_iva(value)


def test_codice_fiscale_of_person_and_organisation():
    assert identifiers.normalize_codice_fiscale("rccmnl83s18d969h") == "RCCMNL83S18D969H"
    assert identifiers.normalize_codice_fiscale("00743110157") == "00743110157"
    with pytest.raises(identifiers.InvalidIdentifier):
        identifiers.normalize_codice_fiscale("00743110157", allow_numeric=False)
    for value in ("RCCMNL83S18D969X", "RCCMNL83S18D969", "00743110158"):
        with pytest.raises(identifiers.InvalidIdentifier):
            identifiers.normalize_codice_fiscale(value)


@pytest.mark.parametrize("value, expected", [
    ("075 504 1234", "+390755041234"),
    ("347 123 4567", "+393471234567"),
    ("+39 06 6982 1", "+390669821"),
    ("0039 347 1234567", "+393471234567"),
    ("+49 30 901820", "+4930901820"),
])
def test_phone_to_e164(value, expected):
    assert identifiers.normalize_phone(value) == expected


@pytest.mark.parametrize("value", ["12", "abc", "+39 1", "347 123 4567 890 12"])
def test_invalid_phone(value):
    with pytest.raises(identifiers.InvalidIdentifier):
        identifiers.normalize_phone(value)


def test_phone_region_can_be_given():
    assert identifiers.normalize_phone("030 901820", region="DE") == "+4930901820"
