import base64

from odoo.tests import tagged

from odoo.addons.fami_workflow.tests.shipped_common import ShippedWorkflowCase


@tagged("post_install", "-at_install")
class TestOutcomesSeparationOfDuties(ShippedWorkflowCase):
    """The outcomes' shipped workflows keep Approve apart from Submit: the manager who submits a communication
    product does not approve it, a colleague does; what the engine writes is Italian. As the demo users."""

    def test_who_submits_a_product_does_not_approve_it(self):
        colleague = self.colleague_of(self.manager, "responsabile_2")
        product = self.env["fami.communication"].with_user(self.manager).create({
            "name": "Pieghevole dei corsi", "project_id": self.project.id, "product_type": "leaflet",
            "date": "2026-09-01", "channel": "print", "audience": "cpt", "reach": 800, "reach_kind": "copies",
            "file": base64.b64encode(b"%PDF-1.4 pieghevole"), "filename": "pieghevole.pdf", "eu_emblem": True})
        self.assert_sender_cannot(product, "submit", "approve", self.manager, colleague)
        self.assertEqual(product.workflow_state_code, "approved")
        self.assert_italian(product, self.env.ref("fami_outcomes.workflow_communication"))
