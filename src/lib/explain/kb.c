/* SPDX-License-Identifier: MIT */
/*
 * The knowledge base of `explain`: the symptoms of the seeds, each with
 * its messages exactly as the seeds word them in English and Swedish, what
 * it means, the likely cause, and which remedy (list of per-OS steps, see
 * guidance.c) applies.
 *
 * Seeds (shared/seeds/):
 *   000 = 000_caca1c8e36e8f87b.txt, KB 811259 in Swedish
 *   001 = 001_4e8acd66d905a3ef.txt, KB 811259 in English (abridged)
 *   002 = 002_cb83ae5f36a32bed.txt, "How to Repair the Networking Stack"
 *
 * Phrases marked KB_SEED are copied character for character from the seed
 * named in the comment above the row, so that the CLI test can feed the
 * seeds' own sentences back in.  KB_ALIAS rows are the short forms people
 * type; they score a little lower than a whole seed message.  KB_FOREIGN
 * rows are Windows' own text in a language ws2fix does not output (the
 * comment says where the wording comes from).
 *
 * Error names for codes outside the Winsock table are the Windows SDK's
 * symbolic names (winerror.h, raserror.h, cfg.h); Winsock names and texts
 * come from the shared table in ../wsa_errors.c, so they are not repeated
 * here.
 */
#include "explain_internal.h"

/* KB 811259, CAUSE (001) / Orsak (000), word for word. */
#define CAUSE_EN "These issues may occur if the Winsock registry keys are damaged or corrupted (KB 811259)."
#define CAUSE_SV "Dessa problem kan uppstå om Winsock registernycklar är skadade eller korrupta (KB 811259)."

/*
 * 001 SYMPTOMS, Message 1 (Ipconfig) and ipconfig /renew Message 1;
 * 000 Symptom, Meddelande 1 (both lists); 002 step 4 of the quick test.
 */
static const kb_phrase not_a_socket_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "An operation was attempted on something that is not a socket."},
	{WS2FIX_LANG_EN, KB_SEED, "An error occurred while renewing interface 'Internet': An operation was attempted on something that is not a socket."},
	{WS2FIX_LANG_EN, KB_SEED, "An error occurred while renewing interface local area connection: an operation was attempted on something that is not a socket."},
	{WS2FIX_LANG_EN, KB_SEED, "...an operation was attempted on something that is not a socket...."},
	/* 002, Windows 2000 paragraph (the title of the Windows 2000 article). */
	{WS2FIX_LANG_EN, KB_SEED, "Operation was attempted on something that is not a socket"},
	{WS2FIX_LANG_SV, KB_SEED, "En åtgärd försökte utföras på något som inte är en socket."},
	{WS2FIX_LANG_SV, KB_SEED, "Ett fel uppstod när gränssnittet 'Internet' skulle förnyas: En åtgärd försökte utföras på något som inte är en socket."},
	{WS2FIX_LANG_SV, KB_SEED, "Ett fel uppstod när gränssnittet Anslutning till lokalt nätverk skulle förnyas: en åtgärd försökte utföras på något som inte är en socket."},
	{WS2FIX_LANG_EN, KB_ALIAS, "not a socket"},
	/* The C library's strerror(ENOTSOCK), which Wine, Cygwin and MSYS
	 * programs print for the same error. */
	{WS2FIX_LANG_EN, KB_ALIAS, "Socket operation on non-socket"},
	{WS2FIX_LANG_SV, KB_ALIAS, "inte en socket"},
	/* The Swedish of "non-socket" ("icke-uttag" folds to it too), which
	 * otherwise scored as 10037's "icke-blockerande socket". */
	{WS2FIX_LANG_SV, KB_ALIAS, "icke-socket"},
	/* German Windows' FormatMessage text for 10038 (WSAENOTSOCK), as
	 * programs print it there, e.g. Python's "OSError: [WinError 10038]
	 * Ein Vorgang bezog sich auf ein Objekt, das kein Socket ist." in
	 * public bug reports and code comments.  Microsoft's German Winsock
	 * reference words the error differently ("... für etwas auszuführen,
	 * das kein Socket ist"), which the word comparison also finds. */
	{WS2FIX_LANG_EN, KB_FOREIGN, "Ein Vorgang bezog sich auf ein Objekt, das kein Socket ist."},
	{WS2FIX_LANG_EN, 0, NULL}};

/* 001 SYMPTOMS, Message 2 (Ipconfig); 000 Symptom, Meddelande 2. */
static const kb_phrase provider_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "the requested service provider could not be loaded or initialized."},
	{WS2FIX_LANG_EN, KB_SEED, "An error occurred while renewing interface Local Area Connection: the requested service provider could not be loaded or initialized."},
	{WS2FIX_LANG_SV, KB_SEED, "Det gick inte att läsa in eller initiera den begärda tjänstprovidern."},
	{WS2FIX_LANG_SV, KB_SEED, "Ett fel uppstod när gränssnittet Anslutning till lokalt nätverk skulle förnyas: Det gick inte att läsa in eller initiera den begärda tjänstprovidern."},
	{WS2FIX_LANG_EN, KB_ALIAS, "service provider could not be loaded"},
	{WS2FIX_LANG_SV, KB_ALIAS, "tjänstprovidern kunde inte läsas in"},
	{WS2FIX_LANG_EN, 0, NULL}};

