from tests.web_deals.conftest import _fast_passwords, _fresh_analysis_cache  # noqa: F401
