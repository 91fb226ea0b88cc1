"""Odoo's own timesheet tests, run with the suite installed: mediation hours give every analytic line a chatter and
activities (fami_activities/models/account_analytic_line.py), which must leave Odoo's timesheets working as before."""
from odoo.tests import tagged

from odoo.addons.hr_timesheet.tests import test_timesheet


@tagged("post_install", "-at_install")
class TestOdooTimesheetsWithTheSuite(test_timesheet.TestTimesheet):
    # a subclass inherits its parent's test module and class: named here so that the suite's runs select it
    test_module = "fami_activities"
    test_class = "TestOdooTimesheetsWithTheSuite"
    allow_inherited_tests_method = True  # Odoo's loader runs only a class's own test methods otherwise
