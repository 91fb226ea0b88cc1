import base64
import io

import openpyxl
import pytz

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger

RULE_LOGGERS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
DEMO_LOGINS = ("responsabile", "amministrativo", "formatore", "mediatore", "revisore")
ROME = pytz.timezone("Europe/Rome")


class MonitoringCase(TransactionCase):
    """The demo UMBRIA 2 project with its two demo returns (the first quarter sent, the second in draft) and the
    demo users: responsabile is a manager of the lead partner Regione Umbria, amministrativo and mediatore work for
    C.i.d.i.s., formatore for Frontiera Lavoro, revisore is the auditor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("it_IT")
        ref = cls.env.ref
        cls.project = ref("fami_partners.demo_project_umbria2")
        cls.users = {login: ref(f"fami_partners.demo_user_{login}") for login in DEMO_LOGINS}
        cls.manager, cls.clerk, cls.trainer = (cls.users[login] for login in ("responsabile", "amministrativo",
                                                                              "formatore"))
        cls.mediator, cls.auditor = cls.users["mediatore"], cls.users["revisore"]
        cls.lead = ref("fami_partners.demo_partner_regione_umbria")
        # the lead partner's administrative staff, who prepare its returns (the demo has none)
        cls.lead_clerk = new_test_user(cls.env, "mon_lead_clerk", groups="fami_partners.group_fami_admin_staff",
                                       name="Paola Lead")
        ref("fami_partners.demo_link_regione_umbria").user_ids = [Command.link(cls.lead_clerk.id)]
        reports = cls.env["fami.monitoring.report"].search([("project_id", "=", cls.project.id)], order="date_from")
        cls.q1, cls.q2, cls.q3 = reports[:3]

    # ------------------------------------------------------------ helpers

    def assert_refused(self, function, text=None, exception=UserError):
        """`function` is refused (UserError, or its subclass AccessError) and rolled back; `text` in the message."""
        with self.assertRaises(exception) as caught, mute_logger(*RULE_LOGGERS, "odoo.models.unlink"), \
                self.env.cr.savepoint():
            function()
        if text:
            self.assertIn(text, str(caught.exception))
        return caught.exception

    def people_reached(self, date_from, date_to):
        """The ids of the people with an approved participation of the project between the two days (None: open),
        counted from the source records, without the participation view the returns use."""
        env, project = self.env, self.project
        people = set()

        def inside(day):
            return (not date_from or day >= date_from) and day <= date_to

        lines = env["fami.attendance"].search([("session_id.project_id", "=", project.id), ("status", "=", "present"),
                                               ("session_id.workflow_state_code", "=", "approved"),
                                               ("enrolment_id.beneficiary_id", "!=", False)])
        people |= {line.enrolment_id.beneficiary_id.id for line in lines
                   if inside(pytz.utc.localize(line.session_id.start).astimezone(ROME).date())}
        accesses = env["fami.service.access"].search([("project_id", "=", project.id),
                                                      ("workflow_state_code", "=", "approved")])
        people |= {access.beneficiary_id.id for access in accesses if inside(access.date)}
        events = env["fami.event"].search([("project_id", "=", project.id), ("workflow_state_code", "=", "approved")])
        people |= {person.id for event in events
                   if inside(pytz.utc.localize(event.date_start).astimezone(ROME).date())
                   for person in event.beneficiary_ids}
        hours = env["account.analytic.line"].search([("fami_project_id", "=", project.id),
                                                     ("workflow_state_code", "=", "approved")])
        people |= {person.id for line in hours if inside(line.date) for person in line.fami_beneficiary_ids}
        return people

    def line(self, report, dimension, label=None, key=None):
        lines = report.participant_line_ids.filtered(
            lambda ln: ln.dimension == dimension and (label is None or ln.label == label)
            and (key is None or ln.key == str(key)))
        self.assertEqual(len(lines), 1, f"{dimension} {label or key}")
        return lines

    def workbook(self, content, data_only=False):
        return openpyxl.load_workbook(io.BytesIO(content), data_only=data_only)

    def version_workbook(self, report, field="xlsx_file"):
        return self.workbook(base64.b64decode(report.version_ids[:1][field]))

    def today(self):
        return fields.Date.context_today(self.env.user)