/* 001 SYMPTOMS ("When you use your computer"); 000 Symptom ("När du använder datorn"). */
static const kb_phrase inithelper_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "Initialization function INITHELPERDLL in IPMONTR.DLL failed to start with error code 10107"},
	{WS2FIX_LANG_SV, KB_SEED, "Initieringsfunktionen INITHELPERDLL i IPMONTR.DLL startade inte. Felkod: 10107"},
	{WS2FIX_LANG_EN, KB_ALIAS, "INITHELPERDLL"},
	{WS2FIX_LANG_EN, KB_ALIAS, "IPMONTR.DLL"},
	{WS2FIX_LANG_EN, 0, NULL}};

/* 001 SYMPTOMS, ipconfig /renew Message 1 (second sentence); 000 Symptom, second list, Meddelande 1. */
static const kb_phrase driver_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "Unable to contact driver Error code 2."},
	{WS2FIX_LANG_SV, KB_SEED, "Det gick inte att få kontakt med drivrutinen Felkod 2."},
	{WS2FIX_LANG_EN, KB_ALIAS, "unable to contact driver"},
	{WS2FIX_LANG_SV, KB_ALIAS, "kontakt med drivrutinen"},
	{WS2FIX_LANG_EN, 0, NULL}};

/* 001 SYMPTOMS, ipconfig /renew Message 2; 000 Symptom, second list, Meddelande 2. */
static const kb_phrase no_adapter_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "The operation failed since no adapter is in the state permissible for this operation."},
	{WS2FIX_LANG_SV, KB_SEED, "Åtgärden misslyckades eftersom inget kort är i tillåtet tillstånd för den här åtgärden."},
	{WS2FIX_LANG_EN, KB_ALIAS, "no adapter is in the state permissible"},
	{WS2FIX_LANG_SV, KB_ALIAS, "inget kort är i tillåtet tillstånd"},
	{WS2FIX_LANG_EN, 0, NULL}};

/* 001 SYMPTOMS, ipconfig /renew Message 3; 000 Symptom, second list, Meddelande 3. */
static const kb_phrase not_supported_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "The attempted operation is not supported for the type of object referenced."},
	{WS2FIX_LANG_SV, KB_SEED, "Åtgärden som försökte utföras stöds inte för den typ av objekt som refererades."},
	{WS2FIX_LANG_EN, 0, NULL}};

/* 001 SYMPTOMS (Device Manager); 000 Symptom ("När du klickar på Visa dolda enheter"). */
static const kb_phrase code24_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "In Device Manager, when you click Show Hidden Devices, the TCP/IP Protocol Driver is listed as disabled under Non-Plug and Play drivers, and you receive error code 24."},
	{WS2FIX_LANG_SV, KB_SEED, "När du klickar på Visa dolda enheter i Enhetshanteraren anges TCP/IP-protokolldrivrutinen som inaktiverad under Icke-Plug and Play-drivrutiner, och felkod 24 visas."},
	{WS2FIX_LANG_EN, KB_ALIAS, "TCP/IP Protocol Driver"},
	{WS2FIX_LANG_EN, KB_ALIAS, "TCP/IP Protocol Driver code 24"},
	{WS2FIX_LANG_EN, KB_ALIAS, "Device Manager code 24"},
	{WS2FIX_LANG_EN, KB_ALIAS, "Non-Plug and Play drivers"},
	{WS2FIX_LANG_SV, KB_ALIAS, "TCP/IP-protokolldrivrutinen"},
	{WS2FIX_LANG_SV, KB_ALIAS, "Enhetshanteraren kod 24"},
	{WS2FIX_LANG_SV, KB_ALIAS, "Icke-Plug and Play-drivrutiner"},
	{WS2FIX_LANG_EN, 0, NULL}};

/* 001 SYMPTOMS (dial-up connection); 000 Symptom ("När en fjärranslutning skapas"). */
static const kb_phrase ppp_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "Error 720: No PPP Control Protocols Configured"},
	{WS2FIX_LANG_SV, KB_SEED, "Fel 720: Inga PPP-kontrollprotokoll konfigurerade"},
	{WS2FIX_LANG_EN, KB_ALIAS, "No PPP Control Protocols"},
	{WS2FIX_LANG_SV, KB_ALIAS, "Inga PPP-kontrollprotokoll"},
	/* The seeds' sentence that introduces the message. */
	{WS2FIX_LANG_EN, KB_SEED, "When you create a dial-up connection, you may receive the following error message:"},
	{WS2FIX_LANG_SV, KB_SEED, "När en fjärranslutning skapas kan det hända att följande felmeddelande visas:"},
	{WS2FIX_LANG_EN, KB_ALIAS, "dial-up connection error"},
	{WS2FIX_LANG_SV, KB_ALIAS, "fel vid fjärranslutning"},
	{WS2FIX_LANG_EN, 0, NULL}};

/* 001 SYMPTOMS (Internet Explorer); 000 Symptom ("När du startar Internet Explorer"). */
static const kb_phrase page_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "The page cannot be displayed"},
	{WS2FIX_LANG_SV, KB_SEED, "Sidan kan inte visas"},
	/* The same page as Internet Explorer 7 and later word it. */
	{WS2FIX_LANG_EN, KB_ALIAS, "Internet Explorer cannot display the webpage"},
	{WS2FIX_LANG_SV, KB_ALIAS, "Internet Explorer kan inte visa webbsidan"},
	{WS2FIX_LANG_EN, 0, NULL}};

