"""The address a phone opens to join a room, and its QR code.

On Community Cloud the page's own address is the one to hand out. A laptop serving the room on the local
network is usually opened by the facilitator as localhost, which a phone cannot reach: the laptop's LAN
address takes its place (the facilitator can still correct it on the page)."""

from __future__ import annotations

import io
import socket
from urllib.parse import urlsplit, urlunsplit

import segno

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})
JOIN_PATH = "join"
CLOUD_FRAME = "/~/+"  # Community Cloud serves the app inside a frame under this path


def lan_address() -> str | None:
    """This machine's address on its local network, or None when it has none. A UDP socket sends nothing
    on connect: the system only picks the interface it would route through."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def join_base(page_url: str | None, lan: str | None) -> str:
    """The app's address as a phone should open it, from the facilitator's page address: the page's own
    name removed, and a loopback host replaced by `lan` (the port kept)."""
    if not page_url:
        return ""
    parts = urlsplit(page_url)
    host = parts.hostname or ""
    netloc = parts.netloc
    if host in LOOPBACK_HOSTS and lan:
        netloc = lan if parts.port is None else f"{lan}:{parts.port}"
    path = parts.path.replace(CLOUD_FRAME, "", 1)
    return urlunsplit((parts.scheme, netloc, path[: path.rfind("/")], "", ""))


def join_url(base: str, code: str) -> str:
    """Kept short (`/join?c=CODE`) so the QR code stays at a low version with large modules."""
    return f"{base.rstrip('/')}/{JOIN_PATH}?c={code}"


def is_web_address(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def qr_svg(url: str) -> str:
    """The QR code as SVG, dark on white with the standard quiet zone; medium error correction keeps the
    version (and so the number of modules) low for a link of this length."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="svg", scale=10, border=4, dark="#111820",
                                                  light="#ffffff", xmldecl=False)
    return out.getvalue().decode()


def qr_version(url: str) -> int:
    return segno.make(url, error="m", micro=False).version
