"""Static maps for print: ``compose`` lays out an A4/A3 page; ``data``, ``symbols``, ``labels``,
``furniture`` (legend, scale bar, north arrow, inset), ``layout``, ``tiles`` and ``fonts`` are its steps.
"""
