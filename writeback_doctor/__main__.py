"""``python -m writeback_doctor``: the same command as ``diagnose``."""

from .cli import main

raise SystemExit(main())