/* 001 SYMPTOMS ("Additionally, you may have no IP address ..."); 000 Symptom ("Vidare har du kanske ..."). */
static const kb_phrase no_ip_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "you may have no IP address or no Automatic Private IP Addressing (APIPA) address"},
	{WS2FIX_LANG_SV, KB_SEED, "har du kanske ingen IP-adress eller APIPA-adress (Automatic Private IP Addressing)"},
	{WS2FIX_LANG_EN, KB_ALIAS, "no IP address"},
	{WS2FIX_LANG_EN, KB_ALIAS, "no APIPA address"},
	{WS2FIX_LANG_EN, KB_ALIAS, "APIPA"},
	{WS2FIX_LANG_SV, KB_ALIAS, "ingen IP-adress"},
	{WS2FIX_LANG_SV, KB_ALIAS, "ingen APIPA-adress"},
	{WS2FIX_LANG_EN, 0, NULL}};

/* Same sentences as no_ip_phrases, second half. */
static const kb_phrase packets_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "you may be receiving IP packets but not sending them."},
	{WS2FIX_LANG_SV, KB_SEED, "du får kanske IP-paket men kan inte skicka några."},
	/* The wording of the same symptom. */
	{WS2FIX_LANG_EN, KB_ALIAS, "packets received but none sent"},
	{WS2FIX_LANG_EN, KB_ALIAS, "receiving packets but not sending"},
	{WS2FIX_LANG_SV, KB_ALIAS, "tar emot paket men skickar inga"},
	{WS2FIX_LANG_SV, KB_ALIAS, "paket tas emot men inga skickas"},
	{WS2FIX_LANG_EN, KB_ALIAS, "cannot send packets"},
	{WS2FIX_LANG_SV, KB_ALIAS, "kan inte skicka paket"},
	{WS2FIX_LANG_EN, 0, NULL}};

/* 002, the quick test (steps 1-4 at the top); 001/000 "When you use the ipconfig /renew command". */
static const kb_phrase quick_test_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "At the command prompt type \"ipconfig /renew\" (without the quotes) and hit Enter or click OK."},
	{WS2FIX_LANG_EN, KB_SEED, "First determine if the stack is in fact corrupted."},
	{WS2FIX_LANG_EN, KB_SEED, "When you use the ipconfig /renew command, you may receive the following error messages."},
	{WS2FIX_LANG_SV, KB_SEED, "När du använder kommandot ipconfig /renew kan följande felmeddelanden visas."},
	{WS2FIX_LANG_EN, KB_ALIAS, "ipconfig /renew"},
	{WS2FIX_LANG_EN, KB_ALIAS, "ipconfig /release"},
	{WS2FIX_LANG_EN, KB_ALIAS, "quick test"},
	{WS2FIX_LANG_EN, KB_ALIAS, "repair the networking stack"},
	{WS2FIX_LANG_SV, KB_ALIAS, "snabbtest"},
	{WS2FIX_LANG_SV, KB_ALIAS, "reparera nätverksstacken"},
	{WS2FIX_LANG_EN, 0, NULL}};

/*
 * HijackThis O10 lines (docs/cli/hijackthis-input.md names the HijackThis
 * source of each wording).  The fixed part of each form is the phrase; the
 * matcher (match.c) also reads a whole O10 line with
 * ws2fix_hjt_o10_parse() and says whether the DLL it names is known.
 */
static const kb_phrase o10_missing_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "O10 - Broken Internet access because of LSP provider missing"},
	{WS2FIX_LANG_EN, KB_SEED, "O10 - Broken Internet access because of missing LSP provider"},
	{WS2FIX_LANG_EN, KB_ALIAS, "hijackthis-o10-provider-missing"},
	{WS2FIX_LANG_EN, 0, NULL}};
static const kb_phrase o10_gap_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "O10 - Broken Internet access because of LSP chain gap"},
	{WS2FIX_LANG_EN, KB_ALIAS, "hijackthis-o10-chain-gap"},
	{WS2FIX_LANG_EN, 0, NULL}};
static const kb_phrase o10_unknown_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "O10 - Unknown file in Winsock LSP"},
	{WS2FIX_LANG_EN, KB_ALIAS, "hijackthis-o10-unknown-file"},
	{WS2FIX_LANG_EN, 0, NULL}};
static const kb_phrase o10_hijacked_phrases[] = {
	{WS2FIX_LANG_EN, KB_SEED, "O10 - Hijacked Internet access by"},
	{WS2FIX_LANG_EN, KB_ALIAS, "hijackthis-o10-hijacked"},
	{WS2FIX_LANG_EN, 0, NULL}};

/*
 * The two verdicts that stand on who printed the error rather than on a
 * message (context.c finds the signals, match.c decides).  Their short
 * forms let "ws2fix explain SystemRoot" or "... Proxifier" find them.
 */
static const kb_phrase environment_phrases[] = {
	{WS2FIX_LANG_EN, KB_ALIAS, "One program cannot load any Winsock provider: its environment lacks SystemRoot."},
	{WS2FIX_LANG_SV, KB_ALIAS, "Ett program kan inte läsa in någon Winsock-provider: dess miljö saknar SystemRoot."},
	{WS2FIX_LANG_EN, KB_ALIAS, "SystemRoot missing"},
	{WS2FIX_LANG_EN, KB_ALIAS, "SystemRoot not set"},
	{WS2FIX_LANG_SV, KB_ALIAS, "SystemRoot saknas"},
	{WS2FIX_LANG_EN, 0, NULL}};
