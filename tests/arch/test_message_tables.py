# SPDX-License-Identifier: MIT
"""Every message table: the library's (include/ws2fix/messages_*.def), the
command line's (src/cli/messages_cli.def) and the wizard's
(src/gui/messages_gui.def).

- each line is MSG(ID, "English", "Svenska") with both texts;
- a Swedish text equal to the English one is a missing translation, unless
  the message is listed in SAME_IN_BOTH (product and registry names);
- the Swedish text has the printf conversions of the English one, in the
  same order (translated formats are chosen at run time: the compiler
  cannot check them);
- every id is defined once, in one table.

Run by CTest as `python3 test_message_tables.py`.
"""
import glob
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "cli"))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

TABLES = {
    "library": sorted(glob.glob(os.path.join(ROOT, "include", "ws2fix", "messages_*.def"))),
    "cli": [os.path.join(ROOT, "src", "cli", "messages_cli.def")],
    "gui": [os.path.join(ROOT, "src", "gui", "messages_gui.def")],
}

# The same in English and Swedish on purpose: product names, registry value
# names and numbers, which Swedish Windows does not translate either.
SAME_IN_BOTH = {
    "MSG_SHOW_NEXT_ID",         # registry value names
    "MSG_SHOW_VERSION",         # "Version" is Swedish too
    "MSG_SHOW_VIEW_SUFFIX_32",  # " (32)"
    "MSG_DIAG_OS",              # "Windows"
    "MSG_EXPLAIN_OS_2000",      # "Windows 2000"
    "MSG_EXPLAIN_OS_VISTA",     # "Windows Vista, Windows Server 2008"
}

STR = r'"((?:[^"\\]|\\.)*)"'
ROW = re.compile(r'^MSG\(([A-Z0-9_]+),\s*' + STR + r',\s*' + STR + r'\)\s*$')
CONV = re.compile(r'%([-+ #0-9.*]*)((?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z%])')


def unescape(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def conversions(fmt):
    """Length modifier and conversion of each % (flags and width may differ)."""
    return [c for _, c in CONV.findall(fmt) if c != "%"]


def rows():
    for table, files in TABLES.items():
        for path in files:
            with open(path, encoding="utf-8") as f:
                for no, line in enumerate(f, 1):
                    if not line.startswith("MSG("):
                        continue
                    m = ROW.match(line.rstrip("\n"))
                    where = f"{os.path.relpath(path, ROOT)}:{no}"
                    if not m:
                        raise Failure(f"{where}: not MSG(ID, \"en\", \"sv\") on one line")
                    yield table, where, m.group(1), unescape(m.group(2)), unescape(m.group(3))


def test_tables_exist():
    for table, files in TABLES.items():
        if not files or not all(os.path.isfile(p) for p in files):
            raise Failure(f"the {table} message table is missing: {files}")


def test_both_languages():
    bad = []
    for _, where, mid, en, sv in rows():
        if not en:
            bad.append(f"{where}: {mid} has no English text")
        elif (not sv or sv == en) and mid not in SAME_IN_BOTH:
            bad.append(f"{where}: {mid} has no Swedish text (translate it, or list it in SAME_IN_BOTH)")
    if bad:
        raise Failure("; ".join(bad))


def test_same_in_both_is_current():
    seen = {mid: (en, sv) for _, _, mid, en, sv in rows()}
    for mid in sorted(SAME_IN_BOTH):
        if mid not in seen:
            raise Failure(f"{mid} in SAME_IN_BOTH is not a message")
        if seen[mid][0] != seen[mid][1]:
            raise Failure(f"{mid} is translated now: take it out of SAME_IN_BOTH")


def test_translations_keep_conversions():
    bad = []
    for _, where, mid, en, sv in rows():
        if sv and conversions(en) != conversions(sv):
            bad.append(f"{where}: {mid}: {conversions(en)} in English, {conversions(sv)} in Swedish")
    if bad:
        raise Failure("; ".join(bad))


def test_ids_defined_once():
    where_of = {}
    bad = []
    for table, where, mid, _, _ in rows():
        if mid in where_of:
            bad.append(f"{mid} at {where_of[mid]} and {where}")
        where_of[mid] = where
    if bad:
        raise Failure("; ".join(bad))


if __name__ == "__main__":
    wstest.main([test_tables_exist, test_both_languages, test_same_in_both_is_current,
                 test_translations_keep_conversions, test_ids_defined_once])
