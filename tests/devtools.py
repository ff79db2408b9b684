"""Open a local page in headless Chromium over the DevTools protocol and record every request it made."""

from __future__ import annotations

import contextlib
import itertools
import json
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

TIMEOUT_S = 60.0  # a bound on waiting for the browser, never an assertion on speed


@dataclass
class PageLoad:
    """What the browser did for one page: its DOM once loaded, the requests, failures and errors."""

    dom: str = ""
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)


class Session:
    """One DevTools session attached to a tab; commands wait for their answer, events are kept."""

    def __init__(self, socket: ClientConnection, session_id: str, load: PageLoad) -> None:
        """Remember the socket, the tab's session and where events are recorded."""
        self.socket = socket
        self.session_id = session_id
        self.load = load
        self.ids = itertools.count(1000)
        self.urls: dict[str, str] = {}
        self.loaded = False

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command to the tab and return its result."""
        number = next(self.ids)
        message = {"id": number, "method": method, "params": params, "sessionId": self.session_id}
        self.socket.send(json.dumps(message))
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            reply = json.loads(self.socket.recv(timeout=TIMEOUT_S))
            if reply.get("id") == number:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.record(reply)
        raise TimeoutError(method)

    def record(self, event: dict[str, Any]) -> None:
        """Keep what matters of one event: requests, failed loads, console errors, the load event."""
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            self.urls[params["requestId"]] = params["request"]["url"]
            self.load.requests.append(params["request"]["url"])
        elif method == "Network.loadingFailed":
            url = self.urls.get(params["requestId"], "?")
            self.load.failed.append(f"{url}: {params.get('errorText') or params.get('blockedReason')}")
        elif method == "Network.responseReceived" and params["response"].get("status", 200) >= 400:
            self.load.failed.append(f"{params['response']['url']}: HTTP {params['response']['status']}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.load.errors.append(f"{params['entry'].get('url', '')}: {params['entry']['text']}")
        elif method == "Runtime.exceptionThrown":
            self.load.errors.append(json.dumps(params["exceptionDetails"])[:500])
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            self.load.errors.append(json.dumps(params["args"])[:500])
        elif method == "Page.loadEventFired":
            self.loaded = True

    def drain(self, quiet_s: float) -> None:
        """Record events until the page loaded and then nothing came for quiet_s seconds."""
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                self.record(json.loads(self.socket.recv(timeout=quiet_s)))
            except TimeoutError:
                if self.loaded:
                    return
        raise TimeoutError("the page never finished loading")


def open_page(
    chromium: str, flags: Sequence[str], profile: Path, page: Path, evaluate: Sequence[str] = ()
) -> PageLoad:
    """Load page in a fresh headless Chromium; return its DOM, every request it made and the values of
    the JavaScript expressions in evaluate, computed once the page settled."""
    load = PageLoad()
    with _browser(chromium, flags, profile) as address, connect(address, max_size=None) as socket:
        socket.send(json.dumps({"id": 1, "method": "Target.createTarget", "params": {"url": "about:blank"}}))
        target = _reply(socket, 1)["targetId"]
        socket.send(
            json.dumps(
                {"id": 2, "method": "Target.attachToTarget", "params": {"targetId": target, "flatten": True}}
            )
        )
        session = Session(socket, _reply(socket, 2)["sessionId"], load)
        for domain in ("Network", "Log", "Runtime", "Page"):
            session.send(f"{domain}.enable")
        session.send("Page.navigate", url=page.as_uri())
        session.drain(quiet_s=1.5)
        for expression in ("document.documentElement.outerHTML", *evaluate):
            result = session.send("Runtime.evaluate", expression=expression, returnByValue=True)
            load.values.append(result["result"].get("value"))
        load.dom = load.values.pop(0)
    return load


def _reply(socket: ClientConnection, number: int) -> dict[str, Any]:
    """The result of a browser-level command, skipping events."""
    while True:
        reply = json.loads(socket.recv(timeout=TIMEOUT_S))
        if reply.get("id") == number:
            return reply["result"]


@contextlib.contextmanager
def _browser(chromium: str, flags: Sequence[str], profile: Path) -> Iterator[str]:
    """A headless Chromium with a DevTools port; yields its browser websocket address."""
    profile.mkdir(parents=True, exist_ok=True)
    port_file = profile / "DevToolsActivePort"
    port_file.unlink(missing_ok=True)
    command = [chromium, *flags, "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"]
    with (profile / "chromium.log").open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + TIMEOUT_S
            while not port_file.exists() or len(port_file.read_text().splitlines()) < 2:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"chromium did not start: {(profile / 'chromium.log').read_text()[-2000:]}"
                    )
                time.sleep(0.1)
            port, path = port_file.read_text().splitlines()[:2]
            yield f"ws://127.0.0.1:{port}{path}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
