from . import fami_beneficiary_import
