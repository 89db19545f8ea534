/* SPDX-License-Identifier: MIT */
/*
 * The live Winsock self-test (ws2fix/selftest.h).
 *
 * It uses Winsock the way a program does, so it sees what programs see:
 * socket() goes through the catalog, LSPs included.  Every socket is
 * non-blocking and every wait is a select() bounded by the step's time
 * budget.  Calls that cannot be bounded that way (WSAStartup, WSASocketW
 * loading a provider, getaddrinfo asking the name-space providers) can hang
 * inside a broken provider, which is exactly when users run this test; so
 * the steps run on a worker thread and the caller's thread watches the
 * clock: a step that overruns is reported as hung and the worker is
 * abandoned (it dies with the process).  Only calls that Windows XP SP3's
 * ws2_32 has are used (getaddrinfo and getnameinfo are there since XP;
 * inet_ntop and WSAPoll are not).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <process.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/selftest.h"
#include "../errors_internal.h"
#include "../wsa_errors.h"
#include "../../util/buf.h"
#include "../../util/utf.h"
#include "selftest_env.h"
#include "selftest_fault.h"
#include "win32_util.h"

#define DEFAULT_TIMEOUT_MS 5000u

/* What goes over loopback; the reply is a different text so that a
 * provider echoing our own bytes back cannot pass. */
static const char PING[] = "ws2fix selftest ping 0123456789";
static const char PONG[] = "ws2fix selftest pong 9876543210";

/* Shared between the worker thread that runs the steps and the caller's
 * thread that watches it.  Finished steps are appended to rep under lock;
 * a step in progress lives on the worker's stack, and only its name, kind
 * and start time are published (under lock) for the watchdog. */
typedef struct run {
	ws2fix_selftest_report *rep;
	size_t cap;
	DWORD timeout_ms;
	CRITICAL_SECTION lock;
	int busy;         /* a step (or the final WSACleanup) is running */
	int cur_kind;     /* -1: WSACleanup */
	char cur_name[300];
	DWORD cur_start;
	int abandoned;    /* the caller gave up on the worker */
	int rc;           /* the worker's result */
} run;

typedef struct deadline {
	DWORD start, limit;
} deadline;

static deadline deadline_start(const run *r)
{
	deadline d = {GetTickCount(), r->timeout_ms};
	return d;
}

/* Milliseconds left.  GetTickCount (not the Vista+ GetTickCount64): the
 * unsigned subtraction stays right across its 49-day wrap. */
static DWORD remaining(const deadline *d)
{
	DWORD used = GetTickCount() - d->start;
	return used >= d->limit ? 0 : d->limit - used;
}

static void publish(run *r, int kind, const char *name)
{
	EnterCriticalSection(&r->lock);
	r->busy = 1;
	r->cur_kind = kind;
	size_t n = strlen(name);
	if (n >= sizeof(r->cur_name))
		n = sizeof(r->cur_name) - 1;
	memcpy(r->cur_name, name, n);
	r->cur_name[n] = '\0';
	r->cur_start = GetTickCount();
	LeaveCriticalSection(&r->lock);
}

/* Start a step in @p st (worker-local).  WS2FIX_EUSER when the caller has
 * given up on us, so the worker unwinds without touching shared data. */
static int begin_step(run *r, ws2fix_selftest_step *st, int kind, const char *name)
{
	memset(st, 0, sizeof(*st));
	st->name = ws2fix__strdup(name);
	if (!st->name)
		return WS2FIX_ENOMEM;
	st->kind = kind;
	st->result = WS2FIX_SELFTEST_PASS;
	publish(r, kind, name);
	ws2fix__selftest_fault_begin(name);
	return 0;
}

static void step_error(ws2fix_selftest_step *st, int result, const char *call, int code, int reason)
{
	st->result = result;
	st->call = call;
	st->error_code = code;
	st->error_name = ws2fix__wsa_error_name(code);
	st->reason = reason;
}

