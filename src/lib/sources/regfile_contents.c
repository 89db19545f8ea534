/* SPDX-License-Identifier: MIT */
/*
 * "The wrong key is not a broken catalog": a .reg export that holds no
 * ...\Services\WinSock2 key is refused with what it does hold and the
 * command that exports the right key, instead of being read as a machine
 * whose catalog is gone.  The likeliest slip in regedit is exporting
 * Services\Winsock (shared/corpus/cingchun-bccc/winsock.reg is a real one).
 * An export of a key below WinSock2 (Parameters, one catalog, one entry)
 * is refused the same way: what it leaves out would read as missing, and
 * a fix file made from it would rebuild what the machine still has.
 */
#include <string.h>

#include "../errors_internal.h"
#include "../regformat/regtree.h"
#include "../../util/utf.h"
#include "../../util/buf.h"
#include "../regformat/regformat.h"
#include "regfile_source.h"
#include "ws2fix/errors.h"
#include "ws2fix/i18n.h"

/* The first key a line of the file named, in file order: regedit writes
 * the key that was exported first. */
static const ws2fix_regtree_key *first_listed(const ws2fix_regtree_key *k)
{
	if (k->listed)
		return k;
	for (const ws2fix_regtree_key *s = ws2fix__regtree_first_subkey(k); s; s = ws2fix__regtree_next_sibling(s)) {
		const ws2fix_regtree_key *f = first_listed(s);
		if (f)
			return f;
	}
	return NULL;
}

static int named(const ws2fix_regtree_key *k, const char *name)
{
	return k && k->e.name_len == strlen(name) && !ws2fix__strncasecmp(k->e.name, name, k->e.name_len);
}

/* The first ...\<cs>\Services\WinSock2 key, at any depth, or NULL; any
 * control set when @p cs is NULL. */
static const ws2fix_regtree_key *find_winsock2(const ws2fix_regtree_key *k, const char *cs)
{
	for (const ws2fix_regtree_key *s = ws2fix__regtree_first_subkey(k); s; s = ws2fix__regtree_next_sibling(s)) {
		if (named(s, "WinSock2") && named(k, "Services") && (!cs || named(k->parent, cs)))
			return s;
		const ws2fix_regtree_key *f = find_winsock2(s, cs);
		if (f)
			return f;
	}
	return NULL;
}

static void put_path(ws2fix_buf *b, const ws2fix_regtree_key *k)
{
	if (!k->parent) {
		ws2fix__buf_puts(b, "HKEY_LOCAL_MACHINE\\SYSTEM");
		return;
	}
	put_path(b, k->parent);
	ws2fix__buf_putc(b, '\\');
	ws2fix__buf_put(b, k->e.name, k->e.name_len);
}

int ws2fix__regfile_refuse_wrong_key(const char *path, ws2fix_lang lang)
{
	ws2fix_regtree *t = NULL;
	ws2fix__regfile_info info;
	int rc = ws2fix__regfile_load(&t, &info, path);
	if (rc < 0)
		return rc;
	if (find_winsock2(ws2fix__regtree_root(t), NULL)) {
		/* The key is there, only not where the export's control set
		 * says: the caller's own error is the right one. */
		ws2fix__regtree_free(t);
		return 0;
	}
	ws2fix_buf holds = WS2FIX_BUF_INIT;
	/* The root stands for HKEY_LOCAL_MACHINE\SYSTEM itself. */
	const ws2fix_regtree_key *k = NULL;
	for (const ws2fix_regtree_key *s = ws2fix__regtree_first_subkey(ws2fix__regtree_root(t)); s && !k;
	     s = ws2fix__regtree_next_sibling(s))
		k = first_listed(s);
	if (k)
		put_path(&holds, k);
	else
		ws2fix__buf_puts(&holds, ws2fix_msg(info.foreign_keys ? MSG_REG_HOLDS_OTHER_ROOT : MSG_REG_HOLDS_NOTHING, lang));
	rc = ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_REGFILE, ws2fix_msg(MSG_REG_WRONG_KEY, lang), path,
		ws2fix__buf_cstr(&holds));
	ws2fix__buf_free(&holds);
	ws2fix__regtree_free(t);
	return rc;
}

int ws2fix__regfile_refuse_partial(const char *path, const char *controlset, ws2fix_lang lang)
{
	ws2fix_regtree *t = NULL;
	ws2fix__regfile_info info;
	int rc = ws2fix__regfile_load(&t, &info, path);
	if (rc < 0)
		return rc;
	const ws2fix_regtree_key *ws = find_winsock2(ws2fix__regtree_root(t), controlset);
	/* regedit and reg export write the exported key's own line first: a
	 * WinSock2 key named only as the parent of what follows was not
	 * exported, so what is absent below it says nothing. */
	const ws2fix_regtree_key *first = ws && !ws->listed ? first_listed(ws) : NULL;
	if (first) {
		ws2fix_buf holds = WS2FIX_BUF_INIT;
		put_path(&holds, first);
		rc = ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_REGFILE, ws2fix_msg(MSG_REG_PARTIAL, lang), path,
			ws2fix__buf_cstr(&holds));
		ws2fix__buf_free(&holds);
	}
	ws2fix__regtree_free(t);
	return rc;
}
