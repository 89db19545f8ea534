#!/usr/bin/env python3
"""Writes the sample catalogs the README demonstrates ws2fix on.

They are synthetic: built field by field from the catalog layout in
include/ws2fix/catalog.h (WSAPROTOCOL_INFOW values of the Microsoft TCP/IP
providers as Windows 10 registers them), not copied from any machine.
  winsock2-healthy-lsp.reg  Windows 10 x64 catalog with a working LSP
                            ("ExampleFilter") layered over TCP and UDP.
  winsock2-broken-lsp.reg   the same after an anti-malware tool deleted the
                            LSP's hidden entry but left its chains behind:
                            the classic "not a socket" (10038) corruption.
Run: python3 samples/make_samples.py  (rewrites both files in place)
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\WinSock2\Parameters"

MSAFD_V4 = "E70F1AA0-AB8B-11CF-8CA3-00805F48A192"
MSAFD_V6 = "F9EAB0C0-26D4-11D0-BBBF-00AA006C34E4"
LSP_GUID = "5F4A1D32-7C2B-4E59-9A31-0E5A5AC0FFEE"  # made up for the sample
LSP_TCP = "5F4A1D33-7C2B-4E59-9A31-0E5A5AC0FFEE"
LSP_UDP = "5F4A1D34-7C2B-4E59-9A31-0E5A5AC0FFEE"


def guid_bytes(g):
    p = g.split("-")
    return (struct.pack("<IHH", int(p[0], 16), int(p[1], 16), int(p[2], 16))
            + bytes.fromhex(p[3]) + bytes.fromhex(p[4]))


def item(path, sflags, pflags, guid, cid, chain, af, maxa, mina, stype, proto, name,
         maxoff=0, msgsize=0):
    b = path.encode("cp1252").ljust(260, b"\0")
    b += struct.pack("<4I", sflags, 0, 0, 0) + struct.pack("<I", pflags) + guid_bytes(guid)
    b += struct.pack("<I", cid) + struct.pack("<i", len(chain) if chain != "layered" else 0)
    slots = [] if chain == "layered" else list(chain)
    b += struct.pack("<7I", *(slots + [0] * (7 - len(slots))))
    b += struct.pack("<9i", 2, af, maxa, mina, stype, proto, maxoff, 0, 0)
    b += struct.pack("<II", msgsize, 0)
    b += name.encode("utf-16-le").ljust(512, b"\0")
    assert len(b) == 888
    return b


MSW = r"%SystemRoot%\system32\mswsock.dll"
LSP = r"%ProgramFiles%\ExampleFilter\exfilter64.dll"


def base_entries():
    return [
        item(MSW, 0x20066, 8, MSAFD_V4, 1001, [0], 2, 16, 16, 1, 6, "@%SystemRoot%\\System32\\mswsock.dll,-60100"),
        item(MSW, 0x20609, 8, MSAFD_V4, 1002, [0], 2, 16, 16, 2, 17, "@%SystemRoot%\\System32\\mswsock.dll,-60101", msgsize=65467),
        item(MSW, 0x20609, 12, MSAFD_V4, 1003, [0], 2, 16, 16, 3, 0, "@%SystemRoot%\\System32\\mswsock.dll,-60102", maxoff=255, msgsize=65467),
        item(MSW, 0x20066, 8, MSAFD_V6, 1004, [0], 23, 28, 28, 1, 6, "@%SystemRoot%\\System32\\mswsock.dll,-60200"),
        item(MSW, 0x20609, 8, MSAFD_V6, 1005, [0], 23, 28, 28, 2, 17, "@%SystemRoot%\\System32\\mswsock.dll,-60201", msgsize=65467),
        item(MSW, 0x20609, 12, MSAFD_V6, 1006, [0], 23, 28, 28, 3, 0, "@%SystemRoot%\\System32\\mswsock.dll,-60202", maxoff=255, msgsize=65467),
    ]


def lsp_entries(with_hidden):
    out = []
    if with_hidden:
        out.append(item(LSP, 0x20066, 4, LSP_GUID, 1007, "layered", 2, 16, 16, 1, 6, "ExampleFilter"))
    out.append(item(LSP, 0x20066, 8, LSP_TCP, 1008, [1007, 1001], 2, 16, 16, 1, 6, "ExampleFilter over [MSAFD Tcpip [TCP/IP]]"))
    out.append(item(LSP, 0x20609, 8, LSP_UDP, 1009, [1007, 1002], 2, 16, 16, 2, 17, "ExampleFilter over [MSAFD Tcpip [UDP/IP]]", msgsize=65467))
    return out


NAMESPACES = [
    (r"%SystemRoot%\system32\napinsp.dll", "@%SystemRoot%\\system32\\napinsp.dll,-1000", "964ACBA2-B2BC-40EB-8C6A-A6DB40161CAE", 37),
    (r"%SystemRoot%\system32\pnrpnsp.dll", "@%SystemRoot%\\system32\\pnrpnsp.dll,-1000", "03FE89CE-766D-4976-B9C1-BB9BC42C7B4D", 39),
    (r"%SystemRoot%\system32\pnrpnsp.dll", "@%SystemRoot%\\system32\\pnrpnsp.dll,-1001", "03FE89CD-766D-4976-B9C1-BB9BC42C7B4D", 38),
    (r"%SystemRoot%\system32\NLAapi.dll", "@%SystemRoot%\\system32\\nlasvc.dll,-1000", "6642243A-3BA8-4AA6-BAA5-2E0BD71FDD83", 15),
    (r"%SystemRoot%\System32\mswsock.dll", "@%SystemRoot%\\system32\\wshtcpip.dll,-60103", "22059D40-7E9E-11CF-AE5A-00AA00A7112B", 12),
    (r"%SystemRoot%\System32\winrnr.dll", "@%SystemRoot%\\System32\\winrnr.dll,-1000", "3B2637EE-E580-11CF-A555-00C04FD8D4AC", 32),
]


def hexlist(prefix, data):
    """regedit's hex wrapping: lines up to 80 columns, continuation '  '."""
    parts = ["%02x" % x for x in data]
    lines, cur = [], prefix
    for i, p in enumerate(parts):
        piece = p + ("," if i < len(parts) - 1 else "")
        if len(cur) + len(piece) > 78 and cur.strip():
            lines.append(cur + "\\")
            cur = "  "
        cur += piece
    lines.append(cur)
    return "\r\n".join(lines)


