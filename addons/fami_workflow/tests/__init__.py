from . import test_workflow_engine
from . import test_definitions
from . import test_designer_ui
from . import test_definition_xml
from . import test_workflow_contract
from . import test_input_guard
from . import test_frozen_records
from . import test_ui_governed_partner
