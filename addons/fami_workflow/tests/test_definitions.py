from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestShippedDefinitions(TransactionCase):
    def test_every_installed_workflow_definition_is_consistent(self):
        """Data files load definitions record by record, unchecked: check them all once they are loaded."""
        workflows = self.env["fami.workflow"].search([])
        workflows._check_definition()
        for workflow in workflows:
            self.assertTrue(workflow.state_ids.filtered("is_initial"), workflow.name)
