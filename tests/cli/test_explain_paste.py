#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ws2fix explain on what people paste: HijackThis O10 lines in every form
(and whether the DLL they name is a known provider), whole pasted blocks
with several messages, the same message worded differently in English and
Swedish (every seed message reworded: word order, articles, "uttag" for
"socket"), German Windows' not-a-socket text, and pairs of texts that must
not match each other's entries.

Usage: python3 test_explain_paste.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import sys

import wstest

WS2FIX = sys.argv[1] if len(sys.argv) > 1 else "ws2fix"
HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "data", "hijackthis", "real")

# (O10 line, symptom, words the meaning must hold about the DLL)
O10_LINES = [
    ("O10 - Unknown file in Winsock LSP: c:\\windows\\system32\\vsocklib.dll",
     "hijackthis-o10-unknown-file", ["VMware", "false alarm"]),
    ("O10 - Unknown file in Winsock LSP: c:\\windows\\system32\\nlansp_c.dll",
     "hijackthis-o10-unknown-file", ["Windows' own", "by mistake"]),
    ("O10 - Unknown file in Winsock LSP: c:\\windows\\syswow64\\vsocklib.dll",
     "hijackthis-o10-unknown-file", ["VMware"]),
    ("O10 - Unknown file in Winsock LSP: c:\\windows\\system32\\webhdll.dll",
     "hijackthis-o10-unknown-file", ["malicious or adware"]),
    ("O10 - Unknown file in Winsock LSP: c:\\program files\\x\\strange_lsp.dll",
     "hijackthis-o10-unknown-file", ["not a provider ws2fix knows"]),
    ("O10 - Broken Internet access because of LSP provider 'c:\\windows\\system32\\vsocklib.dll' missing",
     "hijackthis-o10-provider-missing", ["does not exist on that machine"]),
    ("O10 - Broken Internet access because of missing LSP provider: 'c:\\windows\\system32\\x.dll'",
     "hijackthis-o10-provider-missing", ["does not exist"]),
    ("O10 - Broken Internet access because of LSP chain gap (#1 in chain of 14 missing)",
     "hijackthis-o10-chain-gap", ["#1 of 14", "administrator"]),
    ("O10 - Hijacked Internet access by WebHancer", "hijackthis-o10-hijacked", ["WebHancer"]),
    ("O10 - Hijacked Internet access by New.Net", "hijackthis-o10-hijacked", ["New.Net"]),
    # The Fork's checksum after the path, and its section name with -32.
    ("O10-32 - Unknown file in Winsock LSP: C:\\Windows\\SysWOW64\\vsocklib.dll (MD5: 0123)",
     "hijackthis-o10-unknown-file", ["VMware"]),
]

# Pasted blocks holding several symptoms: all of them must be listed.
BLOCKS = [
    ("Windows IP Configuration\r\n\r\nAn error occurred while renewing interface Local Area Connection : "
     "An operation was attempted on something that is not a socket.\r\nUnable to contact driver Error code 2.\r\n\r\n"
     "The operation failed since no adapter is in the state permissible for this operation.\r\n",
     {"not-a-socket", "driver-contact-failed", "no-adapter-permissible"}),
    ("Windows IP-konfiguration\r\n\r\nEtt fel uppstod när gränssnittet Anslutning till lokalt nätverk skulle förnyas: "
     "en åtgärd försökte utföras på något som inte är en socket.\r\nDet gick inte att få kontakt med drivrutinen Felkod 2.\r\n",
     {"not-a-socket", "driver-contact-failed"}),
    ("O9 - Extra button: x - {0} - C:\\x.dll\nO10 - Unknown file in Winsock LSP: c:\\windows\\system32\\nlansp_c.dll\n"
     "O10 - Broken Internet access because of LSP chain gap (#3 in chain of 12 missing)\n"
     "O11 - Options group: [ACCELERATED_GRAPHICS] Accelerated graphics\n",
     {"hijackthis-o10-unknown-file", "hijackthis-o10-chain-gap"}),
]

