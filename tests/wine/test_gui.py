#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
r"""ws2fix-gui.exe, the repair wizard, under Xvfb + Wine (docs/gui.md).

1. Without Wine: the exe is a GUI program that imports nothing missing
   from Windows XP SP3 (the rules and tables of test_imports.py), with
   its manifest (asInvoker, comctl32 v6) embedded.
2. A fresh prefix gets the real catalog and is broken exactly as in
   test_live_repair.py (the LSP's hidden entry deleted in both views).
3. WS2FIX_GUI_AUTOTEST=check, in English and in Swedish (LC_ALL): the
   wizard presses "Check Winsock" itself, writes its window texts to a
   file and stays up for the screenshot.  The verdict names the damage,
   the findings list CHAIN_BROKEN, Repair is enabled, and every text is
   in the asked-for language.
4. WS2FIX_GUI_AUTOTEST=repair: check, plan, (auto-confirmed) repair.  The
   verdict says done, the backup is in the user's Documents and is a
   UTF-16LE .reg, and `ws2fix.exe diagnose` (a separate program reading
   the live registry) says healthy: exit 0.

Screenshots (`import -window root`) go to <build>/gui-screenshots/.
Exit 77 (skip) without Xvfb, ImageMagick's import, wine or the shared data.
argv[1] is ws2fix.exe; ws2fix-gui.exe is beside it (or $WS2FIX_GUI_EXE).
"""
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


def run_gui(px, xvfb, gui, mode, name, shots, lang_env=None):
    """One autotest run; returns the dumped texts as {section: text}."""
    out = os.path.join(px.dir, "gui-%s.txt" % name)
    env = {
        "DISPLAY": xvfb.display,
        "WS2FIX_GUI_AUTOTEST": mode,
        "WS2FIX_GUI_AUTOTEST_OUT": wineenv.unix_to_wine_path(out),
        "WS2FIX_GUI_AUTOTEST_HOLD_MS": "4000",
    }
    env.update(lang_env or {})
    full = dict(px.env)
    full.update(env)
    # A virtual desktop: Wine draws the frame and caption itself, as
    # Windows would (Xvfb has no window manager to do it).
    proc = subprocess.Popen([px.wine, "explorer", "/desktop=ws2fix,800x600", gui], env=full,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=px.dir)
    deadline = time.time() + 240
    while not os.path.exists(out) and time.time() < deadline and proc.poll() is None:
        time.sleep(0.25)
    if not check(os.path.exists(out), "%s: the wizard wrote no %s (exit %r)" % (name, out, proc.poll())):
        proc.kill()
        return {}
    time.sleep(1.0)  # let the last repaint reach the screen
    png = os.path.join(shots, "ws2fix-gui-%s.png" % name)
    shot = subprocess.run(["import", "-display", xvfb.display, "-window", "root", png],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    check(shot.returncode == 0 and os.path.isfile(png),
          "%s: screenshot failed: %s" % (name, shot.stderr.decode(errors="replace")))
    print("note: screenshot %s" % png)
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
        check(False, "%s: the wizard did not exit after its autotest" % name)
    with open(out, encoding="utf-8") as f:
        text = f.read()
    sections, cur = {}, None
    for line in text.split("\n"):
        m = re.match(r"^\[(\w+)\]( \(disabled\))?$", line)
        if m:
            cur = m.group(1)
            sections[cur] = ""
            sections[cur + ".enabled"] = not m.group(2)
        elif cur:
            sections[cur] += line + "\n"
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in sections.items()}


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
        print("note: no PE objdump, import check skipped")

    for tool in ("Xvfb", "import"):
        if not shutil.which(tool):
            wineenv.skip("%s is not installed (apt-get install -y xvfb imagemagick)" % tool)
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
    en = run_gui(px, xvfb, gui, "check", "check-en", shots)
    if en:
        check(en.get("lang") == "en", "check-en: language %r" % en.get("lang"))
        check(re.search(r"^Winsock is damaged: \d+ problem\(s\) found", en.get("verdict", "")),
              "check-en: verdict %r" % en.get("verdict"))
        check("CHAIN_BROKEN" in en.get("text", ""), "check-en: the findings lack CHAIN_BROKEN")
        check("Fix:" in en.get("text", ""), "check-en: the findings show no fix")
        check(en.get("repair.enabled") is True, "check-en: Repair is not enabled")
        check(en.get("title") == "Winsock repair - ws2fix", "check-en: title %r" % en.get("title"))
        check(en.get("admin", "").startswith("Running as administrator"), "check-en: admin line %r" % en.get("admin"))

    sv = run_gui(px, xvfb, gui, "check", "check-sv", shots, {"LC_ALL": "sv_SE.UTF-8"})
    if sv:
        check(sv.get("lang") == "sv", "check-sv: language %r" % sv.get("lang"))
        check(re.search(r"^Winsock är skadat: \d+ problem hittades", sv.get("verdict", "")),
              "check-sv: verdict %r" % sv.get("verdict"))
        check(sv.get("check") == "&Kontrollera Winsock", "check-sv: button %r" % sv.get("check"))
        check("Åtgärd:" in sv.get("text", ""), "check-sv: the findings show no Swedish fix")

    rp = run_gui(px, xvfb, gui, "repair", "repair-en", shots)
    if rp:
        check(rp.get("verdict", "").startswith("The repair is done"), "repair-en: verdict %r\n%s"
              % (rp.get("verdict"), rp.get("text", "")[-2000:]))
        check(rp.get("restart.enabled") is True, "repair-en: no Restart now button")
        m = re.search(r"^Backup written: ([A-Za-z]):\\(.+?)\s*$", rp.get("text", ""), re.M)
        if check(m is not None, "repair-en: no backup path shown:\n%s" % rp.get("text", "")[-2000:]):
            check("\\Documents\\" in m.group(2) or "\\My Documents\\" in m.group(2),
                  "repair-en: the backup is not in Documents: %s" % m.group(2))
            root = os.path.join(px.env["WINEPREFIX"], "drive_%s" % m.group(1).lower())
            path = os.path.join(root, *m.group(2).split("\\"))
            if check(os.path.isfile(path), "repair-en: the backup %s does not exist" % path):
                with open(path, "rb") as f:
                    check(f.read(2) == b"\xff\xfe", "repair-en: the backup is not UTF-16LE with a BOM")
        d = px.ws2fix("diagnose")
        check(d.returncode == 0, "after the GUI repair `ws2fix diagnose` exited %d:\n%s"
              % (d.returncode, d.stdout[-2000:]))


if __name__ == "__main__":
    main()
