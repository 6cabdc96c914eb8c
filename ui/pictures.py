"""Charts drawn on the server and shown as pictures, with a second drawing for a narrow column."""

from __future__ import annotations

from base64 import b64encode
from html import escape

import streamlit as st

from core.charts import svg
from core.drawing import DrawingFailed
from ui.bootstrap import Screen


# Which drawing a pair shows, by the width of its own column (the sidebar counts): Streamlit's HTML
# sanitiser drops `srcset`, so CSS chooses between two <img>. Scoped to the pair: a picture elsewhere on
# the page is never hidden by it.
PAIR_STYLE = ("<style>.tk-pair{container-type:inline-size}.tk-pair>.tk-narrow{display:none}"
              "@container (max-width: 520px){.tk-pair>.tk-wide{display:none}.tk-pair>.tk-narrow{display:inline}}"
              "</style>")


def picture(screen: Screen, alt: str, build, *args, phone: dict | None = None, **kwargs) -> None:
    """`build(*args, **kwargs)` drawn on the server and shown as a picture at reading size (never blown
    up, shrunk only to fit); with `phone`, also drawn with those arguments for a narrow column.
    Inline SVG would be stripped, and a Markdown image measured slower on the first paint."""
    try:
        wide = svg(build, *args, **kwargs)
    except DrawingFailed:
        st.caption(screen.t("dashboard.chart_failed"))
        return
    try:
        narrow = svg(build, *args, **kwargs | phone) if phone else None
    except DrawingFailed:
        narrow = None  # the wide drawing alone, shrunk to fit
    if narrow is None:
        st.html(img_tag(alt, wide))
    else:
        # The narrow one loads lazily: a hidden lazy image is never loaded, so a desktop does not pay for it.
        st.html(f'{PAIR_STYLE}<div class="tk-pair">{img_tag(alt, wide, "tk-wide")}'
                f'{img_tag(alt, narrow, "tk-narrow", lazy=True)}</div>')


def img_tag(alt: str, drawn: str, size: str = "", lazy: bool = False) -> str:
    encoded = b64encode(drawn.encode()).decode()
    attributes = (f' class="{size}"' if size else "") + (' loading="lazy"' if lazy else "")
    return (f'<img{attributes} alt="{escape(alt)}" style="max-width:100%;height:auto" '
            f'src="data:image/svg+xml;base64,{encoded}">')
