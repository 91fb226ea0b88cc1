"""Which transitions an addon ships kept apart from which (four eyes), read from its XML data files.

Plain Python (no Odoo). Shipped workflows are `noupdate="1"` data: an upgrade (`-u`) does not rewrite them, so
the separation of duties added to them later reaches an existing database only through a migration script, which
reads here what the data files say instead of repeating it.
"""
import re
import xml.etree.ElementTree as ET

TRANSITION_MODEL = "fami.workflow.transition"
# `eval="[(6, 0, [ref('a'), ref('b')])]"`, the form the data files and definition_xml.Refs write
REF = re.compile(r"""ref\(\s*['"]([\w.]+)['"]\s*\)""")


def qualified(xmlid, module):
    """`module.name` for a bare `name` of the file's own addon."""
    return xmlid if "." in xmlid else f"{module}.{xmlid}"


def separations_in_xml(text, module):
    """{transition xmlid: (earlier transition xmlids, ...)} of the `separate_from_ids` the file sets, in order."""
    separations = {}
    for record in ET.fromstring(text.encode() if isinstance(text, str) else text).iter("record"):
        if record.get("model") != TRANSITION_MODEL or not record.get("id"):
            continue
        for field in record.iter("field"):
            if field.get("name") == "separate_from_ids" and field.get("eval"):
                earlier = tuple(qualified(xmlid, module) for xmlid in REF.findall(field.get("eval")))
                if earlier:
                    separations[qualified(record.get("id"), module)] = earlier
    return separations
