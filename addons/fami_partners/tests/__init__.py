from . import test_identifiers
from . import test_indicator
from . import test_project_template
from . import test_access
from . import test_project_deadline
from . import test_project_workflow
from . import test_document
from . import test_organisation_rules
