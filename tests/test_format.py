"""How numbers and units read on screen."""


def test_numbers_and_units_read_naturally_in_both_languages():
    from types import SimpleNamespace

    from ui.format import number

    ja, en = SimpleNamespace(lang="ja"), SimpleNamespace(lang="en")
    assert [number(ja, v, u) for v, u in ((8, "回"), (1.5, "日"), (1200.25, "円"))] == ["8回", "1.5日", "1,200.2円"]
    assert [number(en, v, u) for v, u in ((8, "回"), (1, "日"), (1.5, "日"), (80, "時間"), (1.5, "%"), (3, ""))] == \
        ["8", "1 day", "1.5 days", "80 h", "1.5%", "3"]  # a count reads bare: "Re-entry count: 8", not "8 times"
    assert number(en, None, "日") == "—"
