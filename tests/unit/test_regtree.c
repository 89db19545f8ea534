/* SPDX-License-Identifier: MIT */
/*
 * The in-memory registry tree behind the .reg source: order, case-blind
 * lookup, the hash index under many siblings, deletion, and the caps that
 * keep hostile files from exhausting memory or stack.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "lib/regformat/regtree.h"
#include "ws2fix/errors.h"

static ws2fix_regtree *new_tree(void)
{
	ws2fix_regtree *t = NULL;
	assert_int_equal(ws2fix__regtree_new(&t), 0);
	return t;
}

static void test_regtree__keeps_order_and_ignores_case(void **state)
{
	(void)state;
	ws2fix_regtree *t = new_tree();
	ws2fix_regtree_key *k = NULL, *again = NULL, *first = NULL;
	assert_int_equal(ws2fix__regtree_create(&k, t, "Zeta\\B", 6), 0);
	first = k;
	assert_true(k->listed);
	assert_int_equal(k->depth, 2);
	assert_false(k->parent->listed);
	assert_int_equal(ws2fix__regtree_create(&k, t, "alpha", 5), 0);
	/* Same key, other spelling, doubled and trailing backslashes. */
	assert_int_equal(ws2fix__regtree_create(&again, t, "\\ZETA\\\\b\\", 9), 0);
	assert_string_equal(again->e.name, "B");
	assert_ptr_equal(again, first);
	assert_false(again->parent->listed);
	assert_int_equal(ws2fix__regtree_key_count(t), 3);

	ws2fix_regtree_key *root = ws2fix__regtree_root(t);
	assert_string_equal(ws2fix__regtree_first_subkey(root)->e.name, "Zeta");
	assert_string_equal(ws2fix__regtree_next_sibling(ws2fix__regtree_first_subkey(root))->e.name,
		"alpha");

	assert_int_equal(ws2fix__regtree_find(&k, t, "zeta\\B", 6), 0);
	assert_int_equal(ws2fix__regtree_find(&k, t, "", 0), 0);
	assert_ptr_equal(k, root);
	assert_int_equal(ws2fix__regtree_find(&k, t, "zeta\\C", 6), WS2FIX_ENOTFOUND);
	assert_null(k);
	/* Non-ASCII names compare byte for byte. */
	assert_int_equal(ws2fix__regtree_create(&k, t, "\xc3\xa9", 2), 0);
	assert_int_equal(ws2fix__regtree_find(&k, t, "\xc3\x89", 2), WS2FIX_ENOTFOUND);

	assert_int_equal(ws2fix__regtree_set_value(t, root, "b", 1, 4, "1234", 4), 0);
	assert_int_equal(ws2fix__regtree_set_value(t, root, "", 0, 1, NULL, 0), 0);
	assert_int_equal(ws2fix__regtree_set_value(t, root, "a", 1, 3, "x", 1), 0);
	assert_int_equal(ws2fix__regtree_set_value(t, root, "B", 1, 3, "yz", 2), 0);
	const ws2fix_regtree_value *v = ws2fix__regtree_first_value(root);
	assert_string_equal(v->e.name, "b");
	assert_int_equal(v->type, 3);
	assert_int_equal(v->len, 2);
	assert_memory_equal(v->data, "yz", 2);
	v = ws2fix__regtree_next_value(v);
	assert_string_equal(v->e.name, "");
	assert_null(v->data);
	assert_int_equal(ws2fix__regtree_value_count(t), 3);
	assert_int_equal(ws2fix__regtree_delete_value(t, root, "A", 1), 0);
	assert_int_equal(ws2fix__regtree_delete_value(t, root, "A", 1), WS2FIX_ENOTFOUND);
	ws2fix__regtree_free(t);
}

