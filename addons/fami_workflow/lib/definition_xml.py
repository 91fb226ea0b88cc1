"""Workflow definitions written as Odoo XML data, so a workflow designed in one database ships in an addon.

Plain Python (no Odoo): the model gathers the values, this module turns them into the `<odoo><record>` file that
Odoo's data loader reads (`data` of a manifest, or `odoo.tools.convert.convert_xml_import`). Each field value is
one of:

- ``Text(value)``: `<field name="...">value</field>` (names, codes, domains, selections);
- ``Eval(value)``: a Python literal, `<field name="..." eval="value"/>` (booleans, numbers);
- ``Ref(xmlid)``: a link to a record with an external id, `ref="..."`;
- ``Refs([xmlid, ...])``: many links, `eval="[(6, 0, [ref('...'), ...])]"`;
- ``Search(model, domain, why)``: links to records found in the target database by a domain (fields, or records
  created there in the UI with no external id); ``why`` becomes an XML comment telling the reader what must exist.
"""
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    value: str


@dataclass(frozen=True)
class Eval:
    value: object


@dataclass(frozen=True)
class Ref:
    xmlid: str


@dataclass(frozen=True)
class Refs:
    xmlids: tuple


@dataclass(frozen=True)
class Search:
    model: str
    domain: list
    why: str = ""


@dataclass(frozen=True)
class Record:
    """One `<record>`: its external id (local to the addon that ships it), its model and its (field, value)s."""

    xmlid: str
    model: str
    fields: tuple


def slug(text, fallback="workflow"):
    """A name usable in an external id: ascii letters, digits and underscores, lower case."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return cleaned or fallback


def _comment(text):
    """An XML comment cannot hold "--" nor end with "-"."""
    return ET.Comment(" %s " % re.sub(r"-(?=-)", "- ", text).rstrip("-"))


def _field_element(name, value):
    element = ET.Element("field", {"name": name})
    if isinstance(value, Text):
        element.text = value.value
    elif isinstance(value, Eval):
        element.set("eval", repr(value.value))
    elif isinstance(value, Ref):
        element.set("ref", value.xmlid)
    elif isinstance(value, Refs):
        element.set("eval", "[(6, 0, [%s])]" % ", ".join(f"ref({xmlid!r})" for xmlid in value.xmlids))
    elif isinstance(value, Search):
        element.set("model", value.model)
        element.set("search", repr(list(value.domain)))
    else:
        raise TypeError(f"unsupported value for field {name}: {value!r}")
    return element


def records_to_xml(records, header=""):
    """The XML data file (bytes, UTF-8) holding `records` in order: a record must come after those it refers to."""
    root = ET.Element("odoo")
    if header:
        root.append(_comment(header))
    seen = set()
    for record in records:
        if record.xmlid in seen:
            raise ValueError(f"external id {record.xmlid} is used twice")
        seen.add(record.xmlid)
        element = ET.SubElement(root, "record", {"id": record.xmlid, "model": record.model})
        for name, value in record.fields:
            if isinstance(value, Search) and value.why:
                element.append(_comment(value.why))
            element.append(_field_element(name, value))
    ET.indent(root, space="    ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
