from odoo import SUPERUSER_ID
from odoo.exceptions import UserError

# transition code → the codes of the step it must not follow by the same person (who requests an advance does not
# record it received; who issues a guarantee does not release it; who submits a declaration does not validate or
# send it back)
SEPARATE_FROM = {
    "fami.guarantee": {"release": ("issue",)},
    "fami.payment.received": {"receive": ("request",)},
    "fami.partner.declaration": {"validate": ("submit",), "reject": ("submit",)},
}


def refuse_same_person(record, transition):
    """Four eyes on the money: refuse `transition` when the current user fired the step it is separated from
    (SEPARATE_FROM), the last time the record took it. Data files (the superuser) are not refused."""
    earlier = SEPARATE_FROM.get(record._name, {}).get(transition.code)
    if not earlier or record.env.uid == SUPERUSER_ID:
        return
    # sudo: the audit log says who fired the earlier step; only that user's id is compared
    last = record.env["fami.workflow.log"].sudo().search([
        ("res_model", "=", record._name), ("res_id", "=", record.id),
        ("transition_id.code", "in", earlier)], order="date desc, id desc", limit=1)
    if last and last.user_id == record.env.user:
        raise UserError(record.env._(
            "Four eyes: you fired %(step)s on %(record)s, so %(action)s is for another person of the lead partner "
            "or a manager.", step=last.transition_name, record=record.display_name, action=transition.name))
