/* SPDX-License-Identifier: MIT */
/* Editing a catalog through the registry API, for tests that build
 * corruptions from real data. */
#ifndef WS2FIX_CATALOG_EDIT_H
#define WS2FIX_CATALOG_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "ws2fix/catalog.h"
#include "ws2fix/registry.h"

void set_dword(ws2fix_registry *reg, const char *key, const char *name, uint32_t v);
/* "<cat>\<view>\%012u" */
void entry_key(char *out, size_t n, const char *cat, const char *view, unsigned idx);
void get_item(ws2fix_registry *reg, const char *cat, const char *view, unsigned idx, ws2fix_protocol_item *it);
void put_item(ws2fix_registry *reg, const char *cat, const char *view, unsigned idx, const ws2fix_protocol_item *it);
/* Take entry idx out the way a careful tool would: shift the later entries
 * down and fix the counter, so only the intended damage stays. */
void remove_entry(ws2fix_registry *reg, const char *cat, const char *view, const char *counter, unsigned idx);

#endif
