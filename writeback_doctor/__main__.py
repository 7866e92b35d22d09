"""``python -m writeback_doctor``: the same command as ``diagnose``."""

from writeback_doctor.cli import main

raise SystemExit(main())
