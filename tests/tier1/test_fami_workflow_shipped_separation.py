"""Tier 1: reading the separation of duties (four eyes) that the addons ship, as their migration scripts do."""
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PATH = ROOT / "addons" / "fami_workflow" / "lib" / "shipped_separation.py"
spec = importlib.util.spec_from_file_location("fami_workflow_shipped_separation", PATH)
ss = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ss)

SAMPLE = """<?xml version="1.0" encoding="UTF-8" ?>
<odoo noupdate="1">
    <record id="tr_submit" model="fami.workflow.transition"><field name="code">submit</field></record>
    <record id="tr_approve" model="fami.workflow.transition">
        <field name="separate_from_ids" eval="[(6, 0, [ref('tr_submit'), ref( &quot;other.tr_check&quot; )])]"/>
    </record>
    <record id="not_a_transition" model="res.partner">
        <field name="separate_from_ids" eval="[(6, 0, [ref('tr_submit')])]"/>
    </record>
    <record id="tr_cleared" model="fami.workflow.transition">
        <field name="separate_from_ids" eval="[(5, 0, 0)]"/>
    </record>
</odoo>
"""


def test_the_separation_of_a_transition_with_its_addon_name():
    assert ss.separations_in_xml(SAMPLE, "fami_x") == {"fami_x.tr_approve": ("fami_x.tr_submit", "other.tr_check")}
    assert ss.separations_in_xml(SAMPLE.encode(), "fami_x") == ss.separations_in_xml(SAMPLE, "fami_x")


def test_every_shipped_separation_is_read():
    """Each `separate_from_ids` in a shipped data file is read, so no migration script misses one."""
    found = {}
    for path in sorted(ROOT.glob("addons/*/data/*.xml")) + sorted(ROOT.glob("addons/*/demo/*.xml")):
        text = path.read_text(encoding="utf-8")
        read = ss.separations_in_xml(text, path.parts[-3])
        assert len(read) == len(re.findall(r'name="separate_from_ids"', text)), path
        found.update(read)
    assert found["fami_reporting.workflow_expense_tr_check_submitted"] == (
        "fami_reporting.workflow_expense_tr_submit_draft",)
    assert found["fami_activities.workflow_session_tr_approve_submitted"] == (
        "fami_activities.workflow_session_tr_submit_draft",)


def test_each_addon_shipping_a_separation_has_its_migration_script():
    for manifest in ROOT.glob("addons/*/__manifest__.py"):
        addon = manifest.parent
        files = list(addon.glob("data/*.xml")) + list(addon.glob("demo/*.xml"))
        if any(ss.separations_in_xml(path.read_bytes(), addon.name) for path in files):
            version = re.search(r'"version": "([^"]+)"', manifest.read_text(encoding="utf-8")).group(1)
            assert version >= "18.0.1.1.0", addon.name
            script = addon / "migrations" / "18.0.1.1.0" / "post-migrate.py"
            assert f'restore_shipped_separation(api.Environment(cr, SUPERUSER_ID, {{}}), "{addon.name}")' in (
                script.read_text(encoding="utf-8")), addon.name
