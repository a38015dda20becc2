"""geoplan: turn Inner Mongolia's five-year development plans into layered maps.

Data flows one way: plan file -> :class:`~geoplan.read.model.Plan` -> mentions -> resolved places ->
projects -> features -> layers -> outputs (GeoPackage/PostGIS, exports, static maps, web map).
"""

__version__ = "0.1.0"
