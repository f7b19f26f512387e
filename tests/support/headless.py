"""Headless Chromium for tests, over the Chrome DevTools Protocol (CDP). Standard library only.

Written for lmskg's browser tests (decision 0012): Debian's chromium package is all it needs,
no driver binary and no package from PyPI; nothing is downloaded at run time.

    with Browser() as b:
        b.open("file:///.../index.html")             # or http://127.0.0.1:PORT/...
        marks = b.eval("[...document.querySelectorAll('mark')].map(m => m.textContent)")
        b.type("#filter", "doxo")
        b.screenshot("page.png")
        assert b.console_errors() == []

Chromium is started with --remote-debugging-pipe: CDP messages travel over file descriptors 3 and
4 of the child process (NUL-terminated JSON), so there is no debugging port, no DevToolsActivePort
file to poll, no websocket package and no driver binary, and no port another process could
connect to.

Nothing is fetched from the network: every host name except localhost/127.0.0.1 resolves to
NOTFOUND inside Chromium (--host-resolver-rules), because the usual --disable-* flags do not stop
Chromium 156 from calling update.googleapis.com and clients2.google.com. Each Browser gets a fresh
profile directory that also holds Chromium's crash-report folder, dconf cache and temp files
(XDG_CONFIG_HOME, XDG_CACHE_HOME, TMPDIR), and it is deleted on close.
"""
from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

__all__ = ["Browser", "BrowserError", "JavaScriptError", "find_chromium", "INSTALL"]

CANDIDATES = (
    "/usr/lib/chromium/chromium",  # Debian's real binary (/usr/bin/chromium, a wrapper, adds flags)
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
)

FLAGS = (
    "--headless",
    "--no-sandbox",  # needed as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-breakpad",
    "--disable-dev-shm-usage",
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter,"
    "AutofillServerCommunication",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
    "--hide-scrollbars",
    "--mute-audio",
    "--force-color-profile=srgb",
    "--password-store=basic",
)

# Requests whose failure is not an error of the page under test.
DEFAULT_IGNORE = (r"/favicon\.ico$",)


class BrowserError(RuntimeError):
    """Chromium could not be started, or a CDP command failed or timed out."""


class JavaScriptError(BrowserError):
    """A script passed to eval() threw."""


INSTALL = ("install it with: apt-get install -y --no-install-recommends chromium "
           "(Debian and Ubuntu; .ci/run does this), or set CHROMIUM=/path/to/chromium")


def find_chromium() -> str:
    """The Chromium binary: $CHROMIUM, else the first of CANDIDATES that can run."""
    env = os.environ.get("CHROMIUM")
    if env:
        if os.access(env, os.X_OK) and os.path.isfile(env):
            return env
        raise BrowserError(f"CHROMIUM={env} is not an executable file; {INSTALL}")
    for path in CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    raise BrowserError(f"no Chromium found (looked in {', '.join(CANDIDATES)}); {INSTALL}")


class _PipeTransport:
    """CDP over --remote-debugging-pipe: we write to the child's fd 3 and read its fd 4."""

    def __init__(self, cmd: list[str], env: dict, log):
        to_chrome_r, self._w = os.pipe()
        self._r, from_chrome_w = os.pipe()
        # The child's ends are moved to fds >= 10 (so that they cannot be 3 or 4 themselves), then
        # bash (dash cannot redirect fds above 9) puts them on fd 3 and 4 and execs chromium. This
        # is thread-safe, unlike a preexec_fn doing dup2 (tests often run an http.server thread).
        to_chrome_r, from_chrome_w = (_move_fd_up(fd) for fd in (to_chrome_r, from_chrome_w))
        script = (f'exec "$@" 3<&{to_chrome_r} 4>&{from_chrome_w} '
                  f'{to_chrome_r}<&- {from_chrome_w}>&-')
        self.proc = subprocess.Popen(
            ["/bin/bash", "-c", script, "bash", *cmd, "--remote-debugging-pipe"],
            pass_fds=(to_chrome_r, from_chrome_w), stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            env=env, start_new_session=True)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._poll = select.poll()  # not select.select(): that fails for fd numbers >= 1024
        self._poll.register(self._r, select.POLLIN)
        self._buf = b""

    def send(self, msg: str) -> None:
        data = msg.encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._w, data):]
        except BrokenPipeError as e:
            raise BrowserError("Chromium closed the DevTools pipe (it exited)") from e

    def recv(self, timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not self._poll.poll(left * 1000):
                return None
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe (it exited)")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return msg.decode()

    def close(self) -> None:
        for fd in (self._w, self._r):
            try:
                os.close(fd)
            except OSError:
                pass


def _move_fd_up(fd: int, minimum: int = 10) -> int:
    import fcntl
    new = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, minimum)
    os.close(fd)
    return new


