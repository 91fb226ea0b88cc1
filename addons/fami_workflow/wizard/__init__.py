from . import fami_workflow_comment_wizard
