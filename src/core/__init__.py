"""jixiao core: the 项目支出绩效自评表 domain — model, parsing, rule sets, scoring, store, exports.

Pure Python: nothing here imports textual.
"""

__version__ = "0.1.0"
