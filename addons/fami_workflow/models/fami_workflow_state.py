from datetime import timedelta

from odoo import fields, models

from ..lib import bounds


class FamiWorkflowState(models.Model):
    _name = "fami.workflow.state"
    _description = "FAMI workflow state"
    _inherit = ["fami.workflow.definition.part"]
    _order = "workflow_id, sequence, id"
    _fami_bounds = {"deadline_days": bounds.DAYS}  # added to today by the reminder job

    workflow_id = fields.Many2one("fami.workflow", required=True, ondelete="cascade", index=True)
    code = fields.Char(required=True, help="Stable technical code, e.g. approved; used in domains and reports.")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_initial = fields.Boolean(string="Initial", help="New records start in this state.")
    is_final = fields.Boolean(string="Final", help="No transition leaves a final state.")
    locked = fields.Boolean(help="Records in this state cannot be edited or deleted, by anybody.")
    fold = fields.Boolean(string="Folded in kanban")
    editable_field_ids = fields.Many2many(
        "ir.model.fields", string="Fields still editable when locked",
        domain="[('model_id', '=', parent.model_id)]",
        help="Fields that stay editable while a record is in this locked state, e.g. a note.")
    deadline_days = fields.Integer(
        string="Deadline (days)",
        help="Records waiting longer than this in the state are reminded to the approvers; 0 = no reminder.")

    _sql_constraints = [
        ("code_workflow_unique", "unique(workflow_id, code)", "A state code must be unique within a workflow."),
    ]

    def _deadline_delta(self):
        return timedelta(days=self.deadline_days)
