"""Pure normalisation functions: text folding, dates, numbers, phones, addresses.

Each function takes a raw cell value and returns the parsed value plus, where
the value needed attention, a finding code from :mod:`toshima_xl.messages`.
Nothing here reads or writes a workbook.
"""
