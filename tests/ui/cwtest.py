# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real Causeway application through its accessibility tree (AT-SPI), as a
person would: find a control by its role and accessible name, click it, type into it,
read what it shows. Every wait is bounded."""

import os
import subprocess
import time

import pyatspi
from gi.repository import GLib

DEFAULT_TIMEOUT = 20.0

# The AppStream screenshots (data/screenshots/, listed in the metainfo) are taken by the
# UI tests themselves when tools/screenshots names their folder here: the pages the
# tests reach anyway, at one fixed window size, so that each new take looks the same.
APPSTREAM_SHOTS = os.environ.get("CAUSEWAY_APPSTREAM_SHOTS")
APPSTREAM_SIZE = (1200, 800)


class UiTestError(AssertionError):
    pass


def _matches(node, role, name):
    try:
        if role is not None and node.getRoleName() != role:
            return False
        if name is None:
            return True
        # GTK 4.8 appends the text of a button's content to its accessible name.
        return node.name == name or node.name.startswith(name + " ")
    except Exception:
        return False


def _walk(node, depth=0, max_depth=60, prune=None):
    """@node and its descendants, depth first, @max_depth levels down at most; the
    descendants of a node for which @prune returns true are left out. Each node costs a
    round trip to the application or two: a walk of a thousand nodes takes seconds."""
    if node is None or depth > max_depth:
        return
    yield node
    try:
        if depth > 0 and prune is not None and prune(node):
            return
        # Not list(node): pyatspi asks for the count again before each child.
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return
    for child in children:
        yield from _walk(child, depth + 1, max_depth, prune)


# Application, window, its content, leaflet, content box, toast overlay, toast: the
# depth of a toast, with some room.
TOAST_DEPTH = 8


def _is_page(node):
    """A page of a GtkStack: where a window's big subtrees are."""
    return node.name == "GtkStackPage"


def _showing(node):
    """GTK 4.8 sets no SHOWING state; a widget on screen is one with an allocation."""
    try:
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return extents.width > 0 and extents.height > 0
    except Exception:
        return False


