/* SPDX-License-Identifier: MIT */
/* Control ids of the wizard's dialog, shared by ws2fix-gui.rc and the C
 * code (windres reads this file too: plain #defines only). */
#ifndef WS2FIX_GUI_RES_H
#define WS2FIX_GUI_RES_H

#define IDD_WIZARD 100
#define IDI_APP 101

#define IDC_INTRO 1001
#define IDC_ADMIN 1002
#define IDC_ELEVATE 1003
#define IDC_CHECK 1004
#define IDC_REPAIR 1005
#define IDC_UNDO 1006
#define IDC_RESET 1007
#define IDC_VERDICT 1008
#define IDC_TEXT 1009
#define IDC_STATUS 1010
#define IDC_RESTART 1011
#define IDC_LINE 1012

#endif
