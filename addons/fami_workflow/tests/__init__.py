from . import test_workflow_engine
from . import test_definitions
from . import test_designer_ui
