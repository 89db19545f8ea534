#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
r"""ws2fix-gui.exe, the repair wizard, under Xvfb + Wine (docs/gui.md).

1. Without Wine: the exe is a GUI program that imports nothing missing
   from Windows XP SP3 (the rules and tables of test_imports.py), with
   its manifest (asInvoker, comctl32 v6) embedded.
2. A fresh prefix gets the real catalog and is broken exactly as in
   test_live_repair.py (the LSP's hidden entry deleted in both views).
3. The wizard is used as a person at the keyboard uses it, with nothing in
   it for tests: its window is found by its title (xdotool), its buttons
   are pressed with their own keyboard accelerators (Alt+C "Check
   Winsock", Alt+K "Kontrollera Winsock", Alt+R, Alt+N, Alt+S; docs/gui.md),
   which work whatever control has the focus, and what it shows is read
   from a screenshot (tesseract OCR) of its texts, never of a button's
   label, which the focus rectangle can hide from OCR.  "Check Winsock", in
   English and in Swedish (LC_ALL): the verdict names the damage and counts
   what `ws2fix.exe diagnose` counts; the findings show with their fixes,
   in the asked-for language.
4. "Repair": the confirmation dialog asks and says where the backup goes;
   "Yes": the verdict says done, and "Restart now" is there (its key opens
   the restart question, answered No).  "Close" ends the wizard.  Then,
   read back through the command line and the files: `ws2fix.exe diagnose`
   says healthy (exit 0) and the backup is a UTF-16LE .reg in the user's
   Documents.

Screenshots (`import -window root`) go to <build>/gui-screenshots/.
Exit 77 (skip) without Xvfb, ImageMagick's import, xdotool, tesseract, wine or the
shared data (scripts/deps.sh installs them all).
argv[1] is ws2fix.exe; ws2fix-gui.exe is beside it (or $WS2FIX_GUI_EXE).
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import wineenv  # noqa: E402
import test_imports  # noqa: E402
import test_live_repair as live  # noqa: E402  (prefix preparation shared with the CLI test)

problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)
    return cond


def import_problems(objdump, exe):
    """test_imports' rules, for a GUI exe (its header check wants CUI)."""
    text = test_imports.objdump_p(objdump, exe)
    out = []
    m = re.search(r"^Subsystem\s+\S+\s+\((.*)\)", text, re.M)
    if not m or "GUI" not in m.group(1):
        out.append("subsystem is %r, not the Windows GUI" % (m.group(1) if m else None))
    magic = re.search(r"^Magic\s+\S+\s+\((PE32\+?)\)", text, re.M)
    major = re.search(r"^MajorSubsystemVersion\s+(\d+)", text, re.M)
    minor = re.search(r"^MinorSubsystemVersion\s+(\d+)", text, re.M)
    if magic and major and minor:
        ver = (int(major.group(1)), int(minor.group(1)))
        if ver > test_imports.MAX_SUBSYSTEM[magic.group(1)]:
            out.append("subsystem version %d.%d is newer than Windows XP loads" % ver)
    else:
        out.append("cannot read the PE optional header")
    imports = test_imports.read_imports(text)
    if not imports.get("kernel32.dll"):
        out.append("no kernel32.dll imports found: objdump output not understood")
    for dll, funcs in sorted(imports.items()):
        if dll not in test_imports.XP_DLLS:
            out.append("imports %s, which Windows XP does not ship" % dll)
            continue
        banned = test_imports.VISTA_PLUS.get(dll, set())
        for fn in sorted(funcs):
            if fn.startswith("#"):
                out.append("%s imported from %s by ordinal" % (fn, dll))
            elif fn in banned:
                out.append("%s!%s is not in Windows XP SP3" % (dll, fn))
            elif dll == "msvcrt.dll" and test_imports.MSVCRT_SECURE.search(fn):
                out.append("msvcrt.dll!%s is missing from XP's msvcrt" % fn)
    print("ws2fix-gui.exe imports from %s" % ", ".join(sorted(imports)))
    with open(exe, "rb") as f:
        data = f.read()
    for needle in (b'level="asInvoker"', b"Microsoft.Windows.Common-Controls", b"supportedOS"):
        if needle not in data:
            out.append("the manifest lacks %s" % needle.decode())
    return out


