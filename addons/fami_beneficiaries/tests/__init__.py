from . import test_beneficiary
from . import test_document_permits
