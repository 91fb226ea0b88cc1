from . import fami_beneficiary_import
from . import fami_beneficiary_merge