# The same message in other words: (text, symptom that must be the best match).
WORDINGS = [
    ("Socket operation on non-socket", "not-a-socket"),
    ("An operation was attempted on something that isn't a socket", "not-a-socket"),
    ("attempted an operation on something which is not a socket", "not-a-socket"),
    ("Försökte utföra en åtgärd på något som inte är en socket", "not-a-socket"),
    ("Ett försök gjordes att utföra en åtgärd på något som inte är en socket", "not-a-socket"),
    ("åtgärden utfördes på något som inte är en socket", "not-a-socket"),
    ("något som inte är en socket", "not-a-socket"),
    ("The requested service provider could not be loaded or initialised", "provider-load-failed"),
    ("Det gick inte att läsa in tjänstprovidern", "provider-load-failed"),
    ("Åtgärden stöds inte för den typ av objekt som refererades", "operation-not-supported"),
    ("the socket is not connected", "wsa-10057"),
    ("socketen är inte ansluten", "wsa-10057"),
    ("An operation was attempted on a socket that is not connected", "wsa-10057"),
    ("En åtgärd försökte utföras på en socket som inte är ansluten", "wsa-10057"),
    ("Connection refused", "wsa-10061"),
    ("Det gick inte att upprätta en anslutning eftersom måldatorn aktivt nekade det", "wsa-10061"),
    ("Unknown file in Winsock LSP", "hijackthis-o10-unknown-file"),
]

