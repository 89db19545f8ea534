#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ws2fix explain: every symptom of the seeds, in both editions and as people
retype them, is recognised with the right symptom as the top match; every
Winsock error code resolves by number, hex and name; --json follows
docs/EXIT-CODES.md; no match exits 1; no query exits 2.

Usage: python3 test_explain.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)

The seed sentences below are copied by hand, character for character, from
shared/seeds/: 000_caca1c8e36e8f87b.txt (KB 811259, Swedish),
001_4e8acd66d905a3ef.txt (the same in English) and 002_cb83ae5f36a32bed.txt
(How to Repair the Networking Stack).
"""
import json
import os
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wstest  # noqa: E402

# (seed, text exactly as the seed words it, expected symptom id)
SEED_SYMPTOMS = [
    # 001 SYMPTOMS
    ("001", "An error occurred while renewing interface 'Internet': An operation was attempted on something that is not a socket.", "not-a-socket"),
    ("001", "An error occurred while renewing interface Local Area Connection: the requested service provider could not be loaded or initialized.", "provider-load-failed"),
    ("001", "the requested service provider could not be loaded or initialized.", "provider-load-failed"),
    ("001", "The page cannot be displayed", "page-cannot-be-displayed"),
    ("001", "Initialization function INITHELPERDLL in IPMONTR.DLL failed to start with error code 10107", "inithelperdll-failed"),
    ("001", "Additionally, you may have no IP address or no Automatic Private IP Addressing (APIPA) address", "no-ip-address"),
    ("001", "you may be receiving IP packets but not sending them.", "packets-received-not-sent"),
    ("001", "An error occurred while renewing interface local area connection: an operation was attempted on something that is not a socket.", "not-a-socket"),
    ("001", "Unable to contact driver Error code 2.", "driver-contact-failed"),
    ("001", "The operation failed since no adapter is in the state permissible for this operation.", "no-adapter-permissible"),
    ("001", "The attempted operation is not supported for the type of object referenced.", "operation-not-supported"),
    ("001", "In Device Manager, when you click Show Hidden Devices, the TCP/IP Protocol Driver is listed as disabled under Non-Plug and Play drivers, and you receive error code 24.", "tcpip-driver-code-24"),
    ("001", "Error 720: No PPP Control Protocols Configured", "ppp-no-control-protocols"),
    ("001", "When you use the ipconfig /renew command, you may receive the following error messages.", "ipconfig-renew-test"),
    # 000 Symptom
    ("000", "Ett fel uppstod när gränssnittet 'Internet' skulle förnyas: En åtgärd försökte utföras på något som inte är en socket.", "not-a-socket"),
    ("000", "Ett fel uppstod när gränssnittet Anslutning till lokalt nätverk skulle förnyas: Det gick inte att läsa in eller initiera den begärda tjänstprovidern.", "provider-load-failed"),
    ("000", "Det gick inte att läsa in eller initiera den begärda tjänstprovidern.", "provider-load-failed"),
    ("000", "Sidan kan inte visas", "page-cannot-be-displayed"),
    ("000", "Initieringsfunktionen INITHELPERDLL i IPMONTR.DLL startade inte. Felkod: 10107", "inithelperdll-failed"),
    ("000", "Vidare har du kanske ingen IP-adress eller APIPA-adress (Automatic Private IP Addressing)", "no-ip-address"),
    ("000", "du får kanske IP-paket men kan inte skicka några.", "packets-received-not-sent"),
    ("000", "Ett fel uppstod när gränssnittet Anslutning till lokalt nätverk skulle förnyas: en åtgärd försökte utföras på något som inte är en socket.", "not-a-socket"),
    ("000", "Det gick inte att få kontakt med drivrutinen Felkod 2.", "driver-contact-failed"),
    ("000", "Åtgärden misslyckades eftersom inget kort är i tillåtet tillstånd för den här åtgärden.", "no-adapter-permissible"),
    ("000", "Åtgärden som försökte utföras stöds inte för den typ av objekt som refererades.", "operation-not-supported"),
    ("000", "När du klickar på Visa dolda enheter i Enhetshanteraren anges TCP/IP-protokolldrivrutinen som inaktiverad under Icke-Plug and Play-drivrutiner, och felkod 24 visas.", "tcpip-driver-code-24"),
    ("000", "Fel 720: Inga PPP-kontrollprotokoll konfigurerade", "ppp-no-control-protocols"),
    ("000", "När du använder kommandot ipconfig /renew kan följande felmeddelanden visas.", "ipconfig-renew-test"),
    # 002 quick test and the Windows 2000 paragraph
    ("002", "...an operation was attempted on something that is not a socket....", "not-a-socket"),
    ("002", "Operation was attempted on something that is not a socket", "not-a-socket"),
    ("002", "At the command prompt type \"ipconfig /renew\" (without the quotes) and hit Enter or click OK.", "ipconfig-renew-test"),
]

# Seed sentences that carry two symptoms: both must be the two best matches.
SEED_COMBINED = [
    ("001", "An error occurred while renewing interface local area connection: an operation was attempted on something that is not a socket. Unable to contact driver Error code 2.",
     {"not-a-socket", "driver-contact-failed"}),
    ("000", "Ett fel uppstod när gränssnittet Anslutning till lokalt nätverk skulle förnyas: en åtgärd försökte utföras på något som inte är en socket. Det gick inte att få kontakt med drivrutinen Felkod 2.",
     {"not-a-socket", "driver-contact-failed"}),
    ("001", "Additionally, you may have no IP address or no Automatic Private IP Addressing (APIPA) address, and you may be receiving IP packets but not sending them.",
     {"no-ip-address", "packets-received-not-sent"}),
    ("000", "Vidare har du kanske ingen IP-adress eller APIPA-adress (Automatic Private IP Addressing), och du får kanske IP-paket men kan inte skicka några.",
     {"no-ip-address", "packets-received-not-sent"}),
]

# Retyped by hand: no diacritics, lower case, partial, small typos, short forms.
RETYPED = [
    ("en atgard forsokte utforas pa nagot som inte ar en socket", "not-a-socket"),
    ("atgarden misslyckades eftersom inget kort ar i tillatet tillstand for den har atgarden", "no-adapter-permissible"),
    ("atgarden som forsokte utforas stods inte for den typ av objekt som refererades", "operation-not-supported"),
    ("det gick inte att lasa in eller initiera den begarda tjanstprovidern", "provider-load-failed"),
    ("det gick inte att fa kontakt med drivrutinen", "driver-contact-failed"),
    ("nar du klickar pa visa dolda enheter i enhetshanteraren anges tcp/ip-protokolldrivrutinen som inaktiverad", "tcpip-driver-code-24"),
    ("initieringsfunktionen inithelperdll i ipmontr.dll startade inte felkod 10107", "inithelperdll-failed"),
    ("fel 720 inga ppp kontrollprotokoll konfigurerade", "ppp-no-control-protocols"),
    ("sidan kan inte visas", "page-cannot-be-displayed"),
    ("ingen ip adress eller apipa adress", "no-ip-address"),
    ("du far kanske ip paket men kan inte skicka nagra", "packets-received-not-sent"),
    ("not a socket", "not-a-socket"),
    ("something that is not a socket", "not-a-socket"),
    ("an operation was attemted on somthing that is not a socket", "not-a-socket"),
    ("service provider could not be loaded or initialised", "provider-load-failed"),
    ("requested service provider could not be loaded", "provider-load-failed"),
    ("no adapter is in the state permissible", "no-adapter-permissible"),
    ("unable to contact driver", "driver-contact-failed"),
    ("no ppp control protocols configured", "ppp-no-control-protocols"),
    ("page cannot be displayed", "page-cannot-be-displayed"),
    ("INITHELPERDLL", "inithelperdll-failed"),
    ("APIPA", "no-ip-address"),
    ("packets received but none sent", "packets-received-not-sent"),
    ("TCP/IP Protocol Driver", "tcpip-driver-code-24"),
    ("ipconfig /renew", "ipconfig-renew-test"),
    ("snabbtest", "ipconfig-renew-test"),
    ("inte en socket", "not-a-socket"),
]

# Numbers and names as people write them.
CODES = [
    ("10038", "not-a-socket", 10038),
    ("0x2736", "not-a-socket", 10038),
    ("0X2736", "not-a-socket", 10038),
    ("0x80072736", "not-a-socket", 10038),
    ("WSAENOTSOCK", "not-a-socket", 10038),
    ("wsaenotsock", "not-a-socket", 10038),
    ("ENOTSOCK", "not-a-socket", 10038),
    ("socket error 10038", "not-a-socket", 10038),
    ("10106", "provider-load-failed", 10106),
    ("WSAEPROVIDERFAILEDINIT", "provider-load-failed", 10106),
    ("10107", "inithelperdll-failed", 10107),
    ("Felkod: 10107", "inithelperdll-failed", 10107),
    ("error code 10107", "inithelperdll-failed", 10107),
    ("10045", "operation-not-supported", 10045),
    ("720", "ppp-no-control-protocols", 720),
    ("error 720", "ppp-no-control-protocols", 720),
    ("Error 720:", "ppp-no-control-protocols", 720),
    ("fel 720", "ppp-no-control-protocols", 720),
    ("code 24", "tcpip-driver-code-24", 24),
    ("kod 24", "tcpip-driver-code-24", 24),
    ("felkod 24", "tcpip-driver-code-24", 24),
    ("Device Manager code 24", "tcpip-driver-code-24", 24),
    ("\"code 24\"", "tcpip-driver-code-24", 24),
    ("error code 2", "driver-contact-failed", 2),
    ("Felkod 2", "driver-contact-failed", 2),
    ("0x2746", "wsa-10054", 10054),
]

# Every Winsock error of winsock2.h / winerror.h (10004..11031).
WSA_CODES = [
    (10004, "WSAEINTR"), (10009, "WSAEBADF"), (10013, "WSAEACCES"), (10014, "WSAEFAULT"),
    (10022, "WSAEINVAL"), (10024, "WSAEMFILE"), (10035, "WSAEWOULDBLOCK"), (10036, "WSAEINPROGRESS"),
    (10037, "WSAEALREADY"), (10038, "WSAENOTSOCK"), (10039, "WSAEDESTADDRREQ"), (10040, "WSAEMSGSIZE"),
    (10041, "WSAEPROTOTYPE"), (10042, "WSAENOPROTOOPT"), (10043, "WSAEPROTONOSUPPORT"),
    (10044, "WSAESOCKTNOSUPPORT"), (10045, "WSAEOPNOTSUPP"), (10046, "WSAEPFNOSUPPORT"),
    (10047, "WSAEAFNOSUPPORT"), (10048, "WSAEADDRINUSE"), (10049, "WSAEADDRNOTAVAIL"),
    (10050, "WSAENETDOWN"), (10051, "WSAENETUNREACH"), (10052, "WSAENETRESET"),
    (10053, "WSAECONNABORTED"), (10054, "WSAECONNRESET"), (10055, "WSAENOBUFS"), (10056, "WSAEISCONN"),
    (10057, "WSAENOTCONN"), (10058, "WSAESHUTDOWN"), (10059, "WSAETOOMANYREFS"), (10060, "WSAETIMEDOUT"),
    (10061, "WSAECONNREFUSED"), (10062, "WSAELOOP"), (10063, "WSAENAMETOOLONG"), (10064, "WSAEHOSTDOWN"),
    (10065, "WSAEHOSTUNREACH"), (10066, "WSAENOTEMPTY"), (10067, "WSAEPROCLIM"), (10068, "WSAEUSERS"),
    (10069, "WSAEDQUOT"), (10070, "WSAESTALE"), (10071, "WSAEREMOTE"), (10091, "WSASYSNOTREADY"),
    (10092, "WSAVERNOTSUPPORTED"), (10093, "WSANOTINITIALISED"), (10101, "WSAEDISCON"),
    (10102, "WSAENOMORE"), (10103, "WSAECANCELLED"), (10104, "WSAEINVALIDPROCTABLE"),
    (10105, "WSAEINVALIDPROVIDER"), (10106, "WSAEPROVIDERFAILEDINIT"), (10107, "WSASYSCALLFAILURE"),
    (10108, "WSASERVICE_NOT_FOUND"), (10109, "WSATYPE_NOT_FOUND"), (10110, "WSA_E_NO_MORE"),
    (10111, "WSA_E_CANCELLED"), (10112, "WSAEREFUSED"), (11001, "WSAHOST_NOT_FOUND"),
    (11002, "WSATRY_AGAIN"), (11003, "WSANO_RECOVERY"), (11004, "WSANO_DATA"),
    (11005, "WSA_QOS_RECEIVERS"), (11006, "WSA_QOS_SENDERS"), (11007, "WSA_QOS_NO_SENDERS"),
    (11008, "WSA_QOS_NO_RECEIVERS"), (11009, "WSA_QOS_REQUEST_CONFIRMED"),
    (11010, "WSA_QOS_ADMISSION_FAILURE"), (11011, "WSA_QOS_POLICY_FAILURE"), (11012, "WSA_QOS_BAD_STYLE"),
    (11013, "WSA_QOS_BAD_OBJECT"), (11014, "WSA_QOS_TRAFFIC_CTRL_ERROR"), (11015, "WSA_QOS_GENERIC_ERROR"),
    (11016, "WSA_QOS_ESERVICETYPE"), (11017, "WSA_QOS_EFLOWSPEC"), (11018, "WSA_QOS_EPROVSPECBUF"),
    (11019, "WSA_QOS_EFILTERSTYLE"), (11020, "WSA_QOS_EFILTERTYPE"), (11021, "WSA_QOS_EFILTERCOUNT"),
    (11022, "WSA_QOS_EOBJLENGTH"), (11023, "WSA_QOS_EFLOWCOUNT"), (11024, "WSA_QOS_EUNKOWNPSOBJ"),
    (11025, "WSA_QOS_EPOLICYOBJ"), (11026, "WSA_QOS_EFLOWDESC"), (11027, "WSA_QOS_EPSFLOWSPEC"),
    (11028, "WSA_QOS_EPSFILTERSPEC"), (11029, "WSA_QOS_ESDMODEOBJ"), (11030, "WSA_QOS_ESHAPERATEOBJ"),
    (11031, "WSA_QOS_RESERVED_PETYPE"),
]

OS_IDS = {"any", "2000", "xp-sp1", "xp-sp2", "vista", "7+"}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(exe, args, stdin=None, env_lang="C"):
    env = dict(os.environ)
    env["LC_ALL"] = env_lang
    p = subprocess.run([exe] + args, input=stdin, capture_output=True, env=env, timeout=60)
    out = p.stdout.decode("utf-8", "replace")
    try:
        wstest.check_json(args, out, p.returncode)  # the JSON contract (docs/schema)
    except wstest.Failure as ex:
        fail(str(ex))
    return p.returncode, out, p.stderr.decode("utf-8", "replace")


def explain_json(exe, query_args, stdin=None):
    rc, out, err = run(exe, ["--json", "explain"] + query_args, stdin=stdin)
    try:
        doc = json.loads(out)
    except ValueError:
        fail("not JSON for %r (rc %d): %r %r" % (query_args, rc, out[:200], err[:200]))
        return rc, None
    return rc, doc


def top(exe, text):
    rc, doc = explain_json(exe, [text])
    if doc is None:
        return None, None
    ids = [m["symptom"] for m in doc.get("matches", [])]
    if rc != 0 or not ids:
        fail("no match for %r (rc %d)" % (text, rc))
        return None, doc
    return ids[0], doc


def strip_diacritics(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def variants(text):
    """How people retype a message they read on screen."""
    words = text.split(" ")
    broken = "\n".join(" ".join(words[i:i + 4]) for i in range(0, len(words), 4))
    no_punct = "".join(c if c.isalnum() or c.isspace() else " " for c in text)
    return [
        ("as is", text),
        ("no diacritics", strip_diacritics(text)),
        ("lower case", text.lower()),
        ("lower case, no diacritics", strip_diacritics(text).lower()),
        ("upper case", text.upper()),
        ("in quotes", "\"" + text + "\""),
        ("in typographic quotes", "\u201d" + text + "\u201d"),
        ("line breaks", broken),
        ("CRLF line breaks", broken.replace("\n", "\r\n")),
        ("no punctuation", no_punct),
    ]


def check_json_shape(doc, where):
    if not isinstance(doc, dict) or set(doc) != {"query", "matches"}:
        fail("%s: top-level keys %r" % (where, list(doc) if isinstance(doc, dict) else doc))
        return
    if not isinstance(doc["query"], str) or not isinstance(doc["matches"], list):
        fail("%s: query/matches types" % where)
        return
    keys = {"symptom", "score", "language", "error_code", "error_name", "winsock_related",
            "verdict", "evidence", "meaning", "cause", "steps"}
    last = 2.0
    for m in doc["matches"]:
        if set(m) != keys:
            fail("%s: match keys %r" % (where, sorted(m)))
            continue
        ok = (isinstance(m["symptom"], str) and m["symptom"]
              and isinstance(m["score"], (int, float)) and not isinstance(m["score"], bool)
              and 0.0 <= m["score"] <= 1.0
              and m["language"] in ("en", "sv")
              and (m["error_code"] is None or (isinstance(m["error_code"], int) and not isinstance(m["error_code"], bool)))
              and (m["error_name"] is None or isinstance(m["error_name"], str))
              and isinstance(m["winsock_related"], bool)
              and m["verdict"] in ("catalog", "environment", "layered-provider", "other")
              and (m["verdict"] == "catalog") == m["winsock_related"]
              and isinstance(m["evidence"], list) and all(isinstance(e, str) and e for e in m["evidence"])
              and isinstance(m["meaning"], str) and m["meaning"]
              and isinstance(m["cause"], str) and m["cause"]
              and isinstance(m["steps"], list) and m["steps"])
        if not ok:
            fail("%s: match types %r" % (where, m))
            continue
        if m["score"] > last:
            fail("%s: matches not ranked best first" % where)
        last = m["score"]
        for s in m["steps"]:
            if (set(s) != {"os", "text", "command"} or s["os"] not in OS_IDS
                    or not isinstance(s["text"], str) or not s["text"]
                    or not (s["command"] is None or (isinstance(s["command"], str) and s["command"].startswith("ws2fix ")))):
                fail("%s: step %r" % (where, s))


def main():
    if len(sys.argv) < 2:
        print("usage: test_explain.py /path/to/ws2fix")
        return 2
    exe = sys.argv[1]
    if not os.path.exists(exe):
        print("SKIP: %s not built" % exe)
        return 77

    # 1. Every seed symptom, exactly as worded and as retyped from the screen.
    for seed, text, want in SEED_SYMPTOMS:
        for how, v in variants(text):
            got, doc = top(exe, v)
            if got is not None and got != want:
                fail("seed %s (%s) %r: top match %s, want %s" % (seed, how, v, got, want))
            if doc is not None:
                check_json_shape(doc, "seed %s %r" % (seed, v))

    # The matched language follows the text, not --lang.
    for seed, text, want in SEED_SYMPTOMS:
        if seed == "000":
            rc, doc = explain_json(exe, [text])
            if doc and doc["matches"] and doc["matches"][0]["language"] != "sv":
                fail("Swedish seed text %r not reported as language sv" % text)

    for seed, text, want in SEED_COMBINED:
        for how, v in variants(text):
            rc, doc = explain_json(exe, [v])
            if doc is None:
                continue
            ids = {m["symptom"] for m in doc["matches"][:2]}
            if ids != want:
                fail("seed %s (%s) %r: two best %r, want %r" % (seed, how, v, ids, want))

    for text, want in RETYPED:
        got, _ = top(exe, text)
        if got is not None and got != want:
            fail("retyped %r: top match %s, want %s" % (text, got, want))

    # The right cause: seed symptoms are Winsock corruption, with KB 811259's cause.
    for seed, text, want in SEED_SYMPTOMS:
        rc, doc = explain_json(exe, [text])
        if doc and doc["matches"]:
            m = doc["matches"][0]
            if not m["winsock_related"] or "Winsock" not in m["cause"]:
                fail("%r: cause %r, winsock_related %r" % (text, m["cause"], m["winsock_related"]))

    # 2. Codes and names.
    for text, want, code in CODES:
        got, doc = top(exe, text)
        if got is None:
            continue
        m = doc["matches"][0]
        if got != want or m["error_code"] != code:
            fail("code %r: top %s/%r, want %s/%d" % (text, got, m["error_code"], want, code))

    for code, name in WSA_CODES:
        for q in (str(code), "0x%x" % code, "0x%X" % code, name, name.lower(), "0x8007%04x" % code):
            rc, doc = explain_json(exe, [q])
            if doc is None:
                continue
            if rc != 0 or not doc["matches"]:
                fail("WSA %r: no match" % q)
                continue
            m = doc["matches"][0]
            if m["error_code"] != code or m["error_name"] != name or m["score"] != 1:
                fail("WSA %r: top %s code %r name %r score %r" % (q, m["symptom"], m["error_code"], m["error_name"], m["score"]))
            if not m["meaning"]:
                fail("WSA %r: empty meaning" % q)
        # The Swedish output has its own text.
        rc, out, err = run(exe, ["--lang", "sv", "--json", "explain", str(code)])
        try:
            sv = json.loads(out)["matches"][0]
            rc, out, err = run(exe, ["--lang", "en", "--json", "explain", str(code)])
            en = json.loads(out)["matches"][0]
            if sv["meaning"] == en["meaning"]:
                fail("WSA %d: Swedish meaning equals English" % code)
        except (ValueError, IndexError, KeyError):
            fail("WSA %d: bad --lang sv output" % code)

    # Windows' own English text of a code finds it too.
    for q, code in [("No connection could be made because the target machine actively refused it.", 10061),
                    ("An existing connection was forcibly closed by the remote host.", 10054)]:
        rc, doc = explain_json(exe, [q])
        if doc and (not doc["matches"] or doc["matches"][0]["error_code"] != code):
            fail("WSA text %r does not resolve to %d" % (q, code))

    # 3. Several words are joined; "-" reads standard input (UTF-8, UTF-16LE with BOM).
    rc, doc = explain_json(exe, ["Fel", "720:", "Inga", "PPP-kontrollprotokoll", "konfigurerade"])
    if not doc or not doc["matches"] or doc["matches"][0]["symptom"] != "ppp-no-control-protocols":
        fail("query in several arguments not joined")
    elif doc["query"] != "Fel 720: Inga PPP-kontrollprotokoll konfigurerade":
        fail("query not echoed: %r" % doc["query"])
    msg = "Ett fel uppstod när gränssnittet 'Internet' skulle förnyas:\r\nEn åtgärd försökte utföras\r\npå något som inte är en socket.\r\n"
    for enc, data in (("utf-8", msg.encode("utf-8")),
                      ("utf-8 BOM", b"\xef\xbb\xbf" + msg.encode("utf-8")),
                      ("utf-16le BOM", b"\xff\xfe" + msg.encode("utf-16-le")),
                      ("cp1252", msg.encode("cp1252")),
                      # ipconfig /renew piped from a Swedish console (OEM code page 850)
                      ("cp850", ("Windows IP-konfiguration\r\n\r\n" + msg).encode("cp850"))):
        rc, doc = explain_json(exe, ["-"], stdin=data)
        if not doc or rc != 0 or not doc["matches"] or doc["matches"][0]["symptom"] != "not-a-socket":
            fail("stdin (%s) not recognised" % enc)
        elif "Ett fel uppstod när gränssnittet" not in doc["query"]:
            fail("stdin (%s): query not echoed as UTF-8: %r" % (enc, doc["query"]))

    # 4. Text output: best match, the verdict, steps per Windows version with commands.
    rc, out, err = run(exe, ["--lang", "en", "explain", "10038"])
    for want in ("not-a-socket", "Winsock corruption likely: yes", "Windows 2000", "Windows XP with Service Pack 1",
                 "Windows Vista", "Windows 7", "ws2fix repair", "ws2fix diagnose", "nettcpip.inf",
                 "LanManServer\\Linkage", "Diagnose and repair"):
        if rc != 0 or want not in out:
            fail("text output of 'explain 10038' lacks %r" % want)
    rc, out, err = run(exe, ["--lang", "sv", "explain", "10038"])
    for want in ("Trolig Winsock-skada: ja", "Starta om datorn", "Diskett finns", "Diagnostisera och reparera"):
        if rc != 0 or want not in out:
            fail("Swedish text output lacks %r" % want)
    rc, out, err = run(exe, ["explain", "10038"], env_lang="sv_SE.UTF-8")
    if "Trolig Winsock-skada" not in out:
        fail("LC_ALL=sv_SE.UTF-8 does not give Swedish")
    rc, out, err = run(exe, ["--lang", "en", "explain", "10061"])
    if rc != 0 or "Winsock corruption likely: no" not in out:
        fail("10061 should not be called Winsock corruption")
    rc, out, err = run(exe, ["--os", "xp-sp1", "--json", "explain", "10038"])
    try:
        oses = {s["os"] for s in json.loads(out)["matches"][0]["steps"]}
        if oses != {"any", "xp-sp1"}:
            fail("--os xp-sp1 leaves steps for %r" % oses)
    except (ValueError, IndexError, KeyError):
        fail("--os xp-sp1 --json output broken")
    rc, out, err = run(exe, ["--os", "windows-99", "explain", "10038"])
    if rc != 2:
        fail("unknown --os should exit 2, got %d" % rc)

    # 5. Nothing matches: exit 1, say so, suggest diagnose; JSON with empty matches.
    for q in ("banana smoothie recipe", "12345", "xyzzy"):
        rc, out, err = run(exe, ["--lang", "en", "explain", q])
        if rc != 1 or "ws2fix diagnose" not in out:
            fail("unknown %r: rc %d, output %r" % (q, rc, out))
        rc, doc = explain_json(exe, [q])
        if rc != 1 or doc is None or doc.get("matches") != [] or doc.get("query") != q:
            fail("unknown %r --json: rc %d, %r" % (q, rc, doc))
    # A pasted log with an IP address does not turn into "error code 2".
    rc, doc = explain_json(exe, ["pinging 192.168.1.2 with 32 bytes of data"])
    if doc and any(m["symptom"] == "driver-contact-failed" for m in doc["matches"]):
        fail("an IP address was taken for error code 2")

    # 6. No query: exit 2.
    for args in ([], [""], ["   "]):
        rc, out, err = run(exe, ["explain"] + args)
        if rc != 2:
            fail("explain %r: exit %d, want 2" % (args, rc))
    rc, out, err = run(exe, ["explain", "-"], stdin=b"")
    if rc != 2:
        fail("empty standard input: exit %d, want 2" % rc)
    rc, out, err = run(exe, ["--json", "explain"])
    if rc != 2:
        fail("--json explain without query: exit %d" % rc)
    else:
        try:
            json.loads(out)["error"]
        except (ValueError, KeyError):
            fail("--json usage error is not a JSON error document: %r" % out)
    rc, out, err = run(exe, ["-q", "explain", "10038"])
    if rc != 0 or out:
        fail("--quiet: rc %d, output %r" % (rc, out))

    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
