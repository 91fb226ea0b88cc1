from . import test_certificates
from . import test_communication
from . import test_governance
from . import test_outcomes
from . import test_separation_of_duties
