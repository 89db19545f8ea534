/* SPDX-License-Identifier: MIT */
/*
 * File names compared as NTFS compares them (library internal; the base
 * layer, src/lib/name_fold.c).  The platform's directory lookups
 * (platform_dir.h) and the output guard use it.
 */
#ifndef WS2FIX_NAME_FOLD_H
#define WS2FIX_NAME_FOLD_H

/**
 * 1 when two UTF-8 names are equal ignoring case, the way Windows compares
 * file names: simple one-to-one upper-casing (ASCII, Latin-1, Latin
 * Extended-A, Greek, Cyrillic), no normalisation, no multi-character folds
 * ("ß" does not equal "SS", as on NTFS).  Invalid UTF-8 compares bytewise.
 */
int ws2fix__name_equal_ci(const char *a, const char *b);

#endif
