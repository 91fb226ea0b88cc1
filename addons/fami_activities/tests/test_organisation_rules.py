"""Across organisations, as the demo users: staff of one partner neither see nor change another's events, services,
research, venues and mediation hours, nor bring another organisation's people into their records by id; managers and
auditors see all. The demo users work for: formatore Frontiera Lavoro, amministrativo and mediatore CIDIS,
responsabile the lead partner (Manager); revisore is the Auditor."""
import xmlrpc.client

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .test_courses import RefusalMixin

TIMESHEET_GROUPS = ("hr_timesheet.group_hr_timesheet_user", "hr_timesheet.group_hr_timesheet_approver",
                    "hr_timesheet.group_timesheet_manager", "project.group_project_manager")
RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


class DemoUsersMixin:
    @classmethod
    def setup_demo_users(cls):
        ref = cls.env.ref
        cls.trainer = ref("fami_partners.demo_user_formatore")
        cls.mediator = ref("fami_partners.demo_user_mediatore")
        cls.staff = ref("fami_partners.demo_user_amministrativo")
        cls.manager = ref("fami_partners.demo_user_responsabile")
        cls.auditor = ref("fami_partners.demo_user_revisore")
        cls.cidis = ref("fami_partners.demo_partner_cidis")
        cls.frontiera = ref("fami_partners.demo_partner_frontiera_lavoro")
        cls.project = ref("fami_partners.demo_project_umbria2")
        # taken in charge by CIDIS and by CSC, neither reached yet
        cls.cidis_person = ref("fami_beneficiaries.demo_beneficiary_13")
        cls.csc_person = ref("fami_beneficiaries.demo_beneficiary_19")

    @classmethod
    def trainers_course(cls):
        """A course for beneficiaries that the demo trainer teaches, of the trainer's own organisation."""
        return cls.env["fami.course"].create({
            "name": "Italiano A1 (Frontiera Lavoro)", "kind": "italian", "project_id": cls.project.id,
            "organisation_id": cls.frontiera.id, "trainer_ids": [(6, 0, cls.trainer.ids)]})