/* A step is complete: publish it.  Takes ownership of @p st's strings. */
static int finish(run *r, ws2fix_selftest_step *st)
{
	ws2fix__selftest_fault_end(st);
	int rc = 0;
	EnterCriticalSection(&r->lock);
	ws2fix_selftest_report *rep = r->rep;
	if (r->abandoned) {
		rc = WS2FIX_EUSER;
	} else if (rep->count == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 16;
		ws2fix_selftest_step *steps = realloc(rep->steps, ncap * sizeof(*steps));
		if (steps) {
			rep->steps = steps;
			r->cap = ncap;
		} else {
			rc = WS2FIX_ENOMEM;
		}
	}
	if (rc == 0)
		rep->steps[rep->count++] = *st;
	r->busy = 0;
	LeaveCriticalSection(&r->lock);
	if (rc < 0) {
		free(st->name);
		free(st->detail);
	}
	return rc;
}

/* ---- loopback helpers ---- */

typedef struct sockaddr_any {
	SOCKADDR_STORAGE ss;
	int len;
} sockaddr_any;

static void loopback_addr(sockaddr_any *a, int family)
{
	memset(a, 0, sizeof(*a));
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)(void *)&a->ss;
		in->sin_family = AF_INET;
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a->len = (int)sizeof(*in);
	} else {
		/* ::1, built by hand: in6addr_loopback is a data import that
		 * not every ws2_32 exports. */
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)(void *)&a->ss;
		in6->sin6_family = AF_INET6;
		in6->sin6_addr.s6_addr[15] = 1;
		a->len = (int)sizeof(*in6);
	}
}

static int set_nonblocking(SOCKET s)
{
	u_long on = 1;
	return ioctlsocket(s, (long)FIONBIO, &on) == 0 ? 0 : WSAGetLastError();
}

/* Wait until @p s is readable (or writable), within the deadline.
 * @return 0, WSAETIMEDOUT or the socket's error */
static int wait_ready(SOCKET s, int for_write, const deadline *dl)
{
	fd_set rs, ws, es;
	FD_ZERO(&rs);
	FD_ZERO(&ws);
	FD_ZERO(&es);
	FD_SET(s, for_write ? &ws : &rs);
	/* A failed non-blocking connect shows in the exception set. */
	FD_SET(s, &es);
	DWORD left = remaining(dl);
	struct timeval tv;
	tv.tv_sec = (long)(left / 1000);
	tv.tv_usec = (long)((left % 1000) * 1000);
	int n = select(0, &rs, &ws, &es, &tv);
	if (n == SOCKET_ERROR)
		return WSAGetLastError();
	if (n == 0)
		return WSAETIMEDOUT;
	if (FD_ISSET(s, &es)) {
		int err = 0;
		int len = (int)sizeof(err);
		if (getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len) != 0)
			return WSAGetLastError();
		return err ? err : WSAECONNREFUSED;
	}
	return 0;
}

static int send_all(SOCKET s, const char *data, int len, const deadline *dl)
{
	while (len > 0) {
		int n = send(s, data, len, 0);
		if (n == SOCKET_ERROR) {
			int err = WSAGetLastError();
			if (err != WSAEWOULDBLOCK)
				return err;
			if ((err = wait_ready(s, 1, dl)) != 0)
				return err;
			continue;
		}
		data += n;
		len -= n;
	}
	return 0;
}

static int recv_exact(SOCKET s, char *buf, int len, const deadline *dl)
{
	while (len > 0) {
		int err = wait_ready(s, 0, dl);
		if (err)
			return err;
		int n = recv(s, buf, len, 0);
		if (n == 0)
			return WSAECONNRESET; /* closed before everything arrived */
		if (n == SOCKET_ERROR) {
			err = WSAGetLastError();
			if (err == WSAEWOULDBLOCK)
				continue;
			return err;
		}
		buf += n;
		len -= n;
	}
	return 0;
}

