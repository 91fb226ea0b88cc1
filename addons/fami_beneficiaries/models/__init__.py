from . import fami_target_group
from . import fami_permit_type
from . import fami_beneficiary
from . import fami_beneficiary_access_log
from . import fami_document
from . import fami_document_expiry