class App:
    """One run of the application binary, with its own environment."""

    def __init__(self, binary, env, log_path, args=()):
        self.log_path = log_path
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen([binary, *args], env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.root = self._wait_for_application()

    def _wait_for_application(self):
        deadline = time.monotonic() + DEFAULT_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.flush()
                with open(self.log_path, errors="replace") as f:
                    tail = "".join(f.readlines()[-10:])
                raise UiTestError(f"the application exited with {self.process.returncode}:\n{tail}")
            desktop = pyatspi.Registry.getDesktop(0)
            for app in desktop:
                try:
                    if app is not None and app.get_process_id() == self.process.pid:
                        for window in app:
                            if window is not None and window.getRoleName() == "frame":
                                return app
                except Exception:
                    continue
            time.sleep(0.2)
        raise UiTestError("the application window did not appear on the accessibility bus")

    def _matching(self, role, name, showing, within, prune):
        return (n for n in _walk(within or self.root, prune=prune)
                if _matches(n, role, name) and (not showing or _showing(n)))

    def find_all(self, role=None, name=None, showing=True, within=None, prune=None):
        """The matching nodes of the whole application, or of the subtree @within only
        (much quicker in a big tree), leaving out the descendants of the nodes @prune
        returns true for."""
        return list(self._matching(role, name, showing, within, prune))

    def find(self, role=None, name=None, timeout=DEFAULT_TIMEOUT, showing=True, within=None, prune=None):
        """The first matching node, in the order of find_all(); the walk stops there."""
        deadline = time.monotonic() + timeout
        while True:
            found = next(self._matching(role, name, showing, within, prune), None)
            if found is not None:
                return found
            if time.monotonic() > deadline:
                raise UiTestError(f"no {role or 'widget'} named {name!r} is showing")
            time.sleep(0.2)

    def _probe_once(self, probe):
        """What @probe finds, or None when a node it looked at went away meanwhile (a
        row replaced by a refresh, a dialog closing): the next poll looks again. If the
        application itself went away, that is the error."""
        try:
            return probe()
        except GLib.GError as error:
            if "no longer exists" not in str(error) or self.process.poll() is not None:
                raise
            return None

    def wait_for(self, probe, what, timeout=DEFAULT_TIMEOUT, interval=0.2, seen=None):
        """Polls @probe every @interval seconds until it returns something true, and
        returns that. On time out, the error says what @seen returns, if given."""
        deadline = time.monotonic() + timeout
        while True:
            result = self._probe_once(probe)
            if result:
                return result
            if time.monotonic() > deadline:
                raise UiTestError(f"timed out after {timeout} s waiting for {what}"
                                  + (f"; it shows {seen()!r}" if seen else ""))
            time.sleep(interval)

    def wait_gone(self, role=None, name=None, timeout=DEFAULT_TIMEOUT):
        deadline = time.monotonic() + timeout
        while self.find_all(role, name):
            if time.monotonic() > deadline:
                raise UiTestError(f"the {role or 'widget'} named {name!r} is still showing")
            time.sleep(0.2)

    def toasts(self):
        """The texts of the toasts shown. A toast goes after five seconds, sooner than a
        walk of a big tree may take: only the window's outer levels are walked, where
        the toast overlay is, not its pages (AdwToastOverlay's toast is the sibling of
        its child, the window's stack)."""
        texts = []
        for toast in _walk(self.root, max_depth=TOAST_DEPTH, prune=_is_page):
            if not _matches(toast, "filler", "AdwToastWidget"):
                continue
            for node in _walk(toast):
                try:
                    if node.getRoleName() == "label" and _showing(node):
                        texts.append(node.name)
                except Exception:
                    continue  # gone while it was looked at
        return texts

    def wait_toast(self, text, timeout=DEFAULT_TIMEOUT):
        """Waits for a toast that starts with @text; returns its whole text."""
        def probe():
            return [t for t in self.toasts() if t == text or t.startswith(text)]
        return self.wait_for(probe, f"a toast saying {text!r}", timeout)[0]

    def click(self, role, name, timeout=DEFAULT_TIMEOUT, within=None):
        """Clicks through the widget's accessible action, or with the mouse where it has
        none (GTK 4.8 gives list rows no action), once it is sensitive: as a person waits
        for a greyed-out button (a click on it does nothing), such as one shown as the
        state that enables it is still being recorded."""
        deadline = time.monotonic() + timeout
        node = self.find(role, name, timeout, within=within)
        return self.activate(node, max(deadline - time.monotonic(), 5))

    def activate(self, node, timeout=DEFAULT_TIMEOUT):
        """Clicks @node as click() does, once it is sensitive."""
        self.wait_for(lambda: self.is_sensitive(node), f"the {node.getRoleName()} {node.name!r} to be sensitive",
                      timeout)
        try:
            action = node.queryAction()
            names = [action.getName(i) for i in range(action.nActions)]
        except NotImplementedError:
            names = []
        for i, action_name in enumerate(names):
            if action_name in ("click", "activate", "press"):
                action.doAction(i)
                return node
        self.mouse_click(node)
        return node

    def is_sensitive(self, node):
        return node.getState().contains(pyatspi.STATE_SENSITIVE)

    def mouse_click(self, node):
        extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        pyatspi.Registry.generateMouseEvent(extents.x + extents.width // 2,
                                            extents.y + extents.height // 2, "b1c")

    def type_into(self, name, text, timeout=DEFAULT_TIMEOUT):
        node = self.find("text", name, timeout)
        editable = node.queryEditableText()
        editable.setTextContents(text)
        return node

    def text_of(self, node):
        text = node.queryText()
        return text.getText(0, text.characterCount)

    def press_keys(self, keysym_combo):
        """Presses a combination such as ("Control_L", "q") through XTest."""
        for key in keysym_combo:
            pyatspi.Registry.generateKeyboardEvent(_keycode(key), None, pyatspi.KEY_PRESS)
        for key in reversed(keysym_combo):
            pyatspi.Registry.generateKeyboardEvent(_keycode(key), None, pyatspi.KEY_RELEASE)

    def wait_exit(self, timeout=DEFAULT_TIMEOUT):
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise UiTestError("the application did not quit")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.log.close()


def _keycode(keysym_name):
    out = subprocess.run(["xmodmap", "-pke"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) > 3 and keysym_name in parts[3:]:
            return int(parts[1])
    raise UiTestError(f"no keycode for {keysym_name}")


def screenshot(path):
    time.sleep(0.7)  # let the frame that shows the state just found be painted
    subprocess.run(["import", "-window", "root", path], check=True, timeout=30)


def fix_window_size(env):
    """In the screenshot mode, makes the application's window open at APPSTREAM_SIZE: the
    size it remembers, in a settings keyfile under @env's XDG_CONFIG_HOME (the tests'
    memory backend would give the schema's default)."""
    if not APPSTREAM_SHOTS:
        return
    folder = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write("[io/github/causeway/Causeway]\n"
                f"window-width={APPSTREAM_SIZE[0]}\nwindow-height={APPSTREAM_SIZE[1]}\n"
                "window-maximized=false\n")
    env["GSETTINGS_BACKEND"] = "keyfile"


def appstream_screenshot(app, name):
    """In the screenshot mode, saves the main window alone as @name in the AppStream
    screenshots' folder, stripped of metadata and compressed; else does nothing."""
    if not APPSTREAM_SHOTS:
        return
    window = next(w for w in (app.root.getChildAtIndex(i) for i in range(app.root.childCount))
                  if w is not None and w.getRoleName() == "frame")
    box = window.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    # The window's surface is APPSTREAM_SIZE from its corner; what AT-SPI gives leaves
    # out the frame GTK draws on its right and bottom without a compositor.
    width, height = APPSTREAM_SIZE
    if not (0 <= width - box.width <= 16 and 0 <= height - box.height <= 16):
        raise UiTestError(f"the window is {box.width}x{box.height}, not about {width}x{height}")
    path = os.path.join(APPSTREAM_SHOTS, name)
    time.sleep(0.7)  # as in screenshot()
    subprocess.run(["import", "-window", "root", "-crop", f"{width}x{height}+{box.x}+{box.y}", "+repage",
                    "-strip", "-define", "png:compression-level=9", path], check=True, timeout=30)
