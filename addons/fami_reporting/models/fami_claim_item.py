from odoo import api, models


class FamiClaimItem(models.AbstractModel):
    """What a claim (fami.payment.request) takes in — expenses and staff costs: nothing enters or leaves a
    submitted claim, by any path (form, RPC, import, the claim's own lists)."""

    _name = "fami.claim.item"
    _description = "Item of a FAMI claim"

    @api.model_create_multi
    def create(self, vals_list):
        claims = [vals["payment_request_id"] for vals in vals_list if vals.get("payment_request_id")]
        self.env["fami.payment.request"].browse(claims)._check_open_for_items()
        return super().create(vals_list)

    def write(self, vals):
        if "payment_request_id" in vals:
            target = self.env["fami.payment.request"].browse(vals["payment_request_id"] or [])
            (self.payment_request_id | target)._check_open_for_items()
        return super().write(vals)
