from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Settings of the monitoring returns. The practice they follow (2014-2020 monitoring forms) is not confirmed
    for 2021-2027, so it is editable here instead of fixed in the code."""

    _inherit = "res.config.settings"

    fami_managing_authority = fields.Char(
        string="Managing Authority", config_parameter="fami_monitoring.managing_authority",
        help="How the monitoring returns name the Managing Authority (Autorità di Gestione) they are sent to.")
    fami_small_cell_threshold = fields.Integer(
        string="Small cells shown as \"<N\"", config_parameter="fami_monitoring.small_cell_threshold", default=5,
        help="In the publication version of a return, groups of 1 to N-1 people are shown as \"<N\".")
    fami_top_nationalities = fields.Integer(
        string="Nationalities shown one by one", config_parameter="fami_monitoring.top_nationalities", default=10,
        help="The participants section lists this many nationalities, the others together.")
