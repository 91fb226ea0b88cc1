from odoo import models


class FamiWorkflowMixin(models.AbstractModel):
    """Approvals go to the people of the organisation a record belongs to: the users allowed to approve it who work
    for its organisation (fami.project.partner.user_ids), else those of its project's lead partner (capofila), else
    every user allowed. Never the database's generic accounts when someone else may (fami_workflow)."""

    _inherit = "fami.workflow.mixin"

    def _workflow_approver_organisations(self):
        """The organisations whose users approve this record, in order of preference: its own, then its project's
        lead partner."""
        self.ensure_one()
        # sudo: the record's organisation and project only choose whom to ask; the approvers' rights are checked
        record = self.sudo()
        own = self.env["res.partner"]
        for name in ("organisation_id", "organisation_ids"):
            if name in record._fields and record._fields[name].comodel_name == "res.partner":
                own |= record[name]
        project = record if record._name == "fami.project" else self.env["fami.project"]
        for name in ("project_id", "fami_project_id"):
            if not project and name in record._fields and record._fields[name].comodel_name == "fami.project":
                project = record[name]
        return [own, project.lead_partner_id]

    def _workflow_approvers(self, transitions):
        users = super()._workflow_approvers(transitions)
        for organisations in self._workflow_approver_organisations():
            # sudo: the users' organisations (their partnership links), to choose whom to ask
            own = users.filtered(lambda user, orgs=organisations: user.sudo().fami_organisation_ids & orgs)
            if organisations and own:
                return own
        return users
