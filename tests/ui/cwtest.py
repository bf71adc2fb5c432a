"""Drives the real Causeway application through its accessibility tree (AT-SPI), as a
person would: find a control by its role and accessible name, click it, type into it,
read what it shows. Every wait is bounded."""

import os
import subprocess
import time

import pyatspi

DEFAULT_TIMEOUT = 20.0


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


def _walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        children = list(node)
    except Exception:
        return
    for child in children:
        yield from _walk(child, depth + 1)


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

    def find_all(self, role=None, name=None, showing=True):
        return [n for n in _walk(self.root)
                if _matches(n, role, name) and (not showing or _showing(n))]

    def find(self, role=None, name=None, timeout=DEFAULT_TIMEOUT, showing=True):
        deadline = time.monotonic() + timeout
        while True:
            found = self.find_all(role, name, showing)
            if found:
                return found[0]
            if time.monotonic() > deadline:
                raise UiTestError(f"no {role or 'widget'} named {name!r} is showing")
            time.sleep(0.2)

    def wait_for(self, probe, what, timeout=DEFAULT_TIMEOUT):
        """Polls @probe until it returns something true, and returns that."""
        deadline = time.monotonic() + timeout
        while True:
            result = probe()
            if result:
                return result
            if time.monotonic() > deadline:
                raise UiTestError(f"timed out waiting for {what}")
            time.sleep(0.2)

    def wait_gone(self, role=None, name=None, timeout=DEFAULT_TIMEOUT):
        deadline = time.monotonic() + timeout
        while self.find_all(role, name):
            if time.monotonic() > deadline:
                raise UiTestError(f"the {role or 'widget'} named {name!r} is still showing")
            time.sleep(0.2)

    def click(self, role, name, timeout=DEFAULT_TIMEOUT):
        """Clicks through the widget's accessible action, or with the mouse where it has
        none (GTK 4.8 gives list rows no action)."""
        node = self.find(role, name, timeout)
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
