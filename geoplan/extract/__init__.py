"""Stage 3, extract: planned projects become map features.

In: a ``Plan`` and its geocoded places.  ``projects`` cuts 专栏 box items and project sentences into projects,
``classify`` gives each a sector and an action, ``quantities`` parses amounts into SI units, ``features`` turns a
project and its places into one feature row with an honest precision and geometry basis.
Out: feature rows (``geoplan.atlas.schema.FEATURE_COLUMNS``).
"""
