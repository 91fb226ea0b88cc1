from . import base
from . import fami_workflow_definition_part
from . import fami_workflow
from . import fami_workflow_state
from . import fami_workflow_transition
from . import fami_workflow_approval
from . import fami_workflow_log
from . import fami_workflow_mixin
