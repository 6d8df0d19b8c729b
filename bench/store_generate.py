"""Generate a large store for the speed benchmarks: 20,000 forms of 20 indicators by default.

    python bench/store_generate.py /tmp/bench.db [--forms 20000] [--indicators 20]

The schema is created by the store itself and every form is written by the store's own insert
(core.store.writing: forms row, packed body, history entry, checksums, search and indicator
index), all in one transaction without syncing, so that the file is what the program writes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from core.model import Form
from core.resources import catalog_file
from core.store import Store
from core.store.schema import connect
from core.store.writing import insert

DISTRICTS = ["松江", "徐汇", "黄浦", "静安", "长宁", "普陀", "虹口", "杨浦", "闵行", "宝山",
             "嘉定", "浦东新", "金山", "青浦", "奉贤", "崇明"]  # fmt: skip
BUREAUS = ["人民政府信访办公室", "教育局", "卫生健康委员会", "民政局", "财政局", "建设和管理委员会",
           "生态环境局", "农业农村委员会", "文化和旅游局", "体育局", "司法局", "应急管理局",
           "市场监督管理局", "交通委员会", "水务局", "绿化和市容管理局", "人力资源和社会保障局",
           "科学技术委员会", "退役军人事务局", "档案局", "统计局", "医疗保障局", "规划和自然资源局",
           "商务委员会", "住房保障和房屋管理局"]  # fmt: skip
TOPICS = ["维稳工作", "宣传与推广", "课题与规划", "网络信息系统运行与维护", "道路养护", "河道整治",
          "校舍修缮", "社区卫生服务", "养老服务补贴", "公共文化活动", "全民健身设施", "法律援助",
          "应急物资储备", "食品安全抽检", "公交运营补贴", "防汛设施维护", "绿地养护", "就业培训",
          "科普活动", "档案数字化", "统计调查", "医保基金监管", "土地储备", "消费促进活动",
          "老旧小区改造"]  # fmt: skip
QUALITATIVE = ["提高", "下降", "良好", "有效", "及时", "减少", "改善"]


def _catalog() -> list[dict]:
    return json.loads(catalog_file().read_text(encoding="utf-8"))["indicators"]


def _indicators(rng: random.Random, catalog: list[dict], count: int) -> list[dict]:
    weight = 90 / count
    rows = []
    for position in range(count):
        entry = rng.choice(catalog)
        target = entry.get("target") or rng.choice(QUALITATIVE)
        quantitative = any(ch.isdigit() for ch in target)
        rows.append(
            {
                "level1": entry["level1"],
                "level2": entry["level2"],
                "name": f"{entry['name']}{position % 3 or ''}",
                "target": target,
                "actual": str(rng.choice([90, 95, 98, 100])) if quantitative else target,
                "weight": f"{weight:.2f}",
                "score": f"{weight:.2f}",
                "deviation": "" if rng.random() < 0.8 else "受疫情影响，部分工作延后完成。",
            }
        )
    return sorted(rows, key=lambda r: ["产出指标", "效益指标", "满意度指标"].index(r["level1"]))


def _form(rng: random.Random, catalog: list[dict], number: int, indicators: int) -> Form:
    district, bureau = rng.choice(DISTRICTS), rng.choice(BUREAUS)
    unit = f"上海市{district}区{bureau}"
    annual = rng.randrange(50_000, 5_000_000)
    executed = int(annual * rng.uniform(0.8, 1.0))
    row = {"initial": str(annual), "annual": str(annual), "executed": str(executed)}
    zero = {"initial": "0", "annual": "0", "executed": "0"}
    return Form.model_validate(
        {
            "year": 2015 + number % 10,
            "project": f"{rng.choice(TOPICS)}（{number % 97 + 1}期）",
            "department": unit,
            "implementer": unit,
            "funds": {"total": row, "fiscal": dict(row), "carryover": zero, "other": dict(zero)},
            "budget_weight": "10",
            "budget_score": None,
            "goals": {"expected": "按计划完成年度工作任务。" * 5, "actual": "已完成。" * 10},
            "indicators": _indicators(rng, catalog, indicators),
        }
    )


def generate(path: Path, forms: int, indicators: int, seed: int = 2022) -> None:
    """Create ``path`` as a store holding ``forms`` generated forms."""
    path.unlink(missing_ok=True)
    Store.open(path).close()  # the schema, exactly as the program creates it
    rng = random.Random(seed)
    catalog = _catalog()
    conn = connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    for number in range(1, forms + 1):
        form = _form(rng, catalog, number, indicators)
        status = "final" if rng.random() < 0.6 else "draft"
        insert(conn, "bench", form, status)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--forms", type=int, default=20_000)
    parser.add_argument("--indicators", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    generate(args.path, args.forms, args.indicators)
    size = args.path.stat().st_size / 1024 / 1024
    print(f"{args.forms} forms × {args.indicators} indicators → {args.path} ({size:.1f} MB) "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
