"""Excel/CSV import as a pipeline of pure stages: check → read → locate → shape → parse → load.

Each stage returns data plus findings (sheet, row, column, message id) for the preview.
"""
