"""Indicators, training hours and "reached" count only approved work: a draft register delivers no hours and reaches
nobody, a service counts once its activation is approved, a study once it is closed with its deliverables and
approved — each approved by someone other than who submitted it. Tried as the demo users."""
import base64
from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .test_courses import RefusalMixin
from .test_organisation_rules import RULE_LOGGERS, DemoUsersMixin

PDF = base64.b64encode(b"%PDF-1.4\n% rapporto di ricerca\n")


@tagged("post_install", "-at_install")
class TestOnlyApprovedWorkCounts(DemoUsersMixin, RefusalMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_demo_users()
        cls.second_manager = new_test_user(cls.env, "act_other_manager", groups="fami_partners.group_fami_manager")

    def indicator(self, code):
        indicator = self.project.indicator_ids.filtered(lambda ind: ind.code == code)
        self.assertTrue(indicator, f"the demo project has no indicator {code}")
        indicator.invalidate_recordset(["actual_value"])
        return indicator.actual_value

    def test_a_draft_register_delivers_no_hours_and_reaches_nobody(self):
        course = self.trainers_course()
        course.write({"enrolment_ids": [(0, 0, {"beneficiary_id": person.id})
                                        for person in (self.cidis_person, self.csc_person)]})
        self.project.invalidate_recordset(["training_hours_delivered"])
        hours_before = self.project.training_hours_delivered
        reached_before = self.indicator("OS2_CPT_REACHED")
        # a session far ahead, its register opened by the trainer (everybody present) but not approved: 4 h × 2 people
        session = self.env["fami.course.session"].with_user(self.trainer).create({
            "course_id": course.id, "start": datetime(2029, 6, 4, 7), "stop": datetime(2029, 6, 4, 11),
            "trainer_id": self.trainer.id})
        session.action_open_register()
        self.assertEqual(session.present_count, 2)
        session.workflow_fire("submit")
        self.env.invalidate_all()
        self.assertEqual((session.training_hours_delivered, course.session_hours, course.training_hours_delivered),
                         (0.0, 0.0, 0.0))
        self.assertEqual(self.project.training_hours_delivered, hours_before)
        self.assertFalse(course.enrolment_ids.filtered("completed"))
        self.assertFalse(self.cidis_person.is_reached or self.csc_person.is_reached)
        self.assertEqual(self.indicator("OS2_CPT_REACHED"), reached_before)
        with mute_logger(*RULE_LOGGERS), self.assertRefused(AccessError, "not allowed to Approve"):
            session.workflow_fire("approve")  # the trainer does not approve their own register

        session.with_user(self.manager).workflow_fire("approve")
        self.env.invalidate_all()
        self.assertEqual((session.training_hours_delivered, course.session_hours, course.training_hours_delivered),
                         (8.0, 4.0, 8.0))
        self.assertEqual(self.project.training_hours_delivered, hours_before + 8.0)
        self.assertTrue(self.cidis_person.is_reached and self.csc_person.is_reached)
        self.assertEqual(self.indicator("OS2_CPT_REACHED"), reached_before + 2)

    def test_a_service_counts_once_approved(self):
        before = (self.indicator("OS2_OSS"), self.indicator("OS2_VULNERABLE_SERVICES"))
        self.assertEqual(before, (3, 2), "demo: three one-stop services and two for vulnerable targets approved")
        services = self.env["fami.service"].with_user(self.staff)
        oss = services.create({"name": "Sportello OSS Spoleto", "kind": "oss", "project_id": self.project.id})
        vulnerable = services.create({"name": "Servizio neomaggiorenni", "kind": "vulnerable",
                                      "project_id": self.project.id})
        self.assertEqual((self.indicator("OS2_OSS"), self.indicator("OS2_VULNERABLE_SERVICES")), before)
        (oss | vulnerable).workflow_fire("submit")
        self.assertEqual((self.indicator("OS2_OSS"), self.indicator("OS2_VULNERABLE_SERVICES")), before)
        (oss | vulnerable).with_user(self.manager).workflow_fire("approve")
        self.assertEqual((self.indicator("OS2_OSS"), self.indicator("OS2_VULNERABLE_SERVICES")),
                         (before[0] + 1, before[1] + 1))
        with self.assertRefused(UserError, "locked"):
            oss.write({"kind": "other"})

    def test_research_counts_once_approved_and_closes_only_with_its_deliverables(self):
        before = self.indicator("OS1_RESEARCH")
        self.assertEqual(before, 1, "demo: one study approved")
        research = self.env["fami.research"].with_user(self.staff).create({
            "name": "Mediazione nei consultori", "topic": "mediation", "project_id": self.project.id})
        self.assertEqual(research.organisation_id, self.cidis)
        research.workflow_fire("start")
        with self.assertRefused(UserError, "cannot be closed without deliverables"):
            research.workflow_fire("submit")
        research.write({"deliverable_ids": [(0, 0, {"name": "Rapporto finale", "file": PDF,
                                                     "filename": "rapporto.pdf"}),
                                            (0, 0, {"name": "Questionario"})]})
        with self.assertRefused(UserError, "attach the file of the deliverable\\(s\\) Questionario"):
            research.workflow_fire("submit")
        research.deliverable_ids.filtered(lambda d: d.name == "Questionario").write(
            {"file": PDF, "filename": "questionario.pdf"})
        research.workflow_fire("submit")
        self.assertEqual(self.indicator("OS1_RESEARCH"), before, "closed, not yet approved")

        # a manager who submitted a study cannot also approve it
        by_manager = self.env["fami.research"].with_user(self.manager).create({
            "name": "Abitare e lavoro", "topic": "housing", "project_id": self.project.id,
            "organisation_id": self.cidis.id,
            "deliverable_ids": [(0, 0, {"name": "Rapporto", "file": PDF, "filename": "rapporto.pdf"})]})
        by_manager.workflow_fire("start")
        by_manager.workflow_fire("submit")
        with self.assertRefused(UserError, "yourself, so you cannot also do “Approve”"):
            by_manager.workflow_fire("approve")

        research.with_user(self.manager).workflow_fire("approve")
        by_manager.with_user(self.second_manager).workflow_fire("approve")
        self.assertEqual(self.indicator("OS1_RESEARCH"), before + 2)

        # the deliverables of an approved study are evidence: frozen with it, their files' attachments too
        deliverable = research.deliverable_ids[0].with_user(self.staff)
        locked = rf"{research.name} is Approved"
        with self.assertRefused(UserError, f"Rapporto finale is locked: {locked}"):
            deliverable.write({"file": base64.b64encode(b"altro")})
        with self.assertRefused(UserError, f"Rapporto finale cannot be deleted: {locked}"):
            deliverable.unlink()
        with self.assertRefused(UserError, f"Aggiunto dopo cannot be added to {research.name}: {locked}"):
            self.env["fami.research.deliverable"].with_user(self.manager).create(
                {"research_id": research.id, "name": "Aggiunto dopo"})
        attachment = self.env["ir.attachment"].search([
            ("res_model", "=", "fami.research.deliverable"), ("res_id", "=", deliverable.id),
            ("res_field", "=", "file")])
        self.assertTrue(attachment)
        with self.assertRefused(UserError, f"The files of Rapporto finale are locked: {locked}"):
            attachment.with_user(self.staff).write({"datas": base64.b64encode(b"altro")})
        with self.assertRefused(UserError, f"The files of Rapporto finale are locked: {locked}"):
            attachment.with_user(self.manager).unlink()
        self.assertEqual(base64.b64decode(deliverable.sudo().file), base64.b64decode(PDF))

    def test_a_study_of_another_organisation_is_neither_read_nor_closed(self):
        submitted = self.env.ref("fami_activities.demo_research_3")  # Frontiera Lavoro, waiting for approval
        with mute_logger(*RULE_LOGGERS):
            with self.assertRaises(AccessError):
                submitted.deliverable_ids.with_user(self.staff).read(["name"])
            with self.assertRaises(AccessError):
                submitted.with_user(self.staff).workflow_fire("reject", comment="non nostro")
        self.assertEqual(submitted.workflow_state_code, "submitted")
