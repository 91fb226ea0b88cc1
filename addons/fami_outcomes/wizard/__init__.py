from . import fami_certificate_reissue_wizard
from . import fami_network_activity
from . import fami_network_activity_line
