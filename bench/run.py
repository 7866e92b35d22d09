"""Benchmark of writeback-doctor: prints figures, each a ratio measured in the same run.

    python bench/run.py            # about 3-6 minutes on 2 cores
    python bench/run.py --quick    # a smoke run (smaller counts), under a minute

Figures (see bench/README.md):
1. cold start: ``diagnose examples/healthy-hybrid.json`` vs ``python -c "import durable.engine,
   yaml, jsonschema, tabulate"`` (median wall time and CPU time of fresh processes);
2. throughput: 10,000 generated fact sets through the real engine (durable-rules), one core,
   in diagnoses/s, against durable-rules' own floor (one assert, action and delete per document, the same
   documents, in the same process) and against the plain-Python reference evaluator (tests/oracle.py);
3. memory: resident set size after 1k, 10k and 100k diagnoses, each in a fresh process;
4. large tenants: one document with 100k users, one with 100k event-log events (time, peak RSS).

Not part of the test suite: it asserts nothing, it measures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Mapping

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests.oracle, the reference evaluator the engine is timed against
EXAMPLE = REPO / "examples" / "healthy-hybrid.json"
BASELINE = "import durable.engine, yaml, jsonschema, tabulate"


# ------------------------------------------------------------------ generated fact sets


def rule_constants(ruleset: Any) -> dict[str, list[Any]]:
    """Values the rules compare against, by type: generated facts land near them."""
    from tests.oracle import compared_values

    found: dict[str, list[Any]] = {"number": [], "string": []}
    for value in compared_values(ruleset):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            found["number"] += [value - 1, value, value + 1]
        elif isinstance(value, str):
            found["string"].append(value)
    return found


def generate(schema: Mapping[str, Any], constants: Mapping[str, list[Any]], rng: random.Random, absent: float = 0.25) -> Any:
    """One valid value of a facts_schema.json node; each optional property is absent with probability ``absent``.
    A node that also allows a partial value (``anyOf``: a value or an interval) gives a value, now and then a range
    (or "some", for a reachability fact that takes it)."""
    if "anyOf" in schema and schema.get("x-partial") == "some":  # yes, no, or "some" (names answer, others not)
        return "some" if rng.random() < 0.1 else generate(schema["anyOf"][0], constants, rng, absent)
    if "anyOf" in schema:
        plain = [alternative for alternative in schema["anyOf"] if "$ref" not in alternative]
        if plain and rng.random() < 0.9:
            return generate(plain[0], constants, rng, absent)
        value = generate(plain[0], constants, rng, absent) if plain else None
        return {"at_least": value} if rng.random() < 0.5 else {"below": value}
    if "enum" in schema:
        return rng.choice(schema["enum"])
    kind = schema.get("type")
    if kind == "object":
        required = set(schema.get("required", ()))
        return {k: generate(v, constants, rng, absent) for k, v in schema.get("properties", {}).items()
                if k != "$schema" and (k in required or rng.random() > absent)}
    if kind == "array":
        return [generate(schema.get("items", {}), constants, rng, absent) for _ in range(rng.randint(0, 5))]
    if kind == "boolean":
        return rng.random() < 0.8  # mostly the healthy value, so that later rules are reached
    low = schema.get("minimum", 0)
    if kind in ("integer", "number"):
        edges = [v for v in constants["number"] if v >= low and (kind == "number" or isinstance(v, int))]
        if edges and rng.random() < 0.6:
            return rng.choice(edges)
        return rng.randint(low, low + 100) if kind == "integer" else round(rng.uniform(low, low + 100), 2)
    if kind == "string":
        pattern = schema.get("pattern")
        if pattern:
            edges = [v for v in constants["string"] if re.search(pattern, v)]
            if edges:
                return rng.choice(edges)
            return ".".join(str(rng.randint(0, 9)) for _ in range(3)) if pattern.startswith("^[0-9]+(") else None
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz.@") for _ in range(rng.randint(max(1, schema.get("minLength", 0)), 20)))
    return None


def fact_sets(count: int, seed: int = 20240601) -> list[dict[str, Any]]:
    """``count`` valid, varied facts documents (validated here, outside any timing)."""
    from expert_engine import FactsError, validate_facts
    from writeback_doctor.knowledge import facts_schema, load_knowledge

    knowledge = load_knowledge()
    validator = knowledge.validator
    schema, constants, rng = facts_schema(), rule_constants(knowledge.ruleset), random.Random(seed)
    documents: list[dict[str, Any]] = []
    while len(documents) < count:
        document = generate(schema, constants, rng, absent=rng.choice([0.05, 0.25, 0.6]))
        try:
            validate_facts(document, validator)
        except FactsError:
            continue  # e.g. a pattern the generator cannot meet: skip, never time invalid input
        documents.append(document)
    return documents


# ------------------------------------------------------------------ 1. cold start


STATES = ("warm", "first_run", "no_pyc", "edited")
"""Cold-start states of the installed package: a warm rule cache; the first run after install (empty rule cache);
no bytecode at all; and the checkout with an empty rule cache (the first run after a rule edit)."""


def installed_copy(scratch: Path) -> Path:
    """The package as ``pip install`` leaves it: the wheel built from this tree, extracted into a site folder
    and compiled to bytecode (pip compiles what it installs)."""
    import compileall
    import zipfile

    from hatchling.builders.wheel import WheelBuilder

    wheel = next(iter(WheelBuilder(str(REPO)).build(directory=str(scratch / "dist"), versions=["standard"])))
    site = scratch / "site"
    zipfile.ZipFile(wheel).extractall(site)
    compileall.compile_dir(str(site), quiet=1)
    return site


def cold_start(runs: int, state: str = "warm", site: Path | None = None) -> dict[str, float]:
    """Median wall and CPU time of ``diagnose FILE`` and of the bare imports, interleaved, in one ``state``.

    ``site``: the installed package (``installed_copy``); the commands run outside the tree with
    it on ``PYTHONPATH``, the baseline too. ``warm``: bytecode and the validated-rule cache
    exist (a second run). ``first_run``: as after ``pip install``: bytecode exists (pip compiles
    it) but the rule cache is empty (a fresh cache directory for every run). ``no_pyc``: no
    bytecode anywhere (a fresh, empty ``PYTHONPYCACHEPREFIX`` and no writing of bytecode; the
    baseline compiles its libraries too) and an empty rule cache. ``edited``: the checkout
    itself (``site`` unused) with bytecode, on a copy of its rules (``--rules``) of which one
    file is edited before every run: the cache holds the rule set as it was before the edit.
    """
    import tempfile

    diagnose = [sys.executable, "-m", "writeback_doctor.cli", str(EXAMPLE)]
    baseline = [sys.executable, "-c", BASELINE]
    walls: dict[str, list[float]] = {"diagnose": [], "baseline": []}
    cpus: dict[str, list[float]] = {"diagnose": [], "baseline": []}
    # as an installed wheel runs: bytecode cached (an editable install under PYTHONDONTWRITEBYTECODE
    # would otherwise recompile the package's own modules at every start), one warm-up run each
    base_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX", "PYTHONPATH")}
    if state != "edited" and site is not None:
        base_env["PYTHONPATH"] = str(site)
    with tempfile.TemporaryDirectory(prefix="wd-bench-") as scratch:
        cwd = REPO if state == "edited" or site is None else scratch  # outside the tree, the installed copy is what runs
        base_env["WRITEBACK_DOCTOR_CACHE"] = os.path.join(scratch, "warm-cache")
        if state == "edited":
            import shutil

            rules = Path(shutil.copytree(REPO / "rules", Path(scratch) / "rules"))
            edited = sorted(p for p in rules.rglob("*.yaml") if p.name != "ruleset.yaml")[0]
            diagnose = [*diagnose, "--rules", str(rules)]
        for command in (baseline, diagnose):
            subprocess.run(command, stdout=subprocess.DEVNULL, check=False, env=base_env, cwd=cwd)
        for run in range(runs):
            env = dict(base_env)
            if state == "edited":
                with edited.open("a", encoding="utf-8") as rule:
                    rule.write(f"# edit {run}\n")  # new bytes: that file's verdict is not cached
            elif state != "warm":
                env["WRITEBACK_DOCTOR_CACHE"] = os.path.join(scratch, f"cache-{run}")  # empty: validate the rules
            if state == "no_pyc":
                env["PYTHONDONTWRITEBYTECODE"] = "1"
                env["PYTHONPYCACHEPREFIX"] = os.path.join(scratch, f"pyc-{run}")  # empty, never written
            for name, command in (("baseline", baseline), ("diagnose", diagnose)):  # interleaved: same load for both
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, check=False, env=env, cwd=cwd)
                walls[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    figures = {f"{kind}_{name}_s": statistics.median(values[name]) for kind, values in (("wall", walls), ("cpu", cpus))
               for name in values}
    figures["wall_ratio"] = figures["wall_diagnose_s"] / figures["wall_baseline_s"]
    figures["cpu_ratio"] = figures["cpu_diagnose_s"] / figures["cpu_baseline_s"]
    return figures


def print_cold_starts(runs: int) -> None:
    """The cold-start lines: every state of the installed package, then the checkout after a rule edit."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="wd-bench-install-") as scratch:
        site = installed_copy(Path(scratch))
        for state in STATES:
            start = cold_start(runs, state, site)
            where = "checkout, one rule file edited since the last run" if state == "edited" else "installed wheel"
            print(f"cold start [{state}] ({where}, median of {runs}): diagnose {start['wall_diagnose_s']:.3f} s wall / "
                  f"{start['cpu_diagnose_s']:.3f} s CPU; imports only {start['wall_baseline_s']:.3f} s / "
                  f"{start['cpu_baseline_s']:.3f} s; ratio {start['wall_ratio']:.2f}x wall, {start['cpu_ratio']:.2f}x CPU "
                  "(target <= 1.3x)")


