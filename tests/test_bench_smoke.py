"""The benchmark still runs end to end (tiny counts). It measures; this test asserts only that it prints every figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_the_benchmark_prints_every_figure_in_tiny_mode():
    done = subprocess.run([sys.executable, str(BENCH), "--tiny"], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    for figure in ("cold start [warm]", "cold start [first_run]", "cold start [no_pyc]", "batch (`diagnose batch -`",
                   "engine alone", "memory (peak RSS", "large tenant (100 users", "large tenant (100 events"):
        assert figure in done.stdout, figure
