/* SPDX-License-Identifier: MIT */
/*
 * The program around an error: what in a pasted text says which program
 * printed it, and so whether the Winsock catalog is the place to look.
 *
 * The same Winsock code has different causes depending on who reports it:
 *  - 10106/10107 from one program's start-up (Python's "OSError: [WinError
 *    10106]" at "import asyncio", Rust's "(os error 10106)", an MCP server
 *    that does not start) is that program's environment: ws2_32 expands
 *    the catalog's %SystemRoot% paths with the process environment, so a
 *    program started without SystemRoot loads no provider while every
 *    other program works (python/cpython#118234, openai/codex#3408 and
 *    #4180, mturk/svcbatch#4);
 *  - Node's ECONNRESET on every connection while browsers work, and WSL's
 *    Wsl/Service/0x8007273d or 0x800706f7, are known from live layered
 *    providers such as Proxifier, MaLion and PGP (microsoft/WSL#4177,
 *    #9331, #9413).
 * Each signal is a word or a few words of the folded query (normalize.c),
 * with the sentence that explains what it shows, in both languages.  The
 * sentences are ours; the sources are cited in docs/cli/explain.md.
 */
#include <string.h>

#include "explain_internal.h"

typedef struct kb_signal {
	enum kb_context ctx;
	const char *words; /* folded, one space between words */
	const char *evidence[WS2FIX_LANG_COUNT];
} kb_signal;