# Every seed message reworded as people retype it (written here, not copied):
# word order changed, articles dropped or added, the Swedish word "uttag"
# for the loan word "socket" (and "tjänsteleverantör" for "tjänstprovider"),
# in English and Swedish.  (how, text, symptom that must be the best match)
REWORDED = [
    # not-a-socket (10038)
    ("order", "Something that is not a socket had an operation attempted on it", "not-a-socket"),
    ("no article", "operation was attempted on something that is not socket", "not-a-socket"),
    ("article changed", "An operation was attempted on a thing that is not a socket", "not-a-socket"),
    ("article added", "An error occurred while renewing the interface Internet: the operation was attempted on something that is not a socket", "not-a-socket"),
    ("uttag", "En åtgärd försökte utföras på något som inte är ett uttag.", "not-a-socket"),
    ("uttag, short", "inte ett uttag", "not-a-socket"),
    ("uttag, short", "det är inte ett uttag", "not-a-socket"),
    ("uttag, no article", "försökte utföra åtgärd på något som inte är uttag", "not-a-socket"),
    ("no article", "Åtgärd försökte utföras på något som inte är socket", "not-a-socket"),
    ("order", "På något som inte är en socket försökte en åtgärd utföras", "not-a-socket"),
    ("uttag, order", "Ett fel uppstod när gränssnittet Internet skulle förnyas: åtgärden försökte utföras på något som inte är ett uttag", "not-a-socket"),
    ("uttag, definite", "åtgärden utfördes på uttaget fast det inte är ett uttag", "not-a-socket"),
    ("uttag, compound", "En åtgärd försökte utföras på ett icke-uttag", "not-a-socket"),
    ("compound", "åtgärd på icke-socket", "not-a-socket"),
    ("ej for inte", "Ett fel uppstod när gränssnittet skulle förnyas: åtgärd försökte utföras på något som ej är socket", "not-a-socket"),
    ("spoken Swedish", "Åtgärd försökte utföras på nånting som inte är ett uttag", "not-a-socket"),
    # provider-load-failed (10106)
    ("order", "The requested service provider could not be initialized or loaded", "provider-load-failed"),
    ("no article", "Requested service provider could not be loaded or initialized", "provider-load-failed"),
    ("order", "could not load or initialize the requested service provider", "provider-load-failed"),
    ("order", "Det gick inte att initiera eller läsa in den begärda tjänstprovidern", "provider-load-failed"),
    ("order", "Den begärda tjänstprovidern gick inte att läsa in eller initiera", "provider-load-failed"),
    ("no article", "gick inte att läsa in eller initiera begärd tjänstprovider", "provider-load-failed"),
    ("Swedish word", "Det gick inte att läsa in eller initiera den begärda tjänsteleverantören", "provider-load-failed"),
    # inithelperdll-failed (10107)
    ("order", "The INITHELPERDLL initialization function in IPMONTR.DLL failed to start, error code 10107", "inithelperdll-failed"),
    ("order", "IPMONTR.DLL: initialization function INITHELPERDLL failed to start with error code 10107", "inithelperdll-failed"),
    ("order", "Initieringsfunktionen INITHELPERDLL startade inte i IPMONTR.DLL, felkod 10107", "inithelperdll-failed"),
    ("order", "I IPMONTR.DLL startade inte initieringsfunktionen INITHELPERDLL. Felkod 10107", "inithelperdll-failed"),
    # driver-contact-failed (2)
    ("order, article", "Error code 2: unable to contact the driver", "driver-contact-failed"),
    ("article", "Unable to contact a driver, error code 2", "driver-contact-failed"),
    ("order", "Felkod 2: det gick inte att få kontakt med drivrutinen", "driver-contact-failed"),
    ("article", "Det gick inte att få kontakt med en drivrutin Felkod 2", "driver-contact-failed"),
    ("loan word", "Det gick inte att få kontakt med drivern, felkod 2", "driver-contact-failed"),
    # no-adapter-permissible
    ("article", "The operation failed since no adapter is in a state permissible for this operation", "no-adapter-permissible"),
    ("order", "No adapter is in the state permissible for this operation, so the operation failed", "no-adapter-permissible"),
    ("no article", "operation failed since no adapter is in state permissible for operation", "no-adapter-permissible"),
    ("article", "Åtgärden misslyckades eftersom inget kort är i ett tillåtet tillstånd för åtgärden", "no-adapter-permissible"),
    ("order", "Inget kort är i tillåtet tillstånd för den här åtgärden, så åtgärden misslyckades", "no-adapter-permissible"),
    ("no article", "Åtgärd misslyckades eftersom inget kort är i tillåtet tillstånd för åtgärd", "no-adapter-permissible"),
    # operation-not-supported (10045)
    ("order", "The attempted operation is not supported for the referenced type of object", "operation-not-supported"),
    ("no article", "attempted operation not supported for type of object referenced", "operation-not-supported"),
    ("order", "For the type of object referenced, the attempted operation is not supported", "operation-not-supported"),
    ("article", "Åtgärden som försökte utföras stöds inte för den typen av objekt som refererades", "operation-not-supported"),
    ("order", "För den typ av objekt som refererades stöds inte åtgärden som försökte utföras", "operation-not-supported"),
    ("no article", "Åtgärd som försökte utföras stöds inte för typ av objekt som refererades", "operation-not-supported"),
    # tcpip-driver-code-24
    ("order", "The TCP/IP Protocol Driver is listed as disabled under Non-Plug and Play drivers in Device Manager, with error code 24", "tcpip-driver-code-24"),
    ("order, no article", "Show Hidden Devices in Device Manager lists TCP/IP Protocol Driver as disabled under Non-Plug and Play drivers, code 24", "tcpip-driver-code-24"),
    ("order", "TCP/IP-protokolldrivrutinen anges som inaktiverad under Icke-Plug and Play-drivrutiner i Enhetshanteraren, felkod 24 visas", "tcpip-driver-code-24"),
    ("order", "I Enhetshanteraren under Icke-Plug and Play-drivrutiner är TCP/IP-protokolldrivrutinen inaktiverad med felkod 24", "tcpip-driver-code-24"),
    # ppp-no-control-protocols (720)
    ("order", "No PPP Control Protocols Configured: error 720", "ppp-no-control-protocols"),
    ("word added", "Error 720: no PPP control protocols are configured", "ppp-no-control-protocols"),
    ("order", "Inga PPP-kontrollprotokoll konfigurerade (fel 720)", "ppp-no-control-protocols"),
    ("word added", "Fel 720: inga PPP-kontrollprotokoll är konfigurerade", "ppp-no-control-protocols"),
    # page-cannot-be-displayed
    ("article changed", "This page cannot be displayed", "page-cannot-be-displayed"),
    ("split word", "The page can not be displayed", "page-cannot-be-displayed"),
    ("article added", "Den här sidan kan inte visas", "page-cannot-be-displayed"),
    ("no article", "Sida kan inte visas", "page-cannot-be-displayed"),
    ("order", "Kan inte visa sidan", "page-cannot-be-displayed"),
    # no-ip-address
    ("order", "You have no IP address and no APIPA (Automatic Private IP Addressing) address", "no-ip-address"),
    ("order", "no APIPA address or IP address", "no-ip-address"),
    ("order", "Du har ingen IP-adress och ingen APIPA-adress", "no-ip-address"),
    ("order", "Ingen APIPA-adress eller IP-adress", "no-ip-address"),
    # packets-received-not-sent
    ("order", "IP packets are received but not sent", "packets-received-not-sent"),
    ("order", "you may receive IP packets but not send them", "packets-received-not-sent"),
    ("order", "Du får IP-paket men kan inte skicka några", "packets-received-not-sent"),
    ("order", "Kan inte skicka några IP-paket men får dem", "packets-received-not-sent"),
    # ipconfig-renew-test
    ("order", "When you use the command ipconfig /renew you receive the following error messages", "ipconfig-renew-test"),
    ("order", "type ipconfig /renew at the command prompt and hit Enter", "ipconfig-renew-test"),
    ("order", "Följande felmeddelanden kan visas när du använder kommandot ipconfig /renew", "ipconfig-renew-test"),
    ("order", "När du använder ipconfig /renew-kommandot visas följande felmeddelanden", "ipconfig-renew-test"),
]