# ------------------------------------------------------------------ 2. throughput


def durable_floor(documents: list[dict[str, Any]]) -> float:
    """CPU seconds per document of durable-rules' floor for one diagnosis, on ``documents``: each asserted
    whole as one fact into a one-rule ruleset in a fresh session, its one action run, the session deleted
    (the measurement of ../shared/reference/durable_floor.py, here so that every ratio comes from one run)."""
    import durable_rules_engine as core  # type: ignore[import-not-found,import-untyped,unused-ignore]  # C core, no stubs

    texts = [json.dumps({"id": "doc", "sid": str(i + 1), "kind": "doc", "facts": d}) for i, d in enumerate(documents)]
    handle = core.create_ruleset(f"floor_{len(documents)}_{time.perf_counter_ns()}", json.dumps({"r": {"all": [{"m": {"kind": "doc"}}]}}))
    cpu = time.process_time()
    for i, text in enumerate(texts):
        _, state = core.assert_fact(handle, text)
        result = core.start_action_for_state(handle, state)
        while result and result[1]:
            result = (None, core.complete_and_start_action(handle, state))
        core.delete_state(handle, str(i + 1))
    return (time.process_time() - cpu) / len(texts)


def throughput(count: int) -> dict[str, float]:
    """Run in a child pinned to one core (see main): the user's batch path, the engine alone and the evaluator.

    The batch path is ``diagnose batch -`` end to end in this process (reading and parsing
    each JSON line, validating, diagnosing, building the report and writing its line), after
    the rules are loaded (that is the cold start's figure); all three see the same documents.
    """
    import io
    import tempfile

    from tests.oracle import reference_outcomes
    from writeback_doctor import cli
    from writeback_doctor.knowledge import load_knowledge

    knowledge = load_knowledge()
    result, engine = knowledge.loaded, knowledge.engine
    documents = fact_sets(count)
    for document in documents[:200]:  # warm up both
        engine.diagnose(document)
        reference_outcomes(result.ruleset, document)
    floors = [durable_floor(documents)]  # before and after the batch, on the same core: the same load as the batch
    with tempfile.TemporaryDirectory(prefix="wd-bench-") as scratch:
        lines = Path(scratch) / "tenants.jsonl"
        lines.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents), encoding="utf-8")
        output = Path(scratch) / "out.jsonl"
        stdin, stdout = sys.stdin, sys.stdout
        try:
            with lines.open("rb") as source, output.open("w", encoding="utf-8") as sink:
                sys.stdin, sys.stdout = io.TextIOWrapper(source, encoding="utf-8"), sink
                start, cpu = time.perf_counter(), time.process_time()
                cli.main(["batch", "-"])
                batch_s, batch_cpu = time.perf_counter() - start, time.process_time() - cpu
        finally:
            sys.stdin, sys.stdout = stdin, stdout
        # the command loads its rules (from the warm rule cache): that is the cold start's figure, not a tenant's
        cpu = time.process_time()
        load_knowledge()
        load_cpu = time.process_time() - cpu
        batch_s, batch_cpu = batch_s - load_cpu, batch_cpu - load_cpu
        line_bytes = output.stat().st_size / (count + 1)
    floors.append(durable_floor(documents))
    floor_us = statistics.mean(floors) * 1e6
    start, cpu = time.perf_counter(), time.process_time()
    statuses = [tuple(o.status for o in engine.diagnose(d).outcomes) for d in documents]
    engine_s, engine_cpu = time.perf_counter() - start, time.process_time() - cpu
    core_cpu, core_calls = c_core_time(engine, documents)
    start = time.perf_counter()
    for document in documents:
        reference_outcomes(result.ruleset, document)
    evaluator_s = time.perf_counter() - start
    kinds = {status for row in statuses for status in row}
    return {"fact_sets": count, "rules": len(result.ruleset.rules), "engine_per_s": count / engine_s,
            "engine_us": engine_s / count * 1e6, "engine_cpu_per_s": count / engine_cpu,
            "batch_per_s": count / batch_s, "batch_cpu_per_s": count / batch_cpu, "batch_us": batch_cpu / count * 1e6,
            "batch_line_bytes": line_bytes, "engine_share_of_batch": engine_cpu / batch_cpu,
            "floor_us": floor_us, "floors_us": [f * 1e6 for f in floors], "batch_floor_ratio": batch_cpu / count * 1e6 / floor_us,
            "load_ms": load_cpu * 1e3,
            "evaluator_per_s": count / evaluator_s, "ratio_engine_to_evaluator": evaluator_s / engine_s,
            "outcome_kinds": len(kinds), "core_us": core_cpu / count * 1e6, "core_calls": core_calls / count,
            "partitions": len(engine._durable._handles)}


