"""The join address a phone opens and its QR code."""

import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from core.join_link import is_web_address, join_base, join_url, lan_address, qr_svg, qr_version
from core.voting import ALPHABET, CODE_LENGTH, normalise_code


def test_a_loopback_page_address_becomes_the_laptops_lan_address():
    assert join_base("http://localhost:8501/result?a=3&lang=ja", "192.168.1.20") == "http://192.168.1.20:8501"
    assert join_base("http://127.0.0.1:8501/", "192.168.1.20") == "http://192.168.1.20:8501"
    assert join_base("http://localhost:8501/result", None) == "http://localhost:8501"  # nothing better known


def test_a_public_address_is_kept_and_the_page_name_dropped():
    assert join_base("https://teichaku.streamlit.app/~/+/result?a=1", "10.0.0.5") == "https://teichaku.streamlit.app"
    assert join_base("http://192.168.1.20:8501/result", "10.0.0.5") == "http://192.168.1.20:8501"
    assert join_base("https://example.org/tools/teichaku/result", None) == "https://example.org/tools/teichaku"
    assert join_base(None, "10.0.0.5") == ""


def test_the_join_link_is_short_and_its_qr_code_low_version():
    url = join_url("https://teichaku-workshop.streamlit.app", "K7QX3P")
    assert url == "https://teichaku-workshop.streamlit.app/join?c=K7QX3P"
    assert qr_version(url) <= 4  # 33 modules or fewer: large enough to scan from the back of a room
    drawn = qr_svg(url)
    assert drawn.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in drawn  # usable as an <img>


def test_the_lan_address_is_never_loopback():
    found = lan_address()
    assert found is None or (ipaddress.ip_address(found).version == 4 and not ipaddress.ip_address(found).is_loopback)


def test_only_web_addresses_are_accepted_as_a_correction():
    assert is_web_address("http://192.168.1.20:8501") and is_web_address("https://x.streamlit.app")
    assert not is_web_address("192.168.1.20:8501") and not is_web_address("javascript:alert(1)")


@given(st.text(alphabet=ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH), st.booleans(), st.booleans())
def test_a_code_survives_how_people_type_it(code, lower, wide):
    typed = code.lower() if lower else code
    if wide:
        typed = "".join(chr(ord(c) + 0xFEE0) for c in typed)  # 全角: Ａ, ７
    assert normalise_code(f" {typed[:3]}-{typed[3:]} ") == code