# Pairs of texts whose entries must not mix: the first text must not list
# the second text's entry (nor the other way round).
NO_MATCH_PAIRS = [
    ("Ett fel uppstod när gränssnittet skulle förnyas: En åtgärd försökte utföras på något som inte är en socket",
     "När du använder kommandot ipconfig /renew kan följande felmeddelanden visas."),
    ("socketen är inte ansluten", "En åtgärd försökte utföras på något som inte är en socket."),
    ("O10 - Unknown file in Winsock LSP: c:\\windows\\system32\\vsocklib.dll",
     "The requested service provider could not be loaded or initialized."),
    ("O10 - Broken Internet access because of LSP chain gap (#1 in chain of 14 missing)",
     "O10 - Unknown file in Winsock LSP: c:\\windows\\system32\\nlansp_c.dll"),
    ("The page cannot be displayed", "An operation was attempted on something that is not a socket."),
    ("Connection refused", "An existing connection was forcibly closed by the remote host."),
    ("Fel 720: Inga PPP-kontrollprotokoll konfigurerade", "Sidan kan inte visas"),
    ("Unable to contact driver Error code 2.", "Error 720: No PPP Control Protocols Configured"),
]


def explain(text, *opts):
    rc, out, err = wstest.run(WS2FIX, *opts, "--json", "explain", "-", stdin=text.encode("utf-8"))
    if rc not in (0, 1):
        raise wstest.Failure(f"explain exit {rc}: {err}")
    return json.loads(out)


def ids(doc):
    return [m["symptom"] for m in doc["matches"]]


