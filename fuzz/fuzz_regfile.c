/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the .reg parser and writer.
 *
 * Any input must parse or fail with WS2FIX_ECORRUPT; nothing else (a crash,
 * a sanitizer report, a leak, another error code) is acceptable.  When it
 * parses, the tree is written back as a .reg file and parsed again, and the
 * two trees must hold the same keys and values in the same order with the
 * same types and bytes: that is the promise a backup made with ws2fix
 * depends on, so the fuzzer checks it on every input it finds.
 *
 * Built with libFuzzer when WS2FIX_FUZZ=ON; standalone_driver.c runs the
 * same function over the seed corpus in every build.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/regformat/regtree.h"
#include "lib/regformat/regformat.h"
#include "ws2fix/errors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what)
{
	fprintf(stderr, "fuzz_regfile: %s (%s)\n", what, ws2fix_error_last()->message);
	abort();
}

static int same_key(const ws2fix_regtree_key *a, const ws2fix_regtree_key *b)
{
	if (a->e.name_len != b->e.name_len || memcmp(a->e.name, b->e.name, a->e.name_len) != 0)
		return 0;
	if (a->values.count != b->values.count || a->subkeys.count != b->subkeys.count)
		return 0;
	const ws2fix_regtree_value *va = ws2fix__regtree_first_value(a);
	const ws2fix_regtree_value *vb = ws2fix__regtree_first_value(b);
	for (; va && vb; va = ws2fix__regtree_next_value(va), vb = ws2fix__regtree_next_value(vb)) {
		if (va->e.name_len != vb->e.name_len ||
		    memcmp(va->e.name, vb->e.name, va->e.name_len) != 0 || va->type != vb->type ||
		    va->len != vb->len || (va->len && memcmp(va->data, vb->data, va->len) != 0))
			return 0;
	}
	/* Depth is capped by the tree, so this recursion is bounded. */
	const ws2fix_regtree_key *ka = ws2fix__regtree_first_subkey(a);
	const ws2fix_regtree_key *kb = ws2fix__regtree_first_subkey(b);
	for (; ka && kb; ka = ws2fix__regtree_next_sibling(ka), kb = ws2fix__regtree_next_sibling(kb))
		if (!same_key(ka, kb))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws2fix_regtree *t = NULL, *back = NULL;
	unsigned char *out = NULL;
	size_t out_len = 0;

	if (ws2fix__regtree_new(&t) < 0)
		return 0;
	int rc = ws2fix__regfile_parse(t, data, size, "fuzz.reg", NULL);
	if (rc < 0) {
		if (rc != WS2FIX_ECORRUPT && rc != WS2FIX_ENOMEM)
			die("parse returned an unexpected code");
		ws2fix__regtree_free(t);
		return 0;
	}

	/* Written under SYSTEM, whatever root was read: the tree must come back. */
	rc = ws2fix__regfile_write_tree(&out, &out_len, t, NULL);
	/* EINVALID: a name holding a CR, which no .reg file can carry. */
	if (rc == 0) {
		if (ws2fix__regtree_new(&back) < 0)
			die("out of memory");
		if (ws2fix__regfile_parse(back, out, out_len, "rewritten.reg", NULL) != 0)
			die("our own output does not parse");
		if (!same_key(ws2fix__regtree_root(t), ws2fix__regtree_root(back)))
			die("round trip changed the tree");
	} else if (rc != WS2FIX_EINVALID && rc != WS2FIX_ENOMEM) {
		die("write returned an unexpected code");
	}
	free(out);
	ws2fix__regtree_free(back);
	ws2fix__regtree_free(t);
	return 0;
}
