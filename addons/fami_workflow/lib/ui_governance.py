"""Governing a model chosen in the UI, with no code: what the engine adds to it, with no ORM (tier 1).

A model that inherits ``fami.workflow.mixin`` keeps its workflow and state in the mixin's fields. Any other model
chosen on a workflow gets the same four fields as Odoo custom fields (``x_`` names, ``ir.model.fields`` with
state ``manual``), and each active workflow gets inherited views of the model's form, list and search views: the
status bar and one button per transition, a column, filters and a grouping by state. This module says which models
may be chosen, which fields are added and what the views contain; ``models/fami_workflow.py`` applies it.
"""
from collections import namedtuple

from lxml import etree

FieldNames = namedtuple("FieldNames", "workflow state date codes")

MIXIN_FIELDS = FieldNames("workflow_id", "workflow_state_id", "workflow_state_date", "workflow_transition_codes")
UI_FIELDS = FieldNames("x_fami_workflow_id", "x_fami_workflow_state_id", "x_fami_workflow_state_date",
                       "x_fami_workflow_transition_codes")

# Models no workflow may govern: Odoo's technical models, users and groups (a lock would shut people out), and
# the models the engine itself writes on every move (its definitions and log, messages, followers, activities).
DENIED_PREFIXES = ("ir.", "res.users", "res.groups", "fami.workflow", "bus.", "base.")
DENIED_MODELS = frozenset({
    "base", "_unknown", "mail.message", "mail.tracking.value", "mail.followers", "mail.notification", "mail.activity",
    "mail.mail",
})

# kinds of refusal, translated by the model
TECHNICAL = "technical"
TRANSIENT = "transient"
ABSTRACT = "abstract"
NO_TABLE = "no_table"

# The compute of the transition codes field: the codes of the transitions the current user may fire now, read by
# the buttons of the form (models/base_ui_governed.py). Custom fields are computed by code kept in the database.
CODES_COMPUTE = "self._workflow_compute_transition_codes()"


def refusal(model_name, transient=False, abstract=False, has_table=True):
    """Why `model_name` cannot be governed from the UI (one of the kinds above), or None when it can."""
    if model_name in DENIED_MODELS or model_name.startswith(DENIED_PREFIXES):
        return TECHNICAL
    if transient:
        return TRANSIENT
    if abstract:
        return ABSTRACT
    if not has_table:
        return NO_TABLE
    return None


def field_values(labels):
    """The `ir.model.fields` values (without model_id) of the four fields added to a model governed from the UI.
    `labels` maps each FieldNames attribute to its label in English."""
    common = {"state": "manual", "readonly": True, "copied": False}
    return [
        dict(common, name=UI_FIELDS.workflow, ttype="many2one", relation="fami.workflow", on_delete="restrict",
             index=True, field_description=labels["workflow"]),
        dict(common, name=UI_FIELDS.state, ttype="many2one", relation="fami.workflow.state", on_delete="restrict",
             index=True, field_description=labels["state"]),
        dict(common, name=UI_FIELDS.date, ttype="datetime", field_description=labels["date"]),
        dict(common, name=UI_FIELDS.codes, ttype="char", store=False, compute=CODES_COMPUTE,
             depends=UI_FIELDS.state, field_description=labels["codes"]),
    ]


def _xml(root):
    return etree.tostring(root, encoding="unicode", pretty_print=True)


def _only_for(workflow_id):
    return f"{UI_FIELDS.workflow} != {int(workflow_id)}"


def form_arch(workflow_id, transitions, log_label):
    """An inherited form view adding, above the form, the workflow's status bar and one button per transition
    code ((code, label, button_type) each), shown only on the records of this workflow and only when the user may
    fire it now (the codes field)."""
    root = etree.Element("data")
    xpath = etree.SubElement(root, "xpath", expr="/form/*[1]", position="before")
    header = etree.SubElement(xpath, "header")
    only = _only_for(workflow_id)
    for code, label, button_type in transitions:
        etree.SubElement(header, "button", {
            "name": "action_workflow_fire", "type": "object", "string": label, "class": f"btn-{button_type}",
            "context": repr({"workflow_transition_code": code}),
            "invisible": f"{only} or ',{code},' not in ({UI_FIELDS.codes} or '')",
            "data-workflow-transition": code})
    etree.SubElement(header, "button", {
        "name": "action_workflow_open_log", "type": "object", "string": log_label, "class": "btn-secondary",
        "icon": "fa-history", "invisible": only})
    etree.SubElement(header, "field", {"name": UI_FIELDS.workflow, "invisible": "1"})
    etree.SubElement(header, "field", {"name": UI_FIELDS.codes, "invisible": "1"})
    etree.SubElement(header, "field", {
        "name": UI_FIELDS.state, "widget": "statusbar", "invisible": only,
        "domain": repr([("workflow_id", "=", int(workflow_id))])})
    return _xml(root)


def list_arch():
    """An inherited list view with the state as an optional column (one per model)."""
    root = etree.Element("data")
    xpath = etree.SubElement(root, "xpath", expr="/list", position="inside")
    etree.SubElement(xpath, "field", {"name": UI_FIELDS.state, "optional": "show"})
    return _xml(root)


def search_arch(workflow_id, workflow_label, states, group_label=None):
    """An inherited search view: a filter per state ((id, label) each) of the workflow, and, once per model
    (`group_label` given), the state as a search field and a grouping."""
    root = etree.Element("data")
    xpath = etree.SubElement(root, "xpath", expr="/search", position="inside")
    if group_label:
        etree.SubElement(xpath, "field", {"name": UI_FIELDS.state})
    etree.SubElement(xpath, "separator")
    for state_id, label in states:
        etree.SubElement(xpath, "filter", {
            "name": f"fami_workflow_{int(workflow_id)}_state_{int(state_id)}", "string": f"{workflow_label}: {label}",
            "domain": repr([(UI_FIELDS.state, "=", int(state_id))])})
    if group_label:
        group = etree.SubElement(xpath, "group")
        etree.SubElement(group, "filter", {
            "name": "fami_workflow_group_state", "string": group_label,
            "context": repr({"group_by": UI_FIELDS.state})})
    return _xml(root)
