"""The domain vocabulary moved to `battlemap.vocab` (one module for every surface); this re-exports it."""

from battlemap.vocab import *  # noqa: F403