static const kb_phrase layered_phrases[] = {
	{WS2FIX_LANG_EN, KB_ALIAS, "A layered provider that is installed and working breaks some programs' connections."},
	{WS2FIX_LANG_SV, KB_ALIAS, "En installerad och fungerande skiktad provider förstör vissa programs anslutningar."},
	{WS2FIX_LANG_EN, KB_ALIAS, "Proxifier"},
	{WS2FIX_LANG_EN, KB_ALIAS, "PrxerDrv.dll"},
	{WS2FIX_LANG_EN, KB_ALIAS, "PGPlsp.dll"},
	{WS2FIX_LANG_EN, KB_ALIAS, "pmilsp.dll"},
	{WS2FIX_LANG_EN, 0, NULL}};

#define HJT_CAUSE_EN "HijackThis writes O10 lines from what it reads in the Winsock catalog and on disk; it " \
	"does not judge them, and its list of safe files stopped growing long ago."
#define HJT_CAUSE_SV "HijackThis skriver O10-rader utifrån det den läser i Winsock-katalogen och på disken; " \
	"den bedömer dem inte, och dess lista över säkra filer slutade uppdateras för länge sedan."

static const kb_symptom symptoms[] = {
	{"not-a-socket", 10038, NULL, 1, KB_REMEDY_CORRUPTION,
	 {"An operation was attempted on something that is not a socket.",
	  "En åtgärd försökte utföras på något som inte är en socket."},
	 {"Winsock error 10038 (WSAENOTSOCK): ipconfig, or another program, was handed something "
	  "that is not a socket when it asked Winsock for one. When ipconfig /release or /renew "
	  "says this, Winsock could not give the DHCP client a working TCP/IP provider.",
	  "Winsock-fel 10038 (WSAENOTSOCK): ipconfig eller ett annat program bad Winsock om en "
	  "socket men fick något som inte är en socket. När ipconfig /release eller /renew visar "
	  "meddelandet kunde Winsock inte ge DHCP-klienten någon fungerande TCP/IP-provider."},
	 {CAUSE_EN " The networking-stack guide uses this very message as its quick test: when "
	  "ipconfig /renew shows it, the stack is probably corrupt.",
	  CAUSE_SV " Guiden för att reparera nätverksstacken använder just det här meddelandet som "
	  "snabbtest: visar ipconfig /renew det är stacken troligen skadad."},
	 not_a_socket_phrases},

	{"provider-load-failed", 10106, NULL, 1, KB_REMEDY_CORRUPTION,
	 {"The requested service provider could not be loaded or initialized.",
	  "Det gick inte att läsa in eller initiera den begärda tjänstprovidern."},
	 {"Winsock error 10106 (WSAEPROVIDERFAILEDINIT): Winsock could not load or start the "
	  "service provider DLL that its catalog names for the request. The DLL is missing or "
	  "damaged, or the catalog entry points to the wrong file.",
	  "Winsock-fel 10106 (WSAEPROVIDERFAILEDINIT): Winsock kunde inte läsa in eller starta den "
	  "tjänstprovider (DLL-fil) som katalogen anger för anropet. DLL-filen saknas eller är "
	  "skadad, eller så pekar katalogposten på fel fil."},
	 {CAUSE_EN " A layered service provider (LSP) whose DLL was deleted without being "
	  "unregistered, for example by an antivirus or antispyware program removing malware, "
	  "gives exactly this error. When one program alone gets it while others work (Python's "
	  "[WinError 10106] at import asyncio, an MCP server that does not start), that program's "
	  "environment lacks SystemRoot: see ws2fix explain program-environment.",
	  CAUSE_SV " En skiktad tjänstprovider (LSP) vars DLL-fil tagits bort utan att providern "
	  "avregistrerats, till exempel när ett antivirus- eller antispionprogram tar bort "
	  "skadlig kod, ger precis det här felet. Får bara ett program felet medan andra "
	  "fungerar (Pythons [WinError 10106] vid import asyncio, en MCP-server som inte startar) "
	  "saknar programmets miljö SystemRoot: se ws2fix explain program-environment."},
	 provider_phrases},

	{"inithelperdll-failed", 10107, NULL, 1, KB_REMEDY_CORRUPTION,
	 {"Initialization function INITHELPERDLL in IPMONTR.DLL failed to start with error code 10107",
	  "Initieringsfunktionen INITHELPERDLL i IPMONTR.DLL startade inte. Felkod: 10107"},
	 {"IPMONTR.DLL (the IP Router Monitor, a netsh helper) could not start because Winsock "
	  "failed with error 10107 (WSASYSCALLFAILURE: a system call that should never fail has "
	  "failed).",
	  "IPMONTR.DLL (IP Router Monitor, ett hjälpbibliotek till netsh) kunde inte starta "
	  "eftersom Winsock misslyckades med fel 10107 (WSASYSCALLFAILURE: ett systemanrop som "
	  "aldrig ska misslyckas har misslyckats)."},
	 {CAUSE_EN, CAUSE_SV},
	 inithelper_phrases},

	{"driver-contact-failed", 2, "ERROR_FILE_NOT_FOUND", 1, KB_REMEDY_CORRUPTION,
	 {"Unable to contact driver Error code 2.",
	  "Det gick inte att få kontakt med drivrutinen Felkod 2."},
	 {"ipconfig could not talk to the TCP/IP driver. Error code 2 is the Windows error "
	  "\"The system cannot find the file specified\": the driver could not be opened.",
	  "Ipconfig fick ingen kontakt med TCP/IP-drivrutinen. Felkod 2 är Windows-felet \"Det "
	  "går inte att hitta filen\": drivrutinen gick inte att öppna."},
	 {CAUSE_EN " KB 811259 shows it right after \"an operation was attempted on something that "
	  "is not a socket\" from ipconfig /renew.",
	  CAUSE_SV " KB 811259 visar det direkt efter \"en åtgärd försökte utföras på något som "
	  "inte är en socket\" från ipconfig /renew."},
	 driver_phrases},

	{"no-adapter-permissible", WS2FIX_EXPLAIN_NO_CODE, NULL, 1, KB_REMEDY_CORRUPTION,
	 {"The operation failed since no adapter is in the state permissible for this operation.",
	  "Åtgärden misslyckades eftersom inget kort är i tillåtet tillstånd för den här åtgärden."},
	 {"ipconfig /renew found no network adapter in a state where its address can be renewed.",
	  "Ipconfig /renew hittade inget nätverkskort i ett tillstånd där adressen kan förnyas."},
	 {CAUSE_EN " ipconfig also says this when every adapter has a fixed IP address or is "
	  "unplugged; rule that out first.",
	  CAUSE_SV " Ipconfig säger också så när alla nätverkskort har fast IP-adress eller är "
	  "urkopplade; uteslut det först."},
	 no_adapter_phrases},

	{"operation-not-supported", 10045, NULL, 1, KB_REMEDY_CORRUPTION,
	 {"The attempted operation is not supported for the type of object referenced.",
	  "Åtgärden som försökte utföras stöds inte för den typ av objekt som refererades."},
	 {"Winsock error 10045 (WSAEOPNOTSUPP): the socket does not support the operation. After "
	  "ipconfig /renew it means the DHCP client's sockets did not come from a working "
	  "TCP/IP provider.",
	  "Winsock-fel 10045 (WSAEOPNOTSUPP): socketen stöder inte åtgärden. Efter ipconfig /renew "
	  "betyder det att DHCP-klientens socketar inte kom från någon fungerande TCP/IP-provider."},
	 {CAUSE_EN " When one program alone reports it, a bug in that program is more likely.",
	  CAUSE_SV " Om bara ett enskilt program visar felet är ett fel i programmet troligare."},
	 not_supported_phrases},

	{"tcpip-driver-code-24", 24, "CM_PROB_DEVICE_NOT_THERE", 1, KB_REMEDY_CORRUPTION,
	 {"In Device Manager, when you click Show Hidden Devices, the TCP/IP Protocol Driver is "
	  "listed as disabled under Non-Plug and Play drivers, and you receive error code 24.",
	  "När du klickar på Visa dolda enheter i Enhetshanteraren anges TCP/IP-protokolldrivrutinen "
	  "som inaktiverad under Icke-Plug and Play-drivrutiner, och felkod 24 visas."},
	 {"Device Manager code 24: the device is not present, is not working properly, or does not "
	  "have all its drivers installed. For the TCP/IP Protocol Driver it means that TCP/IP "
	  "did not start.",
	  "Kod 24 i Enhetshanteraren: enheten finns inte, fungerar inte korrekt eller så är inte "
	  "alla drivrutiner installerade. För TCP/IP-protokolldrivrutinen betyder det att TCP/IP "
	  "inte startade."},
	 {CAUSE_EN, CAUSE_SV},
	 code24_phrases},

	{"ppp-no-control-protocols", 720, "ERROR_PPP_NO_PROTOCOLS_CONFIGURED", 1, KB_REMEDY_CORRUPTION,
	 {"Error 720: No PPP Control Protocols Configured",
	  "Fel 720: Inga PPP-kontrollprotokoll konfigurerade"},
	 {"A dial-up or VPN connection found no network protocol it could agree on with the "
	  "server: Remote Access has no working PPP control protocol, usually because TCP/IP "
	  "cannot be used on this computer.",
	  "En fjärranslutning eller VPN-anslutning hittade inget nätverksprotokoll som den kunde "
	  "komma överens med servern om: fjärråtkomsten har inget fungerande PPP-kontrollprotokoll, "
	  "oftast för att TCP/IP inte går att använda på datorn."},
	 {CAUSE_EN " KB 811259 lists it for when you create a dial-up connection.",
	  CAUSE_SV " KB 811259 tar upp felet för när en fjärranslutning skapas."},
	 ppp_phrases},

	{"page-cannot-be-displayed", WS2FIX_EXPLAIN_NO_CODE, NULL, 1, KB_REMEDY_CORRUPTION,
	 {"The page cannot be displayed", "Sidan kan inte visas"},
	 {"Internet Explorer could not reach the web page at all.",
	  "Internet Explorer kunde inte nå webbsidan alls."},
	 {CAUSE_EN " It is far from the only cause of this message: no connection, DNS, proxy "
	  "settings or the site itself give it too. If other programs cannot connect either, "
	  "check the Winsock catalog.",
	  CAUSE_SV " Det är långt ifrån den enda orsaken till meddelandet: ingen anslutning, DNS, "
	  "proxyinställningar eller själva webbplatsen ger det också. Om inte heller andra "
	  "program kan ansluta bör du kontrollera Winsock-katalogen."},
	 page_phrases},

	{"no-ip-address", WS2FIX_EXPLAIN_NO_CODE, NULL, 1, KB_REMEDY_CORRUPTION,
	 {"You may have no IP address or no Automatic Private IP Addressing (APIPA) address.",
	  "Du har kanske ingen IP-adress eller APIPA-adress (Automatic Private IP Addressing)."},
	 {"The network adapter has neither an address from DHCP nor an address it chose itself "
	  "(APIPA, 169.254.x.x): TCP/IP is not working on it at all.",
	  "Nätverkskortet har varken fått någon adress från DHCP eller valt någon egen adress "
	  "(APIPA, 169.254.x.x): TCP/IP fungerar inte alls på kortet."},
	 {CAUSE_EN, CAUSE_SV},
	 no_ip_phrases},

	{"packets-received-not-sent", WS2FIX_EXPLAIN_NO_CODE, NULL, 1, KB_REMEDY_CORRUPTION,
	 {"You may be receiving IP packets but not sending them.",
	  "Du får kanske IP-paket men kan inte skicka några."},
	 {"The connection's status shows packets received but none sent: the adapter works, but "
	  "programs cannot hand anything to TCP/IP.",
	  "Anslutningens status visar att paket tas emot men att inga skickas: nätverkskortet "
	  "fungerar, men programmen kan inte lämna något till TCP/IP."},
	 {CAUSE_EN, CAUSE_SV},
	 packets_phrases},

	{"ipconfig-renew-test", WS2FIX_EXPLAIN_NO_CODE, NULL, 1, KB_REMEDY_QUICK_TEST,
	 {"At the command prompt type \"ipconfig /renew\" and press ENTER.",
	  "Skriv ipconfig /renew vid kommandotolken och tryck på RETUR."},
	 {"The quick test of the networking-stack guide: ipconfig /renew makes the DHCP client "
	  "open sockets, so a broken Winsock catalog shows up at once.",
	  "Snabbtestet i guiden för att reparera nätverksstacken: ipconfig /renew får "
	  "DHCP-klienten att öppna socketar, så en trasig Winsock-katalog syns direkt."},
	 {"If the answer contains \"...an operation was attempted on something that is not a "
	  "socket...\", Winsock, the networking stack, is probably corrupt; the guide calls the "
	  "test accurate enough for most cases. KB 811259 lists the other messages ipconfig /renew can give.",
	  "Om svaret innehåller \"...en åtgärd försökte utföras på något som inte är en "
	  "socket...\" är Winsock, nätverksstacken, troligen skadad; enligt guiden räcker testet "
	  "i de flesta fall. "
	  "KB 811259 räknar upp de andra meddelanden som ipconfig /renew kan ge."},
	 quick_test_phrases},

	{"program-environment", WS2FIX_EXPLAIN_NO_CODE, NULL, 0, KB_REMEDY_ENVIRONMENT,
	 {"One program cannot load any Winsock provider: its environment lacks SystemRoot.",
	  "Ett program kan inte läsa in någon Winsock-provider: dess miljö saknar SystemRoot."},
	 {"The error comes from one program's start-up, not from the machine as a whole. ws2_32 "
	  "finds each provider DLL by expanding the catalog's path, "
	  "%SystemRoot%\\system32\\mswsock.dll, with the environment of the program that asks. A "
	  "program started with a cleared or minimal environment (os.environ.clear(), an MCP "
	  "server's env settings, a service wrapper, Command::env_clear()) has no SystemRoot, so it "
	  "loads no provider and gets 10106 (or 10107), while every program started normally works.",
	  "Felet kommer från ett enda programs start, inte från datorn som helhet. ws2_32 hittar "
	  "varje provider-DLL genom att expandera katalogens sökväg, "
	  "%SystemRoot%\\system32\\mswsock.dll, med miljön hos programmet som frågar. Ett program "
	  "som startas med en tömd eller minimal miljö (os.environ.clear(), en MCP-servers "
	  "env-inställningar, ett tjänsteomslag, Command::env_clear()) saknar SystemRoot, så det "
	  "läser inte in någon provider och får 10106 (eller 10107), medan alla program som startas "
	  "som vanligt fungerar."},
	 {"The program's environment, not the Winsock catalog: a catalog reset will not help.",
	  "Programmets miljö, inte Winsock-katalogen: en återställning av katalogen hjälper inte."},
	 environment_phrases},

	{"layered-provider-in-traffic", WS2FIX_EXPLAIN_NO_CODE, NULL, 0, KB_REMEDY_LAYERED,
	 {"A layered provider that is installed and working breaks some programs' connections.",
	  "En installerad och fungerande skiktad provider förstör vissa programs anslutningar."},
	 {"Nothing needs to be damaged: a layered service provider (LSP) sits in every program's "
	  "traffic: a proxy client (Proxifier's PrxerDrv.dll), an encryption or DLP product (PGP's "
	  "PGPlsp.dll, MaLion's pmilsp.dll), a VPN or game accelerator. Some programs do not get "
	  "along with it: Node programs see ECONNRESET on every connection while browsers work, "
	  "and WSL fails to start with Wsl/Service/0x8007273d or 0x800706f7.",
	  "Inget behöver vara skadat: en skiktad tjänstprovider (LSP) ligger i alla programs trafik: en "
	  "proxyklient (Proxifiers PrxerDrv.dll), en krypterings- eller DLP-produkt (PGP:s "
	  "PGPlsp.dll, MaLions pmilsp.dll), en VPN eller spelaccelerator. Vissa program fungerar "
	  "inte med den: Node-program får ECONNRESET på varje anslutning medan webbläsare fungerar, "
	  "och WSL startar inte, med Wsl/Service/0x8007273d eller 0x800706f7."},
	 {"A live layered provider in the traffic, not damage: exclude the program from it. A "
	  "catalog reset removes the provider and breaks the product it belongs to.",
	  "En aktiv skiktad provider i trafiken, inte en skada: undanta programmet från den. En "
	  "återställning av katalogen tar bort providern och förstör produkten den hör till."},
	 layered_phrases},

	{"hijackthis-o10-provider-missing", WS2FIX_EXPLAIN_NO_CODE, NULL, 1, KB_REMEDY_HIJACKTHIS,
	 {"O10 - Broken Internet access because of LSP provider '...' missing",
	  "O10 - Broken Internet access because of LSP provider '...' missing"},
	 {"HijackThis found a Winsock catalog entry whose provider DLL does not exist on the disk. "
	  "Programs that get that provider fail with errors such as 10106: this is real damage.",
	  "HijackThis hittade en post i Winsock-katalogen vars provider-DLL inte finns på disken. "
	  "Program som får den providern misslyckas med fel som 10106: det här är en verklig skada."},
	 {HJT_CAUSE_EN " A provider whose DLL was deleted but not unregistered, typically by a "
	  "malware removal.",
	  HJT_CAUSE_SV " En provider vars DLL-fil togs bort utan att avregistreras, oftast när "
	  "skadlig kod togs bort."},
	 o10_missing_phrases},

	{"hijackthis-o10-chain-gap", WS2FIX_EXPLAIN_NO_CODE, NULL, 1, KB_REMEDY_HIJACKTHIS,
	 {"O10 - Broken Internet access because of LSP chain gap (#N in chain of M missing)",
	  "O10 - Broken Internet access because of LSP chain gap (#N in chain of M missing)"},
	 {"HijackThis could not open catalog entry key number N of the M that Num_Catalog_Entries "
	  "counts. Winsock numbers the keys 1 to M without gaps, so a real gap is damage; but a "
	  "scan that was not run as administrator cannot open the keys either and reports a gap "
	  "at #1, a known HijackThis false alarm.",
	  "HijackThis kunde inte öppna katalogpostens nyckel nummer N av de M som "
	  "Num_Catalog_Entries räknar. Winsock numrerar nycklarna 1 till M utan luckor, så en "
	  "verklig lucka är en skada; men en sökning som inte körs som administratör kan inte "
	  "heller öppna nycklarna och anger en lucka vid nr 1, ett känt falsklarm i HijackThis."},
	 {HJT_CAUSE_EN, HJT_CAUSE_SV},
	 o10_gap_phrases},

	{"hijackthis-o10-unknown-file", WS2FIX_EXPLAIN_NO_CODE, NULL, 0, KB_REMEDY_HIJACKTHIS,
	 {"O10 - Unknown file in Winsock LSP: ...", "O10 - Unknown file in Winsock LSP: ..."},
	 {"HijackThis found a Winsock provider DLL that is not on its list of safe files. That "
	  "list predates most of today's providers, so Windows' own and well-known programs' "
	  "DLLs show up here too: the line alone is no sign of damage.",
	  "HijackThis hittade en Winsock-provider-DLL som inte finns på dess lista över säkra "
	  "filer. Listan är äldre än de flesta av dagens providrar, så Windows egna och kända "
	  "programs DLL-filer visas också här: raden i sig är inget tecken på skada."},
	 {HJT_CAUSE_EN, HJT_CAUSE_SV},
	 o10_unknown_phrases},

	{"hijackthis-o10-hijacked", WS2FIX_EXPLAIN_NO_CODE, NULL, 1, KB_REMEDY_HIJACKTHIS,
	 {"O10 - Hijacked Internet access by ...", "O10 - Hijacked Internet access by ..."},
	 {"HijackThis found one of the adware LSPs it knows by name (WebHancer, New.Net, "
	  "CommonName) in the Winsock catalog.",
	  "HijackThis hittade en av de reklam-LSP:er den känner till med namn (WebHancer, "
	  "New.Net, CommonName) i Winsock-katalogen."},
	 {HJT_CAUSE_EN " Removing such a program without unregistering its LSP breaks the network.",
	  HJT_CAUSE_SV " Tas ett sådant program bort utan att dess LSP avregistreras slutar nätverket "
	  "att fungera."},
	 o10_hijacked_phrases},
};

