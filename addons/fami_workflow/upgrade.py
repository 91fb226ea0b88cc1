"""Helpers for the migration scripts of the addons that ship workflows (addons/<addon>/migrations/<version>/).

Shipped workflows are `noupdate="1"` data, so `-u` keeps what an administrator changed in them but also misses what
the addon added to them later. Each migration script calls one helper here with its addon's name; the helper reads
what the addon's data files say (lib/shipped_separation.py) and fills only what the database still lacks.
"""
import logging

from odoo.modules.module import get_manifest
from odoo.tools.misc import file_open

from .lib.shipped_separation import TRANSITION_MODEL, separations_in_xml

_logger = logging.getLogger(__name__)


def shipped_separations(module):
    """{transition xmlid: earlier transition xmlids} set by the data and demo files of `module`."""
    manifest = get_manifest(module)
    separations = {}
    for path in manifest.get("data", []) + manifest.get("demo", []):
        if path.endswith(".xml"):
            with file_open(f"{module}/{path}", "rb") as data_file:
                separations.update(separations_in_xml(data_file.read(), module))
    return separations


def restore_shipped_separation(env, module, separations=None):
    """Set the separation of duties (`separate_from_ids`, four eyes) the addon ships on its transitions that do not
    have one yet. A transition whose separation an administrator set differently is left as it is, and so is one
    whose record (or an earlier transition it names) no longer exists. Returns the transitions it changed."""
    changed = env[TRANSITION_MODEL]
    for xmlid, earlier_xmlids in (shipped_separations(module) if separations is None else separations).items():
        transition = env.ref(xmlid, raise_if_not_found=False)
        if not transition or transition._name != TRANSITION_MODEL or transition.separate_from_ids:
            continue
        earlier = [env.ref(earlier_xmlid, raise_if_not_found=False) for earlier_xmlid in earlier_xmlids]
        if not all(earlier) or any(record._name != TRANSITION_MODEL for record in earlier):
            _logger.info("%s: separation of duties not restored, a transition it names is gone", xmlid)
            continue
        transition.separate_from_ids = [(6, 0, [record.id for record in earlier])]
        changed |= transition
    if changed:
        _logger.info("%s: separation of duties set on %s", module, ", ".join(changed.mapped("display_name")))
    return changed
