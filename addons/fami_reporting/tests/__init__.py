from . import test_reporting
from . import test_expense_certificate
from . import test_tours
from . import test_organisation_rules