const kb_symptom *ws2fix__kb_symptoms(size_t *count)
{
	*count = sizeof(symptoms) / sizeof(symptoms[0]);
	return symptoms;
}

/*
 * Winsock codes no seed quotes that still mean "Winsock found no working
 * provider": WSAStartup or socket() return them when the catalog lacks the
 * entry for an ordinary TCP/IP request or names a provider that cannot be
 * used (winsock2.h documents each).  The seeds' own codes (10038, 10045,
 * 10106, 10107) are symptoms above.
 */
static const struct {
	int code;
	const char *cause[WS2FIX_LANG_COUNT];
} wsa_corruption[] = {
	{10043, {"When ordinary programs get this for TCP or UDP, the Winsock catalog has no working "
	         "provider for the protocol: it is probably damaged.",
	         "När vanliga program får felet för TCP eller UDP saknar Winsock-katalogen en "
	         "fungerande provider för protokollet: katalogen är troligen skadad."}},
	{10044, {"When ordinary programs get this for stream or datagram sockets, the Winsock "
	         "catalog has no working provider for them: it is probably damaged.",
	         "När vanliga program får felet för ström- eller datagramsocketar saknar "
	         "Winsock-katalogen en fungerande provider för dem: katalogen är troligen skadad."}},
	{10047, {"When ordinary programs get this for IPv4, the Winsock catalog has lost the TCP/IP "
	         "providers: it is probably damaged.",
	         "När vanliga program får felet för IPv4 saknar Winsock-katalogen TCP/IP-providrarna: "
	         "katalogen är troligen skadad."}},
	{10091, {"WSAStartup reports this when the network subsystem cannot start, which a damaged "
	         "Winsock catalog also causes.",
	         "WSAStartup ger felet när nätverksdelsystemet inte kan starta, vilket även en skadad "
	         "Winsock-katalog orsakar."}},
	{10104, {"The procedure table of a service provider is invalid: a catalog entry names a "
	         "provider DLL that is broken or does not belong there.",
	         "Tjänstproviderns proceduretabell är ogiltig: en katalogpost anger en provider-DLL "
	         "som är trasig eller inte hör hemma där."}},
	{10105, {"A service provider returned a version Winsock does not accept: a catalog entry "
	         "names the wrong or a broken provider DLL.",
	         "En tjänstprovider returnerade en version som Winsock inte godtar: en katalogpost "
	         "anger fel eller en trasig provider-DLL."}},
};

