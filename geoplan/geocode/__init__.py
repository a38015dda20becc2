"""Stage 2, geocode: place names in a plan become located places.

In: a ``Plan`` and one :class:`~geoplan.geocode.gazetteer.Gazetteer` (passed in, never loaded behind the
caller's back).  ``mentions`` and ``corridors`` find the spans that name places and routes, ``resolve`` picks a
gazetteer record for each with a confidence and the rule that decided, ``places`` ties them to the plan's outline.
Out: ``PlaceMention`` rows, each resolved or unresolved with its reason.  ``gazetteer_build`` re-derives the
shipped ``derived.json`` from registry packages.
"""
