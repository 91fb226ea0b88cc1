from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class FamiClaimItem(models.AbstractModel):
    """What a claim (fami.payment.request) takes in — expenses and staff costs. An item follows the lock of its claim
    (fami.workflow.frozen.mixin): nothing enters, leaves or changes in a submitted claim, by any path (form, RPC,
    import, the claim's own lists). An item keeps the cost category it was claimed under, whatever happens to its
    budget line later: the claim's totals and workbook do not move."""

    _name = "fami.claim.item"
    _description = "Item of a FAMI claim"
    _inherit = ["fami.workflow.frozen.mixin"]
    _workflow_frozen_by = ("payment_request_id",)

    payment_request_id = fields.Many2one("fami.payment.request", string="Claim", readonly=True, index=True,
                                         copy=False)
    budget_line_id = fields.Many2one("fami.budget.line", string="Budget line", required=True, index=True,
                                     ondelete="restrict")
    claimed_category_id = fields.Many2one(
        "fami.cost.category", string="Category when claimed", compute="_compute_claimed_category_id", store=True,
        help="The cost category of the budget line when the item entered its claim: it stays with the item even if "
             "the line's category changes later.")
    category_id = fields.Many2one("fami.cost.category", string="Cost category", compute="_compute_category_id",
                                  store=True, index=True)

    # deliberately not on budget_line_id.category_id: the snapshot must not follow later changes of the line
    @api.depends("payment_request_id", "budget_line_id")
    def _compute_claimed_category_id(self):
        for item in self:
            item.claimed_category_id = item.budget_line_id.category_id if item.payment_request_id else False

    @api.depends("claimed_category_id", "budget_line_id.category_id")
    def _compute_category_id(self):
        for item in self:
            item.category_id = item.claimed_category_id or item.budget_line_id.category_id

    @api.constrains("payment_request_id")
    def _check_declared_before_claimed(self):
        for item in self.filtered("payment_request_id"):
            # sudo: the declarations are the partner's and the lead partner's; only whether one is validated is read
            if not item.sudo().declaration_ids.filtered(lambda decl: decl.workflow_state_code == "validated"):
                raise ValidationError(self.env._(
                    "%(item)s cannot enter the claim %(claim)s: the lead partner has not validated a declaration of "
                    "%(partner)s holding it. Put it in the partner's declaration for its period (Money flows > "
                    "Partner declarations) and have the lead partner validate it first.", item=item.display_name,
                    claim=item.payment_request_id.display_name, partner=item.organisation_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        if any("declaration_ids" in vals for vals in vals_list):
            raise UserError(self._declaration_refusal())
        return super().create(vals_list)

    def write(self, vals):
        if "declaration_ids" in vals:
            raise UserError(self._declaration_refusal())
        return super().write(vals)

    def _declaration_refusal(self):
        return self.env._("A cost enters or leaves a partner's declaration from the declaration (Money flows > "
                          "Partner declarations), not from the cost itself.")
