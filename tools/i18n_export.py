#!/usr/bin/env python3
"""Refresh the translation templates of some addons from a database where the whole suite runs the current code,
and merge each into the addon's it.po (existing Italian kept, new strings added empty, stale ones dropped).

    python3 tools/i18n_export.py fami_activities fami_reporting        # database fami_i18n, created if missing
    python3 tools/i18n_export.py --database fami_i18n_me fami_workflow

The empty msgstr it leaves are listed: translate them in it.po (tier 1 fails while one is empty).
"""
import argparse
import subprocess
import sys

import devctl


def export_template(pg, database, addon):
    template = devctl.ADDONS / addon / "i18n" / f"{addon}.pot"
    template.parent.mkdir(exist_ok=True)
    subprocess.run(devctl.odoo_command("odoo-test.conf", pg, "-d", database, "--log-level", "warn",
                                       f"--i18n-export={template}", f"--modules={addon}"), check=True)
    return template


def merge_into_italian(template_path):
    """Return the msgids of the template that it.po has no Italian for yet."""
    import polib  # noqa: PLC0415 - a requirement of the project's environment, which __main__ enters first

    italian_path = template_path.parent / "it.po"
    template = polib.pofile(str(template_path))
    known = {}
    if italian_path.exists():
        known = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in polib.pofile(str(italian_path))
                 if not entry.obsolete}
    italian = polib.POFile()
    italian.metadata = dict(template.metadata, Language="it", **{"Plural-Forms": "nplurals=2; plural=(n != 1);"})
    for entry in template:
        italian.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid,
                                     msgstr=known.get((entry.msgctxt, entry.msgid), ""),
                                     occurrences=entry.occurrences, comment=entry.comment, tcomment=entry.tcomment,
                                     flags=entry.flags))
    italian.save(str(italian_path))
    return [entry.msgid for entry in italian if not entry.msgstr]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="fami_i18n", help="database with the suite (created if missing)")
    parser.add_argument("addons", nargs="+", choices=devctl.SUITE)
    args = parser.parse_args()
    if not devctl.ensure_odoo(install=False):
        print("[fami] Odoo 18 is not importable: templates are exported from a running suite.", file=sys.stderr)
        return 2
    pg = devctl.ensure_postgres()
    # -i on a new database, -u on an existing one: either way it runs the code of this checkout. A new one starts,
    # like the test databases, from the template of the Odoo modules the suite needs: the fields those modules add
    # to every chatter (ratings, SMS errors, website messages) then belong to the suite's models, as in the tests
    step = "-u" if devctl.database_exists(pg, args.database) else "-i"
    if step == "-i":
        devctl.create_with_dependencies(pg, args.database)
    subprocess.run(devctl.odoo_command("odoo-test.conf", pg, "-d", args.database, step, ",".join(devctl.SUITE),
                                       "--log-level", "warn", "--stop-after-init"), check=True)
    for addon in args.addons:
        untranslated = merge_into_italian(export_template(pg, args.database, addon))
        print(f"{addon}: template exported; {len(untranslated)} string(s) without Italian in it.po")
        for msgid in untranslated:
            print(f"  {msgid!r}")
    return 0


if __name__ == "__main__":
    devctl.enter_environment()
    sys.exit(main())
