from . import fami_cost_category
from . import fami_project_partner
from . import fami_budget
from . import fami_budget_line
from . import fami_expense
from . import fami_staff_rate
from . import fami_staff_cost
from . import fami_payment_request
