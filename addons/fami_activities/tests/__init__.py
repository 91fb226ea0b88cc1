from . import test_courses
from . import test_indicators
from . import test_activities
from . import test_tours
from . import test_query_counts
from . import test_session_import
from . import test_organisation_rules
from . import test_approved_work
