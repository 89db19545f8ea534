/* SPDX-License-Identifier: MIT */
/*
 * What to do, per Windows version: the guidance texts for what ws2fix
 * cannot do by itself, and the step lists ("remedies") that explain
 * attaches to a symptom.
 *
 * Seeds (shared/seeds/): 000 = KB 811259 in Swedish, 001 = the same in
 * English (abridged: several step lists are missing there, so the English
 * wording of those comes from 002 or follows the Swedish edition), 002 =
 * "How to Repair the Networking Stack".  Each text names its source.
 *
 * The headings are in the message table (messages_explain.def); the bodies
 * are here because they are the seeds' own texts.
 */
#include <string.h>

#include "explain_internal.h"
#include "ws2fix/osinfo.h"
#include "../errors_internal.h"
#include "../../util/utf.h"

/* ---- Windows versions ------------------------------------------------ */

static const char *const os_ids[WS2FIX_EXPLAIN_OS_COUNT] = {
	"any", "2000", "xp-sp1", "xp-sp2", "vista", "7+"};

static const ws2fix_msgid os_names[WS2FIX_EXPLAIN_OS_COUNT] = {
	MSG_EXPLAIN_OS_ANY, MSG_EXPLAIN_OS_2000, MSG_EXPLAIN_OS_XP_SP1,
	MSG_EXPLAIN_OS_XP_SP2, MSG_EXPLAIN_OS_VISTA, MSG_EXPLAIN_OS_7};

const char *ws2fix_explain_os_id(ws2fix_explain_os os)
{
	return (unsigned)os < WS2FIX_EXPLAIN_OS_COUNT ? os_ids[os] : "";
}

const char *ws2fix_explain_os_name(ws2fix_explain_os os, ws2fix_lang lang)
{
	return (unsigned)os < WS2FIX_EXPLAIN_OS_COUNT ? ws2fix_msg(os_names[os], lang) : "";
}

/* ---- verdicts -------------------------------------------------------- */

static const char *const verdict_ids[WS2FIX_EXPLAIN_VERDICT_COUNT] = {
	"catalog", "environment", "layered-provider", "other"};

static const ws2fix_msgid verdict_names[WS2FIX_EXPLAIN_VERDICT_COUNT] = {
	MSG_EXPLAIN_VERDICT_CATALOG, MSG_EXPLAIN_VERDICT_ENVIRONMENT, MSG_EXPLAIN_VERDICT_LAYERED,
	MSG_EXPLAIN_VERDICT_OTHER};

const char *ws2fix_explain_verdict_id(ws2fix_explain_verdict v)
{
	return (unsigned)v < WS2FIX_EXPLAIN_VERDICT_COUNT ? verdict_ids[v] : "";
}

const char *ws2fix_explain_verdict_name(ws2fix_explain_verdict v, ws2fix_lang lang)
{
	return (unsigned)v < WS2FIX_EXPLAIN_VERDICT_COUNT ? ws2fix_msg(verdict_names[v], lang) : "";
}

/*
 * Versions as --os and people spell them.  XP without a service pack
 * number counts as "before SP2" only when said so ("xp-sp0", "xp-sp1"):
 * plain "xp" is taken as SP2 or later, since XP SP3 is what nearly every
 * XP machine still running has.
 */
static const struct {
	const char *text;
	ws2fix_explain_os os;
} os_aliases[] = {
	{"any", WS2FIX_EXPLAIN_OS_ANY},
	{"2000", WS2FIX_EXPLAIN_OS_2000}, {"w2k", WS2FIX_EXPLAIN_OS_2000}, {"win2000", WS2FIX_EXPLAIN_OS_2000},
	{"xp-sp0", WS2FIX_EXPLAIN_OS_XP_SP1}, {"xp-rtm", WS2FIX_EXPLAIN_OS_XP_SP1},
	{"xp-sp1", WS2FIX_EXPLAIN_OS_XP_SP1},
	{"xp", WS2FIX_EXPLAIN_OS_XP_SP2}, {"xp-sp2", WS2FIX_EXPLAIN_OS_XP_SP2},
	{"xp-sp3", WS2FIX_EXPLAIN_OS_XP_SP2}, {"2003", WS2FIX_EXPLAIN_OS_XP_SP2},
	{"2003-r2", WS2FIX_EXPLAIN_OS_XP_SP2}, {"2003r2", WS2FIX_EXPLAIN_OS_XP_SP2},
	{"xp64", WS2FIX_EXPLAIN_OS_XP_SP2},
	{"vista", WS2FIX_EXPLAIN_OS_VISTA}, {"2008", WS2FIX_EXPLAIN_OS_VISTA},
	{"7", WS2FIX_EXPLAIN_OS_7}, {"7+", WS2FIX_EXPLAIN_OS_7}, {"2008-r2", WS2FIX_EXPLAIN_OS_7},
	{"2008r2", WS2FIX_EXPLAIN_OS_7}, {"2012r2", WS2FIX_EXPLAIN_OS_7},
	{"8", WS2FIX_EXPLAIN_OS_7}, {"8.1", WS2FIX_EXPLAIN_OS_7}, {"2012", WS2FIX_EXPLAIN_OS_7},
	{"2012-r2", WS2FIX_EXPLAIN_OS_7}, {"10", WS2FIX_EXPLAIN_OS_7}, {"11", WS2FIX_EXPLAIN_OS_7},
	{"2016", WS2FIX_EXPLAIN_OS_7}, {"2019", WS2FIX_EXPLAIN_OS_7}, {"2022", WS2FIX_EXPLAIN_OS_7},
	{"2025", WS2FIX_EXPLAIN_OS_7},
};

