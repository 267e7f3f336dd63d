"""The demo accounts, loaded through the one map loader (battlemap.io.mapformat.load) and the services."""
