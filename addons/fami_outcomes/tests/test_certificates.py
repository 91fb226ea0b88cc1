"""Certificates of attendance: refused below the course's minimum attendance naming the hours attended and required;
above it, numbered, registered, issued once, the hours read back from the rendered report; a reissue logged. As the
demo users: formatore teaches the courses (Frontiera Lavoro), amministrativo and mediatore work for C.i.d.i.s.,
responsabile is the manager (with the personal-data group), revisore the auditor."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RULE_LOGGERS, OutcomesCase, at


@tagged("post_install", "-at_install")
class TestCertificates(OutcomesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["fami.project"].create({
            "name": "Progetto certificati", "date_start": "2025-01-01", "date_end": "2027-12-31"})
        cls.operators = cls.env["res.partner"].create([
            {"name": name, "parent_id": cls.cidis.id} for name in ("Operatrice Piena", "Operatore Scarso",
                                                                   "Operatrice Seconda")])
        # a course of C.i.d.i.s. (the demo staff's organisation) taught by the demo trainer: 3 approved sessions of
        # 2 hours and a fourth whose register is still a draft; the course has 8 hours, the minimum is 5.6
        cls.course = cls._course(cls.project, cls.cidis, "Comunicazione interculturale", enrolment_ids=[
            (0, 0, {"partner_id": operator.id}) for operator in cls.operators])
        by_name = {enrolment.partner_id.name: enrolment for enrolment in cls.course.enrolment_ids}
        cls.full, cls.scarce, cls.second = (by_name["Operatrice Piena"], by_name["Operatore Scarso"],
                                            by_name["Operatrice Seconda"])
        cls.sessions = [cls._session(cls.course, at(day, 13)) for day in
                        ("2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23")]
        cls._register(cls.sessions[0], cls.full | cls.scarce | cls.second)
        cls._register(cls.sessions[1], cls.full | cls.second)
        cls._register(cls.sessions[2], cls.full | cls.second)
        # present everywhere in the draft register: it must not count
        cls.draft_session = cls._register(cls.sessions[3], cls.full | cls.scarce | cls.second, approve=False)

    def _render(self, certificates, user=None):
        reports = self.env["ir.actions.report"].with_user(user) if user else self.env["ir.actions.report"]
        html, _kind = reports._render_qweb_html("fami_outcomes.report_certificate", certificates.ids)
        return html.decode()

    def test_below_the_minimum_no_certificate_and_the_message_names_hours_attended_and_required(self):
        self.assertEqual(self.scarce.hours_attended, 2.0, "only the approved register counts")
        with self.assertRefused(UserError, r"Operatore Scarso attended 2 hours of Comunicazione interculturale in "
                                           r"approved attendance registers, fewer than the 5\.6 hours required "
                                           r"\(minimum attendance 70% of 8 hours\)"):
            self.scarce.with_user(self.trainer).action_issue_certificate()
        self.assertFalse(self.env["fami.certificate"].search([("enrolment_id", "=", self.scarce.id)]))
        # a draft register, however full, does not make up the shortfall; the register approved does
        self.draft_session.workflow_fire("submit")
        with self.assertRefused(UserError, r"attended 2 hours .* the 5\.6 hours required"):
            self.scarce.with_user(self.staff).action_issue_certificate()

    def test_above_the_minimum_the_pdf_shows_the_hours_attended(self):
        action = self.full.with_user(self.trainer).action_issue_certificate()
        certificate = self.env["fami.certificate"].browse(action["res_id"])
        self.assertRegex(certificate.name, r"^ATT/\d{4}/\d{5}$")
        self.assertEqual((certificate.hours_attended, certificate.hours_course, certificate.hours_required),
                         (6.0, 8.0, 5.6))
        self.assertEqual(str(certificate.period_start), "2026-03-02")
        self.assertEqual(str(certificate.period_end), "2026-03-23")
        html = self._render(certificate, self.trainer)
        self.assertEqual(self._text_of(html, "o_fami_hours_attended"), ["6"])
        self.assertEqual(self._text_of(html, "o_fami_hours_course"), ["8"])
        self.assertEqual(self._text_of(html, "o_fami_certificate_number"), [certificate.name])
        self.assertEqual(self._text_of(html, "o_fami_holder"), ["Operatrice Piena"])
        self.assertIn("Cofinanziato dall'Unione europea", html.replace("&#39;", "'"))
        self.assertIn("Fondo Asilo, Migrazione e Integrazione", html)
        self.assertIn("Autorità di Gestione", html)

    def test_the_whole_course_is_issued_at_once_and_printed_in_one_document(self):
        result = self.course.with_user(self.staff).action_issue_certificates()
        self.assertEqual(self.course.certificate_ids.enrolment_id, self.full | self.second)
        self.assertIn("2 certificate(s) of attendance issued.", result["params"]["message"])
        self.assertIn("Operatore Scarso attended 2 hours", result["params"]["message"])
        numbers = self.course.certificate_ids.mapped("name")
        self.assertEqual(len(set(numbers)), 2, "each certificate has its own number")
        html = self._render(self.course.certificate_ids, self.staff)
        self.assertEqual(sorted(self._text_of(html, "o_fami_certificate_number")), sorted(numbers))
        self.assertEqual(self._text_of(html, "o_fami_hours_attended"), ["6", "6"])
        # running it again issues nobody twice
        again = self.course.with_user(self.staff).action_issue_certificates()
        self.assertIn("0 certificate(s) of attendance issued.", again["params"]["message"])
        self.assertEqual(len(self.course.certificate_ids), 2)
        report = self.course.with_user(self.staff).action_print_certificates()
        self.assertEqual(report["report_name"], "fami_outcomes.report_certificate")
        self.assertEqual(sorted(report["context"]["active_ids"]), sorted(self.course.certificate_ids.ids))

    def test_a_certificate_is_issued_once_never_changed_and_a_reissue_is_logged(self):
        certificates = self.env["fami.certificate"].with_user(self.trainer)
        # what it attests comes from the registers, whatever the caller sends
        certificate = certificates.create({"enrolment_id": self.full.id, "hours_attended": 999,
                                           "name": "FALSO/1", "date_issue": "2021-01-01"})
        self.assertEqual(certificate.hours_attended, 6.0)
        self.assertNotEqual(certificate.name, "FALSO/1")
        self.assertNotEqual(str(certificate.date_issue), "2021-01-01")
        with self.assertRefused(UserError, rf"already received the certificate of attendance {certificate.name}"):
            certificates.create({"enrolment_id": self.full.id})
        for user in (self.trainer, self.manager):
            with self.assertRefused(UserError, "is in the register and cannot be changed: use Reissue"):
                certificate.with_user(user).write({"hours_attended": 8.0})
        with self.assertRefused(UserError, "cannot be deleted"):
            certificate.sudo().unlink()
        with self.assertRefused(UserError, "locked"):
            self.full.unlink()
        with self.assertRefused(UserError, "Write the Reason"):
            certificate.with_user(self.trainer)._reissue("  ")

        # the fourth register approved: the reissue attests 8 hours, keeps the number, and is logged
        self.draft_session.workflow_fire("submit")
        self.draft_session.workflow_fire("approve")
        number = certificate.name
        wizard = self.env["fami.certificate.reissue.wizard"].with_user(self.trainer).create(
            {"certificate_id": certificate.id, "reason": "Registro della quarta sessione approvato"})
        action = wizard.action_reissue()
        self.assertEqual(action["report_name"], "fami_outcomes.report_certificate")
        self.assertEqual((certificate.name, certificate.hours_attended, certificate.reissue_count), (number, 8.0, 1))
        log = certificate.reissue_ids
        self.assertEqual((log.user_id, log.hours_before, log.hours_after, log.reason),
                         (self.trainer, 6.0, 8.0, "Registro della quarta sessione approvato"))
        self.assertIn("Registro della quarta sessione approvato", certificate.message_ids[0].body)
        self.assertEqual(self._text_of(self._render(certificate), "o_fami_hours_attended"), ["8"])
        # the log is nobody's to write, change or delete
        with mute_logger(*RULE_LOGGERS), self.assertRaises(AccessError):
            self.env["fami.certificate.reissue"].with_user(self.manager).create(
                {"certificate_id": certificate.id, "reason": "falso", "user_id": self.trainer.id})
        with self.assertRefused(UserError, "cannot be changed"):
            log.sudo().write({"reason": "altro"})
        with self.assertRefused(UserError, "cannot be deleted"):
            log.sudo().unlink()

    def test_the_files_and_chatter_of_a_certificate_are_locked(self):
        certificate = self.env["fami.certificate"].with_user(self.trainer).create({"enrolment_id": self.full.id})
        note = certificate.with_user(self.trainer).message_post(body="Consegnato a mano", message_type="comment",
                                                                 subtype_xmlid="mail.mt_note")
        with self.assertRefused(UserError, "The messages of .* are locked"):
            note.with_user(self.trainer).write({"body": "Mai consegnato"})
        with self.assertRefused(UserError, "The messages of .* are locked"):
            note.unlink()
        with self.assertRefused(UserError, "The files of .* are locked"):
            self.env["ir.attachment"].with_user(self.manager).create({
                "name": "attestato-falso.pdf", "res_model": "fami.certificate", "res_id": certificate.id,
                "raw": b"%PDF-1.4 falso"})

    def test_who_may_issue_as_the_demo_users(self):
        certificates = self.env["fami.certificate"]
        with mute_logger(*RULE_LOGGERS):
            # the mediator and the auditor have no right to issue
            for user in (self.mediator, self.auditor):
                with self.assertRaises(AccessError):
                    certificates.with_user(user).create({"enrolment_id": self.full.id})
            # staff of another organisation cannot name a participant of C.i.d.i.s.'s course by id
            outsider = self.env["res.users"].create({
                "name": "Staff CSC", "login": "cert_csc_staff",
                "groups_id": [(6, 0, [self.env.ref("fami_partners.group_fami_admin_staff").id])]})
            self.env.ref("fami_partners.demo_link_csc").user_ids = [(4, outsider.id)]
            with self.assertRaises(AccessError):
                certificates.with_user(outsider).create({"enrolment_id": self.full.id})
        self.assertFalse(certificates.search([("enrolment_id", "=", self.full.id)]))
        issued = certificates.with_user(self.staff).create({"enrolment_id": self.full.id})
        for user in (self.trainer, self.staff, self.manager, self.auditor):
            self.assertEqual(certificates.with_user(user).search([("course_id", "=", self.course.id)]), issued)
        self.assertFalse(certificates.with_user(outsider).search([("id", "=", issued.id)]))
        with mute_logger(*RULE_LOGGERS), self.assertRaises(AccessError):
            issued.with_user(self.auditor)._reissue("Smarrito")


@tagged("post_install", "-at_install")
class TestBeneficiaryCertificates(OutcomesCase):
    def test_the_certificate_of_a_beneficiary_is_printed_only_with_the_personal_data_group_and_logged(self):
        person = self._beneficiary(self.demo_project, self.cidis, "Amina")
        course = self._course(self.demo_project, self.cidis, "Italiano A1", kind="italian",
                              enrolment_ids=[(0, 0, {"beneficiary_id": person.id})])
        self._register(self._session(course, at("2026-05-04", 13)), course.enrolment_ids)
        certificate = self.env["fami.certificate"].with_user(self.staff).create(
            {"enrolment_id": course.enrolment_ids.id})
        reports = self.env["ir.actions.report"]
        with self.assertRefused(UserError, rf"group Beneficiary personal data can print .*{person.code}"):
            reports.with_user(self.staff)._render_qweb_html("fami_outcomes.report_certificate", certificate.ids)
        logs = self.env["fami.beneficiary.access.log"]
        before = logs.search_count([("beneficiary_id", "=", person.id), ("operation", "=", "export")])
        html = reports.with_user(self.manager)._render_qweb_html("fami_outcomes.report_certificate",
                                                                   certificate.ids)[0].decode()
        self.assertEqual(self._text_of(html, "o_fami_holder"), ["Amina Prova"])
        self.assertEqual(self._text_of(html, "o_fami_hours_attended"), ["2"])
        self.assertEqual(logs.search_count([("beneficiary_id", "=", person.id), ("operation", "=", "export"),
                                            ("user_id", "=", self.manager.id)]), before + 1)
        person.with_user(self.manager).action_anonymise()
        with self.assertRefused(UserError, "anonymised"):
            reports.with_user(self.manager)._render_qweb_html("fami_outcomes.report_certificate", certificate.ids)

    def test_demo_certificates(self):
        """The demo course: three participants certified for 9 hours, the fourth (3 hours of 9) refused."""
        course = self.env.ref("fami_outcomes.demo_course_italian")
        self.assertEqual(len(course.certificate_ids), 3)
        self.assertEqual(set(course.certificate_ids.mapped("hours_attended")), {9.0})
        missing = self.env.ref("fami_outcomes.demo_enrolment_italian_31")
        with self.assertRefused(UserError, r"attended 3 hours .* the 6\.3 hours required"):
            missing.action_issue_certificate()
        self.assertEqual(self.env.ref("fami_outcomes.demo_certificate_italian_21").reissue_count, 1)
