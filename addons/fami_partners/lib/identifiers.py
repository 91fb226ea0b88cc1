"""Italian identifiers and phone numbers, checked and normalised without Odoo.

Every ``normalize_*`` function returns the normalised value or raises :class:`InvalidIdentifier`; callers (Odoo
models of this suite, e.g. ``odoo.addons.fami_partners.lib.identifiers``) turn that into a translated message that
names their field. Empty values are returned as ``False`` so that an optional field may stay empty.
"""
import re

import phonenumbers
from stdnum import exceptions as stdnum_exceptions
from stdnum.it import codicefiscale, iva

CUP_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{14}$")
DEFAULT_PHONE_REGION = "IT"


class InvalidIdentifier(ValueError):
    """The value is not a valid identifier of its kind."""


def _blank(value):
    return value is None or value is False or not str(value).strip()


def normalize_cup(value):
    """CUP (Codice Unico di Progetto): 15 uppercase letters or digits, the first a letter; spaces are dropped."""
    if _blank(value):
        return False
    compact = re.sub(r"[\s-]", "", str(value)).upper()
    if not CUP_PATTERN.match(compact):
        raise InvalidIdentifier(value)
    return compact


def is_valid_cup(value):
    try:
        return bool(normalize_cup(value))
    except InvalidIdentifier:
        return False


def normalize_partita_iva(value):
    """Partita IVA: 11 digits with a valid check digit, an optional "IT" prefix is accepted and dropped."""
    if _blank(value):
        return False
    compact = re.sub(r"[\s.-]", "", str(value)).upper()
    if compact.startswith("IT"):
        compact = compact[2:]
    try:
        return iva.validate(compact)
    except stdnum_exceptions.ValidationError as error:
        raise InvalidIdentifier(value) from error


def normalize_codice_fiscale(value, allow_numeric=True):
    """Codice fiscale: 16 characters of a person, or (when ``allow_numeric``) the 11 digits of an organisation."""
    if _blank(value):
        return False
    compact = re.sub(r"[\s.-]", "", str(value)).upper()
    if allow_numeric and compact.isdigit():
        return normalize_partita_iva(compact)
    if len(compact) != 16:
        raise InvalidIdentifier(value)
    try:
        return codicefiscale.validate(compact)
    except stdnum_exceptions.ValidationError as error:
        raise InvalidIdentifier(value) from error


def normalize_phone(value, region=DEFAULT_PHONE_REGION):
    """A phone number in E.164 (+39...), Italy being the region of numbers written without a country prefix."""
    if _blank(value):
        return False
    text = str(value).strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region or DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException as error:
        raise InvalidIdentifier(value) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidIdentifier(value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
