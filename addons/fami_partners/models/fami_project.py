from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.fami_workflow.lib import bounds

from ..lib import identifiers


class FamiProject(models.Model):
    _name = "fami.project"
    _description = "FAMI project"
    _inherit = ["fami.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    # workflow codes that this model's code, views, data and tests rely on: a workflow without them is refused
    _workflow_required_states = ("draft", "active", "closed")
    _workflow_required_transitions = ("activate", "close", "reopen")
    # projects of earlier programmes stay in the database for the retention of their records (lib/bounds.py)
    _fami_bounds = {"date_start": bounds.PROJECT, "date_end": bounds.PROJECT}
    _order = "is_template, date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(tracking=True, help="Code of the project in the Ministry's system, e.g. PROG-1234.")
    cup = fields.Char(string="CUP", tracking=True, copy=False,
                      help="Codice Unico di Progetto: 15 letters or digits, the first a letter.")
    active = fields.Boolean(default=True)
    is_template = fields.Boolean(
        string="Template", copy=False,
        help="A template holds the structure (actions, objectives, indicators) new projects are created from.")
    funding_programme = fields.Char(string="Funding programme", default="FAMI 2021-2027")
    specific_objective = fields.Char(
        string="Specific objective of the fund",
        default=lambda self: self.env._("OS2 - Legal migration and integration"))
    call_name = fields.Char(string="Call", help="The public call the project was funded under.")
    description = fields.Html()
    date_start = fields.Date(string="Start date", tracking=True, help="Start of the eligibility period.")
    date_end = fields.Date(string="End date", tracking=True, help="End of the eligibility period.")
    currency_id = fields.Many2one("res.currency", required=True,
                                  default=lambda self: self.env.ref("base.EUR", raise_if_not_found=False)
                                  or self.env.company.currency_id)
    total_budget = fields.Monetary(string="Total budget", currency_field="currency_id", tracking=True)
    lead_partner_id = fields.Many2one("res.partner", string="Lead partner (capofila)", tracking=True,
                                      domain=[("is_company", "=", True),
                                              ("fami_organisation", "=", True)], ondelete="restrict",
                                      context={"default_is_company": True, "default_fami_organisation": True})
    user_id = fields.Many2one("res.users", string="Project manager", tracking=True,
                              default=lambda self: self.env.user,
                              domain=lambda self: self.env["res.users"]._fami_user_domain())
    action_ids = fields.One2many("fami.project.action", "project_id", string="Actions", copy=True)
    objective_ids = fields.One2many("fami.project.objective", "project_id", string="Specific objectives",
                                    copy=True)
    indicator_ids = fields.One2many("fami.indicator", "project_id", string="Indicators")
    partner_ids = fields.One2many("fami.project.partner", "project_id", string="Partnership and network")
    deadline_ids = fields.One2many("fami.project.deadline", "project_id", string="Deadlines")
    template_id = fields.Many2one("fami.project", string="Created from template", readonly=True, copy=False,
                                  ondelete="set null", domain=[("is_template", "=", True)])
    partner_count = fields.Integer(string="Partners", compute="_compute_partner_counts")
    network_count = fields.Integer(string="Network members", compute="_compute_partner_counts")
    indicator_progress = fields.Float(
        string="Average progress (%)", compute="_compute_indicator_progress",
        help="Average progress of the project's indicators that have a target.")

    @api.depends("partner_ids.role")
    def _compute_partner_counts(self):
        for project in self:
            roles = project.partner_ids.mapped("role")
            project.partner_count = len([role for role in roles if role in ("lead", "partner")])
            project.network_count = roles.count("network")

    @api.depends("indicator_ids.progress")
    def _compute_indicator_progress(self):
        for project in self:
            measured = project.indicator_ids.filtered("target")
            project.indicator_progress = (sum(measured.mapped("progress")) / len(measured)) if measured else 0.0

    @api.constrains("cup")
    def _check_cup(self):
        for project in self.filtered("cup"):
            if not identifiers.is_valid_cup(project.cup):
                raise ValidationError(self.env._(
                    "The CUP %(cup)s of project %(project)s is not valid: a CUP has 15 letters or digits, the "
                    "first one a letter. Copy it from the grant decree.", cup=project.cup, project=project.name))
            # a CUP identifies one public investment project: a second project with it is a typing error
            other = self.with_context(active_test=False).search(
                [("cup", "=", project.cup), ("id", "!=", project.id), ("is_template", "=", False)], limit=1)
            if other and not project.is_template:
                raise ValidationError(self.env._(
                    "The CUP %(cup)s of project %(project)s is already the CUP of project %(other)s: each project "
                    "has its own CUP. Check it against the grant decree.", cup=project.cup, project=project.name,
                    other=other.name))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for project in self.filtered(lambda proj: proj.date_start and proj.date_end):
            if project.date_end < project.date_start:
                raise ValidationError(self.env._(
                    "The End date %(end)s of project %(project)s comes before its Start date %(start)s: correct one "
                    "of them.", end=project.date_end, start=project.date_start, project=project.name))

    @api.constrains("total_budget")
    def _check_total_budget(self):
        self.partner_ids._check_budget_shares()

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_identifiers(vals) for vals in vals_list])

    def write(self, vals):
        dates_change = bool({"date_start", "date_end"} & set(vals))
        old_dates = {project: (project.date_start, project.date_end) for project in self} if dates_change else {}
        result = super().write(self._normalize_identifiers(vals))
        if dates_change:
            self._replan_deadlines(old_dates)
            self._plan_deadlines()
        return result

    def copy_data(self, default=None):
        vals_list = super().copy_data(default)
        for project, vals in zip(self, vals_list):
            if project.is_template and "is_template" not in (default or {}):
                vals["is_template"] = True  # a duplicated template is a template to adapt
        return vals_list

    def copy(self, default=None):
        """Duplicate with the indicators (definitions and targets, on the copied objectives) and, for a template,
        the planning rules of its deadlines; a project's dated deadlines and partnership are its own."""
        copies = super().copy(default)
        for project, copy in zip(self, copies):
            objectives = dict(zip(project.objective_ids, copy.objective_ids))
            for indicator in project.indicator_ids:
                # sudo: as in _apply_template, the definition names ir.model records managers cannot read
                indicator.sudo().copy({
                    "project_id": copy.id,
                    "objective_id": objectives.get(indicator.objective_id, self.env["fami.project.objective"]).id,
                    "template_indicator_id": False if copy.is_template else indicator.template_indicator_id.id,
                })
            if project.is_template and copy.is_template:
                project.deadline_ids.copy({"project_id": copy.id})
        return copies

    @api.model
    def _normalize_identifiers(self, vals):
        if not vals.get("cup"):
            return vals
        try:
            return dict(vals, cup=identifiers.normalize_cup(vals["cup"]))
        except identifiers.InvalidIdentifier:
            return vals  # left as typed: _check_cup explains what is wrong

    # ------------------------------------------------------------ template

    def _apply_template(self, template, xmlid_prefix=None):
        """Copy the actions, objectives and indicators (with their targets and definitions) of ``template``
        (a record or an id).

        With ``xmlid_prefix`` (used by demo data) the copies get XML ids `fami_partners.<prefix>_<kind>_<code>`
        so that other addons' data can refer to them.
        """
        self.ensure_one()
        if isinstance(template, int):  # from an XML <function> call
            template = self.browse(template)
        template.ensure_one()
        if self.action_ids or self.objective_ids or self.indicator_ids:
            raise UserError(self.env._("The project %(project)s already has a structure: a template can only be "
                                       "applied "
                                       "to a project without actions, objectives or indicators.", project=self.name))
        xmlids = []
        for action in template.action_ids:
            copy = action.copy({"project_id": self.id})
            xmlids.append(("action", action.code, copy))
        objectives = {}
        for objective in template.objective_ids:
            objectives[objective] = objective.copy({"project_id": self.id})
            xmlids.append(("objective", objective.code, objectives[objective]))
        for indicator in template.indicator_ids:
            # sudo: an indicator's definition names technical models (ir.model) that managers cannot read; the
            # copy only repeats a definition an administrator made on the template
            copy = indicator.sudo().copy({
                "project_id": self.id,
                "objective_id": objectives.get(indicator.objective_id, self.env["fami.project.objective"]).id,
                "template_indicator_id": indicator.id,
            })
            xmlids.append(("indicator", indicator.code, copy))
        self.template_id = template
        self._plan_deadlines()
        if xmlid_prefix:
            self.env["ir.model.data"]._update_xmlids([
                {"xml_id": f"fami_partners.{xmlid_prefix}_{kind}_{code}".lower(), "record": record,
                 "noupdate": True}
                for kind, code, record in xmlids])
        return True

    def _plan_deadlines(self):
        """Create the deadlines of the project's template, dated from the project's start and end, once both dates
        are known (and only once)."""
        for project in self.filtered(lambda proj: proj.template_id and proj.date_start and proj.date_end
                                     and not proj.deadline_ids.template_deadline_id):
            project.template_id.deadline_ids._plan_in(project)

    def _replan_deadlines(self, old_dates):
        """After the start or end date changed (e.g. an extension of the project), move the deadlines planned from
        the template to the new dates; see ``fami.project.deadline._replan_in``."""
        for project in self.filtered(lambda proj: proj.date_start and proj.date_end):
            old_start, old_end = old_dates[project]
            if old_start and old_end and (old_start, old_end) != (project.date_start, project.date_end):
                project.deadline_ids.template_deadline_id._replan_in(project, old_start, old_end)

    def action_plan_deadlines(self):
        self.ensure_one()
        if not self.template_id:
            raise UserError(self.env._(
                "The project %(project)s was not created from a template: add its deadlines by hand.",
                project=self.name))
        if not self.date_start or not self.date_end:
            raise UserError(self.env._("Set the Start date and End date of project %(project)s first: deadlines are "
                                       "counted from them.", project=self.name))
        if self.deadline_ids.template_deadline_id:
            raise UserError(self.env._("The deadlines of the template are already planned in project %(project)s.",
                                       project=self.name))
        self._plan_deadlines()
        return True

    def action_open_template_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New project from template"),
            "res_model": "fami.project.template.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_template_id": self[:1].id if self[:1].is_template else False},
        }
