#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn a command page of docs/cli/ into a man page (man(7) macros).

Usage: md2man.py PAGE.md OUT.1 VERSION

The pages are the single source: the build runs this script, nothing is
copied by hand.  A page starts with a header block of "Key: value" lines
(Command, Summary, Synopsis, Exit or Exit codes, See-also, Example, Live
only, Needs administrator), then Markdown of the subset docs/cli uses:
headings, paragraphs, "*"/"-"/"1." lists, indented or fenced code, pipe
tables and inline `code`, **bold**, *italic* and [links](...).

Tables become tagged paragraphs (first cell as the tag) rather than tbl
tables, so that no table can be wider than an 80-column terminal.  Every
character outside ASCII becomes a \\[uXXXX] escape: groff reads the page
the same whatever its locale.  The date is the one of SOURCE_DATE_EPOCH
when set, so that the pages are reproducible.
"""
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import installed_paths  # noqa: E402

HEADER_KEYS = ("Command", "Summary", "Synopsis", "Exit", "Exit codes", "See-also",
               "Example", "Live only", "Needs administrator")


def escape_text(s):
    """Escape plain text for groff (before inline markup is applied)."""
    s = s.replace("\\", "\\e")
    out = []
    for ch in s:
        if ord(ch) > 127:
            out.append("\\[u%04X]" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def dashes(s):
    """Hyphens in code and options are real minus signs (copy-paste safe)."""
    return s.replace("-", "\\-")


def inline(s):
    """Markdown inline markup to groff font escapes.  Code spans are set
    aside first, so that markup characters inside them stay literal and a
    code span inside bold text does not end the bold early."""
    codes = []

    def keep(m):
        codes.append(dashes(escape_text(m.group(1))))
        return "\x00%d\x00" % (len(codes) - 1)

    def plain_codes(text):
        return re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], text)

    s = re.sub(r"`([^`]*)`", keep, s)
    s = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1", s)
    s = escape_text(s)
    s = re.sub(r"\*\*([^*]+)\*\*", lambda m: "\\fB" + plain_codes(m.group(1)) + "\\fR", s)
    s = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"\\fI\1\\fR", s)
    s = re.sub(r"(?<![\w\\])_([^_\s][^_]*)_(?![\w])", r"\\fI\1\\fR", s)
    return re.sub(r"\x00(\d+)\x00", lambda m: "\\fB" + codes[int(m.group(1))] + "\\fR", s)


def line_out(text):
    """One output text line; a leading dot or quote would be a request."""
    text = text.strip()
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def code_line(text):
    text = dashes(escape_text(text))
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def split_row(line):
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells = re.split(r"(?<!\\)\|", line)
    return [c.strip().replace("\\|", "|") for c in cells]


def parse_header(lines):
    header = []
    i = 0
    while i < len(lines):
        ln = lines[i].rstrip("\n")
        if not ln.strip():
            i += 1
            continue
        m = re.match(r"^([A-Z][A-Za-z -]*): (.*)$", ln)
        if not m or m.group(1) not in HEADER_KEYS:
            break
        header.append((m.group(1), m.group(2)))
        i += 1
    return header, lines[i:]


def see_also_refs(value):
    refs = []
    for item in [x.strip() for x in value.split(",") if x.strip()]:
        if item.endswith(".md"):
            continue  # a document, not a man page
        if item == "ws2fix":
            refs.append("ws2fix (1)")
        elif os.path.exists(os.path.join(DOCS_DIR, item + ".md")) and item != "netsh-input":
            refs.append(f"ws2fix-{item} (1)")
    return refs


def body_to_man(lines):
    out = []
    i = 0
    para = []
    title_seen = False

    def flush():
        if para:
            # Joined first: a code span may run across a line break.
            out.append(".PP")
            out.append(line_out(inline(" ".join(para))))
            para.clear()

    while i < len(lines):
        raw = lines[i].rstrip("\n")
        s = raw.strip()
        if not s:
            flush()
            i += 1
            continue
        if s.startswith("```"):
            flush()
            i += 1
            out += [".PP", ".RS 4", ".nf"]
            while i < len(lines) and not lines[i].strip().startswith("```"):
                out.append(code_line(lines[i].rstrip("\n")))
                i += 1
            out += [".fi", ".RE"]
            i += 1
            continue
        if raw.startswith("    ") and not para:
            flush()
            out += [".PP", ".RS 4", ".nf"]
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                # a blank line inside a code block only when code follows
                if not lines[i].strip():
                    j = i
                    while j < len(lines) and not lines[j].strip():
                        j += 1
                    if j >= len(lines) or not lines[j].startswith("    "):
                        break
                out.append(code_line(lines[i].rstrip("\n")[4:]))
                i += 1
            out += [".fi", ".RE"]
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", s)
        if m:
            flush()
            level = len(m.group(1))
            if level == 1 and not title_seen:
                title_seen = True  # the NAME section says it already
            elif level <= 2:
                out.append(".SH " + inline(m.group(2)).upper())
            else:
                out.append(".SS " + inline(m.group(2)))
            i += 1
            continue
        if s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(split_row(lines[i]))
                i += 1
            head, body = rows[0], [r for r in rows[1:] if not all(re.fullmatch(r":?-+:?", c) for c in r)]
            for r in body:
                out.append(".TP")
                out.append(line_out(inline(r[0])) or "\\&")
                for k, cell in enumerate(r[1:], start=1):
                    if k > 1:
                        out.append(".br")
                        label = head[k] if k < len(head) else ""
                        out.append(line_out(inline(f"{label}: {cell}" if label else cell)))
                    else:
                        out.append(line_out(inline(cell)))
            continue
        m = re.match(r"^(\s*)([*-]|\d+\.)\s+(.*)$", raw)
        if m:
            flush()
            bullet = m.group(2)
            tag = "\\(bu" if bullet in ("*", "-") else bullet
            width = 2 if bullet in ("*", "-") else 4
            indent = len(m.group(1))
            if indent:
                out.append(".RS 2")
            out.append(f".IP {tag} {width}")
            item = [m.group(3)]
            i += 1
            while i < len(lines):
                nxt = lines[i].rstrip("\n")
                if not nxt.strip() or re.match(r"^\s*([*-]|\d+\.)\s+", nxt) or not nxt.startswith(" "):
                    break
                item.append(nxt.strip())
                i += 1
            out.append(line_out(inline(" ".join(item))))
            if indent:
                out.append(".RE")
            continue
        para.append(s)
        i += 1
    flush()
    return out


def convert(md_path, version, docdir=installed_paths.DEFAULT_DOCDIR):
    with open(md_path, encoding="utf-8") as f:
        # The installed user's paths (scripts/installed_paths.py).
        lines = installed_paths.for_installed(f.read(), docdir).splitlines(True)
    header, body = parse_header(lines)
    h = {}
    for k, v in header:
        h.setdefault(k, []).append(v)
    command = h.get("Command", [None])[0]
    if not command:
        raise SystemExit(f"{md_path}: no 'Command:' line")
    page = "ws2fix" if command == "ws2fix" else f"ws2fix-{command}"
    summary = h.get("Summary", [None])[0]
    if not summary:
        # The first sentence of the first paragraph after the title.
        text = []
        for ln in body:
            if ln.startswith("#"):
                if text:
                    break
                continue
            if not ln.strip():
                if text:
                    break
                continue
            text.append(ln.strip())
        summary = " ".join(text).split(". ")[0].rstrip(".:")
        summary = re.sub(r"[`*]", "", summary)
        summary = summary[0].lower() + summary[1:] if summary else command
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else \
        datetime.datetime.fromtimestamp(os.path.getmtime(md_path), datetime.timezone.utc)
    th = dashes(page.upper())
    out = [
        '.\\" SPDX-License-Identifier: MIT',
        f'.\\" Generated from docs/cli/{os.path.basename(md_path)} by scripts/md2man.py: do not edit.',
        f'.TH {th} 1 "{when:%Y-%m-%d}" "ws2fix {version}" "ws2fix manual"',
        ".SH NAME",
        f"{dashes(page)} \\- {escape_text(summary)}",
        ".SH SYNOPSIS",
    ]
    # Filled and left-adjusted without hyphenation: a long synopsis wraps
    # at the terminal's width instead of running off its edge.
    for syn in h.get("Synopsis", []):
        out += [".PP", ".nh", ".ad l", code_line(syn), ".ad", ".hy"]
    out.append(".SH DESCRIPTION")
    out += body_to_man(body)
    avail = [(k, h[k][0]) for k in ("Live only", "Needs administrator") if k in h]
    if avail:
        out.append(".SH AVAILABILITY")
        for k, v in avail:
            out += [".TP", f"\\fB{k}\\fR", line_out(inline(v))]
    exit_text = (h.get("Exit") or h.get("Exit codes") or [None])[0]
    if exit_text:
        out.append(".SH EXIT STATUS")
        for part in re.split(r"[;,] (?=\d\b)", exit_text):
            m = re.match(r"^(\d+)\s+(.*)$", part.strip())
            if m:
                out += [".TP", f"\\fB{m.group(1)}\\fR", line_out(inline(m.group(2)))]
            else:
                out += [".PP", line_out(inline(part))]
    if "Example" in h:
        out.append(".SH EXAMPLES")
        for ex in h["Example"]:
            out += [".PP", ".RS 4", ".nf", code_line(ex), ".fi", ".RE"]
    refs = see_also_refs(",".join(h.get("See-also", [])))
    if page != "ws2fix" and "ws2fix (1)" not in refs:
        refs.insert(0, "ws2fix (1)")
    if refs:
        out.append(".SH SEE ALSO")
        out.append(",\n".join("\\fB" + dashes(r.split(" ")[0]) + "\\fR(1)" for r in refs))
    return page, "\n".join(out) + "\n"


DOCS_DIR = ""

if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        print("usage: md2man.py PAGE.md OUT.1 VERSION [DOCDIR]", file=sys.stderr)
        sys.exit(2)
    DOCS_DIR = os.path.dirname(os.path.abspath(sys.argv[1]))
    page, text = convert(sys.argv[1], sys.argv[3], *sys.argv[4:])
    with open(sys.argv[2], "w", encoding="ascii") as f:
        f.write(text)
