from odoo import http
from odoo.http import content_disposition, request


class MonitoringReturnExport(http.Controller):
    """The workbook of a return, built when downloaded and never stored (a sent return keeps the files of what was
    sent in its sent versions)."""

    @http.route("/fami_monitoring/return/<int:report_id>/xlsx", type="http", auth="user")
    def return_workbook(self, report_id, publication=None):
        report = request.env["fami.monitoring.report"].browse(report_id).exists()
        if not report:
            raise request.not_found()
        report.check_access("read")
        publication = bool(publication)
        content = report._workbook(publication=publication)
        name = f"{report._file_stem()}{'-pubblicazione' if publication else ''}.xlsx"
        return request.make_response(content, headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition(name))])