static void test_regtree__index_survives_many_siblings(void **state)
{
	(void)state;
	ws2fix_regtree *t = new_tree();
	ws2fix_regtree_key *k = NULL;
	assert_int_equal(ws2fix__regtree_create(&k, t, "A", 1), 0);
	char name[32];
	for (int i = 0; i < 5000; i++) {
		ws2fix_regtree_key *c;
		snprintf(name, sizeof(name), "Key%d", i);
		assert_int_equal(ws2fix__regtree_add_subkey(&c, t, k, name, strlen(name)), 0);
		snprintf(name, sizeof(name), "Val%d", i);
		assert_int_equal(ws2fix__regtree_set_value(t, k, name, strlen(name), 4, "abcd", 4), 0);
	}
	for (int i = 0; i < 5000; i += 2) {
		snprintf(name, sizeof(name), "VAL%d", i);
		assert_int_equal(ws2fix__regtree_delete_value(t, k, name, strlen(name)), 0);
		snprintf(name, sizeof(name), "key%d", i);
		ws2fix_regtree_key *c = ws2fix__regtree_subkey(k, name, strlen(name));
		assert_non_null(c);
		ws2fix__regtree_delete_key(t, c);
	}
	assert_int_equal(k->subkeys.count, 2500);
	assert_int_equal(k->values.count, 2500);
	assert_int_equal(ws2fix__regtree_value_count(t), 2500);
	assert_null(ws2fix__regtree_subkey(k, "Key0", 4));
	assert_non_null(ws2fix__regtree_subkey(k, "KEY4999", 7));
	assert_string_equal(ws2fix__regtree_first_subkey(k)->e.name, "Key1");
	/* Replacing keeps the place. */
	assert_int_equal(ws2fix__regtree_set_value(t, k, "val1", 4, 3, "z", 1), 0);
	assert_string_equal(ws2fix__regtree_first_value(k)->e.name, "Val1");
	assert_int_equal(ws2fix__regtree_first_value(k)->type, 3);
	/* Deleting the root empties it. */
	ws2fix__regtree_delete_key(t, ws2fix__regtree_root(t));
	assert_int_equal(ws2fix__regtree_key_count(t), 0);
	assert_int_equal(ws2fix__regtree_value_count(t), 0);
	assert_null(ws2fix__regtree_first_subkey(ws2fix__regtree_root(t)));
	ws2fix__regtree_free(t);
}

static void test_regtree__enforces_caps_and_name_rules(void **state)
{
	(void)state;
	ws2fix_regtree *t = new_tree();
	ws2fix_regtree_key *root = ws2fix__regtree_root(t), *k = NULL;

	assert_int_equal(ws2fix__regtree_add_subkey(&k, t, root, "", 0), WS2FIX_EINVALID);
	assert_int_equal(ws2fix__regtree_add_subkey(&k, t, root, "a\\b", 3), WS2FIX_EINVALID);
	assert_int_equal(ws2fix__regtree_add_subkey(&k, t, root, "a\0b", 3), WS2FIX_EINVALID);
	char *longname = malloc(WS2FIX_REGTREE_MAX_VALUE_NAME + 2);
	assert_non_null(longname);
	memset(longname, 'n', WS2FIX_REGTREE_MAX_VALUE_NAME + 1);
	assert_int_equal(ws2fix__regtree_add_subkey(&k, t, root, longname,
		WS2FIX_REGTREE_MAX_KEY_NAME + 1), WS2FIX_EINVALID);
	assert_int_equal(ws2fix__regtree_add_subkey(&k, t, root, longname,
		WS2FIX_REGTREE_MAX_KEY_NAME), 0);
	assert_int_equal(ws2fix__regtree_set_value(t, root, longname,
		WS2FIX_REGTREE_MAX_VALUE_NAME + 1, 3, NULL, 0), WS2FIX_EINVALID);
	free(longname);

	/* Depth. */
	k = root;
	for (int i = 0; i < WS2FIX_REGTREE_MAX_DEPTH; i++)
		assert_int_equal(ws2fix__regtree_add_subkey(&k, t, k, "d", 1), 0);
	ws2fix_regtree_key *deeper = NULL;
	assert_int_equal(ws2fix__regtree_add_subkey(&deeper, t, k, "d", 1), WS2FIX_EINVALID);
	assert_non_null(strstr(ws2fix_error_last()->message, "deeper"));

	/* Value size; the owned variant frees what it refuses (ASan checks). */
	unsigned char *big = malloc(WS2FIX_REGTREE_MAX_VALUE_SIZE + 1);
	assert_non_null(big);
	memset(big, 0, WS2FIX_REGTREE_MAX_VALUE_SIZE + 1);
	assert_int_equal(ws2fix__regtree_set_value(t, root, "v", 1, 3, big,
		WS2FIX_REGTREE_MAX_VALUE_SIZE + 1), WS2FIX_EINVALID);
	assert_int_equal(ws2fix__regtree_set_value(t, root, "v", 1, 3, big,
		WS2FIX_REGTREE_MAX_VALUE_SIZE), 0);
	assert_int_equal(ws2fix__regtree_set_value_owned(t, root, "w", 1, 3, big,
		WS2FIX_REGTREE_MAX_VALUE_SIZE + 1), WS2FIX_EINVALID);
	assert_int_equal(ws2fix__regtree_set_value_owned(t, root, "a\0b", 3, 3, malloc(1), 1),
		WS2FIX_EINVALID);
	assert_int_equal(ws2fix__regtree_value_count(t), 1);
	ws2fix__regtree_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regtree__keeps_order_and_ignores_case),
		cmocka_unit_test(test_regtree__index_survives_many_siblings),
		cmocka_unit_test(test_regtree__enforces_caps_and_name_rules),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}
