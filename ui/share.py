"""The share panel: the link of the current view, a copy button, and its QR code.

The link is the page's address with the query parameters of the view (language, the page's
settings, ``hide``, ``present``, a player's ``step``): opened elsewhere it shows the same view.
The QR code (segno) is drawn as a PNG big enough to scan from the back of a lecture hall, and
offered as PNG and SVG files.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from functools import lru_cache, partial
from urllib.parse import urlencode

import segno
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.i18n import t
from ui.url_state import page_id

QR_SCALE, QR_BORDER = 8, 2  # pixels per module, modules of quiet zone

_COPY_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const button = parentElement.querySelector("button");
  const payload = data;
  button.textContent = payload.label;
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(payload.text);
    } catch (error) {  // no clipboard API (plain http): the old way
      const area = document.createElement("textarea");
      area.value = payload.text;
      parentElement.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    button.textContent = payload.done;
    setTimeout(() => { button.textContent = payload.label; }, 1500);
  };
}
"""
_COPY_CSS = """
button {
  font: inherit; cursor: pointer; padding: 0.25rem 0.75rem; border-radius: 0.5rem;
  border: 1px solid rgba(49, 51, 63, 0.2); background: transparent; color: inherit;
}
button:hover { border-color: #ff4b4b; color: #ff4b4b; }
"""
_copy_component = st.components.v2.component(
    "backprop_lab_copy_link", html='<button type="button"></button>', css=_COPY_CSS,
    js=_COPY_JS)


def page_path() -> str:
    """The current page's address path (``/chain_rule``; ``/`` for the home page)."""
    ctx = get_script_run_ctx()
    pages = ctx.pages_manager.get_pages() if ctx is not None else {}
    return "/" + str(pages.get(page_id(), {}).get("url_pathname", "") or "")


def view_link(params: Mapping[str, str] | None = None) -> str:
    """The address of the current page with ``params`` (default: the current query
    parameters) — absolute when the browser told its URL, else relative."""
    query = urlencode(dict(st.query_params.to_dict() if params is None else params))
    base = st.context.url or page_path()
    return f"{base}?{query}" if query else base


@lru_cache(maxsize=512)
def qr_code(link: str) -> segno.QRCode | None:
    """The QR code of ``link`` (kept: every run draws it), or None for a link too long for
    one (over about 2,900 characters)."""
    try:
        return segno.make(link, error="l")  # segno raises the level when the link leaves room
    except segno.DataOverflowError:
        return None


@lru_cache(maxsize=512)
def qr_png(link: str) -> bytes | None:
    """The QR code of ``link`` as a PNG (black on white), None when it has none."""
    code = qr_code(link)
    if code is None:
        return None
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return buffer.getvalue()


def qr_svg(link: str) -> bytes:
    """The QR code of ``link`` as an SVG file (empty when it has none)."""
    code = qr_code(link)
    if code is None:
        return b""
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=QR_SCALE, border=QR_BORDER, xmldecl=True, title=link)
    return buffer.getvalue()


def copy_button(text: str, key: str) -> None:
    """A button that copies ``text`` to the clipboard."""
    _copy_component(data={"text": text, "label": t("classroom.copy"),
                          "done": t("classroom.copied")}, key=key)


def link_block(link: str, key: str, *, qr_width: int = 260) -> None:
    """The link (as code, to select), a copy button, the QR code and its downloads; element
    keys start with ``key``."""
    text_col, qr_col = st.columns([3, 2])
    with text_col:
        st.code(link, language=None, wrap_lines=True)
        copy_button(link, f"{key}_copy")
        png = qr_png(link)
        if png is None:
            st.caption(t("classroom.qr_too_long", length=len(link)))
            return
        st.download_button(t("classroom.qr_png"), png, file_name="backprop-lab-qr.png",
                           mime="image/png", key=f"{key}_qr_png", icon=":material/qr_code:",
                           on_click="ignore")
        st.download_button(t("classroom.qr_svg"), partial(qr_svg, link),
                           file_name="backprop-lab-qr.svg", mime="image/svg+xml",
                           key=f"{key}_qr_svg", icon=":material/qr_code_2:", on_click="ignore")
    with qr_col:
        st.image(png, width=qr_width, caption=t("classroom.qr_caption"))


def open_panel(label: str, key: str, icon: str) -> DeltaGenerator | None:
    """An expander whose content is built only while it is open: the expander, when open,
    else None (opening it reruns the page). Closed panels then cost nothing on every rerun
    of every page (their widgets, links and QR codes are not made)."""
    panel = st.expander(label, icon=icon, key=f"{key}_open", on_change="rerun")
    return panel if panel.open else None


def share_panel(key: str = "share") -> None:
    """The "Share this view" expander."""
    if (panel := open_panel(t("classroom.share_title"), key, ":material/share:")) is None:
        return
    with panel:
        st.markdown(t("classroom.share_intro"))
        link_block(view_link(), key)
