from odoo import api, fields, models, tools
from odoo.tools import SQL

SOURCES_PER_ID = 16  # the view's id is res_id × 16 + the index of the source: stable while the data stay


class FamiDocumentExpiry(models.Model):
    """Everything in the suite that expires, in one read-only list: the documents of ``fami.document`` and what
    later addons add through ``_expiry_sources`` (the beneficiaries' residence permits, behind their own record
    rule). A row opens its source record."""

    _name = "fami.document.expiry"
    _description = "Expiring document"
    _inherit = ["fami.expiry.mixin"]
    _auto = False
    _order = "date_expiry, id"
    _depends = {
        "fami.document": ["document_type_id", "partner_id", "project_id", "number", "date_issue", "date_expiry",
                          "user_id", "active"],
        "res.partner": ["name"],
    }

    source = fields.Selection([("document", "Document")], readonly=True)
    res_id = fields.Integer(string="Source record", readonly=True)
    document_id = fields.Many2one("fami.document", readonly=True)
    document_type_id = fields.Many2one("fami.document.type", string="Type", readonly=True)
    category = fields.Selection(related="document_type_id.category")
    partner_id = fields.Many2one("res.partner", string="Holder contact", readonly=True)
    holder_name = fields.Char(string="Holder", readonly=True)
    number = fields.Char(readonly=True)
    date_issue = fields.Date(string="Issue date", readonly=True)
    date_expiry = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    project_id = fields.Many2one("fami.project", readonly=True)
    is_renewed = fields.Boolean(string="Renewed", readonly=True,
                                help="The holder has a later document of the same type.")

    @api.depends("document_type_id", "holder_name")
    def _compute_display_name(self):
        for row in self:
            row.display_name = f"{row.document_type_id.name or ''} – {row.holder_name or ''}"

    @api.model
    def _expiry_sources(self):
        """The sources of the view: (source, FROM clause, {column: expression}) each, as SQL. Columns a source
        does not name are NULL; `res_id` is the id of the source record."""
        return [("document", SQL("""fami_document d JOIN res_partner p ON p.id = d.partner_id
                                     WHERE d.active AND d.date_expiry IS NOT NULL"""), {
            "res_id": SQL("d.id"), "document_id": SQL("d.id"), "document_type_id": SQL("d.document_type_id"),
            "partner_id": SQL("d.partner_id"), "holder_name": SQL("p.name"), "number": SQL("d.number"),
            "date_issue": SQL("d.date_issue"), "date_expiry": SQL("d.date_expiry"), "user_id": SQL("d.user_id"),
            "project_id": SQL("d.project_id"),
            "is_renewed": SQL("""EXISTS (SELECT 1 FROM fami_document later
                                         WHERE later.active AND later.partner_id = d.partner_id
                                           AND later.document_type_id = d.document_type_id
                                           AND later.date_expiry > d.date_expiry)"""),
        })]

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        columns = [name for name, field in self._fields.items() if field.store and name != "id"]
        selects = []
        for index, (source, from_clause, expressions) in enumerate(self._expiry_sources()):
            values = dict({"is_renewed": SQL("FALSE")}, **expressions, source=SQL("%s", source))
            listed = SQL(", ").join(
                SQL("%s AS %s", values.get(name) or SQL("CAST(NULL AS %s)", SQL(self._fields[name].column_type[1])),
                    SQL.identifier(name))
                for name in columns)
            selects.append(SQL("SELECT (%s) * %s + %s AS id, %s FROM %s", values["res_id"], SOURCES_PER_ID, index,
                               listed, from_clause))
        self.env.cr.execute(SQL("CREATE VIEW %s AS (%s)", SQL.identifier(self._table),
                                SQL(" UNION ALL ").join(selects)))

    def action_open_record(self):
        """Open the record the row comes from."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "fami.document", "res_id": self.document_id.id,
                "view_mode": "form", "target": "current"}
