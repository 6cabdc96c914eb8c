"""Bad and hostile files: a clear message, the parent alive, the workspace unchanged."""

import pytest

from core.i18n import catalog
from core.importing.findings import ImportRejected
from core.importing.check import Limits, check_upload
from core.importing.pipeline import read_grid
from core.store import Store, connect
from tests.pinned import pinned_clock
from tests import excel_files as files
from tests.importing.helpers import load


HOSTILE = {
    "extension lies (CSV text named .xlsx)": ("kpi.xlsx", "年月,値\n2025/04,1\n".encode(), "import.not_excel"),
    "Excel named .csv": ("kpi.csv", files.tiny_workbook(), "import.csv_is_zip"),
    "encrypted workbook": ("secret.xlsx", files.OLE2_HEADER, "import.ole2"),
    "old .xls": ("old.xls", files.OLE2_HEADER, "import.ole2"),
    "empty file": ("empty.xlsx", b"", "import.empty_file"),
    "truncated zip": ("cut.xlsx", files.tiny_workbook()[:300], "import.broken_zip"),
    "XML entity expansion": ("laughs.xlsx", files.billion_laughs(), "import.bad_xml"),
    "zip bomb": ("bomb.xlsx", files.zip_bomb(120 * 1024 * 1024), "import.zip_bomb"),
}


@pytest.mark.parametrize("label", list(HOSTILE))
def test_hostile_files_are_refused_with_a_message(label):
    name, data, key = HOSTILE[label]
    store = Store(connect(None), pinned_clock)
    store.commit_observations([], file_name="before", source_hash="h", sheet=None)
    with pytest.raises(ImportRejected) as refused:
        checked = check_upload(name, data)
        read_grid(checked, checked.proposed_sheet)
    assert refused.value.key == key
    assert key in catalog()  # the user reads a sentence, not a key
    assert store.kpi_observations() == []


def test_file_over_the_size_limit():
    with pytest.raises(ImportRejected) as refused:
        check_upload("big.xlsx", b"PK\x03\x04" + b"0" * 2048, Limits(max_bytes=1024))
    assert refused.value.key == "import.too_big" and refused.value.params["limit_mb"] == 0


def test_zip_bomb_with_lying_sizes_is_caught_while_streaming():
    bomb = bytearray(files.zip_bomb(40 * 1024 * 1024))
    # claim a tiny uncompressed size for every member in the central directory
    import struct
    start = bomb.rfind(b"PK\x05\x06")
    offset = struct.unpack_from("<I", bomb, start + 16)[0]
    while bomb[offset:offset + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", bomb, offset + 28)
        struct.pack_into("<I", bomb, offset + 24, 100)
        offset += 46 + name_len + extra_len + comment_len
    with pytest.raises(ImportRejected) as refused:
        checked = check_upload("liar.xlsx", bytes(bomb))
        read_grid(checked, checked.proposed_sheet)
    assert refused.value.key in ("import.broken_zip", "import.zip_bomb")


def test_empty_workbook_and_sheet_without_table():
    with pytest.raises(ImportRejected) as refused:
        load("empty.xlsx", files.empty_workbook())
    assert refused.value.key == "import.no_table"
