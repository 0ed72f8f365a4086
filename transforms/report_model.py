"""The names other packages read from the extractor's model, kept where they have been:
`ATTRIBUTE_COLUMNS` (read by `warehouse.schema` and `transforms.incidents`) and
`DocumentInput`. The model itself is `transforms.doc`.
"""

from __future__ import annotations

from transforms.doc import ATTRIBUTE_COLUMNS, DocumentInput

__all__ = ["ATTRIBUTE_COLUMNS", "DocumentInput"]
