from . import models
from . import wizard

from .lib.ui_governance import UI_FIELDS


def uninstall_hook(env):
    """Without the engine, the models it governed from the UI get back to what they were: its views and its custom
    fields (lib/ui_governance.py) are removed before its own models go."""
    views = env["ir.ui.view"].search([("name", "=like", "fami.workflow.%"), ("inherit_id", "!=", False)])
    views.filtered(lambda view: view.name.split(".")[2].isdigit()).unlink()
    env["ir.model.fields"].search([("name", "in", list(UI_FIELDS)), ("state", "=", "manual")]).unlink()
