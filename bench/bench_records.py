"""Speaker turns of real UN verbatim records against hand-checked ground truth.

Reads every PDF of ../shared/realpdf and ../shared/unrecords that has a truth file in
tests/fixtures/records/truth, splits it with r2p's record layout, and compares turn by turn
(matched on page and person): recall, precision, affiliation -> ISO3, delivered_in, page and
text_start (first 40 characters, spaces and hyphens ignored).  Speed: CPU seconds to split each
record (one process, so one core; CPU time is not inflated by other jobs on the machine)
against the wall time of `pdftotext -layout` on the same file.

    python bench/bench_records.py [--write]    # --write: update BENCHMARKS.md
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
TRUTH = ROOT / "tests" / "fixtures" / "records" / "truth"
SHARED = [ROOT.parent / "shared" / "realpdf", ROOT.parent / "shared" / "unrecords",
          ROOT / "tests" / "fixtures" / "records"]


def _key(text: str | None) -> str:
    return re.sub(r"[\s\-\u00ad]+", "", (text or "")).casefold()[:40]


def plan_file(path: Path):
    from r2p_archive.pages import Document, plan

    doc = Document(str(path), path.read_bytes(), file=path)
    return [s.to_json() for s in plan(doc)]


def compare(truth: dict, got: list[dict]) -> dict:
    want = truth["turns"]
    pool = list(got)
    matched = []
    for t in want:
        hit = next((g for g in pool if g["person"] == t["person"] and g["page"] == t["page"]),
                   None) or next((g for g in pool if _key(g["text_start"]) == _key(
                       t["text_start"])), None)
        if hit is not None:
            pool.remove(hit)
            matched.append((t, hit))
    states = [(t, g) for t, g in matched if t.get("iso3")]
    return {
        "truth": len(want), "found": len(got), "matched": len(matched),
        "states": len(states), "iso3_ok": sum(1 for t, g in states if g["iso3"] == t["iso3"]),
        "delivered_ok": sum(1 for t, g in matched if g["delivered_in"] == t["delivered_in"]),
        "page_ok": sum(1 for t, g in matched if g["page"] == t["page"]),
        "start_ok": sum(1 for t, g in matched
                        if _key(g["text_start"]) == _key(t["text_start"])),
        "symbol_ok": bool(got) and got[0]["record"] == truth["symbol"],
        "missed": [f'p{t["page"]} {t["label"]}' for t in want
                   if all(t is not m[0] for m in matched)],
        "extra": [f'p{g["page"]} {g["person"]}' for g in pool],
        "wrong": [f'p{t["page"]} {t["person"]}: ' + ", ".join(
            f"{k} {g[k]!r}≠{t[k]!r}" for k in ("iso3", "delivered_in", "page")
            if t.get(k) != g.get(k) and not (k == "iso3" and not t.get("iso3")))
            for t, g in matched
            if any(t.get(k) != g.get(k) for k in ("delivered_in", "page"))
            or (t.get("iso3") and t["iso3"] != g["iso3"])],
    }


def main() -> int:
    rows = []
    totals: dict[str, float] = {}
    for truth_file in sorted(TRUTH.glob("*.truth.json")):
        truth = json.loads(truth_file.read_text("utf-8"))
        pdf = next((d / truth["file"] for d in SHARED if (d / truth["file"]).is_file()), None)
        if pdf is None:
            continue
        started = time.process_time()  # CPU time of this process: one core, whatever the load
        got = plan_file(pdf)
        seconds = time.process_time() - started
        ref = None
        if shutil.which("pdftotext"):
            started = time.perf_counter()
            subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           check=True)
            ref = time.perf_counter() - started
        res = compare(truth, got)
        res.update(file=truth["file"], pages=truth["pages"], seconds=seconds, pdftotext=ref)
        rows.append(res)
        for k in ("truth", "found", "matched", "states", "iso3_ok", "delivered_ok", "page_ok",
                  "start_ok", "pages", "seconds"):
            totals[k] = totals.get(k, 0) + res[k]
        for what in ("missed", "extra", "wrong"):
            for item in res[what][:6]:
                print(f"  {truth['file']}: {what}: {item}", file=sys.stderr)
    m = totals["matched"]
    summary = {
        "records": len(rows), "turns": int(totals["truth"]),
        "recall": m / totals["truth"], "precision": m / totals["found"],
        "iso3": totals["iso3_ok"] / max(totals["states"], 1),
        "delivered_in": totals["delivered_ok"] / m, "page": totals["page_ok"] / m,
        "text_start": totals["start_ok"] / m,
        "symbols": sum(1 for r in rows if r["symbol_ok"]),
        "seconds_per_30_pages": 30 * totals["seconds"] / totals["pages"],
    }
    for r in rows:
        ref = f"{r['pdftotext']:.2f}" if r["pdftotext"] is not None else "-"
        print(f"{r['file']:<34} {r['pages']:>3} p  turns {r['truth']:>3}  found {r['found']:>3}"
              f"  matched {r['matched']:>3}  {r['seconds']:.2f} s (pdftotext {ref} s)")
    print(json.dumps(summary, indent=1))
    if "--write" in sys.argv:
        from mdsection import write_section

        lines = [
            "Command: `python bench/bench_records.py --write` (real UN records from "
            "../shared, truth in tests/fixtures/records/truth).",
            "",
            "| figure | result | goal |", "|---|---|---|",
            f"| records / turns in the truth | {summary['records']} / {summary['turns']} | |",
            f"| turn recall | {summary['recall']:.2%} | ≥ 99.5 % |",
            f"| turn precision | {summary['precision']:.2%} | ≥ 99.5 % |",
            f"| affiliation → ISO3 (state turns) | {summary['iso3']:.2%} | ≥ 99 % |",
            f"| delivered_in | {summary['delivered_in']:.2%} | ≥ 98 % |",
            f"| page | {summary['page']:.2%} | ≥ 98 % |",
            f"| text_start (40 chars) | {summary['text_start']:.2%} | ≥ 98 % |",
            f"| symbol right | {summary['symbols']} of {summary['records']} | all |",
            f"| split time per 30 pages (CPU seconds, one core) | "
            f"{summary['seconds_per_30_pages']:.2f} s | ≤ 3 s |",
            "", "| record | pages | turns | found | matched | r2p CPU s | pdftotext s |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in rows:
            ref = f"{r['pdftotext']:.2f}" if r["pdftotext"] is not None else "-"
            lines.append(f"| {r['file']} | {r['pages']} | {r['truth']} | {r['found']} | "
                         f"{r['matched']} | {r['seconds']:.2f} | {ref} |")
        write_section("Verbatim records", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
