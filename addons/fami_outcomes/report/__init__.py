from . import fami_certificate_report