static void close_if(SOCKET *s)
{
	if (*s != INVALID_SOCKET)
		closesocket(*s);
	*s = INVALID_SOCKET;
}

/* IPv6 may be absent (XP without the IPv6 stack) or have no ::1 (IPv6
 * disabled on loopback): that is a skip, not a broken Winsock. */
static int ipv6_absent(int family, const char *call, int err)
{
	if (family != AF_INET6)
		return 0;
	if (!strcmp(call, "socket"))
		return err == WSAEAFNOSUPPORT || err == WSAEPFNOSUPPORT || err == WSAEPROTONOSUPPORT ||
			err == WSAESOCKTNOSUPPORT;
	if (!strcmp(call, "bind"))
		return err == WSAEADDRNOTAVAIL || err == WSAEAFNOSUPPORT;
	return 0;
}

static void loopback_outcome(ws2fix_selftest_step *st, int family, const char *call, int err)
{
	if (!call)
		return;
	if (ipv6_absent(family, call, err))
		step_error(st, WS2FIX_SELFTEST_SKIPPED, call, err, WS2FIX_SELFTEST_REASON_NO_IPV6);
	else if (err == 0)
		step_error(st, WS2FIX_SELFTEST_FAIL, call, 0, WS2FIX_SELFTEST_REASON_DATA_MISMATCH);
	else
		step_error(st, WS2FIX_SELFTEST_FAIL, call, err, WS2FIX_SELFTEST_REASON_NONE);
}

#define PING_LEN ((int)sizeof(PING) - 1)

/* Listen, connect, accept, then one message each way. */
static int tcp_step(run *r, int family)
{
	ws2fix_selftest_step step, *st = &step;
	int rc = begin_step(r, st, WS2FIX_SELFTEST_TCP, family == AF_INET ? "TCP 127.0.0.1" : "TCP ::1");
	if (rc < 0)
		return rc;
	SOCKET lsn = INVALID_SOCKET, cli = INVALID_SOCKET, srv = INVALID_SOCKET;
	deadline dl = deadline_start(r);
	sockaddr_any a;
	char buf[sizeof(PING)];
	const char *call = NULL;
	int err = 0;
	loopback_addr(&a, family);

#define TRY(cond, name)                        \
	do {                                       \
		if (!(cond)) {                         \
			err = WSAGetLastError();           \
			call = name;                       \
			goto done;                         \
		}                                      \
	} while (0)
#define TRY_ERR(expr, name)                    \
	do {                                       \
		if ((err = (expr)) != 0) {             \
			call = name;                       \
			goto done;                         \
		}                                      \
	} while (0)

	lsn = socket(family, SOCK_STREAM, IPPROTO_TCP);
	TRY(lsn != INVALID_SOCKET, "socket");
	TRY(bind(lsn, (struct sockaddr *)&a.ss, a.len) == 0, "bind");
	TRY(listen(lsn, 1) == 0, "listen");
	TRY(getsockname(lsn, (struct sockaddr *)&a.ss, &a.len) == 0, "getsockname");
	cli = socket(family, SOCK_STREAM, IPPROTO_TCP);
	TRY(cli != INVALID_SOCKET, "socket");
	TRY_ERR(set_nonblocking(cli), "ioctlsocket");
	if (connect(cli, (struct sockaddr *)&a.ss, a.len) != 0) {
		err = WSAGetLastError();
		if (err != WSAEWOULDBLOCK) {
			call = "connect";
			goto done;
		}
		TRY_ERR(wait_ready(cli, 1, &dl), "connect");
	}
	TRY_ERR(wait_ready(lsn, 0, &dl), "accept");
	srv = accept(lsn, NULL, NULL);
	TRY(srv != INVALID_SOCKET, "accept");
	TRY_ERR(set_nonblocking(srv), "ioctlsocket");

	TRY_ERR(send_all(cli, PING, PING_LEN, &dl), "send");
	TRY_ERR(recv_exact(srv, buf, PING_LEN, &dl), "recv");
	if (memcmp(buf, PING, (size_t)PING_LEN) != 0) {
		call = "recv";
		goto done;
	}
	TRY_ERR(send_all(srv, PONG, PING_LEN, &dl), "send");
	TRY_ERR(recv_exact(cli, buf, PING_LEN, &dl), "recv");
	if (memcmp(buf, PONG, (size_t)PING_LEN) != 0)
		call = "recv";
done:
	loopback_outcome(st, family, call, err);
	close_if(&srv);
	close_if(&cli);
	close_if(&lsn);
	return finish(r, st);
}

