from . import fami_session_series_wizard
from . import fami_session_import
