from odoo import api, fields, models
from odoo.exceptions import UserError


class FamiProjectTemplateWizard(models.TransientModel):
    _name = "fami.project.template.wizard"
    _description = "New FAMI project from a template"

    template_id = fields.Many2one("fami.project", required=True,
                                  domain=[("is_template", "=", True)],
                                  default=lambda self: self._default_template())
    name = fields.Char(string="Project name", required=True)
    code = fields.Char(help="Code of the project in the Ministry's system, e.g. PROG-1234.")
    cup = fields.Char(string="CUP")
    date_start = fields.Date(string="Start date")
    date_end = fields.Date(string="End date")
    total_budget = fields.Float(string="Total budget", digits=(16, 2))
    lead_partner_id = fields.Many2one("res.partner", string="Lead partner (capofila)",
                                      domain=[("is_company", "=", True), ("fami_organisation", "=", True)],
                                      context={"default_is_company": True, "default_fami_organisation": True})

    @api.model
    def _default_template(self):
        return self.env.ref("fami_partners.umbria2_template", raise_if_not_found=False) or \
            self.env["fami.project"].search([("is_template", "=", True)], limit=1)

    def _project_values(self):
        self.ensure_one()
        template = self.template_id
        return {
            "name": self.name,
            "code": self.code,
            "cup": self.cup,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "total_budget": self.total_budget,
            "lead_partner_id": self.lead_partner_id.id,
            "funding_programme": template.funding_programme,
            "specific_objective": template.specific_objective,
            "call_name": template.call_name,
            "description": template.description,
            "currency_id": template.currency_id.id,
        }

    def create_project(self):
        """Create the project and copy the template's structure into it; returns the new project."""
        self.ensure_one()
        if not self.template_id.is_template:
            raise UserError(self.env._(
                "The project %(project)s is not a template: choose a project marked as Template.",
                project=self.template_id.name))
        project = self.env["fami.project"].create(self._project_values())
        project._apply_template(self.template_id)
        if self.lead_partner_id:
            self.env["fami.project.partner"].create({
                "project_id": project.id, "partner_id": self.lead_partner_id.id, "role": "lead"})
        return project

    def action_create_project(self):
        project = self.create_project()
        return {
            "type": "ir.actions.act_window",
            "res_model": "fami.project",
            "res_id": project.id,
            "view_mode": "form",
            "target": "current",
        }
