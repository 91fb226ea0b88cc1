from datetime import datetime

from odoo.tests import tagged

from odoo.addons.fami_workflow.tests.shipped_common import ShippedWorkflowCase


@tagged("post_install", "-at_install")
class TestActivitiesSeparationOfDuties(ShippedWorkflowCase):
    """The activities' shipped workflows keep Approve apart from Submit: the manager who submits an event does not
    approve it, a colleague does; what the engine writes is Italian. As the demo users."""

    def test_who_submits_an_event_does_not_approve_it(self):
        colleague = self.colleague_of(self.manager, "responsabile_2")
        event = self.env["fami.event"].with_user(self.manager).create({
            "name": "Festa dei popoli", "project_id": self.project.id, "organisation_id": self.cidis.id,
            "kind": "cultural", "date_start": datetime(2026, 6, 20, 16), "date_stop": datetime(2026, 6, 20, 19),
            "participants_italian": 40, "participants_cpt": 25, "participants_women": 30})
        self.assert_sender_cannot(event, "submit", "approve", self.manager, colleague)
        self.assertEqual(event.workflow_state_code, "approved")
        self.assert_italian(event, self.env.ref("fami_activities.workflow_event"))

    def test_the_approval_is_asked_of_the_managers_of_the_records_organisation(self):
        """An event of CIDIS sent by its staff: the approval goes to a manager (the lead partner's, CIDIS having
        none), never to the generic admin, in Italian."""
        event = self.env["fami.event"].with_user(self.staff).create({
            "name": "Cena condivisa", "project_id": self.project.id, "organisation_id": self.cidis.id,
            "kind": "cultural", "date_start": datetime(2026, 6, 21, 19), "date_stop": datetime(2026, 6, 21, 22),
            "participants_italian": 10, "participants_cpt": 10})
        self.as_user(event, self.staff).workflow_fire("submit")
        activities = self.assert_italian(event, self.env.ref("fami_activities.workflow_event"))
        self.assertEqual(activities.user_id, self.manager)
        self.assertIn("attende una tua azione", activities.summary)