def sz(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(name, entries32, entries64):
    out = ["Windows Registry Editor Version 5.00", ""]
    def key(k):
        out.append(f"[{ROOT}{k}]")
    # reg export writes the exported key's own line first: WinSock2 itself.
    out += ["[" + ROOT.rsplit("\\", 1)[0] + "]", ""]
    key("")
    out += ['"WinSock_Registry_Version"="2.0"', '"Current_Protocol_Catalog"="Protocol_Catalog9"',
            '"Current_NameSpace_Catalog"="NameSpace_Catalog5"', ""]
    key(r"\NameSpace_Catalog5")
    out += [f'"Num_Catalog_Entries"=dword:{len(NAMESPACES):08x}',
            f'"Num_Catalog_Entries64"=dword:{len(NAMESPACES):08x}', '"Serial_Access_Num"=dword:00000010', ""]
    for view in ("Catalog_Entries", "Catalog_Entries64"):
        key(rf"\NameSpace_Catalog5\{view}")
        out.append("")
        for i, (path, disp, g, ns) in enumerate(NAMESPACES, 1):
            key(rf"\NameSpace_Catalog5\{view}\{i:012d}")
            out += [f'"LibraryPath"={sz(path)}', f'"DisplayString"={sz(disp)}',
                    hexlist('"ProviderId"=hex:', guid_bytes(g)), f'"SupportedNameSpace"=dword:{ns:08x}',
                    '"Enabled"=dword:00000001', '"Version"=dword:00000000',
                    '"StoresServiceClassInfo"=dword:00000000', ""]
    key(r"\Protocol_Catalog9")
    out += [f'"Num_Catalog_Entries"=dword:{len(entries32):08x}',
            f'"Num_Catalog_Entries64"=dword:{len(entries64):08x}',
            '"Next_Catalog_Entry_ID"=dword:000003f2', '"Serial_Access_Num"=dword:00000021', ""]
    for view, entries in (("Catalog_Entries", entries32), ("Catalog_Entries64", entries64)):
        key(rf"\Protocol_Catalog9\{view}")
        out.append("")
        for i, e in enumerate(entries, 1):
            key(rf"\Protocol_Catalog9\{view}\{i:012d}")
            out += [hexlist('"PackedCatalogItem"=hex:', e), ""]
    text = "\r\n".join(out) + "\r\n"
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


if __name__ == "__main__":
    write("winsock2-healthy-lsp.reg", base_entries() + lsp_entries(True), base_entries() + lsp_entries(True))
    write("winsock2-broken-lsp.reg", base_entries() + lsp_entries(False), base_entries() + lsp_entries(False))
