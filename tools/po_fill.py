#!/usr/bin/env python3
"""Write an addon's i18n/it.po from its .pot and a translation table (a Python file defining IT = {msgid: msgstr}).

    python3 tools/po_fill.py addons/fami_workflow addons/fami_workflow/i18n/it_terms.py

Entries of the .pot that the table lacks are listed and the file is not written, so it.po is never incomplete.
"""
import runpy
import sys
from pathlib import Path

import polib


def main(addon_dir, table_path):
    addon = Path(addon_dir)
    template = polib.pofile(str(addon / "i18n" / f"{addon.name}.pot"))
    table = runpy.run_path(table_path)["IT"]
    missing = [entry.msgid for entry in template if entry.msgid not in table]
    if missing:
        print(f"{len(missing)} untranslated:", *map(repr, missing), sep="\n  ")
        return 1
    italian = polib.POFile()
    italian.metadata = dict(template.metadata, Language="it", **{"Plural-Forms": "nplurals=2; plural=(n != 1);"})
    for entry in template:
        italian.append(polib.POEntry(msgid=entry.msgid, msgstr=table[entry.msgid], occurrences=entry.occurrences,
                                     comment=entry.comment, tcomment=entry.tcomment, flags=entry.flags))
    italian.save(str(addon / "i18n" / "it.po"))
    print(f"{addon.name}: {len(italian)} entries written to i18n/it.po")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
