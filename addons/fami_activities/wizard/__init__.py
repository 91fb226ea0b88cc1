from . import fami_session_series_wizard
