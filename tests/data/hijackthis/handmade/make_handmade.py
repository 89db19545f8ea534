# SPDX-License-Identifier: MIT
"""Writes the hand-made HijackThis logs of this folder (run from anywhere).

Each log follows the wordings of the HijackThis sources (docs/cli/hijackthis-input.md);
none is a real scan.  One log per line form, encoding and kind of damage; the
1 MB line is made by the test itself, so that the repository does not hold it.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

TREND_205 = "Logfile of Trend Micro HijackThis v2.0.5"
FOOTER = ["", "--", "End of file - 2345 bytes"]


def write(name, lines, encoding="utf-8", newline="\r\n", bom=b""):
    data = newline.join(lines) + newline
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(bom + data.encode(encoding))


# Every O10 form of Trend Micro HijackThis 2.0.x, ANSI (Windows-1252, an 'å'
# in a path), CRLF, with lines of other sections around them.
write("hm-205-all-forms-ansi-crlf.log", [
    TREND_205,
    "Scan saved at 10:01:02, on 2008-05-06",
    "Platform: Windows XP SP3 (WinNT 5.01.2600)",
    "MSIE: Internet Explorer v7.00 (7.00.6000.16608)",
    "Boot mode: Normal",
    "",
    "Running processes:",
    "C:\\WINDOWS\\system32\\svchost.exe",
    "",
    "R0 - HKCU\\Software\\Microsoft\\Internet Explorer\\Main,Start Page = http://example.invalid/",
    "O4 - HKLM\\..\\Run: [O10 - not an O10 line] C:\\x.exe",
    "O10 - Broken Internet access because of LSP provider 'c:\\windows\\system32\\gone_lsp.dll' missing",
    "O10 - Broken Internet access because of missing LSP provider: 'c:\\windows\\system32\\old_form.dll'",
    "O10 - Broken Internet access because of LSP chain gap (#3 in chain of 12 missing)",
    "O10 - Unknown file in Winsock LSP: c:\\program files\\åtest\\foo_lsp.dll",
    "O10 - Unknown file in Winsock LSP: c:\\windows\\system32\\webhdll.dll",
    "O10 - Hijacked Internet access by New.Net",
    "O10 - Something HijackThis never printed",
    "O23 - Service: Example (example) - Example - C:\\example.exe",
] + FOOTER, encoding="cp1252")

# HiJackThis Fork, not elevated (the shape of dragokas/hijackthis issue 96:
# every catalog "gapped" at #1), UTF-16LE with BOM, CRLF.
write("hm-fork-unelevated-utf16le.log", [
    "Logfile of HiJackThis Fork by Alex Dragokas v.2.9.0.23",
    "",
    "Platform:  x64 Windows 10 Pro (2004), 10.0.19041.329, Service Pack: 0",
    "Time:      25.06.2020 - 10:20",
    "Language:  OS: English (0x409). Display: English (0x409). Non-Unicode: English (0x409)",
    "Elevated:  No",
    "Ran by:    user\t(group: Administrator) on PC",
    "",
    "O10 - Broken Internet access because of LSP chain gap (#1 in chain of 14 missing)",
    "O10 - Broken Internet access because of LSP chain gap (#1 in chain of 7 missing)",
] + ["", "--", "End of file"], encoding="utf-16-le", bom=b"\xff\xfe")

# HiJackThis Fork, elevated, UTF-8 with BOM, LF: a real gap, a provider
# missing (dragokas/hijackthis issue 107's shape: VMware's DLL left behind),
# a known DLL under SysWOW64 with a checksum after the path.
write("hm-fork-elevated-utf8bom-lf.log", [
    "Logfile of HiJackThis Fork by Alex Dragokas v.2.9.0.23",
    "",
    "Platform:  x64 Windows 11 Pro (23H2), 10.0.22631.3007, Service Pack: 0",
    "Elevated:  Yes",
    "Ran by:    admin\t(group: Administrator) on PC",
    "",
    "O10 - Broken Internet access because of LSP chain gap (#5 in chain of 16 missing)",
    "O10 - Broken Internet access because of LSP provider 'C:\\Windows\\system32\\vsocklib.dll' missing",
    "O10 - Unknown file in Winsock LSP: C:\\Windows\\SysWOW64\\vsocklib.dll (filesize 62000 bytes, MD5: 0123456789ABCDEF0123456789ABCDEF)",
] + ["", "--", "End of file"], encoding="utf-8", newline="\n", bom=b"\xef\xbb\xbf")

# HijackThis 1.99.1 on XP SP2: the "Hijacked Internet access by" form, UTF-8
# without BOM, LF.
write("hm-199-hijacked-lf.log", [
    "Logfile of HijackThis v1.99.1",
    "Scan saved at 9:14:02 PM, on 10/17/2005",
    "Platform: Windows XP SP2 (WinNT 5.01.2600)",
    "MSIE: Internet Explorer v6.00 SP2 (6.00.2900.2180)",
    "",
    "O10 - Hijacked Internet access by WebHancer",
    "O10 - Hijacked Internet access by CommonName",
] + FOOTER, newline="\n")

# A forum paste: text before the header; known providers only.
write("hm-pasted-known-providers.txt", [
    "Hi, here is my log as asked:",
    "",
    TREND_205,
    "Scan saved at 08:00:00, on 2013-11-21",
    "Platform: Windows 7 SP1 (WinNT 6.00.3505)",
    "",
    "O10 - Unknown file in Winsock LSP: c:\\program files (x86)\\common files\\microsoft shared\\windows live\\wlidnsp.dll",
    "O10 - Unknown file in Winsock LSP: c:\\windows\\system32\\nlansp_c.dll",
    "O10 - Unknown file in Winsock LSP: c:\\program files\\bonjour\\mdnsnsp.dll",
] + FOOTER, newline="\n")

# A log cut short (no "End of file" line): read, with SOURCE_INCOMPLETE.
write("hm-cut-short-crlf.log", [
    TREND_205,
    "Scan saved at 10:01:02, on 2008-05-06",
    "Platform: Windows XP SP3 (WinNT 5.01.2600)",
    "O10 - Unknown file in Winsock LSP: c:\\windows\\system32\\foo.dll",
    "O23 - Service: Exam",
], newline="\r\n")

# Damaged logs: each must give one error line and exit 2.
with open(os.path.join(HERE, "bad-binary.log"), "wb") as f:
    f.write((TREND_205 + "\r\n").encode() + bytes(range(0, 256)) * 4)
write("bad-no-header.log", [
    "Winsock Catalog Provider Entry",
    "------------------------------------------------------",
    "Entry Type:                         Base Service Provider",
], newline="\r\n")
