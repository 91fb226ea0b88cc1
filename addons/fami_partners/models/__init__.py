from . import fami_project
from . import fami_project_partner