int ws2fix_explain_os_parse(ws2fix_explain_os *out, const char *text)
{
	if (!out || !text)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no Windows version given");
	for (size_t i = 0; i < sizeof(os_aliases) / sizeof(os_aliases[0]); i++) {
		if (ws2fix__strcasecmp(text, os_aliases[i].text) == 0) {
			*out = os_aliases[i].os;
			return 0;
		}
	}
	return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "unknown Windows version '%s'", text);
}

ws2fix_explain_os ws2fix_explain_os_from_osinfo(const struct ws2fix_osinfo *info)
{
	if (!info)
		return WS2FIX_EXPLAIN_OS_ANY;
	switch (info->family) {
	case WS2FIX_OS_2000:
		return WS2FIX_EXPLAIN_OS_2000;
	case WS2FIX_OS_XP:
		/* netsh winsock reset came with SP2; an unknown service pack is
		 * taken as SP2 or later, as with "xp" above. */
		return info->service_pack >= 0 && info->service_pack < 2 ? WS2FIX_EXPLAIN_OS_XP_SP1
									: WS2FIX_EXPLAIN_OS_XP_SP2;
	case WS2FIX_OS_2003:
		return WS2FIX_EXPLAIN_OS_XP_SP2;
	case WS2FIX_OS_VISTA:
		return WS2FIX_EXPLAIN_OS_VISTA;
	case WS2FIX_OS_7:
	case WS2FIX_OS_8:
	case WS2FIX_OS_10:
		return WS2FIX_EXPLAIN_OS_7;
	case WS2FIX_OS_UNKNOWN:
	default:
		return WS2FIX_EXPLAIN_OS_ANY;
	}
}

/* ---- guidance texts -------------------------------------------------- */