class Browser:
    """One headless Chromium with one tab. Use as a context manager.

    open(url) navigates and waits for the load event; eval(js) returns the JSON value of an
    expression (promises are awaited); console_errors() lists console.error/assert calls, uncaught
    exceptions, browser-logged errors and failed requests since the last open(); screenshot(path)
    writes a PNG.
    """

    def __init__(self, *, width: int = 1024, height: int = 768, timeout: float = 30.0,
                 binary: str | None = None, extra_flags=(),
                 ignore_requests=DEFAULT_IGNORE):
        self.binary = binary or find_chromium()
        self.width, self.height, self.timeout = width, height, timeout
        self.extra_flags = list(extra_flags)
        self.ignore = [re.compile(p) for p in ignore_requests]
        self._t = None
        self._root = None
        self._id = 0
        self._session = None
        self._events: list[dict] = []
        self._errors: list[str] = []
        self._failed: list[dict] = []
        self._requests: dict[str, str] = {}
        self.startup_seconds = None

    # ---------------------------------------------------------------- lifecycle
    def __enter__(self) -> "Browser":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        t0 = time.perf_counter()
        self._root = Path(tempfile.mkdtemp(prefix="headless-chromium-"))
        profile = self._root / "profile"
        tmp = self._root / "tmp"
        for d in (profile, tmp, self._root / "config", self._root / "cache"):
            d.mkdir()
        env = dict(os.environ, XDG_CONFIG_HOME=str(self._root / "config"),
                   XDG_CACHE_HOME=str(self._root / "cache"), TMPDIR=str(tmp))
        cmd = [self.binary, *FLAGS, f"--user-data-dir={profile}",
               f"--window-size={self.width},{self.height}", *self.extra_flags, "about:blank"]
        self._log = open(self._root / "chromium.log", "wb")
        try:
            self._t = _PipeTransport(cmd, env, self._log)
            target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
            self._session = self._send("Target.attachToTarget",
                                       {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Network", "Log"):
                self._send(f"{domain}.enable")
            self._send("Emulation.setDeviceMetricsOverride",
                       {"width": self.width, "height": self.height, "deviceScaleFactor": 1,
                        "mobile": False})
        except BaseException as e:
            log = self._read_log()
            self.close()
            if isinstance(e, BrowserError):
                raise BrowserError(f"{e}\n--- chromium log ---\n{log}") from e
            raise
        self.startup_seconds = time.perf_counter() - t0

    def close(self) -> None:
        t, self._t = self._t, None
        if t is not None:
            try:
                self._session = None
                self._send_raw(t, "Browser.close", {}, timeout=5)
            except Exception:
                pass
            try:
                t.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(t.proc.pid, signal.SIGKILL)  # our own process group only
                except ProcessLookupError:
                    pass
                t.proc.wait(timeout=10)
            t.close()
        if getattr(self, "_log", None):
            self._log.close()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    def _read_log(self) -> str:
        try:
            self._log.flush()
            return (self._root / "chromium.log").read_text(errors="replace")[-4000:]
        except Exception:
            return ""

    # ---------------------------------------------------------------- protocol
    def _send(self, method: str, params: dict | None = None, timeout: float | None = None) -> dict:
        if self._t is None:
            raise BrowserError("browser is not running")
        return self._send_raw(self._t, method, params or {}, timeout or self.timeout)

    def _send_raw(self, t, method, params, timeout) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if self._session and not method.startswith(("Target.", "Browser.")):
            msg["sessionId"] = self._session
        t.send(json.dumps(msg))
        deadline = time.monotonic() + timeout
        while True:
            m = self._recv(t, deadline - time.monotonic())
            if m is None:
                raise BrowserError(f"timed out after {timeout}s waiting for {method}")
            if m.get("id") == self._id:
                if "error" in m:
                    error = m["error"]
                    raise BrowserError(f"{method}: {error.get('message')} {error.get('data', '')}")
                return m.get("result", {})

    def _recv(self, t, timeout: float) -> dict | None:
        raw = t.recv(max(timeout, 0))
        if raw is None:
            return None
        m = json.loads(raw)
        if "method" in m:
            self._on_event(m)
        return m

    def _wait_event(self, method: str, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for i, e in enumerate(self._events):
                if e["method"] == method:
                    return self._events.pop(i)
            m = self._recv(self._t, deadline - time.monotonic())
            if m is None:
                raise BrowserError(f"timed out after {timeout}s waiting for {method}")

    def _on_event(self, m: dict) -> None:
        method, p = m["method"], m.get("params", {})
        if method in ("Page.loadEventFired", "Page.frameNavigated"):
            self._events.append(m)
        elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            text = " ".join(_remote_text(a) for a in p.get("args", []))
            self._errors.append(f"console.{p['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            desc = (d.get("exception") or {}).get("description") or d.get("text", "")
            where = f" ({d.get('url', '')}:{d.get('lineNumber', 0) + 1})" if d.get("url") else ""
            first = desc.splitlines()[0] if desc else d.get("text")
            self._errors.append(f"uncaught: {first}{where}")
        elif method == "Log.entryAdded":
            e = p.get("entry", {})
            # network failures are reported by the Network events below, with the URL
            if e.get("level") == "error" and e.get("source") != "network":
                self._errors.append(f"log.{e.get('source')}: {e.get('text')}")
        elif method == "Network.requestWillBeSent":
            self._requests[p["requestId"]] = p["request"]["url"]
        elif method == "Network.responseReceived":
            r = p.get("response", {})
            if r.get("status", 0) >= 400 and not self._ignored(r.get("url", "")):
                self._failed.append({"url": r.get("url"), "status": r.get("status"),
                                     "error": r.get("statusText", "")})
        elif method == "Network.loadingFailed":
            url = self._requests.get(p.get("requestId"), "")
            if not self._ignored(url) and not p.get("canceled"):
                self._failed.append({"url": url, "status": None, "error": p.get("errorText")})
        elif method == "Page.javascriptDialogOpening":
            self._errors.append(f"dialog.{p.get('type')}: {p.get('message')}")
            self._t.send(json.dumps({"id": -1, "sessionId": self._session,
                                     "method": "Page.handleJavaScriptDialog",
                                     "params": {"accept": True}}))

    def _ignored(self, url: str) -> bool:
        return any(p.search(url) for p in self.ignore)

    # ---------------------------------------------------------------- public API
    def open(self, url: str, timeout: float | None = None) -> "Browser":
        """Navigate to url and wait for its load event. Clears the collected errors."""
        timeout = timeout or self.timeout
        self._events.clear()
        self._errors.clear()
        self._failed.clear()
        self._requests.clear()
        r = self._send("Page.navigate", {"url": url}, timeout)
        if r.get("errorText"):
            raise BrowserError(f"cannot open {url}: {r['errorText']}")
        if r.get("loaderId"):  # absent for same-document (#fragment) navigations
            self._wait_event("Page.loadEventFired", timeout)
        return self

    def eval(self, js: str, timeout: float | None = None):
        """Evaluate a JavaScript expression in the page; its value (JSON-able), promises
        awaited."""
        r = self._send("Runtime.evaluate", {"expression": js, "returnByValue": True,
                                            "awaitPromise": True, "userGesture": True},
                       timeout)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise JavaScriptError((d.get("exception") or {}).get("description") or d.get("text"))
        return r.get("result", {}).get("value")

    def wait_for(self, js: str, timeout: float = 5.0, interval: float = 0.05):
        """Poll a JavaScript expression until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            v = self.eval(js)
            if v:
                return v
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {js!r}")
            time.sleep(interval)

    def settle(self, ms: int = 50) -> None:
        """Let pending timers and events run (so late errors are collected)."""
        self.eval(f"new Promise(r => setTimeout(r, {int(ms)}))")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the first element matching selector."""
        box = self.eval(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            if (!e) return null; e.scrollIntoView({{block: 'center'}});
            const r = e.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
        if box is None:
            raise BrowserError(f"no element matches {selector!r}")
        for kind in ("mousePressed", "mouseReleased"):
            self._send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1],
                                                    "button": "left", "clickCount": 1})

    def type(self, selector: str, text: str, clear: bool = True) -> None:
        """Focus the element (by clicking it) and type text as keyboard input (input events
        fire)."""
        self.click(selector)
        if clear:
            self.eval(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
                      "e.select && e.select(); })()")
        self._send("Input.insertText", {"text": text})

    def console_errors(self, settle_ms: int = 50) -> list[str]:
        """Errors since the last open(): console.error/assert, uncaught exceptions, error-level
        browser log entries, and failed requests (HTTP >= 400 or network error)."""
        if settle_ms:
            self.settle(settle_ms)
        failed = [f"request failed: {f['url']} ({f['status'] or f['error']})" for f in self._failed]
        return list(self._errors) + failed

    def failed_requests(self) -> list[dict]:
        return list(self._failed)

    def scripts(self, enabled: bool) -> None:
        """Run the pages' own scripts or not (as a browser with JavaScript off); eval() still
        works."""
        self._send("Emulation.setScriptExecutionDisabled", {"value": not enabled})

    def screenshot(self, path, full_page: bool = False) -> Path:
        """Write a PNG of the viewport (or the whole page) to path."""
        params = {"format": "png"}
        if full_page:
            m = self._send("Page.getLayoutMetrics")
            size = m.get("cssContentSize") or m["contentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"],
                                "height": size["height"], "scale": 1})
        data = self._send("Page.captureScreenshot", params)["data"]
        path = Path(path)
        path.write_bytes(base64.b64decode(data))
        return path

    def version(self) -> str:
        return self._send("Browser.getVersion")["product"]


def _remote_text(arg: dict) -> str:
    if "value" in arg:
        return str(arg["value"])
    return arg.get("description") or arg.get("unserializableValue") or arg.get("type", "")