def test_every_o10_form_is_recognised():
    for line, symptom, words in O10_LINES:
        for lang in ("en", "sv"):
            doc = explain(line, "--lang", lang)
            if not doc["matches"] or doc["matches"][0]["symptom"] != symptom:
                raise wstest.Failure(f"{line} ({lang}): {ids(doc)}, expected {symptom} first")
            m = doc["matches"][0]
            if m["score"] != 1 or not any(s["command"] and "--hijackthis" in s["command"] for s in m["steps"]):
                raise wstest.Failure(f"{line}: score {m['score']}, steps {m['steps']}")
            if lang == "en":
                for w in words:
                    if w not in m["meaning"]:
                        raise wstest.Failure(f"{line}: meaning lacks {w!r}: {m['meaning']}")
            elif m["meaning"] == explain(line)["matches"][0]["meaning"]:
                raise wstest.Failure(f"{line}: the Swedish meaning is the English one")
    # A whole real log piped in: its O10 line is found among everything else.
    with open(os.path.join(REAL, "kennetheyrn-hijackthis-2.0.5-win11-nlansp.log"), encoding="utf-8") as f:
        doc = explain(f.read())
    if ids(doc)[:1] != ["hijackthis-o10-unknown-file"] or "nlansp_c.dll" not in doc["matches"][0]["meaning"]:
        raise wstest.Failure(f"whole log: {ids(doc)}")


def test_pasted_blocks_give_every_symptom():
    for text, want in BLOCKS:
        got = set(ids(explain(text)))
        if not want <= got:
            raise wstest.Failure(f"block {text[:60]!r}: {sorted(got)}, expected at least {sorted(want)}")


def test_wordings_find_the_right_entry():
    for text, symptom in WORDINGS:
        doc = explain(text)
        if ids(doc)[:1] != [symptom]:
            raise wstest.Failure(f"{text!r}: {[(m['symptom'], m['score']) for m in doc['matches']]}, expected {symptom}")


def test_reworded_seed_messages_find_their_entry():
    bad = []
    for how, text, symptom in REWORDED:
        doc = explain(text)
        if ids(doc)[:1] != [symptom]:
            bad.append(f"{how}: {text!r}: {[(m['symptom'], m['score']) for m in doc['matches']][:3]}, expected {symptom}")
        elif ("uttag" in how or "Swedish" in how) and doc["matches"][0]["language"] != "sv":
            # A Swedish word folded to the message's word still matches the Swedish message.
            bad.append(f"{how}: {text!r}: language {doc['matches'][0]['language']}, expected sv")
    if bad:
        raise wstest.Failure("\n".join(bad))


def test_german_not_a_socket():
    # German Windows' own text for 10038 (kb.c says where it comes from): the
    # not-a-socket entry, answered in the output language (ws2fix has no German).
    text = "Ein Vorgang bezog sich auf ein Objekt, das kein Socket ist."
    for lang in ("en", "sv"):
        doc = explain(text, "--lang", lang)
        if ids(doc)[:1] != ["not-a-socket"] or doc["matches"][0]["language"] != lang:
            raise wstest.Failure(f"German ({lang}): {[(m['symptom'], m['language']) for m in doc['matches']]}")
    # As Python prints it on a German Windows.
    doc = explain("OSError: [WinError 10038] " + text)
    if ids(doc)[:1] != ["not-a-socket"]:
        raise wstest.Failure(f"German WinError: {ids(doc)}")


def test_close_entries_are_both_shown():
    # Retyped between 10038 and 10057: both are listed, the right one first.
    doc = explain("En åtgärd försökte utföras på en socket som inte är ansluten")
    if ids(doc)[:2] != ["wsa-10057", "not-a-socket"]:
        raise wstest.Failure(f"close entries: {ids(doc)}")


def test_no_match_pairs():
    for a, b in NO_MATCH_PAIRS:
        da, db = explain(a), explain(b)
        if not da["matches"] or not db["matches"]:
            raise wstest.Failure(f"pair {a!r} / {b!r}: one side matches nothing")
        ta, tb = ids(da)[0], ids(db)[0]
        if ta == tb or tb in ids(da) or ta in ids(db):
            raise wstest.Failure(f"pair {a!r} -> {ids(da)} / {b!r} -> {ids(db)}: they match each other's entries")


wstest.main([test_every_o10_form_is_recognised, test_pasted_blocks_give_every_symptom,
             test_wordings_find_the_right_entry, test_reworded_seed_messages_find_their_entry,
             test_german_not_a_socket, test_close_entries_are_both_shown, test_no_match_pairs])