/* Receive one datagram on @p s within the deadline. */
static int recv_datagram(SOCKET s, char *buf, int len, int *got, sockaddr_any *from, const deadline *dl)
{
	for (;;) {
		int err = wait_ready(s, 0, dl);
		if (err)
			return err;
		from->len = (int)sizeof(from->ss);
		int n = recvfrom(s, buf, len, 0, (struct sockaddr *)&from->ss, &from->len);
		if (n != SOCKET_ERROR) {
			*got = n;
			return 0;
		}
		err = WSAGetLastError();
		if (err != WSAEWOULDBLOCK)
			return err;
	}
}

static int send_datagram(SOCKET s, const char *data, int len, const sockaddr_any *to, const deadline *dl)
{
	for (;;) {
		if (sendto(s, data, len, 0, (const struct sockaddr *)&to->ss, to->len) == len)
			return 0;
		int err = WSAGetLastError();
		if (err != WSAEWOULDBLOCK)
			return err;
		if ((err = wait_ready(s, 1, dl)) != 0)
			return err;
	}
}

/* Two bound sockets, one datagram each way. */
static int udp_step(run *r, int family)
{
	ws2fix_selftest_step step, *st = &step;
	int rc = begin_step(r, st, WS2FIX_SELFTEST_UDP, family == AF_INET ? "UDP 127.0.0.1" : "UDP ::1");
	if (rc < 0)
		return rc;
	SOCKET rx = INVALID_SOCKET, tx = INVALID_SOCKET;
	deadline dl = deadline_start(r);
	sockaddr_any rx_addr, tx_addr, from;
	char buf[sizeof(PING) + 16];
	int got = 0, err = 0;
	const char *call = NULL;
	loopback_addr(&rx_addr, family);
	loopback_addr(&tx_addr, family);

	rx = socket(family, SOCK_DGRAM, IPPROTO_UDP);
	TRY(rx != INVALID_SOCKET, "socket");
	TRY(bind(rx, (struct sockaddr *)&rx_addr.ss, rx_addr.len) == 0, "bind");
	TRY(getsockname(rx, (struct sockaddr *)&rx_addr.ss, &rx_addr.len) == 0, "getsockname");
	tx = socket(family, SOCK_DGRAM, IPPROTO_UDP);
	TRY(tx != INVALID_SOCKET, "socket");
	TRY(bind(tx, (struct sockaddr *)&tx_addr.ss, tx_addr.len) == 0, "bind");
	TRY_ERR(set_nonblocking(rx), "ioctlsocket");
	TRY_ERR(set_nonblocking(tx), "ioctlsocket");

	TRY_ERR(send_datagram(tx, PING, PING_LEN, &rx_addr, &dl), "sendto");
	TRY_ERR(recv_datagram(rx, buf, (int)sizeof(buf), &got, &from, &dl), "recvfrom");
	if (got != PING_LEN || memcmp(buf, PING, (size_t)PING_LEN) != 0) {
		call = "recvfrom";
		goto done;
	}
	/* Answer to where the datagram came from: checks the source
	 * address the provider reported, too. */
	TRY_ERR(send_datagram(rx, PONG, PING_LEN, &from, &dl), "sendto");
	TRY_ERR(recv_datagram(tx, buf, (int)sizeof(buf), &got, &from, &dl), "recvfrom");
	if (got != PING_LEN || memcmp(buf, PONG, (size_t)PING_LEN) != 0)
		call = "recvfrom";
done:
	loopback_outcome(st, family, call, err);
	close_if(&tx);
	close_if(&rx);
	return finish(r, st);
}

