/* SPDX-License-Identifier: MIT */
/*
 * Which control set of a .reg export "CurrentControlSet" stands for
 * (regfile_source.h): the running machine reaches its catalog through
 * CurrentControlSet whatever ControlSetNNN it is, so an export of
 * ControlSet002, or of a hive loaded in regedit, is read as that and a fix
 * file made from it names CurrentControlSet.  With several control sets
 * and a Select key, Select\Current wins, as for hives.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../regformat/regformat.h"
#include "regfile_source.h"
#include "../../util/utf.h"
#include "ws2fix/registry.h"

static int is_controlset_name(const char *s, size_t n)
{
	if (n != 13 || ws2fix__strncasecmp(s, "ControlSet", 10) != 0)
		return 0;
	for (size_t i = 10; i < 13; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return !(s[10] == '0' && s[11] == '0' && s[12] == '0');
}

static int put_name(const ws2fix_regtree_key *k, char *buf, size_t bufsz)
{
	/* The name, cut to the buffer as snprintf would cut it. */
	if (bufsz > 0) {
		size_t n = k->e.name_len < bufsz ? k->e.name_len : bufsz - 1;
		memcpy(buf, k->e.name, n);
		buf[n] = '\0';
	}
	return 1;
}

/* Select\Current as a DWORD naming a control set, or 0. */
static unsigned int select_current(const ws2fix_regtree_key *root)
{
	const ws2fix_regtree_key *sel = ws2fix__regtree_subkey(root, "Select", 6);
	const ws2fix_regtree_value *v = sel ? ws2fix__regtree_value(sel, "Current", 7) : NULL;
	if (!v || v->type != WS2FIX_REG_DWORD || v->len != 4)
		return 0;
	uint32_t n = (uint32_t)v->data[0] | ((uint32_t)v->data[1] << 8) | ((uint32_t)v->data[2] << 16) |
		((uint32_t)v->data[3] << 24);
	return n >= 1 && n <= 999 ? (unsigned int)n : 0;
}

int ws2fix__regfile_pick_controlset(const ws2fix_regtree_key *root, char *buf, size_t bufsz)
{
	const ws2fix_regtree_key *k;
	buf[0] = '\0';
	if (ws2fix__regtree_subkey(root, "CurrentControlSet", 17))
		return 0;
	if (ws2fix__regtree_subkey(root, "Select", 6)) {
		/* As for hives: Select\Current, or nothing (the registry then
		 * says which control set is missing). */
		char want[24]; /* "ControlSet" and any unsigned int */
		unsigned int n = select_current(root);
		if (!n)
			return 0;
		snprintf(want, sizeof(want), "ControlSet%03u", n);
		k = ws2fix__regtree_subkey(root, want, strlen(want));
		return k ? put_name(k, buf, bufsz) : 0;
	}
	for (k = ws2fix__regtree_first_subkey(root); k; k = ws2fix__regtree_next_sibling(k))
		if (is_controlset_name(k->e.name, k->e.name_len))
			return put_name(k, buf, bufsz);
	if (ws2fix__regtree_subkey(root, "Services", 8))
		return 1; /* "" : the root is the control set */
	return 0;
}
