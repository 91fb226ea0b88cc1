import base64
import xmlrpc.client
from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import RULE_LOGGERS, MonitoringCase

FILE = base64.b64encode(b"%PDF-1.4 fattura")


def figures(report):
    """Everything a return says, line by line."""
    return {
        "report": report.read(["participants_period", "participants_cumulative", "budget_total", "incurred_period",
                               "incurred_cumulative", "paid_period", "paid_cumulative", "date_from", "date_to"]),
        "work_packages": report.work_package_ids.read(["sessions", "hours", "events", "accesses", "activities",
                                                       "deviations", "working_group_changes"]),
        "network": report.network_line_ids.read(["organisation_id", "role", "activity"]),
        "indicators": report.indicator_line_ids.read(["code", "value_period", "value_cumulative"]),
        "participants": report.participant_line_ids.read(["dimension", "label", "count_period", "count_cumulative"]),
        "financial": report.financial_line_ids.read(["category_id", "organisation_id", "budget", "incurred_period",
                                                     "paid_period", "incurred_cumulative", "paid_cumulative"]),
        "files": [(version.xlsx_file, version.publication_file) for version in report.version_ids],
    }


class RecordsOfThePeriod:
    def new_participation(self, report, person_xmlid="fami_beneficiaries.demo_beneficiary_07"):
        """An approved service access of a person not yet reached, dated inside `report`'s period."""
        person = self.env.ref(person_xmlid)
        access = self.env["fami.service.access"].create({
            "service_id": self.env.ref("fami_monitoring.demo_service_orientation").id, "beneficiary_id": person.id,
            "date": report.date_from + timedelta(days=5), "support_kind": "orientation"})
        access.workflow_fire("submit")
        access.workflow_fire("approve")
        return person

    def new_expense(self, report, amount=1000.0):
        """An approved expense of C.i.d.i.s. dated inside `report`'s period."""
        day = report.date_to - timedelta(days=5)
        line = self.env.ref("fami_reporting.demo_budget_line_cidis_b6")
        expense = self.env["fami.expense"].create({
            "project_id": self.project.id, "organisation_id": line.organisation_id.id, "budget_line_id": line.id,
            "supplier_id": self.env.ref("fami_reporting.demo_supplier_tipografia").id, "document_number": "MON-1",
            "document_date": day, "payment_date": day, "taxable_amount": amount, "vat_amount": 0.0,
            "document_file": FILE, "payment_proof": FILE})
        for code in ("submit", "check", "approve"):
            expense.workflow_fire(code)
        return expense


