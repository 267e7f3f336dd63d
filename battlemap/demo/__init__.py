"""The demo accounts, loaded through the one map loader (battlemap.io.mapimport) and the services."""
