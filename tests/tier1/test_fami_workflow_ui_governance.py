"""Tier 1: what fami_workflow adds to a model governed from the UI (fields, views, refusals), without Odoo."""
import ast
import importlib.util
from pathlib import Path

import pytest
from lxml import etree

PATH = Path(__file__).resolve().parents[2] / "addons" / "fami_workflow" / "lib" / "ui_governance.py"
spec = importlib.util.spec_from_file_location("fami_workflow_ui_governance", PATH)
ui = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ui)


@pytest.mark.parametrize("model", ["ir.ui.view", "ir.model.fields", "res.users", "res.users.settings", "res.groups",
                                   "fami.workflow", "fami.workflow.log", "mail.message", "mail.activity",
                                   "mail.tracking.value", "base", "base.automation", "bus.bus", "_unknown"])
def test_technical_models_are_refused(model):
    assert ui.refusal(model) == ui.TECHNICAL


def test_models_without_records_of_their_own_are_refused():
    assert ui.refusal("mail.compose.message", transient=True) == ui.TRANSIENT
    assert ui.refusal("mail.thread", abstract=True) == ui.ABSTRACT
    assert ui.refusal("sale.report", has_table=False) == ui.NO_TABLE


@pytest.mark.parametrize("model", ["res.partner", "calendar.event", "project.task", "res.partner.bank",
                                   "base_import.mapping", "irrigation.plan"])
def test_business_models_of_any_app_are_accepted(model):
    assert ui.refusal(model) is None


def test_the_fields_are_custom_fields_with_x_names_the_state_stored_and_indexed():
    labels = {"workflow": "Workflow", "state": "Workflow state", "date": "Since", "codes": "Actions"}
    values = {field["name"]: field for field in ui.field_values(labels)}
    assert set(values) == set(ui.UI_FIELDS)
    assert all(name.startswith("x_") and field["state"] == "manual" and not field["copied"]
               for name, field in values.items())
    state = values[ui.UI_FIELDS.state]
    assert (state["ttype"], state["relation"], state["on_delete"], state["index"]) == \
        ("many2one", "fami.workflow.state", "restrict", True)
    codes = values[ui.UI_FIELDS.codes]
    assert (codes["store"], codes["depends"]) == (False, ui.UI_FIELDS.state)
    ast.parse(codes["compute"])  # code Odoo runs with safe_eval
    assert state["field_description"] == "Workflow state"


def test_the_form_gets_a_status_bar_and_one_button_per_code_for_this_workflow_only():
    arch = etree.fromstring(ui.form_arch(7, [("submit", "Submit <now>", "primary"), ("reject", "Send back", "danger")],
                                         "Workflow log"))
    [xpath] = arch.xpath("/data/xpath")
    assert (xpath.get("expr"), xpath.get("position")) == ("/form/*[1]", "before")
    buttons = arch.xpath("//button[@name='action_workflow_fire']")
    assert [(b.get("data-workflow-transition"), b.get("string"), b.get("class")) for b in buttons] == \
        [("submit", "Submit <now>", "btn-primary"), ("reject", "Send back", "btn-danger")]
    assert buttons[0].get("invisible") == \
        "x_fami_workflow_id != 7 or ',submit,' not in (x_fami_workflow_transition_codes or '')"
    assert ast.literal_eval(buttons[1].get("context")) == {"workflow_transition_code": "reject"}
    [statusbar] = arch.xpath("//field[@widget='statusbar']")
    assert statusbar.get("name") == ui.UI_FIELDS.state
    assert ast.literal_eval(statusbar.get("domain")) == [("workflow_id", "=", 7)]
    assert arch.xpath("//button[@name='action_workflow_open_log'][@string='Workflow log']")
    # the fields the modifiers read are in the view
    assert {node.get("name") for node in arch.xpath("//field")} >= {ui.UI_FIELDS.workflow, ui.UI_FIELDS.codes}


def test_the_search_view_gets_a_filter_per_state_and_once_a_grouping():
    arch = etree.fromstring(ui.search_arch(7, "Agreements", [(11, "Proposed"), (12, "Signed")], "Workflow state"))
    filters = arch.xpath("//filter[starts-with(@name, 'fami_workflow_7_state_')]")
    assert [(f.get("string"), ast.literal_eval(f.get("domain"))) for f in filters] == [
        ("Agreements: Proposed", [(ui.UI_FIELDS.state, "=", 11)]),
        ("Agreements: Signed", [(ui.UI_FIELDS.state, "=", 12)])]
    [grouping] = arch.xpath("//filter[@name='fami_workflow_group_state']")
    assert ast.literal_eval(grouping.get("context")) == {"group_by": ui.UI_FIELDS.state}
    second = etree.fromstring(ui.search_arch(8, "Other", [(13, "Draft")]))
    assert not second.xpath("//filter[@name='fami_workflow_group_state']")
    assert not second.xpath(f"//field[@name='{ui.UI_FIELDS.state}']")


def test_the_list_gets_the_state_as_an_optional_column():
    arch = etree.fromstring(ui.list_arch())
    [field] = arch.xpath("/data/xpath[@expr='/list']/field")
    assert (field.get("name"), field.get("optional")) == (ui.UI_FIELDS.state, "show")


LITERAL = Path(__file__).resolve().parents[2] / "addons" / "fami_workflow" / "lib" / "literal_domain.py"
literal_spec = importlib.util.spec_from_file_location("fami_workflow_literal_domain", LITERAL)
ld = importlib.util.module_from_spec(literal_spec)
literal_spec.loader.exec_module(ld)


def test_a_literal_domain_is_read_once_and_given_as_a_new_list_of_immutable_terms():
    text = "[('is_company', '=', True), '|', ['state', 'in', ['a', 'b']], ('id', '>', 3)]"
    first, second = ld.literal_domain(text), ld.literal_domain(text)
    assert first == [("is_company", "=", True), "|", ("state", "in", ("a", "b")), ("id", ">", 3)]
    assert first is not second
    first.append(("x", "=", 1))
    assert ld.literal_domain(text) == second


@pytest.mark.parametrize("text", ["[('user_id', '=', uid)]", "[('date', '<', context_today())]", "not python",
                                  "{'a': 1}", "__import__('os')"])
def test_a_domain_that_is_not_a_literal_is_left_to_the_caller(text):
    assert ld.literal_domain(text) is None