static const struct {
	const char *name;
	ws2fix_msgid title;
	const char *body[WS2FIX_LANG_COUNT];
} guidance[WS2FIX_GUIDANCE_COUNT] = {
	/* 001/000 "Windows XP with Service Pack 2": "Restart the computer after you run
	 * this command"; 002 XP SP1 and Windows 2000 end every procedure with a restart. */
	[WS2FIX_GUIDANCE_RESTART] = {"restart", MSG_GUIDANCE_RESTART_TITLE, {
		"Restart the computer after the repair, as KB 811259 says for netsh winsock reset "
		"too. Programs that are already running keep using the old catalog until they are "
		"restarted.",
		"Starta om datorn efter reparationen, precis som KB 811259 anger för netsh winsock "
		"reset. Program som redan körs använder den gamla katalogen tills de startas om."}},

	/* 001 "Windows XP with Service Pack 2 instructions"; 000 "Windows XP med Service
	 * Pack 2-anvisningar"; 002 "Windows XP Service Pack 2" steps 1-3. */
	[WS2FIX_GUIDANCE_XP_SP2_RESET] = {"xp-sp2-reset", MSG_GUIDANCE_XP_SP2_RESET_TITLE, {
		"1. Click Start, click Run, type cmd, and then click OK.\n"
		"2. At the command prompt, type netsh winsock reset, and then press ENTER.\n"
		"3. Restart the computer.\n"
		"If these steps do not resolve the problem, follow the steps for Windows XP without "
		"Service Pack 2.",
		"1. Klicka på Start och sedan på Kör, skriv cmd och klicka på OK.\n"
		"2. Skriv netsh winsock reset vid kommandotolken och tryck på RETUR.\n"
		"3. Starta om datorn.\n"
		"Om dessa steg inte löser problemet följer du stegen för Windows XP utan Service "
		"Pack 2."}},

	/* 000 "Återställ Winsock för Windows Vista" steps 1-3 (the English edition 001 lacks
	 * the list; this follows the Swedish one). */
	[WS2FIX_GUIDANCE_VISTA_RESET] = {"vista-reset", MSG_GUIDANCE_VISTA_RESET_TITLE, {
		"1. Click Start, type cmd in the Start Search box, right-click cmd.exe, click Run as "
		"administrator, and then press Continue.\n"
		"2. At the command prompt, type netsh winsock reset, and then press ENTER.\n"
		"   If the command is typed incorrectly, you get an error message: type the command "
		"again. When the command has completed, a confirmation appears, followed by a new "
		"command prompt.\n"
		"3. Type exit, and then press ENTER.\n"
		"4. Restart the computer.",
		"1. Klicka på Start, skriv cmd i rutan Påbörja sökning, högerklicka på cmd.exe, klicka "
		"på Kör som administratör och tryck sedan på Fortsätt.\n"
		"2. Skriv netsh winsock reset vid kommandotolken och tryck på RETUR.\n"
		"   Om kommandot skrivs fel får du ett felmeddelande: skriv kommandot igen. När "
		"kommandot har slutförts visas en bekräftelse, följt av en ny kommandotolk.\n"
		"3. Skriv exit och tryck på RETUR.\n"
		"4. Starta om datorn."}},

	/* 001 "Manual steps to recover from Winsock2 corruption for Windows Vista users"
	 * (its list is cut off after "and then click Network."); 000 "Manuella steg för att
	 * återställa från Winsock2-korruption för Windows Vista-användare" steps 1-3. */
	[WS2FIX_GUIDANCE_VISTA_DIAGNOSTICS] = {"vista-network-diagnostics", MSG_GUIDANCE_VISTA_DIAG_TITLE, {
		"1. Click Start, and then click Network.\n"
		"2. Click Network and Sharing Center.\n"
		"3. In Network and Sharing Center, click Diagnose and repair.\n"
		"You can also open Network and Sharing Center from Control Panel. If Network "
		"Diagnostics finds no problem, repair or reset Winsock by hand.",
		"1. Klicka på Start och klicka sedan på Nätverk.\n"
		"2. Klicka på Nätverks- och delningscenter.\n"
		"3. I Nätverks- och delningscenter klickar du på Diagnostisera och reparera.\n"
		"Du kan även nå Nätverks- och delningscentret i Kontrollpanelen. Om "
		"Nätverksdiagnostik inte hittar något problem reparerar eller återställer du Winsock "
		"manuellt."}},

	/* 000 "Steg 1: Ta bort de skadade registernycklarna" steps 1-4 and the note after
	 * them; 002 "Windows XP Service Pack 1, or no service pack" (English wording). */
	[WS2FIX_GUIDANCE_XP_DELETE_KEYS] = {"xp-delete-keys", MSG_GUIDANCE_XP_DELETE_KEYS_TITLE, {
		"Back up the registry before you change it (ws2fix backup FILE saves these keys).\n"
		"1. Click Start, and then click Run.\n"
		"2. In the Open box, type regedit, and then click OK.\n"
		"3. In Registry Editor, locate the following keys, right-click each key, and then "
		"click Delete:\n"
		"   HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\Winsock\n"
		"   HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\Winsock2\n"
		"4. When you are prompted to confirm the deletion, click Yes.\n"
		"5. Restart the computer. Windows then creates new entries for both keys; if you do "
		"not restart, the TCP/IP reinstallation that follows does not work correctly.",
		"Säkerhetskopiera registret innan du ändrar det (ws2fix backup FIL sparar de här "
		"nycklarna).\n"
		"1. Klicka på Start och sedan på Kör.\n"
		"2. Skriv regedit i rutan Öppna och klicka sedan på OK.\n"
		"3. Leta upp följande nycklar i Registereditorn, högerklicka på varje nyckel och klicka "
		"sedan på Ta bort:\n"
		"   HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\Winsock\n"
		"   HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\Winsock2\n"
		"4. Klicka på Ja när du ombeds bekräfta borttagningen.\n"
		"5. Starta om datorn. Då skapas nya poster för de båda nycklarna; om du inte startar om "
		"datorn fungerar inte installationen av TCP/IP som följer på rätt sätt."}},

	/* 000 "Steg 2: Installera TCP/IP" steps 1-7 with the nettcpip.inf sub-list; the
	 * English wording follows 002 "The next step is to reinstall TCP/IP" (001 lacks it). */
	[WS2FIX_GUIDANCE_XP_TCPIP_REINSTALL] = {"xp-tcpip-reinstall", MSG_GUIDANCE_XP_TCPIP_TITLE, {
		"1. Right-click the network connection, and then click Properties.\n"
		"2. Click Install.\n"
		"3. Click Protocol, and then click Add.\n"
		"4. Click Have Disk.\n"
		"5. Type C:\\Windows\\inf, and then click OK.\n"
		"6. In the list of protocols, click Internet Protocol (TCP/IP), and then click OK.\n"
		"   If Internet Protocol (TCP/IP) does not appear:\n"
		"   a. Click Start, and then click Search.\n"
		"   b. In the Search Companion pane, click More advanced options.\n"
		"   c. Select these three check boxes: Search system folders, Search hidden files and "
		"folders, Search subfolders.\n"
		"   d. In the All or part of the file name box, type nettcpip.inf, and then click "
		"Search.\n"
		"   e. In the results pane, right-click Nettcpip.inf, and then click Install.\n"
		"7. Restart the computer.",
		"1. Högerklicka på nätverksanslutningen och klicka sedan på Egenskaper.\n"
		"2. Klicka på Installera.\n"
		"3. Klicka på Protokoll och sedan på Lägg till.\n"
		"4. Klicka på Diskett finns.\n"
		"5. Skriv C:\\Windows\\inf och klicka på OK.\n"
		"6. Klicka på Internet Protocol (TCP/IP) i listan över protokoll och klicka sedan på "
		"OK.\n"
		"   Om Internet Protocol (TCP/IP) inte visas gör du följande:\n"
		"   a. Klicka på Start och sedan på Sök.\n"
		"   b. Klicka på Fler avancerade alternativ i rutan Sökassistenten.\n"
		"   c. Markera följande tre kryssrutor: Sök i systemmappar, Sök i dolda filer och "
		"mappar, Sök i undermappar.\n"
		"   d. Skriv nettcpip.inf i rutan Hela eller en del av filnamnet: och klicka sedan på "
		"Sök.\n"
		"   e. Högerklicka på Nettcpip.inf i resultatrutan och klicka sedan på Installera.\n"
		"7. Starta om datorn."}},

	/* 002 "Windows 2000": the registry backup, uninstalling TCP/IP with the settings
	 * written down first, the Linkage\Bind values, the three keys, the restart it calls
	 * "very important", and the reinstallation.  No Swedish edition exists; the Swedish
	 * text uses the names of the Swedish Windows 2000 dialogs. */
	[WS2FIX_GUIDANCE_W2K_PROCEDURE] = {"w2k-tcpip-procedure", MSG_GUIDANCE_W2K_TITLE, {
		"Back up the registry first: click Start, click Run, type ntbackup, click Emergency "
		"Repair Disk, select Also backup the registry to the repair directory, and click OK. "
		"No diskette is needed.\n"
		"1. Write down the TCP/IP settings: right-click My Network Places, click Properties, "
		"right-click the connection, click Properties, select Internet Protocol (TCP/IP) and "
		"click Properties. Note the General tab, then click Advanced and note all four tabs. "
		"Remember which connection you used.\n"
		"2. In the connection's properties, select Internet Protocol (TCP/IP), click "
		"Uninstall, and restart the computer. There is no network until TCP/IP is back.\n"
		"3. In Registry Editor (regedit), delete the Bind value in each of these keys:\n"
		"   HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanManServer\\Linkage\n"
		"   HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanManWorkstation\\Linkage\n"
		"4. Delete these three keys:\n"
		"   HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\n"
		"   HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Winsock\n"
		"   HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Winsock2\n"
		"5. Restart the computer. This restart is required: without it the procedure fails.\n"
		"6. Open the properties of the same connection, click Install, select Protocol, click "
		"Add, select Microsoft and Internet Protocol (TCP/IP), and click OK. Enter the "
		"settings you wrote down.\n"
		"7. Restart the computer.",
		"Säkerhetskopiera registret först: klicka på Start och sedan på Kör, skriv ntbackup, "
		"klicka på Nödreparationsdiskett, markera Säkerhetskopiera även registret till "
		"reparationskatalogen och klicka på OK. Ingen diskett behövs.\n"
		"1. Skriv upp TCP/IP-inställningarna: högerklicka på Mina nätverksplatser och klicka "
		"på Egenskaper, högerklicka på anslutningen och klicka på Egenskaper, markera Internet "
		"Protocol (TCP/IP) och klicka på Egenskaper. Anteckna fliken Allmänt, klicka sedan på "
		"Avancerat och anteckna alla fyra flikarna. Kom ihåg vilken anslutning du använde.\n"
		"2. Markera Internet Protocol (TCP/IP) i anslutningens egenskaper, klicka på "
		"Avinstallera och starta om datorn. Datorn har inget nätverk förrän TCP/IP är "
		"installerat igen.\n"
		"3. Ta bort värdet Bind i var och en av följande nycklar i Registereditorn (regedit):\n"
		"   HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanManServer\\Linkage\n"
		"   HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanManWorkstation\\Linkage\n"
		"4. Ta bort följande tre nycklar:\n"
		"   HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\n"
		"   HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Winsock\n"
		"   HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Winsock2\n"
		"5. Starta om datorn. Omstarten är nödvändig: utan den fungerar inte resten av "
		"stegen.\n"
		"6. Öppna egenskaperna för samma anslutning, klicka på Installera, markera Protokoll, "
		"klicka på Lägg till, välj Microsoft och Internet Protocol (TCP/IP) och klicka på OK. "
		"Ange inställningarna som du skrev upp.\n"
		"7. Starta om datorn."}},

	/* 001 "Warning" under the XP SP2 instructions, word for word; 000 "Varning" there. */
	[WS2FIX_GUIDANCE_PROGRAMS_AFFECTED] = {"programs-affected", MSG_GUIDANCE_PROGRAMS_TITLE, {
		"Programs that access or monitor the Internet such as antivirus, firewall, or proxy "
		"clients may be negatively affected when you run the netsh winsock reset command. If "
		"you have a program that no longer functions correctly after you use this resolution, "
		"reinstall the program to restore functionality. ws2fix repair without --mode reset "
		"keeps the providers of programs that work.",
		"Program som kommer åt eller övervakar Internet, t.ex. antivirus, brandvägg eller "
		"proxyklienterna kan påverkas negativt när du kör kommandot netsh winsock reset. Om "
		"du har ett program som inte längre fungerar korrekt efter att du använt den här "
		"lösningen ska du installera om programmet för att återställa funktionaliteten. "
		"ws2fix repair utan --mode reset behåller providrarna för program som fungerar."}},

	/* 002 "How to Repair the Networking Stack", steps 1-4 at the top. */
	[WS2FIX_GUIDANCE_QUICK_TEST] = {"quick-test", MSG_GUIDANCE_QUICK_TEST_TITLE, {
		"1. Click Start, click Run, type cmd, and then press ENTER.\n"
		"2. At the command prompt, type ipconfig /renew, and then press ENTER.\n"
		"3. If you see a message that contains \"...an operation was attempted on something "
		"that is not a socket...\", the networking stack is probably corrupt.",
		"1. Klicka på Start och sedan på Kör, skriv cmd och tryck på RETUR.\n"
		"2. Skriv ipconfig /renew vid kommandotolken och tryck på RETUR.\n"
		"3. Om du får ett meddelande som innehåller \"...en åtgärd försökte utföras på något "
		"som inte är en socket...\" är nätverksstacken troligen skadad."}},
};

