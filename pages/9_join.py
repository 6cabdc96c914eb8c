"""A phone joins a live room by its code and votes; no workspace is opened here."""

from ui.join import join_page

join_page()
