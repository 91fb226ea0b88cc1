from odoo import models

from ..lib.ui_governance import UI_FIELDS


class IrModelFields(models.Model):
    """The custom field of the actions the current user may take (lib/ui_governance.py) is computed per user: Odoo's
    custom computed fields are cached for the whole transaction otherwise, so that code reading it for two users
    in one transaction (with_user) would show the first one's buttons to the second."""

    _inherit = "ir.model.fields"

    def _instanciate_attrs(self, field_data):
        attrs = super()._instanciate_attrs(field_data)
        if attrs and field_data["name"] == UI_FIELDS.codes and field_data["state"] == "manual":
            attrs["depends_context"] = ("uid",)
        return attrs
