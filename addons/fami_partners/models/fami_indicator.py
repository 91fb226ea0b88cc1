import ast
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

APPROVED_DOMAIN = "[('workflow_state_code', '=', 'approved')]"
DEFINITION_FIELDS = ("mode", "model_id", "domain", "aggregation", "field_id", "project_field_name", "manual_mode")
NUMERIC_TYPES = ("integer", "float", "monetary")


class FamiIndicator(models.Model):
    _name = "fami.indicator"
    _description = "FAMI project indicator"
    _order = "project_id, sequence, code, id"
    # users read and pick indicators by name; the code (OS2_CPT_REACHED) stays searchable for who knows it
    _rec_names_search = ["name", "code"]

    project_id = fields.Many2one("fami.project", required=True, ondelete="cascade", index=True)
    objective_id = fields.Many2one("fami.project.objective", string="Specific objective", ondelete="set null",
                                   domain="[('project_id', '=', project_id)]", index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="Stable code of the indicator, e.g. OS1_COURSES.")
    name = fields.Char(required=True, translate=True)
    unit = fields.Char(translate=True, help="What is counted, e.g. courses, hours, people.")
    target = fields.Float(digits=(16, 2), help="Value expected by the end of the project.")
    mode = fields.Selection(
        [("records", "Computed from records"), ("manual", "Entered manually")], required=True, default="records",
        help="Computed from records: counted on a model of the suite with a domain. Entered manually: the values "
             "users record with a date.")
    model_id = fields.Many2one("ir.model", string="Counted model", ondelete="set null",
                               help="The model whose records the indicator counts or sums.")
    model_name = fields.Char(related="model_id.model", string="Counted model name")
    domain = fields.Char(
        compute="_compute_domain", store=True, readonly=False, precompute=True, copy=True,
        help="Only records matching this domain count. By default only approved records count.")
    aggregation = fields.Selection(
        [("count", "Number of records"), ("count_distinct", "Number of distinct values of a field"),
         ("sum", "Sum of a numeric field")], required=True, default="count")
    field_id = fields.Many2one("ir.model.fields", ondelete="set null",
                               domain="[('model_id', '=', model_id)]",
                               help="The field counted (distinct values) or summed.")
    project_field_name = fields.Char(
        string="Project field", default="project_id",
        help="Technical name of the field of the counted model that points to the project; only records of this "
             "indicator's project count. Leave empty to count records of every project.")
    manual_mode = fields.Selection(
        [("sum", "Sum of the entries"), ("last", "Latest entry")], string="Manual value", default="sum",
        required=True, help="How the entered values make the actual value.")
    value_ids = fields.One2many("fami.indicator.value", "indicator_id", string="Values")
    template_indicator_id = fields.Many2one(
        "fami.indicator", string="Template indicator", ondelete="set null", copy=False, readonly=True,
        help="The indicator of the template this one was copied from; definitions given later to the template "
             "reach the copies that were not changed.")
    actual_value = fields.Float(string="Actual", compute="_compute_actual_value", digits=(16, 2))
    progress = fields.Float(string="Progress (%)", compute="_compute_actual_value",
                            help="Actual value as a percentage of the target.")

    _sql_constraints = [
        ("code_project_unique", "unique(project_id, code)", "An indicator code must be unique within a project."),
    ]

    @api.depends("model_id")
    def _compute_domain(self):
        for indicator in self:
            model = indicator.model_id.model
            if model and model in self.env and "workflow_state_code" not in self.env[model]._fields:
                indicator.domain = "[]"
            else:
                indicator.domain = APPROVED_DOMAIN

    @api.depends("mode", "model_id", "domain", "aggregation", "field_id", "project_field_name", "target",
                 "manual_mode", "value_ids.value", "value_ids.kind", "value_ids.date")
    def _compute_actual_value(self):
        for indicator in self:
            # sudo: the definition names ir.model records that only administrators read; every FAMI user may see
            # the resulting figure, an aggregate of the project
            indicator.actual_value = indicator.sudo()._get_actual_value()
            indicator.progress = (indicator.actual_value / indicator.target * 100.0) if indicator.target else 0.0

    def _get_actual_value(self):
        self.ensure_one()
        if self.mode == "manual":
            entries = self.value_ids.filtered(lambda value: value.kind == "manual").sorted(lambda v: (v.date, v.id))
            if self.manual_mode == "last":
                return entries[-1:].value or 0.0
            return sum(entries.mapped("value"))
        model_name = self.model_id.model
        if not model_name or model_name not in self.env or not self.project_id.id:
            return 0.0
        try:
            domain = self._get_record_domain()
        except (ValueError, SyntaxError):
            return 0.0
        # Indicators are aggregates of the whole project: they count records the reader may not see.
        model = self.env[model_name].sudo()
        if self.aggregation == "count":
            aggregate = "__count"
        elif self.field_id:
            aggregate = f"{self.field_id.name}:{'count_distinct' if self.aggregation == 'count_distinct' else 'sum'}"
        else:
            return 0.0
        [[result]] = model._read_group(domain, aggregates=[aggregate])
        return float(result or 0.0)

    def _get_record_domain(self):
        """The indicator's domain restricted to its project's records."""
        domain = list(ast.literal_eval((self.domain or "[]").strip() or "[]"))
        if self.project_field_name:
            domain = ["&", (self.project_field_name, "=", self.project_id.id)] + (domain or [(1, "=", 1)])
        return domain

    @api.constrains("objective_id", "project_id")
    def _check_objective_project(self):
        for indicator in self.filtered("objective_id"):
            if indicator.objective_id.project_id != indicator.project_id:
                raise ValidationError(self.env._(
                    "The indicator %(indicator)s belongs to project %(project)s but its Specific objective "
                    "%(objective)s to another project: choose an objective of %(project)s.",
                    indicator=indicator.code, project=indicator.project_id.name,
                    objective=indicator.objective_id.display_name))

    @api.constrains("mode", "model_id", "domain", "aggregation", "field_id", "project_field_name")
    def _check_definition(self):
        for indicator in self.filtered(lambda ind: ind.mode == "records" and ind.model_id):
            model_name = indicator.model_id.model
            if model_name not in self.env:
                continue
            model = self.env[model_name]
            try:
                domain = ast.literal_eval((indicator.domain or "[]").strip() or "[]")
                if not isinstance(domain, (list, tuple)):
                    raise ValueError(domain)
                # sudo: only checks that the domain runs on the model, whatever the designer may read; returns nothing
                model.sudo()._search(list(domain))
            except Exception as error:  # noqa: BLE001 - any failure means the domain cannot run on this model
                raise ValidationError(self.env._(
                    "The domain %(domain)s of indicator %(indicator)s cannot be used on %(model)s: %(error)s. "
                    "Only name fields that exist on that model, e.g. [('workflow_state_code', '=', 'approved')].",
                    domain=indicator.domain, indicator=indicator.code, model=indicator.model_id.name,
                    error=error)) from error
            project_field = model._fields.get(indicator.project_field_name) if indicator.project_field_name \
                else None
            if indicator.project_field_name and (
                    not project_field or project_field.type != "many2one"
                    or project_field.comodel_name != "fami.project"):
                raise ValidationError(self.env._(
                    "The project field %(field)s of indicator %(indicator)s is not a link to the project on "
                    "%(model)s: name a many2one field to FAMI project, or leave it empty.",
                    field=indicator.project_field_name, indicator=indicator.code, model=indicator.model_id.name))
            if indicator.aggregation != "count":
                field = indicator.field_id
                if not field or field.model_id != indicator.model_id:
                    raise ValidationError(self.env._(
                        "The indicator %(indicator)s counts distinct values or sums a field: choose the Field among "
                        "the fields of %(model)s.", indicator=indicator.code, model=indicator.model_id.name))
                if indicator.aggregation == "sum" and field.ttype not in NUMERIC_TYPES:
                    raise ValidationError(self.env._(
                        "The indicator %(indicator)s sums the field %(field)s, which is not a number: choose an "
                        "integer, decimal or monetary field.", indicator=indicator.code,
                        field=field.field_description))

    def write(self, vals):
        definition = {key: vals[key] for key in DEFINITION_FIELDS if key in vals}
        followers = self.env["fami.indicator"]
        if definition:
            for template_indicator in self.filtered(lambda ind: ind.project_id.is_template):
                followers |= self.search([("template_indicator_id", "=", template_indicator.id)]).filtered(
                    lambda copy, tmpl=template_indicator: copy._definition() == tmpl._definition())
        result = super().write(vals)
        if followers:
            followers.write(definition)
        return result

    def _definition(self):
        self.ensure_one()
        return tuple(self[key] for key in DEFINITION_FIELDS)

    # ------------------------------------------------------------ history

    def action_record_snapshot(self):
        """Record today's actual value as this month's snapshot (one snapshot per indicator and month)."""
        today = fields.Date.context_today(self)
        month_start = today.replace(day=1)
        values = self.env["fami.indicator.value"]
        for indicator in self:
            snapshot = values.search([
                ("indicator_id", "=", indicator.id), ("kind", "=", "snapshot"),
                ("date", ">=", month_start), ("date", "<", month_start + relativedelta(months=1))], limit=1)
            if snapshot:
                snapshot.write({"value": indicator.actual_value, "date": today})
            else:
                values.create({"indicator_id": indicator.id, "kind": "snapshot", "date": today,
                               "value": indicator.actual_value})
        return True

    @api.model
    def _cron_monthly_snapshot(self):
        indicators = self.search([("project_id.is_template", "=", False), ("project_id.active", "=", True)])
        indicators.action_record_snapshot()
        _logger.info("Recorded the monthly snapshot of %s FAMI indicators", len(indicators))

    def action_open_values(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Values of %(indicator)s", indicator=self.display_name),
            "res_model": "fami.indicator.value",
            "view_mode": "list,graph,form",
            "domain": [("indicator_id", "=", self.id)],
            "context": {"default_indicator_id": self.id},
        }

    def _compute_display_name(self):
        for indicator in self:
            indicator.display_name = indicator.name or indicator.code
