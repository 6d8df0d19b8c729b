"""How much of a workbook jixiao reads before it refuses: a bounded cost in time and memory.

A 自评表 has a few hundred cells; a bureau's workbook of forms a few thousand. The limits are
far above that and far below what would exhaust a clerk's workstation.
"""

MAX_FILE_BYTES = 50 * 1024 * 1024
"""MAX_FILE_BYTES: the workbook file itself"""
MAX_PART_BYTES = 64 * 1024 * 1024
"""MAX_PART_BYTES: one part of an xlsx once decompressed (a sheet, the shared strings)"""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""MAX_TOTAL_BYTES: all parts of an xlsx once decompressed"""
MAX_RATIO = 200
"""MAX_RATIO: decompressed / compressed size of a part larger than RATIO_FLOOR"""
RATIO_FLOOR = 1024 * 1024
MAX_ENTRIES = 10_000
"""MAX_ENTRIES: files inside an xlsx"""
MAX_SHEETS = 500
MAX_ROWS = 20_000
"""MAX_ROWS: the last row a sheet may use (a sheet reaching row 1,048,576 is refused)"""
MAX_COLS = 256
"""MAX_COLS: the last column a sheet's values may use (IV)"""
MAX_CELLS = 200_000
"""MAX_CELLS: cells of one sheet, values or only formatting"""
MAX_WORKBOOK_CELLS = 1_000_000
MAX_STRINGS = 1_000_000
"""MAX_STRINGS: entries of the shared-string table"""
MAX_TEXT = 32_767
"""MAX_TEXT: characters of one cell (Excel's own limit)"""
