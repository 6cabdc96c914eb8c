"""Writes a realistic work-hour log: title rows, then one row per task, 8 columns."""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

HEADER = ["日付", "担当者", "部署", "業務", "工数（時間）", "リードタイム（日）", "ミス件数", "再入力回数"]
PEOPLE = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村"]
TASKS = ["見積作成", "受注入力", "請求書発行", "月次締め", "在庫確認"]


def write_worklog(path: Path, rows: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("作業ログ")
    ws.append(["作業時間ログ（2025年度）"])
    ws.append(["株式会社サンプル　業務改善プロジェクト"])
    ws.append([])
    ws.append(HEADER)
    start = date(2025, 4, 1)
    for i in range(rows):
        ws.append([start + timedelta(days=i * 540 // rows), rng.choice(PEOPLE), "管理部", rng.choice(TASKS),
                   round(rng.uniform(0.25, 6), 2), rng.randint(1, 10), rng.randint(0, 2), rng.randint(0, 3)])
    wb.save(path)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "worklog_100k.xlsx")
    write_worklog(out, int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
    print(out, out.stat().st_size)