const char *ws2fix_guidance(ws2fix_guidance_id id, ws2fix_lang lang)
{
	if ((unsigned)id >= WS2FIX_GUIDANCE_COUNT)
		return "";
	if ((unsigned)lang >= WS2FIX_LANG_COUNT)
		lang = WS2FIX_LANG_EN;
	return guidance[id].body[lang];
}

const char *ws2fix_guidance_title(ws2fix_guidance_id id, ws2fix_lang lang)
{
	return (unsigned)id < WS2FIX_GUIDANCE_COUNT ? ws2fix_msg(guidance[id].title, lang) : "";
}

const char *ws2fix_guidance_name(ws2fix_guidance_id id)
{
	return (unsigned)id < WS2FIX_GUIDANCE_COUNT ? guidance[id].name : "";
}

size_t ws2fix_guidance_after_repair(ws2fix_guidance_id *out, size_t max, ws2fix_explain_os os)
{
	ws2fix_guidance_id ids[4];
	size_t n = 0;

	ids[n++] = WS2FIX_GUIDANCE_RESTART;
	/* What the seeds do beyond the catalog on the versions without netsh winsock
	 * reset: ws2fix rebuilt the catalog, but if TCP/IP itself is damaged it must be
	 * reinstalled by hand (000 Steg 2; 002 Windows 2000). */
	if (os == WS2FIX_EXPLAIN_OS_XP_SP1)
		ids[n++] = WS2FIX_GUIDANCE_XP_TCPIP_REINSTALL;
	else if (os == WS2FIX_EXPLAIN_OS_2000)
		ids[n++] = WS2FIX_GUIDANCE_W2K_PROCEDURE;
	else if (os == WS2FIX_EXPLAIN_OS_VISTA)
		ids[n++] = WS2FIX_GUIDANCE_VISTA_DIAGNOSTICS;
	ids[n++] = WS2FIX_GUIDANCE_PROGRAMS_AFFECTED;

	for (size_t i = 0; i < n && i < max && out; i++)
		out[i] = ids[i];
	return n;
}

