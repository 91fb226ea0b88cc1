import re
from contextlib import contextmanager
from datetime import datetime, timedelta

from odoo.tests import TransactionCase

RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


class OutcomesCase(TransactionCase):
    """A project of its own with two partner organisations, the demo users, and helpers to build courses whose
    attendance registers are approved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.trainer = ref("fami_partners.demo_user_formatore")
        cls.mediator = ref("fami_partners.demo_user_mediatore")
        cls.staff = ref("fami_partners.demo_user_amministrativo")
        cls.manager = ref("fami_partners.demo_user_responsabile")
        cls.auditor = ref("fami_partners.demo_user_revisore")
        cls.cidis = ref("fami_partners.demo_partner_cidis")
        cls.frontiera = ref("fami_partners.demo_partner_frontiera_lavoro")
        cls.csc = ref("fami_partners.demo_partner_csc")
        cls.demo_project = ref("fami_partners.demo_project_umbria2")
        cls.venue = cls.env["fami.venue"].create({"name": "Aula degli esiti", "seats": 40})

    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaisesRegex inside Odoo's savepoint (plain assertRaisesRegex would keep the refused record)."""
        with self.assertRaises(exception) as catcher:
            yield
        self.assertRegex(str(catcher.exception), pattern)

    @classmethod
    def _course(cls, project, organisation, name, kind="operators", **values):
        return cls.env["fami.course"].create(dict({
            "name": name, "kind": kind, "project_id": project.id, "organisation_id": organisation.id,
            "trainer_ids": [(6, 0, cls.trainer.ids)], "min_attendance": 70.0}, **values))

    @classmethod
    def _session(cls, course, start, hours=2.0):
        """A session taught by the demo trainer in the test's room (a register is submitted with both)."""
        return cls.env["fami.course.session"].create({
            "course_id": course.id, "start": start, "stop": start + timedelta(hours=hours),
            "trainer_id": cls.trainer.id, "venue_id": cls.venue.id})

    @classmethod
    def _register(cls, session, present, approve=True):
        """The session's register with `present` (enrolments) present and the others absent; approved unless told."""
        session.action_fill_register()
        for line in session.attendance_ids:
            line.status = "present" if line.enrolment_id in present else "absent"
        if approve:
            session.workflow_fire("submit")
            session.workflow_fire("approve")
        return session

    @classmethod
    def _beneficiary(cls, project, organisation, first_name, **values):
        return cls.env["fami.beneficiary"].create(dict({
            "first_name": first_name, "last_name": "Prova", "gender": "female", "country_id": cls.env.ref("base.ma").id,
            "project_id": project.id, "organisation_id": organisation.id, "privacy_notice_date": "2026-01-10",
            "privacy_notice_kind": "art13"}, **values))

    @staticmethod
    def _text_of(html, css_class):
        """The texts of the elements of `html` carrying `css_class`."""
        return re.findall(rf'class="[^"]*\b{css_class}\b[^"]*">([^<]*)<', html)


def at(day, hour=9):
    """A naive UTC datetime, as Odoo stores them."""
    return datetime.fromisoformat(day).replace(hour=hour)