def find_objdump():
    objdump = os.environ.get("WS2FIX_OBJDUMP") or ""
    if objdump and not os.path.isabs(objdump):
        objdump = shutil.which(objdump) or ""
    for cand in ("x86_64-w64-mingw32-objdump", "i686-w64-mingw32-objdump"):
        objdump = objdump or shutil.which(cand) or ""
    return objdump


class Xvfb:
    """A private X server on the first free display from :91."""

    def __init__(self):
        self.proc = None
        for n in range(91, 120):
            if os.path.exists("/tmp/.X%d-lock" % n) or os.path.exists("/tmp/.X11-unix/X%d" % n):
                continue
            self.display = ":%d" % n
            self.proc = subprocess.Popen(["Xvfb", self.display, "-screen", "0", "800x600x24", "-nolisten", "tcp"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(50):
                if os.path.exists("/tmp/.X11-unix/X%d" % n):
                    return
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
            self.close()
        wineenv.fail("could not start Xvfb")

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None


class Screen:
    """What a person sees and does: screenshots read with OCR (tesseract),
    keys typed into windows found by their title."""

    def __init__(self, display, shots):
        self.display, self.shots = display, shots
        self.env = dict(os.environ, DISPLAY=display)

    def window(self, title, timeout=300):
        """The X window whose title is exactly `title` (Wine makes one per
        top-level window), or None after `timeout` seconds."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            p = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^%s$" % re.escape(title)],
                               capture_output=True, text=True, env=self.env)
            ids = p.stdout.split()
            if ids:
                return ids[-1]
            time.sleep(0.5)
        return None

    def geometry(self, wid):
        p = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid], capture_output=True, text=True,
                           env=self.env)
        g = dict(line.split("=", 1) for line in p.stdout.split() if "=" in line)
        return int(g.get("X", 0)), int(g.get("Y", 0)), int(g.get("WIDTH", 0)), int(g.get("HEIGHT", 0))

    def read(self, wid, lang, scale=3):
        """The words in the window: [(text, x, y)] (screen centre of each
        word) and the text as lines, read from a screenshot."""
        x0, y0, w, h = self.geometry(wid)
        png = os.path.join(self.shots, "ocr.png")
        subprocess.run(["import", "-display", self.display, "-window", "root", "-crop",
                        "%dx%d+%d+%d" % (w, h, x0, y0), "+repage", "-resize", "%d%%" % (100 * scale),
                        "-colorspace", "Gray", png],
                       capture_output=True, timeout=60)
        p = subprocess.run(["tesseract", png, "-", "-l", lang, "tsv"], capture_output=True, text=True, timeout=120)
        words, lines, key = [], [], None
        for row in p.stdout.splitlines()[1:]:
            f = row.split("\t")
            if len(f) < 12 or not f[11].strip():
                continue
            left, top, width, height = (int(v) for v in f[6:10])
            k = (f[2], f[3], f[4])
            # (text, centre x, centre y, left, right, height, line) in screen pixels
            words.append((f[11], x0 + (left + width / 2) / scale, y0 + (top + height / 2) / scale,
                          x0 + left / scale, x0 + (left + width) / scale, height / scale, k))
            if k != key:
                lines.append("")
                key = k
            lines[-1] = (lines[-1] + " " + f[11]).strip()
        return words, "\n".join(lines)

    def wait_text(self, wid, lang, pattern, timeout=180):
        """Read the window until `pattern` shows; returns (words, text)."""
        deadline = time.time() + timeout
        words, text = [], ""
        while time.time() < deadline:
            words, text = self.read(wid, lang)
            if re.search(pattern, text):
                return words, text
            time.sleep(1.0)
        return words, text

    def windows(self, title):
        """The visible X windows whose title is exactly `title`, oldest first."""
        p = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^%s$" % re.escape(title)],
                           capture_output=True, text=True, env=self.env)
        return p.stdout.split()

    def keys(self, wid, keys):
        """Type `keys` (xdotool's names: "alt+c", "y") into the window `wid`
        as a keyboard does: the window is given the keyboard focus (there is
        no window manager to give it), then the keys go through the X
        server's test extension, modifiers cleared, so Wine sees a real
        Alt held down; a dialog's own mnemonic handling does the rest,
        whichever of its controls has the focus."""
        subprocess.run(["xdotool", "windowfocus", wid], env=self.env, capture_output=True, timeout=30)
        time.sleep(0.3)
        subprocess.run(["xdotool", "key", "--clearmodifiers", keys], env=self.env, capture_output=True, timeout=30)

    def shot(self, name):
        png = os.path.join(self.shots, "ws2fix-gui-%s.png" % name)
        p = subprocess.run(["import", "-display", self.display, "-window", "root", png], capture_output=True,
                           timeout=60)
        check(p.returncode == 0 and os.path.isfile(png), "%s: screenshot failed" % name)
        print("note: screenshot %s" % png)


class Wizard:
    """One run of ws2fix-gui.exe, started as a user starts it and used
    with the keyboard."""

    # The accelerators of the wizard's buttons (src/gui/messages_gui.def, docs/gui.md).
    KEYS = {"eng": {"check": "alt+c", "repair": "alt+r", "restart": "alt+n", "close": "alt+s"},
            "swe": {"check": "alt+k", "repair": "alt+r", "restart": "alt+n", "close": "alt+s"}}
    # The first verdict line, there until "Check Winsock" is pressed.
    START = {"eng": r"to start", "swe": r"att b.rja"}
    # A key typed while Wine is still busy (a loaded machine) can be lost:
    # it is typed again when nothing happened after this many seconds.
    RETRY_AFTER = 20
    TRIES = 4

    def __init__(self, px, screen, gui, lang):
        self.screen, self.lang = screen, lang
        env = dict(px.env, DISPLAY=screen.display)
        env["LC_ALL"] = "sv_SE.UTF-8" if lang == "swe" else "C"
        self.title = "Winsock-reparation - ws2fix" if lang == "swe" else "Winsock repair - ws2fix"
        self.proc = subprocess.Popen([px.wine, gui], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, cwd=px.dir)
        self.wid = screen.window(self.title)
        if check(self.wid is not None, "the wizard's window (%s) did not appear" % self.title):
            # The dialog is up when its first verdict line shows.
            words, text = screen.wait_text(self.wid, lang, self.START[lang])
            check(re.search(self.START[lang], text), "the wizard did not finish starting:\n%s" % text)

    def key(self, button):
        self.screen.keys(self.wid, self.KEYS[self.lang][button])

    def move_focus(self, tabs):
        """Tab through the controls, as a person moving around the window
        does: the access keys must not care where the focus ends up."""
        if tabs:
            self.screen.keys(self.wid, " ".join(["Tab"] * tabs))

    def check_winsock(self, then, name, tabs=0):
        """Press "Check Winsock" (after `tabs` Tabs); wait until `then`
        shows.  Returns the text read."""
        text = ""
        self.move_focus(tabs)
        for _ in range(self.TRIES):
            self.key("check")
            words, text = self.screen.wait_text(self.wid, self.lang, then, timeout=self.RETRY_AFTER)
            if re.search(then, text):
                return text
            if not re.search(self.START[self.lang], text):
                break  # the check started: wait for it below
        words, text = self.screen.wait_text(self.wid, self.lang, then)
        check(re.search(then, text), "%s: %r did not show:\n%s" % (name, then, text))
        return text

    def repair(self, name, tabs=0):
        """Press "Repair" (after `tabs` Tabs); returns the confirmation
        dialog's window."""
        title = "Reparera Winsock?" if self.lang == "swe" else "Repair Winsock?"
        self.move_focus(tabs)
        for _ in range(self.TRIES):
            self.key("repair")
            wid = self.screen.window(title, timeout=self.RETRY_AFTER)
            if wid:
                return wid
        wid = self.screen.window(title, timeout=120)
        check(wid is not None, "%s: Repair did not ask (no dialog %r)" % (name, title))
        return wid

    def restart_offered(self, name):
        """"Restart now" is there: its key asks whether to restart (a second
        window with the wizard's title), which is answered No."""
        asked = None
        for _ in range(self.TRIES):
            self.key("restart")
            deadline = time.time() + self.RETRY_AFTER
            while time.time() < deadline and not asked:
                others = [w for w in self.screen.windows(self.title) if w != self.wid]
                asked = others[-1] if others else None
                time.sleep(0.5)
            if asked:
                break
        if not check(asked is not None, "%s: Restart now did not ask" % name):
            return
        words, text = self.screen.wait_text(asked, self.lang, r"Restart the computer now", timeout=60)
        check("Restart the computer now" in " ".join(text.split()), "%s: the restart question reads:\n%s" % (name, text))
        self.screen.keys(asked, "n")
        deadline = time.time() + 60
        while time.time() < deadline and asked in self.screen.windows(self.title):
            time.sleep(0.5)
        check(asked not in self.screen.windows(self.title), "%s: the restart question stayed open" % name)

    def close(self, name):
        """Press "Close": the wizard ends."""
        if self.wid:
            for _ in range(self.TRIES):
                self.key("close")
                try:
                    self.proc.wait(self.RETRY_AFTER)
                    return
                except subprocess.TimeoutExpired:
                    pass
            check(False, "%s: Close did not end the wizard" % name)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(20)


def confirm(screen, wid, answer, name):
    """The confirmation dialog: read it, take its picture, answer it with
    the key of its button (OCR does not read the short button labels)."""
    lang = "eng"
    if not wid:
        return
    words, text = screen.wait_text(wid, lang, r"repair Winsock now", timeout=60)
    check("repair Winsock now" in " ".join(text.split()), "%s: the dialog does not ask:\n%s" % (name, text))
    check("backup" in text and "Documents" in text,
          "%s: the dialog does not say where the backup goes:\n%s" % (name, text))
    screen.shot(name)
    screen.keys(wid, {"Yes": "y", "No": "n"}[answer])
    deadline = time.time() + 60
    while time.time() < deadline and wid in screen.windows("Repair Winsock?"):
        time.sleep(0.5)
    check(wid not in screen.windows("Repair Winsock?"), "%s: the dialog stayed open" % name)


def main():
    exe = wineenv.exe_from_argv()
    gui = os.environ.get("WS2FIX_GUI_EXE") or os.path.join(os.path.dirname(exe), "ws2fix-gui.exe")
    if not os.path.isfile(gui):
        wineenv.fail("no ws2fix-gui.exe beside %s" % exe)
    objdump = find_objdump()
    if objdump:
        for p in import_problems(objdump, gui):
            check(False, p)
    else:
        wineenv.skip("no objdump for PE files (set WS2FIX_OBJDUMP)")

    for tool in ("Xvfb", "import", "xdotool", "tesseract"):
        if not shutil.which(tool):
            wineenv.skip("%s is not installed (scripts/deps.sh installs it)" % tool)
    reg = wineenv.shared_file(live.REG_FILE)
    tcpip = wineenv.shared_file(live.TCPIP_FILE)
    shots = os.environ.get("WS2FIX_GUI_SHOTS") or os.path.join(os.path.dirname(os.path.dirname(gui)),
                                                               "gui-screenshots")
    os.makedirs(shots, exist_ok=True)

    px = wineenv.Prefix(exe)
    # Wine links the user's Documents to $HOME: keep backups in the temp dir.
    home = os.path.join(px.dir, "home")
    os.makedirs(home)
    px.env["HOME"] = home
    xvfb = Xvfb()
    # Every Wine process of the prefix, the first one included, knows the
    # display: Wine's desktop process starts with the first and serves
    # every window after it.
    px.env["DISPLAY"] = xvfb.display
    try:
        with px:
            px.run(["reg", "delete", live.WINSOCK2, "/f"])
            p = px.run(["reg", "import", wineenv.unix_to_wine_path(reg)])
            if check(p.returncode == 0, "reg import failed: %s %s" % (p.stdout, p.stderr)):
                live.add_tcpip_transport(px, tcpip)
                live.add_dll_stand_ins(px, live.parse_json(px.ws2fix("show", "--json").stdout, "show"))
                check(px.ws2fix("diagnose").returncode == 0, "the prefix is not healthy before the damage")
                live.break_catalog(px)
                problems.extend(live.problems)
                check(px.ws2fix("diagnose").returncode == 1, "the broken prefix does not diagnose as broken")
                run_all(px, xvfb, gui, shots)
    finally:
        xvfb.close()
    if problems:
        for m in problems:
            print("FAIL: " + m)
        sys.exit(1)
    print("PASS: ws2fix-gui.exe checks and repairs the live catalog under Wine")


def run_all(px, xvfb, gui, shots):
    screen = Screen(xvfb.display, shots)
    diag = lambda: px.ws2fix("diagnose", "--json")  # noqa: E731

    # Check, in English: the verdict counts what `ws2fix diagnose` counts.
    w = Wizard(px, screen, gui, "eng")
    if w.wid:
        w.check_winsock(r"Winsock is damaged: \d+ problem", "check-en")
        # The findings fill the box below the verdict a moment later.
        words, text = screen.wait_text(w.wid, "eng", r"Winsock is damaged: \d+ problem[\s\S]*Fix:", timeout=60)
        m = re.search(r"Winsock is damaged: (\d+) problem\(s\) found, (\d+) warning", text)
        d = live.parse_json(diag().stdout, "diagnose")
        if check(m is not None, "check-en: no verdict line:\n%s" % text) and d:
            check((int(m.group(1)), int(m.group(2))) == (d["summary"]["errors"], d["summary"]["warnings"]),
                  "check-en: the wizard says %s errors/%s warnings, diagnose %s" % (m.group(1), m.group(2),
                                                                                   d["summary"]))
        check("Errors" in text and "Fix:" in text, "check-en: no findings with fixes shown:\n%s" % text)
        screen.shot("check-en")
        w.close("check-en")

    # The same in Swedish.
    w = Wizard(px, screen, gui, "swe")
    if w.wid:
        w.check_winsock(r"Winsock är skadat: \d+ problem", "check-sv", tabs=2)
        words, text = screen.wait_text(w.wid, "swe", r"Winsock är skadat: \d+ problem[\s\S]*[ÅA]tgärd:", timeout=60)
        check("Åtgärd:" in text or "Atgärd:" in text, "check-sv: the findings show no Swedish fix:\n%s" % text)
        screen.shot("check-sv")
        w.close("check-sv")

    # Repair: the confirmation dialog, answered Yes.
    w = Wizard(px, screen, gui, "eng")
    if w.wid:
        w.check_winsock(r"Winsock is damaged", "repair-en", tabs=1)
        confirm(screen, w.repair("repair-en", tabs=3), "Yes", "confirm-yes-en")
        words, text = screen.wait_text(w.wid, "eng", r"The repair is done")
        check("The repair is done" in text, "repair-en: no 'The repair is done':\n%s" % text)
        screen.shot("repair-en")
        w.restart_offered("repair-en")
        w.close("repair-en")
    # What the wizard did, read back as a person would: the catalog is
    # healthy for the command line, and the backup is in Documents.
    d = diag()
    check(d.returncode == 0, "after the wizard's repair `ws2fix diagnose` exited %d:\n%s"
          % (d.returncode, d.stdout[-2000:]))
    backups = glob.glob(os.path.join(px.env["HOME"], "**", "ws2fix-backup-*.reg"), recursive=True)
    if check(len(backups) == 1, "expected one backup, found %s" % backups):
        # Wine's Documents folder is $HOME: the file must be the one the
        # wizard named under C:\users\<user>\Documents.
        users = os.path.join(px.env["WINEPREFIX"], "drive_c", "users")
        named = [os.path.join(users, u, "Documents", os.path.basename(backups[0])) for u in os.listdir(users)]
        check(any(os.path.isfile(n) and os.path.samefile(n, backups[0]) for n in named),
              "the backup is not in Documents: %s" % backups[0])
        with open(backups[0], "rb") as f:
            check(f.read(2) == b"\xff\xfe", "the backup is not UTF-16LE with a BOM")


if __name__ == "__main__":
    main()
