from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..lib import periods

DATE_TYPES = ("date", "datetime")
# context key: (first day, last day) restricting an indicator's records to a period, through its Date field
PERIOD_KEY = "fami_indicator_period"


class FamiIndicator(models.Model):
    """The engine of the project indicators (fami_partners) counts records up to now; a monitoring return needs
    their value in a period and at its end. The Date field of the definition places each counted record in time.
    The same definition maps the EU common indicators (fami.eu.indicator)."""

    _inherit = "fami.indicator"

    date_field = fields.Char(
        string="Date field",
        help="Technical name of the date of a counted record, or a path to it (e.g. date, opening_date, "
             "course_id.date_start): the monitoring returns count a record in the period this date falls in. Empty: "
             "the value can only be taken as it is when the return is computed.")

    @api.constrains("mode", "model_id", "date_field")
    def _check_date_field(self):
        for indicator in self.filtered(lambda ind: ind.mode == "records" and ind.model_id and ind.date_field):
            if indicator._date_field_type() not in DATE_TYPES:
                raise ValidationError(self.env._(
                    "The Date field %(field)s of indicator %(indicator)s is not a date of %(model)s: name a date "
                    "field of that model, or a path to one through its links (e.g. session_id.start), or leave "
                    "it empty.", field=indicator.date_field, indicator=indicator.code,
                    model=indicator.model_id.name))

    def _date_field_type(self, model_name=None):
        """The type of the field the Date field's path ends on (on `model_name`, by default the counted model), or
        None when the path does not resolve."""
        self.ensure_one()
        model_name = model_name or self.model_id.model
        if not model_name or model_name not in self.env or not self.date_field:
            return None
        model = self.env[model_name]
        *links, last = self.date_field.strip().split(".")
        for name in links:
            field = model._fields.get(name)
            if not field or not field.relational:
                return None
            model = self.env[field.comodel_name]
        field = model._fields.get(last)
        return field.type if field and (field.store or field.search) else None

    def _get_record_domain(self):
        domain = super()._get_record_domain()
        period = self.env.context.get(PERIOD_KEY)
        if period and self.date_field:
            date_from, date_to = (fields.Date.to_date(day) if day else None for day in period)
            domain = expression.AND([domain, periods.period_domain(
                self.date_field.strip(), date_from, date_to, is_datetime=self._date_field_type() == "datetime")])
        return domain

    def _is_dated(self):
        """True when the value can be taken in any period: manual entries carry their date, records their Date
        field."""
        self.ensure_one()
        return self.mode == "manual" or bool(self.date_field)

    def _value_between(self, date_from=None, date_to=None):
        """The indicator's value counting only what falls between date_from and date_to (None: open); without a
        Date field, the value as it is now."""
        self.ensure_one()
        if self.mode == "manual":
            entries = self.value_ids.filtered(
                lambda value: value.kind == "manual" and (not date_from or value.date >= date_from)
                and (not date_to or value.date <= date_to)).sorted(lambda v: (v.date, v.id))
            return (entries[-1:].value or 0.0) if self.manual_mode == "last" else sum(entries.mapped("value"))
        if not self.date_field:
            return self._get_actual_value()
        return self.with_context(**{PERIOD_KEY: (date_from, date_to)})._get_actual_value()

    def _period_values(self, date_from, date_to):
        """(value in the period, value at its end): what the period added, i.e. the value at its end minus the
        value the day before it started (a person counted once by a distinct count is new in one period only).
        Without a Date field only the value as it is now is known: (None, value now)."""
        self.ensure_one()
        if not self._is_dated():
            return None, self._get_actual_value()
        cumulative = self._value_between(None, date_to)
        return cumulative - self._value_between(None, date_from - timedelta(days=1)), cumulative

    def write(self, vals):
        # a Date field given to a template indicator reaches the copies that still have the template's
        followers = self.browse()
        if "date_field" in vals:
            for template_indicator in self.filtered(lambda ind: ind.project_id.is_template):
                followers |= self.search([("template_indicator_id", "=", template_indicator.id)]).filtered(
                    lambda copy, tmpl=template_indicator: copy.date_field == tmpl.date_field)
        if vals.get("model_id") and "date_field" not in vals:
            # another model counted: a Date field that is no date of it no longer places anything in time
            # sudo: only the technical name of the model being chosen, to test the Date field against it; the
            # write itself runs with the user's rights
            model_name = self.env["ir.model"].sudo().browse(vals["model_id"]).model
            stale = self.filtered(lambda ind: ind.date_field and ind._date_field_type(model_name) not in DATE_TYPES)
            if stale:
                super(FamiIndicator, stale).write({"date_field": False})
        result = super().write(vals)
        if followers:
            followers.write({"date_field": vals["date_field"]})
        return result
