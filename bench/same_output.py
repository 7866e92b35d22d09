"""Record what the tool prints, to show that a change kept every byte: every example in every format
and language (plain, ``--explain``, ``-v``), the examples as a batch in every batch format, and the
batch lines of the benchmark's 10,000 generated tenants.

    python bench/same_output.py tenants TENANTS.jsonl        # write the generated tenants once
    python bench/same_output.py record OUT [--tree DIR] [--tenants TENANTS.jsonl]
    diff -r OUT_BEFORE OUT_AFTER                               # nothing: byte-identical

``--tree DIR``: run the code of another checkout (e.g. ``git worktree add --detach /tmp/before main``)
instead of this one, so that before and after are recorded from the same rules and inputs.
``SOURCE_DATE_EPOCH=0`` fixes the report's generation time; nothing else varies. The rules are
validated at every run (no rule cache) unless ``--cache DIR``: then the runs share that cache
folder (record twice to see the output of rules served from it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def write_tenants(target: Path, count: int) -> None:
    """The benchmark's generated tenants (seeded), one JSON line each."""
    sys.path.insert(0, str(REPO))
    from bench.run import fact_sets

    target.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in fact_sets(count)), encoding="utf-8")


def record(out: Path, tree: Path, tenants: Path | None, cache: Path | None = None) -> None:
    """Run every command in ``tree`` and store its standard output, error and exit status under ``out``."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env.update(SOURCE_DATE_EPOCH="0", PYTHONPATH=f"{tree}{os.pathsep}{tree / 'engine'}", PYTHONHASHSEED="0",
               WRITEBACK_DOCTOR_CACHE=str(cache) if cache else "off", COLUMNS="100")
    cli = [sys.executable, "-m", "writeback_doctor.cli"]
    examples = sorted(p.relative_to(tree) for p in (tree / "examples").glob("*.json"))
    jobs: list[tuple[str, list[str], Path | None]] = []
    for example in examples:
        for fmt in ("table", "json", "markdown", "html"):
            for lang in ("en", "uk"):
                for extra in ((), ("--explain",), ("-v",)):
                    name = f"{example.stem}.{fmt}.{lang}{''.join(extra).replace('-', '_')}"
                    jobs.append((name, [*cli, str(example), "--format", fmt, "--lang", lang, *extra], None))
    for fmt in ("jsonl", "csv", "table"):
        for extra in ((), ("--summary-only",), ("--full",)):
            if extra == ("--full",) and fmt != "jsonl":
                continue
            for lang in ("en", "uk"):
                name = f"batch-examples.{fmt}.{lang}{''.join(extra).replace('-', '_')}"
                jobs.append((name, [*cli, "batch", "examples", "--format", fmt, "--lang", lang, *extra], None))
    if tenants is not None:
        jobs.append(("batch-tenants.jsonl.en", [*cli, "batch", "-"], tenants))
        jobs.append(("batch-tenants.jsonl.uk", [*cli, "batch", "-", "--lang", "uk"], tenants))
    out.mkdir(parents=True, exist_ok=True)

    def run(job: tuple[str, list[str], Path | None]) -> None:
        name, command, stdin = job
        with (stdin.open("rb") if stdin else open(os.devnull, "rb")) as source:
            done = subprocess.run(command, stdin=source, capture_output=True, cwd=tree, env=env, check=False)
        (out / f"{name}.out").write_bytes(done.stdout)
        (out / f"{name}.err").write_bytes(done.stderr + f"\nexit {done.returncode}\n".encode())

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, jobs))
    print(f"{len(jobs)} outputs in {out}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    make = sub.add_parser("tenants")
    make.add_argument("target", type=Path)
    make.add_argument("--count", type=int, default=10_000)
    keep = sub.add_parser("record")
    keep.add_argument("out", type=Path)
    keep.add_argument("--tree", type=Path, default=REPO)
    keep.add_argument("--tenants", type=Path)
    keep.add_argument("--cache", type=Path, help="a rule cache folder the runs share (default: no rule cache)")
    args = parser.parse_args(argv)
    if args.what == "tenants":
        write_tenants(args.target, args.count)
    else:
        record(args.out, args.tree.resolve(), args.tenants.resolve() if args.tenants else None,
               args.cache.resolve() if args.cache else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
