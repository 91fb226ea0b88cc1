"""18.0.1.1.0: the shipped workflows keep whoever sends a document apart from whoever checks and approves it (four
eyes). Their data is noupdate, so an upgraded database gets the separation here, where it has none yet."""
from odoo import SUPERUSER_ID, api

from odoo.addons.fami_workflow.upgrade import restore_shipped_separation


def migrate(cr, version):
    restore_shipped_separation(api.Environment(cr, SUPERUSER_ID, {}), "fami_outcomes")
