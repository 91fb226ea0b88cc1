import base64
import csv
import io

import openpyxl

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import spreadsheet_cells

# Columns of the spreadsheet (Ministry monitoring form), in order.
COLUMNS = ["first_name", "last_name", "gender", "birth_date", "nationality", "codice_fiscale", "phone", "email",
           "privacy_notice_date"]
GENDERS = {"f": "female", "female": "female", "donna": "female", "m": "male", "male": "male", "uomo": "male",
           "x": "non_binary", "non-binary": "non_binary", "non binario": "non_binary"}


class FamiBeneficiaryImport(models.TransientModel):
    """All-or-nothing import of beneficiaries: every row is checked, and nothing is created unless all pass."""

    _name = "fami.beneficiary.import"
    _description = "Import beneficiaries from a spreadsheet"

    project_id = fields.Many2one("fami.project", required=True)
    organisation_id = fields.Many2one("res.partner", string="Taken in charge by",
                                      domain=[("is_company", "=", True), ("fami_organisation", "=", True)],
                                      default=lambda self: self._default_org())
    file = fields.Binary(required=True, help="An .xlsx or .csv file with the columns: " + ", ".join(COLUMNS))
    filename = fields.Char()
    report = fields.Text(readonly=True)

    def _default_org(self):
        organisations = self.env.user.fami_organisation_ids
        return organisations if len(organisations) == 1 else False

    def _rows(self):
        content = base64.b64decode(self.file or b"")
        try:
            if (self.filename or "").lower().endswith(".csv"):
                rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[1:]
            else:
                sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
                rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
        except Exception as error:  # noqa: BLE001 - openpyxl and csv raise many kinds of errors on a foreign file
            raise UserError(self.env._("The file %(name)s is not an Excel (.xlsx) or CSV file: export the monitoring "
                                       "form as .xlsx and try again.", name=self.filename or "")) from error
        rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
        if not rows:
            raise UserError(self.env._("The file %(name)s has no beneficiary below its header row: fill in the "
                                       "monitoring form and import it again.", name=self.filename or ""))
        return rows

    def _values(self, row):
        cells = dict(zip(COLUMNS, [("" if cell is None else cell) for cell in row] + [""] * len(COLUMNS)))
        country = self.env["res.country"].search(
            ["|", ("code", "=ilike", str(cells["nationality"]).strip()),
             ("name", "=ilike", str(cells["nationality"]).strip())], limit=1)
        if not country:
            raise ValidationError(self.env._(
                "nationality %(value)s is not a known country", value=cells["nationality"]))
        gender = GENDERS.get(str(cells["gender"]).strip().lower())
        if not gender:
            raise ValidationError(self.env._("gender %(value)s is not F, M or X", value=cells["gender"]))
        dates = {}
        for column, label in (("birth_date", self.env._("Birth date")),
                              ("privacy_notice_date", self.env._("Privacy notice given on"))):
            try:
                dates[column] = spreadsheet_cells.to_date(cells[column]) or False
            except ValueError:
                raise ValidationError(self.env._("%(field)s %(value)s is not a date: write it as DD/MM/YYYY.",
                                                 field=label, value=cells[column])) from None
        return {
            "first_name": str(cells["first_name"]).strip(), "last_name": str(cells["last_name"]).strip(),
            "gender": gender, "birth_date": dates["birth_date"],
            "country_id": country.id, "codice_fiscale": str(cells["codice_fiscale"]).strip() or False,
            "phone": str(cells["phone"]).strip() or False, "email": str(cells["email"]).strip() or False,
            "privacy_notice_date": dates["privacy_notice_date"],
            "project_id": self.project_id.id, "organisation_id": self.organisation_id.id,
        }

    def action_import(self):
        self.ensure_one()
        if not self.organisation_id and not self.env.user.has_group("fami_partners.group_fami_manager"):
            raise UserError(self.env._("Choose the organisation that took these people in charge in the field Taken in "
                                       "charge "
                                       "by: the people of your organisations are the only ones you can register."))
        rows = self._rows()
        errors = []
        people = self.env["fami.beneficiary"]
        with self.env.cr.savepoint(flush=True) as savepoint:
            for number, row in enumerate(rows, start=2):
                try:
                    with self.env.cr.savepoint():
                        people |= people.create(self._values(row))
                except (ValidationError, UserError, ValueError) as error:
                    message = error.args[0] if error.args else str(error)
                    errors.append(self.env._("Row %(row)s: %(error)s", row=number, error=message))
            if errors:
                savepoint.rollback()
        if errors:
            self.report = "\n".join(errors)
            raise UserError(self.env._("Nothing was imported: %(count)s of %(total)s rows are wrong. Fix them and "
                                       "import the file "
                                       "again.\n%(report)s", count=len(errors), total=len(rows), report=self.report))
        return {"type": "ir.actions.act_window", "res_model": "fami.beneficiary", "view_mode": "list,form",
                "name": self.env._("Imported beneficiaries"), "domain": [("id", "in", people.ids)]}
