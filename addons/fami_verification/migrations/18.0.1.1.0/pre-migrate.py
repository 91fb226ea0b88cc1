"""Samples drawn before 18.0.1.1.0 were recorded as text only: the text moves to sample_record_text, which the
(now computed) sample record shows for them, so no drawn sample loses its record on upgrade."""
from odoo.tools.sql import column_exists, rename_column


def migrate(cr, version):
    if column_exists(cr, "fami_verification", "sample_record") \
            and not column_exists(cr, "fami_verification", "sample_record_text"):
        rename_column(cr, "fami_verification", "sample_record", "sample_record_text")