#undef TRY
#undef TRY_ERR

/* ---- providers ---- */

/* Which socket-creation failures mean "this protocol is not usable on
 * this machine" rather than "the catalog is broken".  IPv4 has no such
 * excuse: if an AF_INET provider cannot make a socket, networking is
 * broken.  Other families (IrDA, Bluetooth, Hyper-V) legitimately fail
 * when their device or feature is absent. */
static int provider_skip_reason(const WSAPROTOCOL_INFOW *pi, int err)
{
	if (err == WSAEACCES && pi->iSocketType == SOCK_RAW)
		return WS2FIX_SELFTEST_REASON_NEEDS_ADMIN;
	if (pi->iAddressFamily == AF_INET)
		return WS2FIX_SELFTEST_REASON_NONE;
	switch (err) {
	case WSAEAFNOSUPPORT:
	case WSAEPFNOSUPPORT:
	case WSAEPROTONOSUPPORT:
	case WSAESOCKTNOSUPPORT:
	case WSAENETDOWN:
		return pi->iAddressFamily == AF_INET6 ? WS2FIX_SELFTEST_REASON_NO_IPV6
						      : WS2FIX_SELFTEST_REASON_UNAVAILABLE;
	default:
		return WS2FIX_SELFTEST_REASON_NONE;
	}
}

static int provider_step(run *r, WSAPROTOCOL_INFOW *pi)
{
	int n = 0;
	while (n < WSAPROTOCOL_LEN && pi->szProtocol[n])
		n++;
	char *pname = ws2fix__wide_to_utf8(pi->szProtocol, n);
	if (!pname)
		return WS2FIX_ENOMEM;
	ws2fix_buf name = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&name, "socket %s", pname);
	free(pname);
	ws2fix_selftest_step step, *st = &step;
	int rc = ws2fix__buf_oom(&name) ? WS2FIX_ENOMEM
		: begin_step(r, st, WS2FIX_SELFTEST_PROVIDER, ws2fix__buf_cstr(&name));
	ws2fix__buf_free(&name);
	if (rc < 0)
		return rc;
	st->catalog_id = pi->dwCatalogEntryId;
	st->address_family = pi->iAddressFamily;
	st->socket_type = pi->iSocketType;
	st->protocol = pi->iProtocol;
	st->chain_len = pi->ProtocolChain.ChainLen;

	/* FROM_PROTOCOL_INFO for all three makes Winsock use exactly this
	 * catalog entry: it loads that provider's DLL (and for a chain, each
	 * LSP in it) and calls its WSPSocket, which is where a broken entry
	 * answers 10038, 10106 or 10107. */
	SOCKET s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, pi, 0,
		WSA_FLAG_OVERLAPPED);
	if (s == INVALID_SOCKET) {
		int err = WSAGetLastError();
		int reason = provider_skip_reason(pi, err);
		step_error(st, reason ? WS2FIX_SELFTEST_SKIPPED : WS2FIX_SELFTEST_FAIL, "WSASocketW", err,
			reason);
	} else if (closesocket(s) != 0) {
		step_error(st, WS2FIX_SELFTEST_FAIL, "closesocket", WSAGetLastError(),
			WS2FIX_SELFTEST_REASON_NONE);
	}
	return finish(r, st);
}

