from __future__ import annotations

from tests.analysis.conftest import compiled_analysis_catalog  # noqa: F401 (autouse: compile the catalog)