def c_core_time(engine: Any, documents: list[dict[str, Any]]) -> tuple[float, int]:
    """CPU time spent inside durable-rules' C core (every call the engine makes to it) while the engine
    diagnoses ``documents``, and the number of calls: the part no Python bookkeeping can remove."""
    from expert_engine import session

    real = session.durable_core
    spent = [0.0, 0]

    class Timed:
        """The C core's module with its calls timed."""

        def __getattr__(self, name: str) -> Any:
            function = getattr(real, name)

            def timed(*args: Any) -> Any:
                cpu = time.process_time()
                try:
                    return function(*args)
                finally:
                    spent[0] += time.process_time() - cpu
                    spent[1] += 1

            return timed

    session.durable_core = Timed()
    try:
        for document in documents:
            engine.diagnose(document)
    finally:
        session.durable_core = real
    return spent[0], int(spent[1])


# ------------------------------------------------------------------ 3. memory


def memory(count: int) -> dict[str, float]:
    """Diagnose ``count`` fact sets (cycling through 1,000) and report the peak resident set size."""
    from writeback_doctor.knowledge import load_knowledge

    engine = load_knowledge().engine
    documents = fact_sets(1000)
    for document in documents[:100]:
        engine.diagnose(document)
    warm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for n in range(count):
        engine.diagnose(documents[n % len(documents)])
    return {"diagnoses": count, "warm_maxrss_kib": warm, "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


# ------------------------------------------------------------------ 4. large tenants


def large_tenant(kind: str, count: int) -> dict[str, float]:
    """One facts document with ``count`` users (the example's users, renamed) or event-log events, diagnosed
    as ``diagnose FILE`` does after reading it (validate, diagnose, build the report, render JSON); peak RSS."""
    from writeback_doctor.diagnosis import diagnose
    from writeback_doctor.knowledge import load_knowledge

    facts = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    if kind == "users":
        users = facts["users"]
        fields = ("source", "license", "is_admin", "in_sspr_scope")  # with the name, 5 fields a user (the case)
        facts["users"] = [{"name": f"user{n}@contoso.com", **{k: users[n % len(users)][k] for k in fields}}
                          for n in range(count)]
    else:
        events = facts["event_log"]["events"]
        facts["event_log"]["events"] = [dict(events[n % len(events)], time=f"2025-06-01T10:{n // 60 % 60:02d}:{n % 60:02d}Z")
                                        for n in range(count)]
    knowledge = load_knowledge()  # load the rules first: that is the cold start's figure
    diagnose(knowledge, json.loads(EXAMPLE.read_text(encoding="utf-8")))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    status = "ok"
    try:
        json.dumps(diagnose(knowledge, facts).to_json(), ensure_ascii=False)
    except Exception as error:  # noqa: BLE001 - the benchmark reports a failure as a figure
        status = f"{type(error).__name__}: {str(error)[:120]}"
    return {"kind": kind, "count": count, "wall_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu,
            "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "loaded_maxrss_mib": before / 1024,
            "status": status}


# ------------------------------------------------------------------ 5. headroom


HEADROOM_SIZES = {"tiny": ((30, 30),), "quick": ((500, 2000), (1000, 200)), "full": ((500, 2000), (1000, 2000))}
"""(generated rules, generated documents) per run of the headroom figure, by mode."""


def headroom(rules: int, count: int) -> dict[str, Any]:
    """Run in a child: ``rules`` distinct generated rules (bench/synthetic_rules.py) loaded cold (no rule cache)
    through the real path, then ``count`` generated documents diagnosed; CPU times, refusals (EngineFailure).

    Validation is timed three times, interleaved with validation by jsonschema alone (the quick rule
    check switched off: the load before it). The engine's construction (compiling and ``create_ruleset``)
    is the real path; ``create_ruleset`` is timed again on its own, compiling is the difference."""
    import tempfile
    from collections import Counter

    from bench import synthetic_rules
    from expert_engine import EngineFailure, InferenceEngine, load_ruleset, loader
    from expert_engine.session import DurableRuleset

    with tempfile.TemporaryDirectory(prefix="wd-bench-") as scratch:
        folder = Path(scratch) / "rules"
        schema = synthetic_rules.write_ruleset(folder, rules)
        quick_check = loader.quick_rule_check
        validate: list[float] = []
        jsonschema_only: list[float] = []
        try:
            for _ in range(3):
                for times, check in ((validate, quick_check), (jsonschema_only, lambda: None)):
                    loader.quick_rule_check = check
                    cpu = time.process_time()
                    result = load_ruleset(folder)
                    times.append(time.process_time() - cpu)
        finally:
            loader.quick_rule_check = quick_check
    cpu = time.process_time()
    engine = InferenceEngine(result.ruleset)
    engine_s = time.process_time() - cpu
    compiled = engine.compiled
    cpu = time.process_time()
    DurableRuleset({name: (definition, lambda session, fired: None) for name, (definition, _, _) in compiled.durable.items()})
    create_s = time.process_time() - cpu
    compile_s = max(0.0, engine_s - create_s)
    documents = synthetic_rules.documents(result.ruleset, schema, count)
    refused, statuses = 0, Counter()
    cpu = time.process_time()
    for document in documents:
        try:
            statuses.update(outcome.status for outcome in engine.diagnose(document).outcomes)
        except EngineFailure:
            refused += 1
    diagnose_s = time.process_time() - cpu
    outcomes = sum(statuses.values()) or 1
    return {"rules": len(result.ruleset.rules), "problems": len(result.problems), "compiled": len(compiled.durable),
            "partitions": len(engine._durable._handles), "validate_s": statistics.median(validate),
            "jsonschema_s": statistics.median(jsonschema_only), "compile_s": compile_s, "create_s": create_s,
            "engine_s": engine_s, "load_s": statistics.median(validate) + engine_s, "documents": count, "refused": refused,
            "per_s": count / diagnose_s, "shares": {k: statuses[k] / outcomes for k in ("fail", "pass", "unknown", "not_applicable")}}


def print_headroom(mode: str) -> None:
    """The headroom figure: load time and refusals of generated rule sets, each in a fresh child process."""
    for rules, count in HEADROOM_SIZES[mode]:
        command = [sys.executable, str(Path(__file__).resolve()), "--child", "headroom", f"{rules}x{count}"]
        room = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        shares = ", ".join(f"{k} {v * 100:.0f}%" for k, v in room["shares"].items())
        print(f"headroom ({room['rules']} generated distinct rules, {room['compiled']} compiled in {room['partitions']} "
              f"durable rulesets, cold: no rule cache, CPU): load {room['load_s']:.2f} s = validate {room['validate_s']:.2f} s "
              f"(jsonschema alone {room['jsonschema_s']:.2f} s) + compile {room['compile_s']:.2f} s + create_ruleset "
              f"{room['create_s']:.2f} s (target < 1 s); "
              f"{room['documents']:,} generated documents: {room['refused']} refused "
              f"(target 0), {room['per_s']:.0f} diagnoses/s ({shares})")


def child(figure: str, count: int) -> dict[str, float]:
    """Measure one figure in a fresh process (optionally pinned to one core)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", figure, str(count)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts: a smoke run")
    parser.add_argument("--tiny", action="store_true", help="tiny counts: what the test suite's smoke test runs")
    parser.add_argument("--only", choices=["cold"], help="measure one part only (cold: the cold starts)")
    parser.add_argument("--runs", type=int, help="repetitions of each cold start (default: 7; --quick 3)")
    parser.add_argument("--child", nargs=2, metavar=("FIGURE", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
        if args.child[0] == "headroom":  # COUNT: <rules>x<documents>
            print(json.dumps(headroom(*map(int, args.child[1].split("x")))))
            return 0
        figure, count = args.child[0], int(args.child[1])
        if figure in ("users", "events"):
            print(json.dumps(large_tenant(figure, count)))
        else:
            print(json.dumps(throughput(count) if figure == "throughput" else memory(count)))
        return 0
    started = time.perf_counter()
    if args.tiny:
        runs, count, sizes, large = 1, 50, (50, 100), (100, 100)
    elif args.quick:
        runs, count, sizes, large = 3, 1000, (1000, 3000, 10000), (10_000, 1_000)
    else:
        runs, count, sizes, large = 7, 10_000, (1000, 10_000, 100_000), (100_000, 100_000)

    print(f"# writeback-doctor benchmark ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    print_cold_starts(args.runs or runs)
    if args.only == "cold":
        print(f"# finished in {time.perf_counter() - started:.0f} s")
        return 0

    speed = child("throughput", count)
    print(f"batch (`diagnose batch -`, {speed['fact_sets']} generated tenants, {speed['rules']} rules, one core): "
          f"{speed['batch_cpu_per_s']:.0f} tenants/s of CPU ({speed['batch_us']:.0f} us each; {speed['batch_per_s']:.0f}/s wall; "
          f"{speed['batch_line_bytes'] / 1024:.1f} KiB a line; the rules' load, {speed['load_ms']:.0f} ms, left out: the "
          f"cold start's figure); the engine is {speed['engine_share_of_batch'] * 100:.0f}% of it")
    print(f"  durable-rules floor (one assert, action and delete of each document in a one-rule ruleset, same documents, "
          f"same core, before and after the batch): {speed['floor_us']:.1f} us a document "
          f"({' / '.join(f'{f:.1f}' for f in speed['floors_us'])}); batch = {speed['batch_floor_ratio']:.0f}x the floor "
          "(target <= 30x)")
    print(f"engine alone (InferenceEngine.diagnose): {speed['engine_cpu_per_s']:.0f} diagnoses/s of CPU "
          f"({speed['engine_us']:.0f} us each wall); plain evaluator {speed['evaluator_per_s']:.0f}/s; "
          f"engine/evaluator {speed['ratio_engine_to_evaluator']:.2f}x")
    print(f"  of which durable-rules' C core: {speed['core_us']:.0f} us a diagnosis of CPU ({speed['core_calls']:.0f} calls "
          f"into {speed['partitions']} rulesets), a ceiling of {1e6 / speed['core_us']:.0f} diagnoses/s with no Python at all")

    rss = [child("memory", n) for n in sizes]
    base = rss[0]["maxrss_kib"]
    cells = ", ".join(f"{r['diagnoses']}: {r['maxrss_kib'] / 1024:.1f} MiB" for r in rss)
    growth = (rss[-1]["maxrss_kib"] - base) / base * 100
    print(f"memory (peak RSS, fresh process each): {cells}; growth {sizes[0]} -> {sizes[-1]}: {growth:+.1f}% (target < 10%)")
    for kind, size in (("users", large[0]), ("events", large[1])):
        big = child(kind, size)
        print(f"large tenant ({size:,} {kind}, one document): {big['wall_s']:.2f} s wall / {big['cpu_s']:.2f} s CPU, "
              f"peak RSS {big['maxrss_mib']:.0f} MiB (rules loaded: {big['loaded_maxrss_mib']:.0f} MiB), {big['status']} "
              "(target <= 2 s, <= 300 MiB)")
    print_headroom("tiny" if args.tiny else "quick" if args.quick else "full")
    print(f"# finished in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
