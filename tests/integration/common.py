"""Base class for cross-addon tests, run by pytest-odoo on a database where the whole suite is installed."""
from odoo.tests import TransactionCase


class IntegrationCase(TransactionCase):
    # Odoo tags test classes by their addon; these live outside any addon, so they say it themselves.
    test_tags = {"standard", "post_install", "fami_integration"}
    test_module = "fami_integration"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.test_class = cls.__name__
