"""A minimal asyncio HTTP/1.1 client for the simulated students (one request per connection),
so that hundreds of them can open the page at once without a thread each.

Only what a tab needs before its websocket: ``GET /`` (nginx sets the stickiness cookie
there, Streamlit its XSRF cookie), the health and host-config endpoints, and the ``PUT`` of a
file upload. Loopback or the class's own machines only: it is pointed at the server the
student opens.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int
    headers: dict[str, list[str]]
    body: bytes

    def header(self, name: str) -> str:
        values = self.headers.get(name.lower(), [])
        return values[0] if values else ""


@dataclass
class CookieJar:
    """The cookies a tab keeps: whatever ``Set-Cookie`` said last, by name."""

    values: dict[str, str] = field(default_factory=dict)

    def take(self, reply: Reply) -> None:
        for line in reply.headers.get("set-cookie", []):
            cookie = SimpleCookie()
            cookie.load(line)
            self.values.update({name: morsel.value for name, morsel in cookie.items()})

    def header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.values.items())


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, list[str]]) -> bytes:
    if "chunked" in ",".join(headers.get("transfer-encoding", [])).lower():
        body = b""
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                return body
            body += await reader.readexactly(size)
            await reader.readline()
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"][0]))
    return await reader.read()


async def request(
    url: str,
    method: str = "GET",
    *,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    timeout: float = 30.0,
) -> Reply:
    """One HTTP request to ``url`` (``http://host:port/path``); the reply, body read whole."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    lines = [f"{method} {path} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close",
             f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    async with asyncio.timeout(timeout):
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
        try:
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            await writer.drain()
            status = int((await reader.readline()).split()[1])
            received: dict[str, list[str]] = {}
            while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                received.setdefault(name.strip().lower(), []).append(value.strip())
            return Reply(status, received, await _read_body(reader, received))
        finally:
            writer.close()


def multipart(field_name: str, filename: str, content: bytes, mime: str) -> tuple[str, bytes]:
    """``(content type, body)`` of a form with one file, as the browser uploads it."""
    boundary = "----backproplab7d1f0c"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field_name}\"; "
            f"filename=\"{filename}\"\r\nContent-Type: {mime}\r\n\r\n").encode()
    return f"multipart/form-data; boundary={boundary}", head + content + \
        f"\r\n--{boundary}--\r\n".encode()