@tagged("post_install", "-at_install")
class TestSentReturnIsLocked(RecordsOfThePeriod, MonitoringCase):
    """Done when: a sent return is locked on every path and its figures do not move when records of its period
    change afterwards; the recomputed draft of the next quarter does move."""

    def test_the_sent_return_refuses_every_change(self):
        report = self.q1.with_user(self.manager)
        self.assertEqual(report.workflow_state_code, "sent")
        self.assert_refused(lambda: report.write({"note": "<p>Corretto</p>"}), "locked")
        self.assert_refused(lambda: report.write({"date_to": report.date_to - timedelta(days=1)}), "locked")
        self.assert_refused(lambda: report.unlink(), "cannot be deleted")
        self.assert_refused(lambda: report.action_compute(), "frozen")
        self.assert_refused(lambda: report.write({"participants_period": 1}), "Compute")
        # section lines: the texts the lead partner wrote, and the figures even through sudo
        line = report.work_package_ids[:1]
        self.assert_refused(lambda: line.write({"strengths": "Riscritto"}), "locked")
        self.assert_refused(lambda: line.unlink())
        self.assert_refused(lambda: report.network_line_ids[:1].write({"activity": "Riscritto"}), "locked")
        self.assert_refused(lambda: report.write({"work_package_ids": [Command.update(line.id, {"strengths": "x"})]}),
                            "locked")
        for lines in (report.participant_line_ids, report.indicator_line_ids, report.financial_line_ids):
            # the superuser passes the access rights, not the lock
            self.assert_refused(lambda lines=lines: lines[:1].sudo().write({"sequence": 99}), "locked")
            self.assert_refused(lambda lines=lines: lines[:1].sudo().unlink(), "cannot be deleted")
        self.assert_refused(lambda: self.env["fami.monitoring.participant.line"].create({
            "report_id": report.id, "dimension": "total", "count_period": 999}), "cannot be added")
        # files: none added to the return, none of the sent version replaced or deleted
        self.assert_refused(lambda: self.env["ir.attachment"].with_user(self.manager).create({
            "name": "altro.xlsx", "res_model": report._name, "res_id": report.id, "datas": FILE}), "locked")
        version = report.version_ids
        self.assertEqual(len(version), 1)
        files = self.env["ir.attachment"].search([("res_model", "=", version._name), ("res_id", "=", version.id),
                                                  ("res_field", "!=", False)])
        self.assertEqual(len(files), 2, "the workbook and its publication version (no PDF while the demo loads)")
        self.assert_refused(lambda: files[:1].with_user(self.manager).unlink())
        self.assert_refused(lambda: files[:1].with_user(self.manager).write({"datas": FILE}))
        self.assert_refused(lambda: version.sudo().write({"xlsx_file": FILE}), "cannot be changed")
        self.assert_refused(lambda: version.sudo().unlink(), "cannot be deleted")
        # chatter: a new message can be posted, the ones there cannot be rewritten or deleted
        message = report.message_ids.filtered(lambda m: m.message_type == "notification")[:1] or report.message_ids[:1]
        self.assert_refused(lambda: message.with_user(self.manager).write({"body": "<p>riscritto</p>"}))
        self.assert_refused(lambda: message.with_user(self.manager).unlink())
        report.message_post(body="Ricevuta dell'AdG protocollata.")

    def test_the_sent_figures_stay_while_the_next_draft_moves(self):
        sent = figures(self.q1)
        self.q2.with_user(self.lead_clerk).action_compute()
        draft = figures(self.q2)
        person = self.new_participation(self.q1)
        expense = self.new_expense(self.q1)
        self.env.invalidate_all()
        self.assertEqual(figures(self.q1), sent)
        # the records of the period did change: the person is reached in it now
        self.assertIn(person.id, self.q1._reached()[0])
        self.q2.with_user(self.lead_clerk).action_compute()
        self.assertEqual(self.q2.participants_cumulative, draft["report"][0]["participants_cumulative"] + 1)
        self.assertAlmostEqual(self.q2.incurred_cumulative,
                               draft["report"][0]["incurred_cumulative"] + expense.eligible_amount, places=2)
        self.assertEqual(self.q2.participants_period, draft["report"][0]["participants_period"],
                         "the new access falls in the first quarter")

    def test_reopening_is_logged_with_who_and_why_and_the_sent_version_stays(self):
        report = self.q1
        self.assert_refused(lambda: report.with_user(self.lead_clerk).workflow_fire("reopen", comment="x"))
        self.assert_refused(lambda: report.with_user(self.manager).workflow_fire("reopen"), "comment")
        report.with_user(self.manager).workflow_fire("reopen", comment="Un accesso del trimestre mancava")
        log = report.workflow_log_ids[:1]
        self.assertEqual((log.user_id, log.comment, log.state_to_id.code),
                         (self.manager, "Un accesso del trimestre mancava", "draft"))
        person = self.new_participation(report)
        report.with_user(self.lead_clerk).action_compute()
        self.assertIn(person.id, report._reached()[0])
        report.with_user(self.lead_clerk).workflow_fire("submit")
        report.with_user(self.manager).workflow_fire("check")
        report.with_user(self.manager).workflow_fire("send")
        self.assertEqual(report.version_ids.mapped("number"), [2, 1])
        first = report.version_ids.filtered(lambda version: version.number == 1)
        self.assertNotEqual(first.xlsx_file, report.version_ids[0].xlsx_file)
        self.assert_refused(lambda: first.with_user(self.manager).unlink())


@tagged("post_install", "-at_install")
class TestSentReturnOverRpc(HttpCase):
    """The same locks tried as a client would: XML-RPC with the manager's login."""

    def rpc(self, model, method, *args, **kwargs):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, "responsabile", "responsabile", {})
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, "responsabile", model, method, list(args),
                                             kwargs)

    def test_a_sent_return_refuses_changes_over_xmlrpc(self):
        project = self.env.ref("fami_partners.demo_project_umbria2")
        report = self.env["fami.monitoring.report"].search([("project_id", "=", project.id)], order="date_from",
                                                           limit=1)
        self.assertEqual(report.workflow_state_code, "sent")
        before = (report.note, report.work_package_ids.mapped("strengths"), report.participants_period)
        attempts = [
            ("fami.monitoring.report", "write", [report.id], {"note": "<p>x</p>"}),
            ("fami.monitoring.report", "write", [report.id], {"participants_period": 1}),
            ("fami.monitoring.report", "action_compute", [report.id]),
            ("fami.monitoring.report", "unlink", [report.id]),
            ("fami.monitoring.work.package", "write", report.work_package_ids.ids, {"strengths": "x"}),
            ("fami.monitoring.participant.line", "unlink", report.participant_line_ids.ids),
            ("fami.monitoring.sent.version", "unlink", report.version_ids.ids),
            ("ir.attachment", "create", {"name": "x.pdf", "res_model": report._name, "res_id": report.id,
                                         "datas": FILE.decode()}),
        ]
        for model, method, *args in attempts:
            with self.subTest(model=model, method=method), mute_logger("odoo.http", *RULE_LOGGERS), \
                    self.assertRaises(xmlrpc.client.Fault):
                self.rpc(model, method, *args)
        self.env.invalidate_all()
        self.assertEqual((report.note, report.work_package_ids.mapped("strengths"), report.participants_period),
                         before)
        self.assertEqual(len(report.version_ids), 1)
