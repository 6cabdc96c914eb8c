import re
from pathlib import Path

from core.i18n import catalog, missing_translations, resolve_language, translator

ROOT = Path(__file__).resolve().parent.parent


def test_every_message_exists_in_both_languages():
    assert missing_translations() == []


def test_placeholders_match_between_languages():
    for key, entry in catalog().items():
        ja, en = (set(re.findall(r"\{(\w+)\}", entry[lang])) for lang in ("ja", "en"))
        assert ja == en, key


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no message keys found: the pattern is wrong"
    assert sorted(used - set(catalog())) == []


def test_language_choice_order():
    assert resolve_language("en", "ja-JP") == "en"
    assert resolve_language(None, "en-US") == "en"
    assert resolve_language(None, "ja-JP") == "ja"
    assert resolve_language("fr", "de-DE") == "ja"
    assert resolve_language(None, None) == "ja"


def test_translator_formats_and_shows_unknown_keys():
    assert translator("en")("assessment.progress", done=3, total=33).startswith("3 of 33")
    assert translator("ja")("no.such_key") == "no.such_key"