/* ---- remedies: the steps explain attaches to a symptom --------------- */

/* KB 811259 RESOLUTION (001/000) and 002, per version. */
static const kb_step corruption_steps[] = {
	/* 001/000 "Manual steps to determine whether the Winsock2 key is corrupted" (netdiag,
	 * msinfo32); 002 "First determine if the stack is in fact corrupted". */
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"First make sure that the Winsock catalog really is damaged: ws2fix checks every entry, "
	  "as netdiag /test:winsock and Msinfo32 do in KB 811259.",
	  "Kontrollera först att Winsock-katalogen verkligen är skadad: ws2fix kontrollerar varje "
	  "post, som netdiag /test:winsock och Msinfo32 gör i KB 811259."},
	 KB_NO_GUIDANCE, "ws2fix diagnose"},
	/* 002 "Windows 2000". */
	{WS2FIX_EXPLAIN_OS_2000,
	 {"Windows 2000 has no netsh winsock reset. ws2fix rebuilds the Winsock2 catalog instead "
	  "of you deleting the Winsock and Winsock2 keys by hand, and saves a backup first. "
	  "Restart the computer afterwards.",
	  "Windows 2000 saknar netsh winsock reset. ws2fix bygger upp Winsock2-katalogen igen i "
	  "stället för att du tar bort nycklarna Winsock och Winsock2 för hand, och sparar en "
	  "säkerhetskopia först. Starta om datorn efteråt."},
	 KB_NO_GUIDANCE, "ws2fix repair --mode reset --apply"},
	{WS2FIX_EXPLAIN_OS_2000,
	 {"If the network still does not work, remove and reinstall TCP/IP (ws2fix cannot do "
	  "this):",
	  "Om nätverket fortfarande inte fungerar tar du bort TCP/IP och installerar om det "
	  "(det kan ws2fix inte göra):"},
	 WS2FIX_GUIDANCE_W2K_PROCEDURE, NULL},
	/* 001/000 "Windows XP without Service Pack 2 instructions", Step 1 and Step 2; 002
	 * "Windows XP Service Pack 1, or no service pack". */
	{WS2FIX_EXPLAIN_OS_XP_SP1,
	 {"Windows XP without Service Pack 2 has no netsh winsock reset. ws2fix rebuilds the "
	  "Winsock2 catalog instead of you deleting the Winsock and Winsock2 keys in Registry "
	  "Editor, and saves a backup first. Restart the computer afterwards.",
	  "Windows XP utan Service Pack 2 saknar netsh winsock reset. ws2fix bygger upp "
	  "Winsock2-katalogen igen i stället för att du tar bort nycklarna Winsock och Winsock2 i "
	  "Registereditorn, och sparar en säkerhetskopia först. Starta om datorn efteråt."},
	 KB_NO_GUIDANCE, "ws2fix repair --mode reset --apply"},
	{WS2FIX_EXPLAIN_OS_XP_SP1,
	 {"If the network still does not work, reinstall TCP/IP from C:\\Windows\\inf "
	  "(nettcpip.inf); ws2fix cannot do this:",
	  "Om nätverket fortfarande inte fungerar installerar du om TCP/IP från C:\\Windows\\inf "
	  "(nettcpip.inf); det kan ws2fix inte göra:"},
	 WS2FIX_GUIDANCE_XP_TCPIP_REINSTALL, NULL},
	/* 001/000 "Windows XP with Service Pack 2 instructions"; 002 "Windows XP Service
	 * Pack 2" ("This works about 75% of the time"). */
	{WS2FIX_EXPLAIN_OS_XP_SP2,
	 {"ws2fix removes only the broken entries and keeps the providers of programs that work. "
	  "netsh winsock reset at a command prompt rebuilds the whole catalog instead, as "
	  "ws2fix repair --mode reset --apply does. Restart the computer afterwards. If that does "
	  "not help, follow the steps for Windows XP without Service Pack 2.",
	  "ws2fix tar bara bort de trasiga posterna och behåller providrarna för program som "
	  "fungerar. netsh winsock reset vid kommandotolken bygger i stället upp hela katalogen "
	  "igen, som ws2fix repair --mode reset --apply gör. Starta om datorn efteråt. Om det inte "
	  "hjälper följer du stegen för Windows XP utan Service Pack 2."},
	 KB_NO_GUIDANCE, "ws2fix repair --apply"},
	/* 001/000 "Manual steps to recover from Winsock2 corruption for Windows Vista users"
	 * and "Återställ Winsock för Windows Vista". */
	{WS2FIX_EXPLAIN_OS_VISTA,
	 {"Network Diagnostics may find and fix the problem:",
	  "Nätverksdiagnostik kan hitta och åtgärda problemet:"},
	 WS2FIX_GUIDANCE_VISTA_DIAGNOSTICS, NULL},
	{WS2FIX_EXPLAIN_OS_VISTA,
	 {"Otherwise repair the catalog from a command prompt run as administrator (right-"
	  "click cmd.exe, Run as administrator). netsh winsock reset rebuilds the whole catalog, "
	  "as ws2fix repair --mode reset --apply does. Restart the computer afterwards.",
	  "Annars reparerar du katalogen från en kommandotolk som körs som "
	  "administratör (högerklicka på cmd.exe, Kör som administratör). netsh winsock reset "
	  "bygger upp hela katalogen igen, som ws2fix repair --mode reset --apply gör. Starta om "
	  "datorn efteråt."},
	 KB_NO_GUIDANCE, "ws2fix repair --apply"},
	/* Windows 7 and later keep Vista's netsh winsock reset (KB 811259 stops at Vista). */
	{WS2FIX_EXPLAIN_OS_7,
	 {"Repair the catalog from a command prompt run as administrator. netsh winsock reset "
	  "rebuilds the whole catalog, as ws2fix repair --mode reset --apply does. Restart the "
	  "computer afterwards.",
	  "Reparera katalogen från en kommandotolk som körs som administratör. netsh winsock reset "
	  "bygger upp hela katalogen igen, som ws2fix repair --mode reset --apply gör. Starta om "
	  "datorn efteråt."},
	 KB_NO_GUIDANCE, "ws2fix repair --apply"},
};

