"""Stage 1, read: a plan file becomes a :class:`~geoplan.read.model.Plan`.

In: a ``.txt``/``.md``/``.pdf``/``.docx`` file.  ``textnorm`` decodes and normalises the text (page numbers,
running heads and broken lines repaired, offsets kept), ``outline`` finds headings, 专栏 boxes and paragraphs,
``meta`` the issuer, level and period.  Out: a ``Plan`` whose offsets all point into ``Plan.text``.
"""
