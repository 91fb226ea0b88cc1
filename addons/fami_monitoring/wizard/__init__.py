from . import fami_eu_indicator_export
