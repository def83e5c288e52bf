"""The checks behind :func:`toshima_xl.core.validate.validate_dataset`.

``context`` contains the state every check needs, ``cells`` parses one cell by its
column kind, ``ids`` checks a sheet's ID column, ``rows`` compares two cells
of one row (dates that contradict each other), and ``areas`` builds the
town-to-area table and checks addresses against it.
"""
