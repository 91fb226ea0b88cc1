from common import IntegrationCase


class TestSuiteInstalled(IntegrationCase):
    def test_the_five_addons_are_installed(self):
        modules = self.env["ir.module.module"].search([("name", "=like", "fami\\_%"), ("state", "=", "installed")])
        self.assertEqual(sorted(modules.mapped("name")), ["fami_activities", "fami_beneficiaries", "fami_monitoring",
                                                          "fami_outcomes", "fami_partners", "fami_reporting",
                                                          "fami_workflow"])