/* WSAEnumProtocolsW, then one step per entry that can carry a socket. */
static int providers_steps(run *r)
{
	ws2fix_selftest_step step, *st = &step;
	int rc = begin_step(r, st, WS2FIX_SELFTEST_ENUM, "WSAEnumProtocols");
	if (rc < 0)
		return rc;
	WSAPROTOCOL_INFOW *list = NULL;
	DWORD size = 0;
	int count = SOCKET_ERROR;
	/* Ask for the size first; ask again if the catalog grew meanwhile. */
	for (int attempt = 0; attempt < 4; attempt++) {
		count = WSAEnumProtocolsW(NULL, list, &size);
		if (count != SOCKET_ERROR || WSAGetLastError() != WSAENOBUFS)
			break;
		WSAPROTOCOL_INFOW *nl = realloc(list, size);
		if (!nl) {
			free(list);
			free(st->name);
			return WS2FIX_ENOMEM;
		}
		list = nl;
	}
	if (count == SOCKET_ERROR) {
		step_error(st, WS2FIX_SELFTEST_FAIL, "WSAEnumProtocols", WSAGetLastError(),
			WS2FIX_SELFTEST_REASON_NONE);
	} else if (count == 0) {
		step_error(st, WS2FIX_SELFTEST_FAIL, "WSAEnumProtocols", 0, WS2FIX_SELFTEST_REASON_EMPTY);
	} else {
		ws2fix_buf d = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&d, "%d", count);
		st->detail = ws2fix__buf_detach(&d);
	}
	rc = finish(r, st);
	if (rc == 0 && count > 0) {
		if ((rc = begin_step(r, st, WS2FIX_SELFTEST_ENVIRONMENT, "provider paths")) < 0) {
			free(list);
			return rc;
		}
		ws2fix__selftest_env_paths(st, list, count);
		rc = finish(r, st);
	}
	for (int i = 0; rc == 0 && i < count; i++) {
		/* ChainLen 0 is an LSP's hidden layered entry: not a socket
		 * provider of its own; the chains that use it are tested. */
		if (list[i].ProtocolChain.ChainLen < 1)
			continue;
		rc = provider_step(r, &list[i]);
	}
	free(list);
	return rc;
}

/* ---- name resolution ---- */

static int is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const unsigned char *b = ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr;
		static const unsigned char one[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
		static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		return memcmp(b, one, 16) == 0 || (memcmp(b, mapped, 12) == 0 && b[12] == 127);
	}
	return 0;
}

static int resolve_step(run *r)
{
	ws2fix_selftest_step step, *st = &step;
	int rc = begin_step(r, st, WS2FIX_SELFTEST_RESOLVE, "getaddrinfo localhost");
	if (rc < 0)
		return rc;
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	/* getaddrinfo returns the Winsock error itself (EAI_NONAME is
	 * WSAHOST_NOT_FOUND) rather than setting WSAGetLastError. */
	int err = getaddrinfo("localhost", NULL, &hints, &res);
	if (err != 0) {
		step_error(st, WS2FIX_SELFTEST_FAIL, "getaddrinfo", err, WS2FIX_SELFTEST_REASON_NONE);
		return finish(r, st);
	}
	ws2fix_buf d = WS2FIX_BUF_INIT;
	int all_loopback = 1;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		char host[NI_MAXHOST];
		if (getnameinfo(ai->ai_addr, (socklen_t)ai->ai_addrlen, host, sizeof(host), NULL, 0,
			    NI_NUMERICHOST) != 0)
			continue;
		ws2fix__buf_printf(&d, "%s%s", d.len ? ", " : "", host);
		if (!is_loopback(ai->ai_addr))
			all_loopback = 0;
	}
	freeaddrinfo(res);
	st->detail = ws2fix__buf_detach(&d);
	/* A hosts file pointing localhost elsewhere is a known piece of
	 * malware work and breaks local services: a failure. */
	if (!all_loopback)
		step_error(st, WS2FIX_SELFTEST_FAIL, "getaddrinfo", 0, WS2FIX_SELFTEST_REASON_NOT_LOOPBACK);
	return finish(r, st);
}

