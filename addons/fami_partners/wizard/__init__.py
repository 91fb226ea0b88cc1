from . import fami_project_template_wizard