@tagged("post_install", "-at_install")
class TestOrganisationRules(DemoUsersMixin, RefusalMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_demo_users()

    def refused(self):
        """AccessError from a record rule (Odoo's message names the operation refused)."""
        return self.assertRefused(AccessError, r"doesn't have '\w+' access")

    # ------------------------------------------------------------ events, services, research, venues

    def test_a_trainer_neither_sees_nor_changes_another_organisations_events(self):
        cidis_event = self.env.ref("fami_activities.demo_event_2")
        tamat_draft = self.env.ref("fami_activities.demo_event_3")
        events = self.env["fami.event"].with_user(self.trainer)
        self.assertFalse(events.search([("id", "in", (cidis_event | tamat_draft).ids)]))
        with mute_logger(*RULE_LOGGERS):
            with self.refused():
                cidis_event.with_user(self.trainer).read(["name"])
            with self.refused():
                tamat_draft.with_user(self.trainer).write({"place": "Altrove"})
            with self.refused():
                tamat_draft.with_user(self.trainer).workflow_fire("submit")
            with self.refused():
                events.create({"name": "Festa altrui", "project_id": self.project.id,
                               "organisation_id": self.cidis.id, "date_start": "2026-09-01 15:00:00",
                               "date_stop": "2026-09-01 18:00:00"})
        self.assertEqual(tamat_draft.workflow_state_code, "draft")
        # an event of the trainer's own organisation (the default organiser) is created and submitted
        own = events.create({"name": "Festa di Frontiera Lavoro", "project_id": self.project.id,
                             "date_start": "2026-09-01 15:00:00", "date_stop": "2026-09-01 18:00:00"})
        self.assertEqual(own.organisation_id, self.frontiera)
        own.workflow_fire("submit")
        self.assertEqual(own.workflow_state_code, "submitted")
        for user in (self.manager, self.auditor):
            self.assertEqual(self.env["fami.event"].with_user(user).search([("id", "in", (cidis_event | own).ids)]),
                             cidis_event | own)

    def test_staff_change_only_their_organisations_services_research_and_venues(self):
        ref = self.env.ref
        theirs = {"fami.service": ref("fami_activities.demo_service_3"),  # Tamat
                  "fami.research": ref("fami_activities.demo_research_3"),  # Frontiera Lavoro
                  "fami.venue": ref("fami_activities.venue_perugia")}  # ANCI Umbria
        mine = {"fami.service": ref("fami_activities.demo_service_2"),  # all three CIDIS
                "fami.research": ref("fami_activities.demo_research_1"),
                "fami.venue": ref("fami_activities.venue_terni")}
        for model, record in theirs.items():
            with self.subTest(model=model), mute_logger(*RULE_LOGGERS):
                as_staff = self.env[model].with_user(self.staff)
                if model != "fami.venue":  # venues are booked by everyone: every user reads them
                    self.assertFalse(as_staff.search([("id", "=", record.id)]))
                    with self.refused():
                        record.with_user(self.staff).read(["name"])
                else:
                    self.assertEqual(as_staff.search([("id", "=", record.id)]), record)
                with self.refused():
                    record.with_user(self.staff).write({"name": record.name})
                with self.refused():
                    as_staff.create({"name": "Altrui", "project_id": self.project.id, "organisation_id":
                                     record.organisation_id.id} if model != "fami.venue" else
                                    {"name": "Aula altrui", "organisation_id": record.organisation_id.id})
                mine[model].with_user(self.staff).check_access("write")
                for user in (self.manager, self.auditor):
                    record.with_user(user).check_access("read")

    def test_a_service_is_approved_by_someone_other_than_who_submitted_it(self):
        service = self.env["fami.service"].with_user(self.staff).create({
            "name": "Sportello OSS Orvieto", "kind": "oss", "project_id": self.project.id})
        self.assertEqual(service.organisation_id, self.cidis)
        service.workflow_fire("submit")
        with mute_logger(*RULE_LOGGERS), self.assertRefused(AccessError, "not allowed to Approve"):
            service.workflow_fire("approve")  # administrative staff submit, managers approve
        self.assertEqual(service.workflow_state_code, "submitted")
        service.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(service.workflow_state_code, "approved")

        by_manager = self.env["fami.service"].with_user(self.manager).create({
            "name": "Servizio per vittime di tratta", "kind": "vulnerable", "project_id": self.project.id,
            "organisation_id": self.cidis.id})
        by_manager.workflow_fire("submit")
        with self.assertRefused(UserError, "yourself, so you cannot also do “Approve”"):
            by_manager.workflow_fire("approve")
        other_manager = new_test_user(self.env, "act_second_manager", groups="fami_partners.group_fami_manager")
        by_manager.with_user(other_manager).workflow_fire("approve")
        self.assertEqual(by_manager.workflow_state_code, "approved")

    # ------------------------------------------------------------ people named by id

    def test_a_trainer_cannot_enrol_a_person_they_may_not_read(self):
        course = self.trainers_course().with_user(self.trainer)
        enrolments = self.env["fami.course.enrolment"].with_user(self.trainer)
        pattern = rf"Beneficiary: you may not read the beneficiary with id {self.cidis_person.id}"
        with self.assertRefused(AccessError, pattern):
            enrolments.create({"course_id": course.id, "beneficiary_id": self.cidis_person.id})
        with self.assertRefused(AccessError, pattern):
            course.write({"enrolment_ids": [(0, 0, {"beneficiary_id": self.cidis_person.id})]})
        self.assertFalse(course.enrolment_ids)
        self.assertFalse(self.env["fami.beneficiary"].with_user(self.trainer).search(
            [("id", "=", self.cidis_person.id)]), "the trainer still cannot read the person")
        self.assertFalse(self.cidis_person.is_reached)
        # a manager, who reads the person, enrols them; the trainer then reads them (trainers' rule)
        self.env["fami.course.enrolment"].with_user(self.manager).create(
            {"course_id": course.id, "beneficiary_id": self.cidis_person.id})
        self.assertEqual(self.env["fami.beneficiary"].with_user(self.trainer).search(
            [("id", "=", self.cidis_person.id)]), self.cidis_person)

    def test_people_of_another_organisation_cannot_be_named_on_accesses_events_or_hours(self):
        with self.assertRefused(AccessError, f"with id {self.csc_person.id}"):
            self.env["fami.service.access"].with_user(self.staff).create({
                "service_id": self.env.ref("fami_activities.demo_service_1").id,
                "beneficiary_id": self.csc_person.id, "operator_id": self.staff.id})
        access = self.env["fami.service.access"].with_user(self.staff).create({
            "service_id": self.env.ref("fami_activities.demo_service_1").id, "beneficiary_id": self.cidis_person.id})
        with self.assertRefused(AccessError, f"with id {self.csc_person.id}"):
            access.write({"beneficiary_id": self.csc_person.id})
        with self.assertRefused(AccessError, f"Named CPT participants: you may not read .* id {self.cidis_person.id}"):
            self.env["fami.event"].with_user(self.trainer).create({
                "name": "Cena", "project_id": self.project.id, "date_start": "2026-09-01 18:00:00",
                "date_stop": "2026-09-01 21:00:00", "participants_cpt": 1,
                "beneficiary_ids": [(6, 0, self.cidis_person.ids)]})
        line = self.env.ref("fami_activities.demo_mediation_10").with_user(self.mediator)
        with self.assertRefused(AccessError, f"with id {self.csc_person.id}"):
            line.write({"fami_beneficiary_ids": [(4, self.csc_person.id)]})
        line.write({"fami_beneficiary_ids": [(4, self.cidis_person.id)]})
        self.assertEqual(line.fami_beneficiary_ids, self.cidis_person)

    # ------------------------------------------------------------ mediation hours (timesheets)

    def test_timesheet_groups_do_not_open_another_organisations_mediation_hours(self):
        cidis_hours = self.env.ref("fami_activities.demo_mediation_09") | self.env.ref(
            "fami_activities.demo_mediation_10")
        draft = self.env.ref("fami_activities.demo_mediation_10")
        self.assertEqual(draft.workflow_state_code, "draft")
        # a mediator of another organisation holding every Odoo timesheet and project group, administrators included
        outsider = new_test_user(self.env, "act_mediator_frontiera", groups=",".join(
            ("fami_partners.group_fami_mediator", *TIMESHEET_GROUPS)))
        self.env.ref("fami_partners.demo_link_frontiera_lavoro").user_ids = [(4, outsider.id)]
        self.trainer.groups_id = [(4, self.env.ref(group).id) for group in TIMESHEET_GROUPS]
        for user in (outsider, self.trainer):
            with self.subTest(user=user.login), mute_logger(*RULE_LOGGERS):
                lines = self.env["account.analytic.line"].with_user(user)
                self.assertFalse(lines.search([("id", "in", cidis_hours.ids)]))
                seen = {row["id"] for row in lines.search_read([("fami_project_id", "!=", False)], ["id"])}
                self.assertFalse(seen & set(cidis_hours.ids))
                with self.refused():
                    draft.with_user(user).read(["unit_amount"])
                with self.refused():
                    draft.with_user(user).write({"unit_amount": 4.0})
        with mute_logger(*RULE_LOGGERS), self.refused():
            draft.with_user(outsider).workflow_fire("submit")  # a mediator may submit, but not another's hours
        self.assertEqual((draft.workflow_state_code, draft.unit_amount), ("draft", 2.0))
        for user in (self.manager, self.auditor):
            self.assertEqual(self.env["account.analytic.line"].with_user(user).search(
                [("id", "in", cidis_hours.ids)]), cidis_hours)

    def test_a_mediator_sees_and_changes_their_own_organisations_hours(self):
        colleague = new_test_user(self.env, "act_mediator_cidis", groups="fami_partners.group_fami_mediator")
        self.env.ref("fami_partners.demo_link_cidis").user_ids = [(4, colleague.id)]
        employee = self.env["hr.employee"].create({"name": "Collega CIDIS", "user_id": colleague.id})
        line = self.env["account.analytic.line"].with_user(colleague).create({
            "name": "Mediazione in Questura", "fami_is_mediation": True, "fami_project_id": self.project.id,
            "project_id": self.project._get_timesheet_project().id, "employee_id": employee.id,
            "date": "2026-03-20", "unit_amount": 2.0, "fami_time_start": 9.0, "fami_time_end": 11.0,
            "fami_service_kind": "prefettura"})
        as_mediator = self.env["account.analytic.line"].with_user(self.mediator)
        self.assertEqual(as_mediator.search([("id", "=", line.id)]), line)
        line.with_user(self.mediator).write({"fami_languages": "arabo"})
        line.with_user(self.mediator).workflow_fire("submit")
        self.assertEqual(line.workflow_state_code, "submitted")
        # the trainer of another organisation, even with Odoo's timesheet user group, does not see it
        self.trainer.groups_id = [(4, self.env.ref("hr_timesheet.group_hr_timesheet_user").id)]
        self.assertFalse(self.env["account.analytic.line"].with_user(self.trainer).search([("id", "=", line.id)]))


@tagged("post_install", "-at_install")
class TestOrganisationRulesOverRpc(DemoUsersMixin, HttpCase):
    """The same holes, tried as a client would: XML-RPC with the demo users' logins."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_demo_users()
        cls.course = cls.trainers_course()

    def rpc(self, login, model, method, *args, **kwargs):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        self.assertTrue(uid, f"demo user {login} cannot log in")
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, login, model, method, list(args), kwargs)

    def test_trainer_over_xmlrpc(self):
        event = self.env.ref("fami_activities.demo_event_2")  # CIDIS
        with mute_logger(*RULE_LOGGERS, "odoo.http"), self.assertRaises(xmlrpc.client.Fault):
            self.rpc("formatore", "fami.event", "write", [event.id], {"name": "Rinominato"})
        self.assertEqual(self.rpc("formatore", "fami.event", "search", [("id", "=", event.id)]), [])
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as refused:
            self.rpc("formatore", "fami.course.enrolment", "create",
                     {"course_id": self.course.id, "beneficiary_id": self.cidis_person.id})
        self.assertIn(f"you may not read the beneficiary with id {self.cidis_person.id}", refused.exception.faultString)
        self.env.invalidate_all()
        self.assertEqual(event.name, "Torneo di calcio interculturale")
        self.assertFalse(self.course.enrolment_ids)

    def test_mediation_hours_over_xmlrpc(self):
        self.trainer.groups_id = [(4, self.env.ref(group).id) for group in TIMESHEET_GROUPS]
        cidis_hours = self.env["account.analytic.line"].search([
            ("fami_project_id", "!=", False), ("employee_id.user_id", "=", self.mediator.id)])
        self.assertTrue(cidis_hours)
        seen = self.rpc("formatore", "account.analytic.line", "search_read", [("fami_project_id", "!=", False)],
                        fields=["id"])
        self.assertFalse({row["id"] for row in seen} & set(cidis_hours.ids))
        mine = self.rpc("mediatore", "account.analytic.line", "search", [("id", "in", cidis_hours.ids)])
        self.assertEqual(sorted(mine), sorted(cidis_hours.ids))
