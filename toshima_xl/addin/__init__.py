"""Build the Excel add-in: a ribbon tab whose buttons run toshima_xl.excel.

``build.build_addin`` writes workbook/toshima_xl.xlam from the sources in
``macros/`` and the VBA that the installed xlwings ships. The package writes
the VBA project ([MS-OVBA]) and its compound file ([MS-CFB]) itself.
"""
