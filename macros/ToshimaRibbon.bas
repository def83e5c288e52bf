Attribute VB_Name = "ToshimaRibbon"
Option Explicit

' Ribbon callbacks of the toshima_xl add-in. Each button of the ribbon tab
' runs one entry point of toshima_xl.excel through xlwings' RunPython, which
' works on the active workbook.

Sub OnImport(control As IRibbonControl)
    RunPython "import toshima_xl.excel as x; x.import_submission()"
End Sub

Sub OnValidate(control As IRibbonControl)
    RunPython "import toshima_xl.excel as x; x.validate()"
End Sub

Sub OnFindDuplicates(control As IRibbonControl)
    RunPython "import toshima_xl.excel as x; x.find_duplicates()"
End Sub

Sub OnMerge(control As IRibbonControl)
    RunPython "import toshima_xl.excel as x; x.merge_duplicates()"
End Sub

Sub OnAccept(control As IRibbonControl)
    RunPython "import toshima_xl.excel as x; x.accept_suggestions()"
End Sub

Sub OnCount(control As IRibbonControl)
    RunPython "import toshima_xl.excel as x; x.count()"
End Sub

Sub OnReport(control As IRibbonControl)
    RunPython "import toshima_xl.excel as x; x.report()"
End Sub
