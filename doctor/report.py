"""Rendering a report (the JSON contract dict) as JSON, a tabulate table, or Markdown."""

from __future__ import annotations

import json
from typing import Any, Mapping

from tabulate import tabulate

from .labels import LABELS


def render_json(report: Mapping[str, Any], lang: str) -> str:
    """The stable JSON contract, UTF-8 text, keys in a fixed order."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _because_text(because: list[Mapping[str, Any]]) -> str:
    parts = []
    for item in because:
        value = json.dumps(item["value"], ensure_ascii=False)
        if "fact" in item:
            parts.append(f"{item['fact']} = {value}")
        elif "derived" in item:
            parts.append(f"{item['derived']} = {value} (← {item['by']})")
        else:
            parts.append(next(iter(item.values())))
    return "; ".join(parts)


def render_table(report: Mapping[str, Any], lang: str) -> str:
    """Plain-text tables (tabulate) for a terminal."""
    words = LABELS[lang]
    out = [words["title"], words["summary"].format(**report["summary"]), ""]
    if report["diagnoses"]:
        rows = [
            [n, d["severity"], d["stage"], d["id"], f"{d['diagnosis']}\n{words['because']}: {_because_text(d['because'])}", d["remedy"]]
            for n, d in enumerate(report["diagnoses"], 1)
        ]
        out.append(words["diagnoses"])
        out.append(tabulate(rows, headers=["#", words["severity"], words["stage"], words["rule"], words["diagnosis"], words["remedy"]],
                            tablefmt="grid", maxcolwidths=[None, None, None, 24, 60, 50]))
    else:
        out.append(words["none"])
    if report["unknown"]:
        out += ["", words["unknown"]]
        out.append(tabulate([[u["id"], ", ".join(u["missing"])] for u in report["unknown"]],
                            headers=[words["rule"], words["missing"]], tablefmt="simple", maxcolwidths=[None, 70]))
    if report["not_applicable"]:
        out += ["", f"{words['not_applicable']}: " + ", ".join(n["id"] for n in report["not_applicable"])]
    if report["passed"]:
        out += ["", f"{words['passed']}: " + ", ".join(report["passed"])]
    return "\n".join(out) + "\n"


def render_markdown(report: Mapping[str, Any], lang: str) -> str:
    """Markdown that reads well pasted into a support ticket."""
    words = LABELS[lang]
    out = [f"# {words['title']}", "", f"**{words['summary'].format(**report['summary'])}**", ""]
    if report["diagnoses"]:
        out += [f"## {words['diagnoses']}", ""]
        for n, d in enumerate(report["diagnoses"], 1):
            out.append(f"{n}. **[{d['severity']}] {d['title']}** (`{d['id']}`, {d['stage']})")
            out.append(f"   - {d['diagnosis']}")
            out.append(f"   - {words['remedy']}: {d['remedy']}")
            out.append(f"   - {words['because']}: {_because_text(d['because'])}")
            for link in d["links"] or [d["source"]]:
                out.append(f"   - <{link}>")
    else:
        out.append(words["none"])
    if report["unknown"]:
        out += ["", f"## {words['unknown']}", ""]
        for u in report["unknown"]:
            out.append(f"- [ ] {u['title']} (`{u['id']}`): {words['missing']} " + ", ".join(f"`{m}`" for m in u["missing"]))
    if report["not_applicable"]:
        out += ["", f"## {words['not_applicable']}", ""]
        out += [f"- `{n['id']}`: {n['reason']}" for n in report["not_applicable"]]
    if report["passed"]:
        out += ["", f"## {words['passed']}", "", ", ".join(f"`{p}`" for p in report["passed"])]
    return "\n".join(out) + "\n"


RENDERERS = {"json": render_json, "table": render_table, "markdown": render_markdown}
