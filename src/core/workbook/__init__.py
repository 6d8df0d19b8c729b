"""The 自评表 as a spreadsheet (xlsx-layout.md): the paper layout, writing it, reading workbooks.

Modules, one job each:

- ``units``: money in 元 or 万元 on a sheet (which unit, exact conversion, number formats);
- ``layout``: the paper form as placed cells (spans, kinds), shared by the xlsx and HTML writers;
- ``write``: a form as an xlsx workbook (自评表, 明细, the hidden ``_jixiao``);
- ``html``: the same layout as an HTML table a browser prints on A4;
- ``sniff`` and ``package``: what a file is, and an xlsx container checked before it is read;
- ``grid`` and ``load``: a sheet as plain values by coordinates (xlsx through openpyxl, xls
  through xlrd);
- ``labels``: the label cells a bureau's form has, with the variants seen in the wild;
- ``bureau``: one sheet in a bureau layout read as a form, by its labels;
- ``own``: our own export read back, through the hidden sheet, checked against the visible one;
- ``targets``: a 绩效目标申报表 read as a draft 自评表 with its targets locked;
- ``reading``: a file (json, xlsx, xls) to the forms it holds, with what could not be read;
- ``summary``: the year's 自评汇总表.

openpyxl and xlrd are imported only here, and only when a workbook is written or read.
"""