static const kb_signal signals[] = {
	/* ---- one program's start-up ---- */
	{KB_CONTEXT_ENVIRONMENT, "winerror",
	 {"The error is Python's report of one call in one program (OSError: [WinError ...]), not a "
	  "test of the whole machine.",
	  "Felet är Pythons rapport om ett anrop i ett enda program (OSError: [WinError ...]), inte "
	  "ett test av hela datorn."}},
	{KB_CONTEXT_ENVIRONMENT, "os error",
	 {"The error is a Rust program's report of one call (\"os error ...\"), not a test of the "
	  "whole machine.",
	  "Felet är ett Rust-programs rapport om ett anrop (\"os error ...\"), inte ett test av hela "
	  "datorn."}},
	{KB_CONTEXT_ENVIRONMENT, "os code",
	 {"The error is a Rust program's report of one call (Os { code: ... }), not a test of the "
	  "whole machine.",
	  "Felet är ett Rust-programs rapport om ett anrop (Os { code: ... }), inte ett test av hela "
	  "datorn."}},
	{KB_CONTEXT_ENVIRONMENT, "traceback",
	 {"A Python traceback: the error came up inside one program as it ran or started.",
	  "En Python-traceback: felet uppstod i ett enda program när det körde eller startade."}},
	{KB_CONTEXT_ENVIRONMENT, "asyncio",
	 {"asyncio opens a socket as soon as it is imported, so a program whose environment lacks "
	  "SystemRoot fails right at that import.",
	  "asyncio öppnar en socket redan när modulen importeras, så ett program vars miljö saknar "
	  "SystemRoot misslyckas redan vid importen."}},
	{KB_CONTEXT_ENVIRONMENT, "overlapped",
	 {"_overlapped, the module asyncio imports first, is where Python opens its first socket.",
	  "_overlapped, modulen som asyncio importerar först, är där Python öppnar sin första socket."}},
	{KB_CONTEXT_ENVIRONMENT, "environ",
	 {"The program's environment is changed in the text (os.environ); clearing it removes "
	  "SystemRoot.",
	  "Programmets miljö ändras i texten (os.environ); töms den försvinner SystemRoot."}},
	{KB_CONTEXT_ENVIRONMENT, "env clear",
	 {"The program is started with a cleared environment (env_clear), which has no SystemRoot.",
	  "Programmet startas med en tömd miljö (env_clear), som saknar SystemRoot."}},
	{KB_CONTEXT_ENVIRONMENT, "systemroot",
	 {"SystemRoot is named: ws2_32 expands %SystemRoot%\\system32\\mswsock.dll and the other "
	  "catalog paths with the program's own environment.",
	  "SystemRoot nämns: ws2_32 expanderar %SystemRoot%\\system32\\mswsock.dll och katalogens "
	  "andra sökvägar med programmets egen miljö."}},
	{KB_CONTEXT_ENVIRONMENT, "mcp",
	 {"An MCP server: its client starts it with an environment of its own, which often lacks "
	  "SystemRoot.",
	  "En MCP-server: klienten startar den med en egen miljö, som ofta saknar SystemRoot."}},
	{KB_CONTEXT_ENVIRONMENT, "executables",
	 {"The text speaks of the programs one launcher starts: what they share is the environment "
	  "they are started with, not a damaged catalog.",
	  "Texten talar om programmen som en startare kör: det de delar är miljön de startas med, "
	  "inte en skadad katalog."}},
	{KB_CONTEXT_ENVIRONMENT, "executable",
	 {"The text speaks of the programs one launcher starts: what they share is the environment "
	  "they are started with, not a damaged catalog.",
	  "Texten talar om programmen som en startare kör: det de delar är miljön de startas med, "
	  "inte en skadad katalog."}},

	/* ---- a Node or Electron program ---- */
	{KB_CONTEXT_NODE, "read econnreset",
	 {"\"read ECONNRESET\" is how Node words a reset connection.",
	  "\"read ECONNRESET\" är Nodes sätt att säga att anslutningen återställdes."}},
	{KB_CONTEXT_NODE, "write econnreset",
	 {"\"write ECONNRESET\" is how Node words a reset connection.",
	  "\"write ECONNRESET\" är Nodes sätt att säga att anslutningen återställdes."}},
	{KB_CONTEXT_NODE, "syscall",
	 {"The error object has Node's fields (code, errno, syscall).",
	  "Felobjektet har Nodes fält (code, errno, syscall)."}},
	{KB_CONTEXT_NODE, "4077",
	 {"-4077 is libuv's number for ECONNRESET: a Node or Electron program.",
	  "-4077 är libuvs nummer för ECONNRESET: ett Node- eller Electron-program."}},
	{KB_CONTEXT_NODE, "node", {"A Node program.", "Ett Node-program."}},
	{KB_CONTEXT_NODE, "nodejs", {"A Node program.", "Ett Node-program."}},
	{KB_CONTEXT_NODE, "npm", {"npm, a Node program.", "npm, ett Node-program."}},
	{KB_CONTEXT_NODE, "npx", {"npx, a Node program.", "npx, ett Node-program."}},
	{KB_CONTEXT_NODE, "electron", {"An Electron program (Node inside).", "Ett Electron-program (med Node inuti)."}},
	{KB_CONTEXT_NODE, "fetch failed", {"Node's fetch.", "Nodes fetch."}},
	{KB_CONTEXT_NODE, "socket hang up", {"Node's \"socket hang up\".", "Nodes \"socket hang up\"."}},

	/* ---- WSL ---- */
	{KB_CONTEXT_WSL, "8007273d",
	 {"0x8007273d is 10045 (WSAEOPNOTSUPP) wrapped as an HRESULT: WSL's socket met a provider "
	  "that does not support what WSL asks of it, as known with Proxifier and PGP.",
	  "0x8007273d är 10045 (WSAEOPNOTSUPP) inslaget som HRESULT: WSL:s socket mötte en provider "
	  "som inte stöder det WSL begär, känt från Proxifier och PGP."}},
	{KB_CONTEXT_WSL, "0x8007273d",
	 {"0x8007273d is 10045 (WSAEOPNOTSUPP) wrapped as an HRESULT: WSL's socket met a provider "
	  "that does not support what WSL asks of it, as known with Proxifier and PGP.",
	  "0x8007273d är 10045 (WSAEOPNOTSUPP) inslaget som HRESULT: WSL:s socket mötte en provider "
	  "som inte stöder det WSL begär, känt från Proxifier och PGP."}},
	{KB_CONTEXT_WSL, "0x800706f7",
	 {"0x800706f7 (RPC_X_BAD_STUB_DATA) from WSL's service is reported with the same layered "
	  "providers.",
	  "0x800706f7 (RPC_X_BAD_STUB_DATA) från WSL:s tjänst rapporteras med samma skiktade "
	  "providrar."}},
	{KB_CONTEXT_WSL, "800706f7",
	 {"0x800706f7 (RPC_X_BAD_STUB_DATA) from WSL's service is reported with the same layered "
	  "providers.",
	  "0x800706f7 (RPC_X_BAD_STUB_DATA) från WSL:s tjänst rapporteras med samma skiktade "
	  "providrar."}},
};

/* @p words inside @p folded, starting and ending on word boundaries. */
static int has_words(const char *folded, const char *words)
{
	size_t n = strlen(words);
	for (const char *p = strstr(folded, words); p; p = strstr(p + 1, words))
		if ((p == folded || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

void ws2fix__explain_evidence(kb_context_hits *hits, const char *sentence)
{
	for (size_t i = 0; i < hits->count; i++)
		if (hits->evidence[i] == sentence || strcmp(hits->evidence[i], sentence) == 0)
			return; /* two signals with one sentence ("node", "nodejs") say it once */
	if (hits->count < KB_MAX_EVIDENCE)
		hits->evidence[hits->count++] = sentence;
}

size_t ws2fix__explain_context(kb_context_hits *hits, enum kb_context ctx, const char *folded,
	ws2fix_lang lang)
{
	size_t found = 0;
	if ((unsigned)lang >= WS2FIX_LANG_COUNT)
		lang = WS2FIX_LANG_EN;
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (signals[i].ctx == ctx && has_words(folded, signals[i].words)) {
			ws2fix__explain_evidence(hits, signals[i].evidence[lang]);
			found++;
		}
	return found;
}
