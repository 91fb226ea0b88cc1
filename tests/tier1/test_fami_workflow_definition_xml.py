"""Tier 1: the XML data writer of fami_workflow's definition export, without Odoo."""
import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_workflow" / "lib" / "definition_xml.py"
spec = importlib.util.spec_from_file_location("fami_workflow_definition_xml", PATH)
dx = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dx)


def sample():
    return [
        dx.Record("workflow_expenses", "fami.workflow", (
            ("name", dx.Text("Spese > 5.000 € <grandi> & \"urgenti\"")),
            ("model_id", dx.Ref("fami_reporting.model_fami_expense")),
            ("domain", dx.Text("[('amount', '>', 5000)]")),
            ("active", dx.Eval(True)),
        )),
        dx.Record("workflow_expenses_state_draft", "fami.workflow.state", (
            ("workflow_id", dx.Ref("workflow_expenses")),
            ("sequence", dx.Eval(10)),
            ("editable_field_ids", dx.Search("ir.model.fields", [("model", "in", ["fami.expense"]),
                                                                 ("name", "in", ["note"])])),
        )),
        dx.Record("workflow_expenses_tr_approve_draft", "fami.workflow.transition", (
            ("group_ids", dx.Refs(("fami_partners.group_fami_manager", "base.group_system"))),
            ("user_ids", dx.Search("res.users", [("login", "in", ["anna"])], "Allowed users: anna -- must exist-")),
            ("server_action_ids", dx.Refs(())),
        )),
    ]


def test_records_are_written_in_order_with_each_kind_of_value():
    xml = dx.records_to_xml(sample(), header="Expenses")
    assert xml.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<odoo>')
    root = ET.fromstring(xml)
    assert root.tag == "odoo"
    records = root.findall("record")
    assert [(r.get("id"), r.get("model")) for r in records] == [
        ("workflow_expenses", "fami.workflow"), ("workflow_expenses_state_draft", "fami.workflow.state"),
        ("workflow_expenses_tr_approve_draft", "fami.workflow.transition")]
    workflow, state, transition = records
    assert workflow.find("field[@name='name']").text == "Spese > 5.000 € <grandi> & \"urgenti\""
    assert workflow.find("field[@name='model_id']").get("ref") == "fami_reporting.model_fami_expense"
    assert workflow.find("field[@name='domain']").text == "[('amount', '>', 5000)]"
    assert workflow.find("field[@name='active']").get("eval") == "True"
    assert state.find("field[@name='sequence']").get("eval") == "10"
    editable = state.find("field[@name='editable_field_ids']")
    assert editable.get("model") == "ir.model.fields"
    assert editable.get("search") == "[('model', 'in', ['fami.expense']), ('name', 'in', ['note'])]"
    assert transition.find("field[@name='group_ids']").get("eval") == \
        "[(6, 0, [ref('fami_partners.group_fami_manager'), ref('base.group_system')])]"
    assert transition.find("field[@name='server_action_ids']").get("eval") == "[(6, 0, [])]"


def test_searched_links_carry_a_comment_that_stays_valid_xml():
    xml = dx.records_to_xml(sample(), header="a -- b-")
    assert b"--" not in xml.replace(b"<!--", b"").replace(b"-->", b"")
    ET.fromstring(xml)  # still well-formed
    assert b"Allowed users: anna - - must exist" in xml


def test_an_external_id_is_used_once():
    records = sample()
    with pytest.raises(ValueError, match="used twice"):
        dx.records_to_xml(records + records[:1])


def test_unknown_value_kinds_are_refused():
    with pytest.raises(TypeError, match="unsupported value for field name"):
        dx.records_to_xml([dx.Record("x", "fami.workflow", (("name", 3),))])


@pytest.mark.parametrize("text, expected", [
    ("Spese sopra 5.000 EUR", "spese_sopra_5_000_eur"),
    ("Registro presenze (città)", "registro_presenze_citta"),
    ("  --  ", "workflow"),
    (False, "workflow"),
])
def test_slug_makes_external_id_names(text, expected):
    assert dx.slug(text) == expected
