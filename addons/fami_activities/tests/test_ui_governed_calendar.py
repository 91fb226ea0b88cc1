from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.fami_workflow.lib.ui_governance import UI_FIELDS
from odoo.addons.fami_workflow.tests.ui_governed_common import UiGovernedCase


@tagged("post_install", "-at_install")
class TestCalendarEventsGovernedFromTheUi(UiGovernedCase):
    """Public events of Odoo's Calendar app need the manager's go-ahead: a workflow designer (no administrator) puts
    calendar.event under a workflow in the form of Settings > FAMI > Workflows, with no code; an approved event is
    locked with its files and chatter; a private meeting stays free."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        shipped = cls.env.ref("fami_activities.demo_workflow_public_event", raise_if_not_found=False)
        if shipped:  # the demo's workflow on events: this test designs its own
            shipped.with_user(cls.designer).action_archive()
        cls.organiser = new_test_user(cls.env, login="ui_organiser", groups="fami_partners.group_fami_user")
        cls.manager = new_test_user(cls.env, login="ui_event_manager", groups="fami_partners.group_fami_manager")
        cls.admin = cls.env.ref("base.user_admin")
        cls.workflow = cls.design_in_the_form(
            "calendar.event", "Events open to the public", "[('privacy', '=', 'public')]",
            states=[
                {"code": "draft", "name": "Draft", "sequence": 1, "is_initial": True},
                {"code": "submitted", "name": "Waiting for the go-ahead", "sequence": 2},
                {"code": "approved", "name": "Approved", "sequence": 3, "is_final": True, "locked": True},
            ],
            transitions=[
                {"code": "submit", "name": "Ask for the go-ahead", "state_from_id": "draft",
                 "state_to_id": "submitted", "required_field_ids": ["location"], "notify": True},
                {"code": "approve", "name": "Give the go-ahead", "state_from_id": "submitted",
                 "state_to_id": "approved", "group_ids": [cls.env.ref("fami_partners.group_fami_manager")]},
                {"code": "reject", "name": "Send back", "state_from_id": "submitted", "state_to_id": "draft",
                 "group_ids": [cls.env.ref("fami_partners.group_fami_manager")], "comment_required": True},
            ])

    def event(self, name="Open day", privacy="public", **values):
        start = datetime(2027, 3, 10, 9)
        return self.env["calendar.event"].with_user(self.organiser).create(dict({
            "name": name, "privacy": privacy, "start": start, "stop": start + timedelta(hours=3)}, **values))

    def approve(self, event):
        event.workflow_fire("submit")
        event.with_user(self.manager).workflow_fire("approve")

    def test_an_event_needs_the_go_ahead_and_a_private_meeting_stays_free(self):
        with Form(self.env["calendar.event"].with_user(self.organiser)) as form:  # created in the form
            form.name = "Presentation to the network"
            form.privacy = "public"
            form.start = datetime(2027, 3, 12, 15)
            form.stop = datetime(2027, 3, 12, 17)
        event = form.record
        self.assertEqual(self.state_code(event), "draft")
        with self.assertRaisesRegex(UserError, "Fill in Location before Ask for the go-ahead"):
            event.workflow_fire("submit")
        event.location = "Palazzo Donini"
        event.workflow_fire("submit")
        # the manager is asked with an approval activity, although events have no activities of their own
        activities = self.env["mail.activity"].search([("res_model", "=", "calendar.event"),
                                                       ("res_id", "=", event.id)])
        self.assertIn(self.manager, activities.user_id)
        self.assertEqual(set(activities.activity_type_id.ids),
                         {self.env.ref("fami_workflow.mail_activity_type_workflow_approval").id})
        with self.assertRaises(AccessError):
            event.workflow_fire("approve")
        event.with_user(self.manager).workflow_fire("approve")
        self.assertEqual(self.state_code(event), "approved")
        self.assertFalse(activities.exists(), "the go-ahead closed the activity")
        logs = self.env["fami.workflow.log"].with_user(self.organiser).search(
            [("res_model", "=", "calendar.event"), ("res_id", "=", event.id)], order="id")
        self.assertEqual(logs.mapped("transition_name"), ["Ask for the go-ahead", "Give the go-ahead"])
        self.assertEqual(logs.mapped("user_id"), self.organiser | self.manager)
        # a private meeting is no business of the workflow
        meeting = self.event("Team meeting", privacy="private")
        self.assertFalse(self.state_code(meeting))
        meeting.write({"name": "Team meeting (moved)", "start": datetime(2027, 3, 11, 9),
                       "stop": datetime(2027, 3, 11, 10)})
        meeting.unlink()

    @mute_logger("odoo.models.unlink")
    def test_an_approved_event_is_locked_on_every_path(self):
        event = self.event(location="Sala dei Notari")
        self.approve(event)
        self.assert_locked_on_every_path(event, {"name": "Renamed", "location": "Elsewhere"},
                                         self.organiser | self.admin)
        with self.assertRaisesRegex(UserError, "Open day is Approved: it is locked"):
            event.with_user(self.admin).write({"start": datetime(2027, 4, 1, 9), "stop": datetime(2027, 4, 1, 12)})
        with self.assertRaisesRegex(UserError, "only through the workflow buttons"):
            event.with_user(self.admin).write({UI_FIELDS.state: self.workflow.state_ids[0].id})

    def test_the_files_and_chatter_of_an_approved_event_are_frozen(self):
        event = self.event(location="Sala dei Notari")
        invoice, note = self.add_file_and_note(event, self.organiser)
        self.approve(event)
        self.assert_files_and_messages_frozen(event, invoice, note, self.organiser | self.admin)

    def test_the_form_shows_the_status_bar_and_buttons_until_the_workflow_is_archived(self):
        self.assert_form_shows_the_workflow(self.organiser, "calendar.event", ["submit", "approve", "reject"])
        event = self.event(location="Sala dei Notari")
        self.approve(event)
        self.workflow.with_user(self.designer).action_archive()
        form = self.form_arch(self.organiser, "calendar.event")
        self.assertFalse(form.xpath("//button[@name='action_workflow_fire']"))
        event.with_user(self.organiser).write({"name": "Open day (moved)"})  # Odoo's rules again
        self.assertEqual(self.state_code(event), "approved")
        self.assertEqual(len(self.env["fami.workflow.log"].with_user(self.organiser).search(
            [("res_model", "=", "calendar.event"), ("res_id", "=", event.id)])), 2)
