import pytest
from django.utils import translation

from tests.web_deals.conftest import _fresh_analysis_cache  # noqa: F401


@pytest.fixture(autouse=True)
def _language_kept():
    """A page asked in English leaves English active in the thread; each test starts where it found it."""
    with translation.override(translation.get_language()):
        yield