/* 002, the quick test; then the same as corruption_steps. */
static const kb_step quick_test_steps[] = {
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"The quick test (ws2fix selftest makes real sockets instead):",
	  "Snabbtestet (ws2fix selftest provar riktiga socketar i stället):"},
	 WS2FIX_GUIDANCE_QUICK_TEST, "ws2fix selftest"},
};

static const kb_step generic_steps[] = {
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"This code on its own does not point to a damaged Winsock catalog. If no program can "
	  "connect at all, check the catalog.",
	  "Felkoden tyder inte i sig på en skadad Winsock-katalog. Om inget program kan ansluta "
	  "alls bör du kontrollera katalogen."},
	 KB_NO_GUIDANCE, "ws2fix diagnose"},
};

/* A HijackThis O10 line: the whole log says more than one line, and the
 * machine itself says more than the log (docs/cli/hijackthis-input.md). */
static const kb_step hijackthis_steps[] = {
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"Save the whole HijackThis log as a file and let ws2fix read every O10 line of it; it "
	  "tells HijackThis's false alarms from real damage:",
	  "Spara hela HijackThis-loggen som en fil och låt ws2fix läsa alla O10-rader i den; "
	  "ws2fix skiljer HijackThis falsklarm från verkliga skador:"},
	 KB_NO_GUIDANCE, "ws2fix diagnose --hijackthis hijackthis.log"},
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"On the machine the log comes from, check the catalog itself (a log shows only what "
	  "HijackThis flagged), and repair it only if that finds errors:",
	  "Kontrollera själva katalogen på datorn som loggen kommer från (en logg visar bara det "
	  "HijackThis flaggade), och reparera den bara om det hittar fel:"},
	 KB_NO_GUIDANCE, "ws2fix diagnose"},
};

