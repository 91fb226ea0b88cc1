from odoo import api, fields, models

from odoo.addons.fami_partners.models.fami_indicator import APPROVED_DOMAIN

from ..lib import periods


class FamiEuIndicator(models.Model):
    """An EU common indicator of AMIF (Reg. 2021/1147 Annex VIII), kept as data. An administrator maps it to the
    suite's records with the same definition as a project indicator (counted model, domain, how to count, the
    field pointing to the project, the date placing a record in a year), evaluated by the project indicators'
    engine (fami_partners' fami.indicator). Counting the distinct values of a field that names a person counts each
    person once per indicator, however many activities they attend."""

    _name = "fami.eu.indicator"
    _description = "EU common indicator (AMIF)"
    _inherit = ["mail.thread"]
    _order = "sequence, code, id"

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, tracking=True, help="Code of the indicator in the annual performance report.")
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection([("output", "Output"), ("result", "Result")], required=True, default="output")
    specific_objective = fields.Char(string="Specific objective", default="SO2",
                                     help="AMIF specific objective: SO2 legal migration and integration.")
    unit = fields.Char(translate=True, default=lambda self: self.env._("participants"))
    regulation_reference = fields.Char(string="Source", default="Reg. (EU) 2021/1147, Annex VIII")
    note = fields.Text(translate=True, help="How the suite's records answer the indicator, and its limits.")
    active = fields.Boolean(default=True)
    # the mapping: fields of the same meaning as those of fami.indicator
    model_id = fields.Many2one("ir.model", string="Counted model", ondelete="set null", tracking=True,
                               help="The model whose records the indicator counts or sums.")
    model_name = fields.Char(related="model_id.model", string="Counted model name")
    domain = fields.Char(default="[]", tracking=True, help="Only records matching this domain count.")
    aggregation = fields.Selection(
        [("count", "Number of records"), ("count_distinct", "Number of distinct values of a field"),
         ("sum", "Sum of a numeric field")], required=True, default="count_distinct", tracking=True,
        help="Distinct values of a field naming the person (e.g. Beneficiary) count each person once.")
    field_id = fields.Many2one("ir.model.fields", ondelete="set null", tracking=True,
                               domain="[('model_id', '=', model_id)]",
                               help="The field counted (distinct values) or summed.")
    project_field_name = fields.Char(
        string="Project field", default="project_id",
        help="Technical name of the field of the counted model that points to the project.")
    date_field = fields.Char(
        string="Date field", tracking=True,
        help="Technical name of the date of a counted record, or a path to it (e.g. date, course_id.date_start): a "
             "record counts in the year this date falls in.")
    is_mapped = fields.Boolean(string="Mapped", compute="_compute_is_mapped", store=True)
    value = fields.Float(string="Value (all projects, to date)", compute="_compute_value", digits=(16, 2),
                         help="The indicator over every project, from the start to today.")
    value_ids = fields.One2many("fami.eu.indicator.value", "indicator_id", string="Yearly values")

    _sql_constraints = [("code_unique", "unique(code)", "Each EU common indicator has its own code.")]

    @api.depends("model_id")
    def _compute_is_mapped(self):
        for indicator in self:
            indicator.is_mapped = bool(indicator.model_id)

    @api.onchange("model_id")
    def _onchange_model_id(self):
        model = self.model_id.model
        if model and model in self.env and "workflow_state_code" in self.env[model]._fields:
            self.domain = APPROVED_DOMAIN
        self.field_id = False

    @api.depends("model_id", "domain", "aggregation", "field_id", "project_field_name", "date_field")
    def _compute_value(self):
        # sudo: the projects and the definition (ir.model records) are read to compute an aggregate every FAMI
        # user may see, as the project indicators do
        projects = self.env["fami.project"].sudo().search([("is_template", "=", False)])
        for indicator in self:
            indicator.value = sum(indicator._value(project) for project in projects) if indicator.model_id else 0.0

    @api.constrains("model_id", "domain", "aggregation", "field_id", "project_field_name", "date_field")
    def _check_definition(self):
        for indicator in self.filtered("model_id"):
            engine = indicator._engine(self.env["fami.project"])
            engine._check_definition()
            engine._check_date_field()

    def _engine(self, project):
        """This definition as a project indicator of `project`, never saved: the project indicators' engine
        evaluates it (domain restricted to the project, records placed in time by the Date field)."""
        self.ensure_one()
        # sudo: the definition names ir.model records only administrators read; the result is an aggregate
        return self.env["fami.indicator"].sudo().new({
            "project_id": project.id, "code": self.code, "name": self.name, "mode": "records",
            "model_id": self.model_id.id, "domain": self.domain or "[]", "aggregation": self.aggregation,
            "field_id": self.field_id.id, "project_field_name": self.project_field_name or False,
            "date_field": self.date_field or False})

    def _value(self, project, date_from=None, date_to=None):
        """The indicator for `project` between the two days (None: open)."""
        self.ensure_one()
        if not self.model_id:
            return 0.0
        return self._engine(project)._value_between(date_from, date_to)

    def _year_value(self, project, year):
        return self._value(project, *periods.year_bounds(year))

    def action_open_values(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "fami.eu.indicator.value",
                "name": self.env._("Yearly values of %(indicator)s", indicator=self.code),
                "view_mode": "list,pivot", "domain": [("indicator_id", "=", self.id)]}

    def _compute_display_name(self):
        for indicator in self:
            indicator.display_name = f"{indicator.code} - {indicator.name}"