/* ---- the run ---- */

static int skip_all(run *r)
{
	static const struct {
		int kind;
		const char *name;
	} rest[] = {
		{WS2FIX_SELFTEST_ENUM, "WSAEnumProtocols"}, {WS2FIX_SELFTEST_TCP, "TCP 127.0.0.1"},
		{WS2FIX_SELFTEST_TCP, "TCP ::1"}, {WS2FIX_SELFTEST_UDP, "UDP 127.0.0.1"},
		{WS2FIX_SELFTEST_UDP, "UDP ::1"}, {WS2FIX_SELFTEST_RESOLVE, "getaddrinfo localhost"},
	};
	for (size_t i = 0; i < sizeof(rest) / sizeof(rest[0]); i++) {
		ws2fix_selftest_step st;
		int rc = begin_step(r, &st, rest[i].kind, rest[i].name);
		if (rc < 0)
			return rc;
		step_error(&st, WS2FIX_SELFTEST_SKIPPED, NULL, 0, WS2FIX_SELFTEST_REASON_NOT_RUN);
		if ((rc = finish(r, &st)) < 0)
			return rc;
	}
	return 0;
}

static int run_steps(run *r)
{
	WSADATA wsa;
	ws2fix_selftest_step step, *st = &step;
	/* The environment first: without SystemRoot no provider loads. */
	int rc = begin_step(r, st, WS2FIX_SELFTEST_ENVIRONMENT, "SystemRoot");
	if (rc < 0)
		return rc;
	ws2fix__selftest_env_systemroot(st);
	if ((rc = finish(r, st)) < 0)
		return rc;
	rc = begin_step(r, st, WS2FIX_SELFTEST_STARTUP, "WSAStartup");
	if (rc < 0)
		return rc;
	/* WSAStartup returns its error instead of setting WSAGetLastError. */
	int err = WSAStartup(MAKEWORD(2, 2), &wsa);
	int started = err == 0;
	if (err != 0)
		step_error(st, WS2FIX_SELFTEST_FAIL, "WSAStartup", err, WS2FIX_SELFTEST_REASON_NONE);
	else if (LOBYTE(wsa.wVersion) != 2 || HIBYTE(wsa.wVersion) != 2)
		step_error(st, WS2FIX_SELFTEST_FAIL, "WSAStartup", WSAVERNOTSUPPORTED,
			WS2FIX_SELFTEST_REASON_NONE);
	if ((rc = finish(r, st)) < 0) {
		if (started)
			WSACleanup();
		return rc;
	}
	if (!started)
		return skip_all(r);

	rc = providers_steps(r);
	if (rc == 0)
		rc = tcp_step(r, AF_INET);
	if (rc == 0)
		rc = tcp_step(r, AF_INET6);
	if (rc == 0)
		rc = udp_step(r, AF_INET);
	if (rc == 0)
		rc = udp_step(r, AF_INET6);
	if (rc == 0)
		rc = resolve_step(r);
	/* WSACleanup calls every loaded provider's WSPCleanup: it can hang
	 * too, after all steps are done. */
	publish(r, -1, "WSACleanup");
	WSACleanup();
	EnterCriticalSection(&r->lock);
	r->busy = 0;
	LeaveCriticalSection(&r->lock);
	return rc;
}

static unsigned __stdcall worker_main(void *arg)
{
	run *r = arg;
	r->rc = run_steps(r);
	return 0;
}

static void count_results(ws2fix_selftest_report *rep)
{
	rep->failed = rep->skipped = 0;
	for (size_t i = 0; i < rep->count; i++) {
		if (rep->steps[i].result == WS2FIX_SELFTEST_FAIL)
			rep->failed++;
		else if (rep->steps[i].result == WS2FIX_SELFTEST_SKIPPED)
			rep->skipped++;
	}
	rep->passed = rep->failed == 0;
}

