from . import fami_beneficiary