/*
 * Short forms of Winsock messages that share most of their words with
 * another one: the distinguishing words, in English (the phrase of
 * Windows' message, or the C library's strerror wording that Wine, Cygwin
 * and MSYS programs print) and in our Swedish.  Without them "an operation
 * was attempted on a socket that is not connected" scored as WSAENOTSOCK,
 * whose message shares every word but "connected".
 */
static const kb_phrase alias_10057[] = {
	{WS2FIX_LANG_EN, KB_ALIAS, "socket is not connected"},
	{WS2FIX_LANG_EN, KB_ALIAS, "socket that is not connected"},
	{WS2FIX_LANG_EN, KB_ALIAS, "Transport endpoint is not connected"},
	{WS2FIX_LANG_SV, KB_ALIAS, "socketen är inte ansluten"},
	{WS2FIX_LANG_SV, KB_ALIAS, "socket som inte är ansluten"},
	{WS2FIX_LANG_EN, 0, NULL}};
static const kb_phrase alias_10061[] = {
	{WS2FIX_LANG_EN, KB_ALIAS, "actively refused"},
	{WS2FIX_LANG_EN, KB_ALIAS, "Connection refused"},
	{WS2FIX_LANG_SV, KB_ALIAS, "aktivt nekade"},
	{WS2FIX_LANG_SV, KB_ALIAS, "anslutningen nekades"},
	{WS2FIX_LANG_EN, 0, NULL}};
