from . import test_verification
from . import test_staff_time
from . import test_traceability
from . import test_dashboard_queues
