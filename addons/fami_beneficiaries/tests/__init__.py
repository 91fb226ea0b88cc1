from . import test_beneficiary
from . import test_document_permits
from . import test_personal_data_download
from . import test_special_categories
