from odoo import http
from odoo.http import content_disposition, request


class FamiBeneficiaryController(http.Controller):
    @http.route("/fami_beneficiaries/personal_data/<int:person_id>", type="http", auth="user", methods=["GET"])
    def personal_data(self, person_id):
        """Right of access: the JSON file of everything held on one person, built on the fly and never stored."""
        person = request.env["fami.beneficiary"].browse(person_id).exists()
        if not person:
            raise request.not_found()
        filename, content = person._personal_data_export()
        return request.make_response(content, headers=[
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Disposition", content_disposition(filename)),
            ("Cache-Control", "no-store"),
        ])
