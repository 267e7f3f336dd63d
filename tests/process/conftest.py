from tests.web_deals.conftest import _fresh_analysis_cache  # noqa: F401
