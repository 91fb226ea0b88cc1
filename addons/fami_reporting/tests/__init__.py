from . import test_reporting
from . import test_expense_certificate
