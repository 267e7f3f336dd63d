"""People import from CSV and XLSX: readers, recognised columns, value tables, mapping files, row problems,
the import plan and its write through the people and deals services, and background jobs."""