static const kb_phrase alias_10054[] = {
	{WS2FIX_LANG_EN, KB_ALIAS, "forcibly closed by the remote host"},
	{WS2FIX_LANG_EN, KB_ALIAS, "Connection reset by peer"},
	{WS2FIX_LANG_SV, KB_ALIAS, "stängdes av fjärrvärden"},
	{WS2FIX_LANG_EN, 0, NULL}};
static const kb_phrase alias_10060[] = {
	{WS2FIX_LANG_EN, KB_ALIAS, "did not properly respond after a period of time"},
	{WS2FIX_LANG_EN, KB_ALIAS, "Connection timed out"},
	{WS2FIX_LANG_SV, KB_ALIAS, "svarade inte inom en viss tid"},
	{WS2FIX_LANG_EN, 0, NULL}};
static const kb_phrase alias_10048[] = {
	{WS2FIX_LANG_EN, KB_ALIAS, "Address already in use"},
	{WS2FIX_LANG_SV, KB_ALIAS, "adressen används redan"},
	{WS2FIX_LANG_EN, 0, NULL}};
static const kb_phrase alias_10065[] = {
	{WS2FIX_LANG_EN, KB_ALIAS, "unreachable host"},
	{WS2FIX_LANG_EN, KB_ALIAS, "No route to host"},
	{WS2FIX_LANG_SV, KB_ALIAS, "värden går inte att nå"},
	{WS2FIX_LANG_EN, 0, NULL}};
static const kb_phrase alias_10037[] = {
	{WS2FIX_LANG_EN, KB_ALIAS, "already had an operation in progress"},
	{WS2FIX_LANG_EN, KB_ALIAS, "Operation already in progress"},
	{WS2FIX_LANG_SV, KB_ALIAS, "redan hade en pågående åtgärd"},
	{WS2FIX_LANG_EN, 0, NULL}};

const kb_phrase *ws2fix__kb_wsa_aliases(int code)
{
	switch (code) {
	case 10037: return alias_10037;
	case 10048: return alias_10048;
	case 10054: return alias_10054;
	case 10057: return alias_10057;
	case 10060: return alias_10060;
	case 10061: return alias_10061;
	case 10065: return alias_10065;
	default: return NULL;
	}
}

const char *ws2fix__kb_wsa_corruption_cause(int code, ws2fix_lang lang)
{
	if ((unsigned)lang >= WS2FIX_LANG_COUNT)
		lang = WS2FIX_LANG_EN;
	for (size_t i = 0; i < sizeof(wsa_corruption) / sizeof(wsa_corruption[0]); i++)
		if (wsa_corruption[i].code == code)
			return wsa_corruption[i].cause[lang];
	return NULL;
}