/*
 * One program's environment (context.c says how the text shows it): the
 * catalog is fine, the program cannot expand its paths.  Sources in
 * docs/cli/explain.md.
 */
static const kb_step environment_steps[] = {
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"Check the environment of the program that fails, not the catalog: SystemRoot must be set "
	  "there, to the Windows folder (usually C:\\Windows). In the same console, echo %SystemRoot% "
	  "shows it for programs started from there; in Python, print(os.environ.get(\"SYSTEMROOT\")) "
	  "just before the failing import.",
	  "Kontrollera miljön hos programmet som misslyckas, inte katalogen: SystemRoot måste vara "
	  "satt där, till Windows-mappen (oftast C:\\Windows). I samma konsol visar echo "
	  "%SystemRoot% värdet för program som startas därifrån; i Python skriver "
	  "print(os.environ.get(\"SYSTEMROOT\")) ut det precis före importen som misslyckas."},
	 KB_NO_GUIDANCE, NULL},
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"Where another program starts it (an MCP client's server settings, a service wrapper, "
	  "subprocess with env=..., Command::env_clear()), pass SystemRoot on: keep the parent's "
	  "environment and change only what you need (env={**os.environ, ...} in Python), or add "
	  "SystemRoot=C:\\Windows to the server's env settings.",
	  "Där ett annat program startar det (en MCP-klients serverinställningar, ett "
	  "tjänsteomslag, subprocess med env=..., Command::env_clear()) skickar du med SystemRoot: "
	  "behåll förälderns miljö och ändra bara det som behövs (env={**os.environ, ...} i Python), "
	  "eller lägg till SystemRoot=C:\\Windows i serverns env-inställningar."},
	 KB_NO_GUIDANCE, NULL},
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"A catalog reset (netsh winsock reset) will not help: the catalog is not what fails, and "
	  "a reset removes the providers of VPN and proxy programs. Only if every program fails "
	  "with this error, also those started from an ordinary console, check the catalog:",
	  "En återställning av katalogen (netsh winsock reset) hjälper inte: det är inte katalogen "
	  "som felar, och en återställning tar bort VPN- och proxyprogrammens providrar. Bara om "
	  "alla program får felet, även de som startas från en vanlig konsol, kontrollerar du "
	  "katalogen:"},
	 KB_NO_GUIDANCE, "ws2fix diagnose"},
};