/* Called with r->lock held, once the worker has overrun: a copy of what
 * finished, plus the step that hangs (none when it is the final
 * WSACleanup: every step has its result then).  NULL when out of memory. */
static ws2fix_selftest_report *hung_report(const run *r)
{
	const ws2fix_selftest_report *src = r->rep;
	ws2fix_selftest_report *rep = calloc(1, sizeof(*rep));
	if (!rep)
		return NULL;
	rep->steps = calloc(src->count + 1, sizeof(*rep->steps));
	if (!rep->steps) {
		free(rep);
		return NULL;
	}
	int ok = 1;
	for (size_t i = 0; i < src->count; i++) {
		ws2fix_selftest_step *d = &rep->steps[rep->count++];
		*d = src->steps[i];
		d->name = ws2fix__strdup(src->steps[i].name);
		d->detail = src->steps[i].detail ? ws2fix__strdup(src->steps[i].detail) : NULL;
		ok &= d->name != NULL && (d->detail != NULL) == (src->steps[i].detail != NULL);
	}
	if (r->cur_kind >= 0) {
		ws2fix_selftest_step *d = &rep->steps[rep->count++];
		d->name = ws2fix__strdup(r->cur_name);
		d->kind = r->cur_kind;
		step_error(d, WS2FIX_SELFTEST_FAIL, NULL, WSAETIMEDOUT, WS2FIX_SELFTEST_REASON_HUNG);
		ok &= d->name != NULL;
	}
	if (!ok) {
		ws2fix_selftest_report_free(rep);
		return NULL;
	}
	count_results(rep);
	return rep;
}

/* The run's shared state.  Freed only when the worker has finished: an
 * abandoned worker may still be using it, so then it is left to the
 * process's exit (the only leak, and only after a provider hung). */
static void run_free(run *r)
{
	DeleteCriticalSection(&r->lock);
	ws2fix_selftest_report_free(r->rep);
	free(r);
}

int ws2fix_selftest_run(ws2fix_selftest_report **out, const ws2fix_selftest_options *opts)
{
	*out = NULL;
	if (opts && opts->version != WS2FIX_SELFTEST_OPTIONS_VERSION)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"selftest options have an unknown version");
	run *r = calloc(1, sizeof(*r));
	if (!r)
		return ws2fix__oom();
	InitializeCriticalSection(&r->lock);
	r->timeout_ms = opts && opts->timeout_ms ? opts->timeout_ms : DEFAULT_TIMEOUT_MS;
	r->rep = calloc(1, sizeof(*r->rep));
	if (!r->rep) {
		run_free(r);
		return ws2fix__oom();
	}

	/* _beginthreadex, not CreateThread: the worker uses the C runtime. */
	HANDLE th = (HANDLE)_beginthreadex(NULL, 0, worker_main, r, 0, NULL);
	if (!th) {
		/* No thread: run here, without the watchdog. */
		r->rc = run_steps(r);
	} else {
		/* A step gets its own budget again as grace before it counts as
		 * hung: the budget bounds the network waits, not the calls
		 * around them. */
		DWORD limit = r->timeout_ms * 2;
		for (;;) {
			if (WaitForSingleObject(th, 100) == WAIT_OBJECT_0)
				break;
			EnterCriticalSection(&r->lock);
			ws2fix_selftest_report *hung = NULL;
			int over = r->busy && GetTickCount() - r->cur_start > limit;
			if (over) {
				hung = hung_report(r);
				r->abandoned = 1;
			}
			LeaveCriticalSection(&r->lock);
			if (over) {
				CloseHandle(th);
				if (!hung)
					return ws2fix__oom();
				*out = hung;
				return 0;
			}
		}
		CloseHandle(th);
	}
	int rc = r->rc;
	if (rc < 0) {
		run_free(r);
		return ws2fix__oom();
	}
	count_results(r->rep);
	*out = r->rep;
	r->rep = NULL;
	run_free(r);
	return 0;
}
