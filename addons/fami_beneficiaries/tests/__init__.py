from . import test_beneficiary