/* A live layered provider in some programs' way: exclusion first, reset last. */
static const kb_step layered_steps[] = {
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"See which layered providers are in the catalog (their DLLs: Proxifier's PrxerDrv.dll, "
	  "PGP's PGPlsp.dll, MaLion's pmilsp.dll ...) and which programs are already excluded from "
	  "them:",
	  "Se vilka skiktade providrar som finns i katalogen (deras DLL-filer: Proxifiers "
	  "PrxerDrv.dll, PGP:s PGPlsp.dll, MaLions pmilsp.dll ...) och vilka program som redan är "
	  "undantagna från dem:"},
	 KB_NO_GUIDANCE, "ws2fix show"},
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"Exclude the program that fails (node.exe, wsl.exe, the Electron program's .exe) from the "
	  "layered providers, as administrator; the provider keeps working for every other program:",
	  "Undanta programmet som misslyckas (node.exe, wsl.exe, Electron-programmets .exe) från de "
	  "skiktade providrarna, som administratör; providern fungerar vidare för alla andra program:"},
	 KB_NO_GUIDANCE, "ws2fix repair --exclude-app PROGRAM.exe"},
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"Or use the product's own setting: Proxifier's rules can send the program direct, and "
	  "for WSL exclude wsl.exe there; a centrally managed product (MaLion, DLP) needs its "
	  "administrator. If you do not need the product, remove it with its own uninstaller.",
	  "Eller använd produktens egen inställning: Proxifiers regler kan skicka programmet "
	  "direkt, och för WSL undantar du wsl.exe där; en centralt styrd produkt (MaLion, DLP) "
	  "kräver dess administratör. Behöver du inte produkten tar du bort den med dess egen "
	  "avinstallation."},
	 KB_NO_GUIDANCE, NULL},
	{WS2FIX_EXPLAIN_OS_ANY,
	 {"A catalog reset (netsh winsock reset, ws2fix repair --mode reset) is the last resort "
	  "only: it removes the provider, which breaks the VPN, proxy or security product it "
	  "belongs to, and many such products put it back at their next start.",
	  "En återställning av katalogen (netsh winsock reset, ws2fix repair --mode reset) är bara "
	  "en sista utväg: den tar bort providern, vilket förstör VPN-, proxy- eller "
	  "säkerhetsprodukten den hör till, och många sådana produkter lägger tillbaka den vid "
	  "nästa start."},
	 KB_NO_GUIDANCE, NULL},
};

const kb_step *ws2fix__kb_remedy_steps(enum kb_remedy remedy, size_t *count)
{
	switch (remedy) {
	case KB_REMEDY_ENVIRONMENT:
		*count = sizeof(environment_steps) / sizeof(environment_steps[0]);
		return environment_steps;
	case KB_REMEDY_LAYERED:
		*count = sizeof(layered_steps) / sizeof(layered_steps[0]);
		return layered_steps;
	case KB_REMEDY_HIJACKTHIS:
		*count = sizeof(hijackthis_steps) / sizeof(hijackthis_steps[0]);
		return hijackthis_steps;
	case KB_REMEDY_QUICK_TEST:
		*count = sizeof(quick_test_steps) / sizeof(quick_test_steps[0]);
		return quick_test_steps;
	case KB_REMEDY_GENERIC:
		*count = sizeof(generic_steps) / sizeof(generic_steps[0]);
		return generic_steps;
	case KB_REMEDY_CORRUPTION:
	default:
		*count = sizeof(corruption_steps) / sizeof(corruption_steps[0]);
		return corruption_steps;
	}
}
