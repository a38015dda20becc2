"""GIS exports of atlas layers: GeoJSON, zipped Shapefile, GeoPackage (QGIS-styled), KML, CSV, FlatGeobuf.

One writer per format behind :data:`FORMATS`; reprojection by geopandas/pyproj only; every output
written atomically (:func:`geoplan.io.atomic_path`): a failed export leaves no file behind.

Format choices (documented once, here):

- **GeoJSON** follows RFC 7946: WGS84 lon/lat only (any other ``crs`` is refused rather than silently
  ignored), exterior rings counter-clockwise, no ``crs`` member, UTF-8 text (no ``\\u`` escapes).
  All layers go into one FeatureCollection named after them (``industry``, ``industry+urban``);
  each feature's ``layer`` property names its layer.
- Every table-based format holds one geometry type per table, named as in the atlas
  (:mod:`geoplan.atlas.tables`: ``industry_point``, ``industry_line``, ``industry_polygon``,
  ``leagues``); empty tables are left out of the Shapefile and CSV zips.
- **Shapefile** is one zip: per table, .shp/.shx/.dbf/.prj/.cpg (UTF-8) plus the table's QGIS style
  as ``.qml`` (QGIS loads it with the layer) and ``.sld``; field names of at most 10 bytes;
  ``field_dictionary.csv`` maps every field to its column, and lists the rows whose text was cut at
  the DBF limit of 254 bytes; each cut row names its cut fields in its ``truncated`` field, and the
  full texts are in ``truncated_values.csv``.
- **GeoPackage** (1.2, see :mod:`geoplan.output.geopackage`): the tables (geometry column ``geom``)
  plus the QGIS ``layer_styles`` table (one default style per table, see
  :mod:`geoplan.output.qgis_style`).
- **KML** (WGS84 only, as the format demands): one folder per layer (named by the layer's Chinese
  title, its ``id`` attribute is the layer id), one shared style per layer,
  placemarks with an HTML description (plan, box, quantities, excerpt …; every value HTML-escaped)
  and every other attribute as typed ``SchemaData`` (``name`` is the placemark's ``<name>``).
- **CSV** is one zip (``.csv.zip``): per table, ``<table>.csv`` with the geometry as WKT in the first
  column (``WKT``) and UTF-8 *with* a byte-order mark (Excel opens Chinese correctly), beside it the
  ``.csvt`` column types and the ``.prj`` CRS that GDAL (and so QGIS) reads, and the ``.qml``/``.sld``.
  A text cell starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe so that no
  spreadsheet runs it as a formula (OWASP); :func:`geoplan.output.csv_safe.restore` strips it again (the same
  holds for the CSV files inside the Shapefile zip).
- **FlatGeobuf**: one file with every layer (``layer`` column), spatially indexed, named like GeoJSON.
"""

from __future__ import annotations

import html
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyproj import CRS

from geoplan.atlas.schema import BASE_COLUMNS, FEATURE_COLUMNS
from geoplan.atlas.tables import split_layer
from geoplan.errors import AtlasError, ExportError, GeoplanError, InputError, UnsupportedFormatError
from geoplan.io import atomic_path
from geoplan.layers import LayerDef, load_layers
from geoplan.output.csv_safe import csv_text, neutralise_frame
from geoplan.output.geopackage import write_geopackage
from geoplan.output.qgis_style import rgba, table_styles

WGS84 = "EPSG:4326"
#: CRS names the CLI offers; "GK" is the CGCS2000 3-degree Gauss-Krüger zone of the data's extent.
CRS_CHOICES: tuple[str, ...] = ("EPSG:4326", "EPSG:4490", "EPSG:3857", "GK")
GK_EPSG_RANGE = range(4513, 4534)  # CGCS2000 / 3-degree Gauss-Kruger zone 25 (75°E) … zone 45 (135°E)
GPKG_GEOMETRY_COLUMN = "geom"
DBF_MAX_BYTES = 254
DBF_FIELD_BYTES = 10
TRUNCATED_FIELD = "truncated"
_SHAPE_FAMILY = {
    "Point": "point",
    "MultiPoint": "multipoint",
    "LineString": "line",
    "MultiLineString": "line",
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
}
#: Readable short names for the atlas columns longer than 10 bytes (others are cut and de-duplicated).
_SHORT_FIELDS = {
    "issuer_level": "issuer_lvl",
    "quantities_text": "quant_text",
    "geometry_basis": "geom_basis",
    "approximate": "approx",
    "geometry_source": "geom_src",
    "description": "descript",
}
_KML_NS = "http://www.opengis.net/kml/2.2"
_KML_ICONS = {
    "circle": "placemark_circle",
    "square": "placemark_square",
    "triangle": "triangle",
    "diamond": "open-diamond",
    "star": "star",
}
#: (label, column) pairs of a KML placemark's description, in order; empty values are left out.
_KML_DESCRIPTION = (
    ("规划 Plan", "plan"),
    ("章节 Chapter", "chapter"),
    ("专栏 Box", "box"),
    ("专栏标题 Box title", "box_title"),
    ("说明 Description", "description"),
    ("数量 Quantities", "quantities_text"),
    ("位置 Locations", "locations"),
    ("精度 Precision", "precision"),
    ("类型 Type", "type"),
    ("旗县区 Banner", "banner"),
    ("盟市 League", "league"),
    ("规划 Plans", "plans"),
    ("原文 Excerpt", "excerpt"),
)

Frames = dict[str, gpd.GeoDataFrame]
Writer = Callable[[Frames, Path], None]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its file name suffixes (first is the default), MIME type and writer."""

    name: str
    title: str
    suffixes: tuple[str, ...]
    mime: str
    writer: Writer
    wgs84_only: bool = False


# --------------------------------------------------------------------------- CRS


@cache
def gk_zones() -> dict[str, float]:
    """EPSG code -> central meridian of every CGCS2000 3-degree Gauss-Krüger zone, read from pyproj."""
    zones = {}
    for code in GK_EPSG_RANGE:
        crs = CRS.from_epsg(code)
        if "3-degree Gauss-Kruger zone" not in crs.name or "2000" not in crs.geodetic_crs.name:
            raise GeoplanError(f"EPSG:{code} is {crs.name!r}, not a CGCS2000 3-degree Gauss-Krüger zone")
        params = {param.name: param.value for param in crs.coordinate_operation.params}
        zones[f"EPSG:{code}"] = params["Longitude of natural origin"]
    return zones


def gk_zone_for(layers: Mapping[str, gpd.GeoDataFrame]) -> str:
    """The CGCS2000 3-degree GK zone (EPSG:4513–4533) whose central meridian is nearest the centre
    of the layers' longitude extent."""
    bounds = [
        frame.to_crs(WGS84).total_bounds
        for frame in layers.values()
        if len(frame) and frame.crs is not None and not frame.geometry.is_empty.all()
    ]
    if not bounds:
        raise InputError("no geometry to pick a Gauss-Krüger zone from")
    west = min(b[0] for b in bounds)
    east = max(b[2] for b in bounds)
    centre = (west + east) / 2
    code, meridian = min(gk_zones().items(), key=lambda item: abs(item[1] - centre))
    if abs(meridian - centre) > 1.5:
        raise InputError(f"the data (centre {centre:.2f}°E) lies outside the CGCS2000 Gauss-Krüger zones")
    return code


def resolve_crs(crs: str, layers: Mapping[str, gpd.GeoDataFrame]) -> str:
    """'EPSG:4326' | 'EPSG:4490' | 'EPSG:3857' | 'GK' | an explicit GK zone 'EPSG:4513'…'EPSG:4533'
    -> the EPSG code to write in."""
    name = crs.strip().upper()
    if name == "GK":
        return gk_zone_for(layers)
    if name in CRS_CHOICES or name in gk_zones():
        return name
    raise InputError(f"unknown CRS {crs!r}; choose one of {', '.join(CRS_CHOICES)} (or EPSG:4513…EPSG:4533)")


# --------------------------------------------------------------------------- helpers


def _prepared(layers: Mapping[str, gpd.GeoDataFrame], crs: str) -> Frames:
    """The layers reprojected to ``crs`` (geopandas/pyproj), with a plain RangeIndex."""
    frames = {}
    for layer_id, frame in layers.items():
        if frame.crs is None:
            raise InputError(f"layer {layer_id!r} has no CRS; atlas layers are EPSG:4326")
        frames[layer_id] = frame.to_crs(crs).reset_index(drop=True)
    return frames


def _definitions(layer_ids: list[str]) -> dict[str, LayerDef]:
    known = {definition.id: definition for definition in load_layers()}
    unknown = [layer_id for layer_id in layer_ids if layer_id not in known]
    if unknown:
        raise InputError(f"unknown layer {', '.join(unknown)}; known: {', '.join(known)}")
    return {layer_id: known[layer_id] for layer_id in layer_ids}


def _nullable_ints(frame: pd.DataFrame) -> pd.DataFrame:
    """Integer columns as pandas' nullable Int64, so that concatenation keeps them integers."""
    ints = [c for c in frame.columns if pd.api.types.is_integer_dtype(frame[c].dtype)]
    return frame.astype({c: "Int64" for c in ints}) if ints else frame


def combined(frames: Mapping[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Every layer in one frame (union of columns); a ``layer`` column names each row's layer."""
    parts = []
    for layer_id, frame in frames.items():
        part = _nullable_ints(frame)
        if "layer" not in part.columns:
            part = part.assign(layer=layer_id)
        parts.append(part)
    crs = next(iter(frames.values())).crs if frames else WGS84
    if not parts:
        return gpd.GeoDataFrame({"layer": pd.Series(dtype=str)}, geometry=gpd.GeoSeries([], crs=crs))
    geometry = parts[0].geometry.name
    columns = list(dict.fromkeys(c for part in parts for c in part.columns if c != geometry))
    joined = pd.concat(parts, ignore_index=True)
    return gpd.GeoDataFrame(joined[[*columns, geometry]], geometry=geometry, crs=crs)


def _write(frame: gpd.GeoDataFrame, path: Path, driver: str, **kwargs: object) -> None:
    pyogrio.write_dataframe(frame, path, driver=driver, **kwargs)


# --------------------------------------------------------------------------- writers


def collection_name(layer_ids: list[str]) -> str:
    """The layer name of a one-file export (GeoJSON, FlatGeobuf): its layer ids, e.g. 'industry' or
    'industry+infrastructure' (at most three, else 'geoplan_<n>_layers')."""
    if not layer_ids:
        return "geoplan"
    return "+".join(layer_ids) if len(layer_ids) <= 3 else f"geoplan_{len(layer_ids)}_layers"


def _write_geojson(frames: Frames, path: Path) -> None:
    _write(
        combined(frames),
        path,
        "GeoJSON",
        layer=collection_name(list(frames)),
        layer_options={"RFC7946": "YES", "AUTODETECT_JSON_STRINGS": "NO"},
    )


def _write_fgb(frames: Frames, path: Path) -> None:
    _write(
        combined(frames),
        path,
        "FlatGeobuf",
        layer=collection_name(list(frames)),
        layer_options={"SPATIAL_INDEX": "YES"},
    )


def _write_style_sidecars(
    folder: Path, table: str, frame: gpd.GeoDataFrame, fields: dict[str, str]
) -> list[str]:
    """``<table>.qml`` (QGIS loads it with the layer) and ``<table>.sld`` beside a file-based table."""
    style_qml, style_sld = table_styles(table, frame, fields)
    (folder / f"{table}.qml").write_text(style_qml, encoding="utf-8")
    (folder / f"{table}.sld").write_text(style_sld, encoding="utf-8")
    return [f"{table}.qml", f"{table}.sld"]


def _written_tables(frames: Frames) -> list[tuple[str, str, gpd.GeoDataFrame, str]]:
    """(layer id, table, frame, geometry type) of every non-empty one-type table of the layers."""
    out = []
    for layer_id, frame in frames.items():
        try:
            tables = split_layer(layer_id, frame)
        except AtlasError as error:
            raise ExportError(str(error)) from None
        for table, (part, geometry_type) in tables.items():
            if len(part):
                out.append((layer_id, table, part, geometry_type))
    return out


def _write_csv(frames: Frames, path: Path) -> None:
    """A zip: per one-type table, ``<table>.csv`` (WKT first, UTF-8 with BOM) with the ``.csvt`` column
    types and ``.prj`` CRS that GDAL/QGIS read beside it, and the table's ``.qml``/``.sld``."""
    with tempfile.TemporaryDirectory(prefix="geoplan-csv-") as tmp:
        folder = Path(tmp)
        members = []
        for _, table, part, _geometry_type in _written_tables(frames):
            _write(
                neutralise_frame(part),  # no cell a spreadsheet would run as a formula
                folder / f"{table}.csv",
                "CSV",
                layer=table,
                layer_options={
                    "GEOMETRY": "AS_WKT",
                    "WRITE_BOM": "YES",
                    "STRING_QUOTING": "IF_NEEDED",
                    "CREATE_CSVT": "YES",
                },
            )
            columns = [c for c in part.columns if c != part.geometry.name]
            members += [f"{table}{suffix}" for suffix in (".csv", ".csvt", ".prj")]
            members += _write_style_sidecars(folder, table, part, {c: c for c in columns})
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for member in members:
                if not (folder / member).exists():
                    raise ExportError(f"the CSV writer made no {member}")
                archive.write(folder / member, member)


def _write_gpkg(frames: Frames, path: Path) -> None:
    write_geopackage(frames, path)


# Shapefile ---------------------------------------------------------------


def cut_utf8(text: str, limit: int = DBF_MAX_BYTES) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, never inside a character."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def shapefile_field_names(columns: list[str]) -> dict[str, str]:
    """Column -> DBF field name of at most 10 bytes, unique regardless of case."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        base = cut_utf8(_SHORT_FIELDS.get(column, column), DBF_FIELD_BYTES)
        name, counter = base, 1
        while name.lower() in taken:
            tail = f"_{counter}"
            name = cut_utf8(base, DBF_FIELD_BYTES - len(tail)) + tail
            counter += 1
        names[column] = name
        taken.add(name.lower())
    return names


def _row_ids(frame: pd.DataFrame) -> list[str]:
    for column in ("feature_id", "place_id"):
        if column in frame.columns:
            return frame[column].astype(str).tolist()
    return [str(i) for i in range(len(frame))]


def _dbf_frame(part: gpd.GeoDataFrame, fields: dict[str, str]) -> tuple[gpd.GeoDataFrame, list[dict]]:
    """The part with short field names, texts cut at 254 bytes and the ``truncated`` flag field;
    plus one record per cut value (with its full text)."""
    ids = _row_ids(part)
    flags: list[list[str]] = [[] for _ in range(len(part))]
    records: list[dict] = []
    data: dict[str, object] = {}
    for column, field in fields.items():
        if column == TRUNCATED_FIELD:
            continue
        series = part[column]
        if not pd.api.types.is_string_dtype(series.dtype):
            data[field] = series.array
            continue
        values = series.tolist()
        for row, value in enumerate(values):
            # more than 63 characters may exceed 254 bytes (4 bytes per character at most)
            if isinstance(value, str) and len(value) > 63 and len(value.encode("utf-8")) > DBF_MAX_BYTES:
                values[row] = cut_utf8(value)
                flags[row].append(field)
                records.append({"row": row, "id": ids[row], "column": column, "field": field, "value": value})
        data[field] = pd.array(values, dtype=series.dtype)
    data[fields[TRUNCATED_FIELD]] = [cut_utf8(";".join(cut_fields)) for cut_fields in flags]
    return gpd.GeoDataFrame(data, geometry=part.geometry.array, crs=part.crs), records


def _field_type(dtype: object) -> str:
    if pd.api.types.is_integer_dtype(dtype):
        return "Integer"
    if pd.api.types.is_float_dtype(dtype):
        return "Real"
    return "String"


def _csv_bytes(rows: list[dict], columns: list[str]) -> bytes:
    return csv_text(rows, columns).encode("utf-8-sig")


DICTIONARY_COLUMNS = [
    "layer",
    "shapefile",
    "field",
    "column",
    "type",
    "description",
    "truncated_rows",
    "truncated_ids",
]
TRUNCATED_COLUMNS = ["shapefile", "row", "id", "column", "field", "value"]


_TRUNCATED_DESCRIPTION = (
    "fields cut at the DBF limit of 254 bytes in this row, ';'-separated (full texts in truncated_values.csv)"
)


def _dictionary_rows(
    layer_id: str, stem: str, fields: dict[str, str], dbf: gpd.GeoDataFrame, cut: list[dict]
) -> list[dict]:
    """The field dictionary of one shapefile: field -> column, type, meaning and the rows cut."""
    dtypes = dbf.dtypes.to_dict()
    descriptions = FEATURE_COLUMNS if "feature_id" in fields else BASE_COLUMNS
    rows = []
    for column, field in fields.items():
        cut_ids = [record["id"] for record in cut if record["column"] == column]
        rows.append(
            {
                "layer": layer_id,
                "shapefile": stem,
                "field": field,
                "column": column,
                "type": _field_type(dtypes[field]),
                "description": _TRUNCATED_DESCRIPTION
                if column == TRUNCATED_FIELD
                else descriptions.get(column, ""),
                "truncated_rows": len(cut_ids),
                "truncated_ids": ";".join(cut_ids),
            }
        )
    return rows


def _write_shapefile_zip(frames: Frames, path: Path) -> None:
    dictionary: list[dict] = []
    truncated: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="geoplan-shp-") as folder:
        stems = []
        for layer_id, frame in frames.items():
            if TRUNCATED_FIELD in frame.columns:
                raise ExportError(f"layer {layer_id!r}: the column name {TRUNCATED_FIELD!r} is reserved")
        for layer_id, stem, part, geometry_type in _written_tables(frames):
            columns = [c for c in part.columns if c != part.geometry.name] + [TRUNCATED_FIELD]
            fields = shapefile_field_names(columns)
            dbf, cut = _dbf_frame(part, fields)
            _write(
                dbf,
                Path(folder) / f"{stem}.shp",
                "ESRI Shapefile",
                encoding="UTF-8",
                geometry_type=geometry_type,
                promote_to_multi=False,
            )
            _write_style_sidecars(Path(folder), stem, part, fields)
            stems.append(stem)
            truncated.extend({"shapefile": stem, **record} for record in cut)
            dictionary.extend(_dictionary_rows(layer_id, stem, fields, dbf, cut))
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for stem in stems:
                for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qml", ".sld"):
                    member = Path(folder) / f"{stem}{suffix}"
                    if not member.exists():
                        raise ExportError(f"the shapefile writer made no {member.name}")
                    archive.write(member, member.name)
            archive.writestr("field_dictionary.csv", _csv_bytes(dictionary, DICTIONARY_COLUMNS))
            archive.writestr("truncated_values.csv", _csv_bytes(truncated, TRUNCATED_COLUMNS))


# KML ---------------------------------------------------------------------


def _kml_color(color: str, opacity: float = 1.0) -> str:
    red, green, blue, alpha = rgba(color, opacity)
    return f"{alpha:02x}{blue:02x}{green:02x}{red:02x}"


#: characters XML 1.0 cannot hold (a KML with one does not open): dropped from every KML text
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _XML_INVALID_RE.sub("", text)


def _kml(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{_KML_NS}}}{tag}")
    if text is not None:
        element.text = _xml_text(text)
    return element


def _kml_style(document: ET.Element, definition: LayerDef) -> None:
    style = definition.style
    node = ET.SubElement(document, f"{{{_KML_NS}}}Style", {"id": f"style-{definition.id}"})
    icon_style = _kml(node, "IconStyle")
    _kml(icon_style, "color", _kml_color(style.fill))
    _kml(icon_style, "scale", f"{max(style.radius, 1) / 6:.2f}")
    icon = _kml(icon_style, "Icon")
    shape = _KML_ICONS.get(style.marker, "placemark_circle")
    _kml(icon, "href", f"http://maps.google.com/mapfiles/kml/shapes/{shape}.png")
    line_style = _kml(node, "LineStyle")
    _kml(line_style, "color", _kml_color(style.color))
    _kml(line_style, "width", f"{style.weight:g}")
    poly_style = _kml(node, "PolyStyle")
    _kml(poly_style, "color", _kml_color(style.fill, style.fill_opacity))
    _kml(poly_style, "fill", "1" if style.fill_opacity > 0 else "0")
    _kml(poly_style, "outline", "1")


def _coordinates(coords: object) -> str:
    return " ".join(f"{x:.9f},{y:.9f}" for x, y, *_ in coords)


def _kml_geometry(parent: ET.Element, geometry: object) -> None:
    kind = geometry.geom_type
    if kind.startswith("Multi") or kind == "GeometryCollection":
        multi = _kml(parent, "MultiGeometry")
        for part in geometry.geoms:
            _kml_geometry(multi, part)
    elif kind == "Point":
        _kml(_kml(parent, "Point"), "coordinates", _coordinates(geometry.coords))
    elif kind in ("LineString", "LinearRing"):
        line = _kml(parent, "LineString")
        _kml(line, "tessellate", "1")
        _kml(line, "coordinates", _coordinates(geometry.coords))
    elif kind == "Polygon":
        polygon = _kml(parent, "Polygon")
        _kml(polygon, "tessellate", "1")
        rings = [("outerBoundaryIs", geometry.exterior)] + [
            ("innerBoundaryIs", r) for r in geometry.interiors
        ]
        for tag, ring in rings:
            _kml(_kml(_kml(polygon, tag), "LinearRing"), "coordinates", _coordinates(ring.coords))
    else:
        raise ExportError(f"KML cannot hold a {kind}")


def _kml_description(row: Mapping[str, object]) -> str:
    """An HTML table of the row's main facts; every value HTML-escaped (the XML writer escapes again)."""
    cells = []
    for label, column in _KML_DESCRIPTION:
        value = row.get(column)
        if value is None or pd.isna(value) or str(value) == "":
            continue
        cells.append(f"<tr><th>{html.escape(label)}</th><td>{html.escape(str(value))}</td></tr>")
    return "<table>" + "".join(cells) + "</table>"


_KML_TYPES = {"Integer": "int", "Real": "double", "String": "string"}
#: columns a placemark holds as its own elements, not as extended data: ``name``, and ``description`` (KML's
#: balloon, whose 说明 row is the feature's description)
_KML_ELEMENTS = ("name", "description")


def _write_kml(frames: Frames, path: Path) -> None:
    ET.register_namespace("", _KML_NS)
    root = ET.Element(f"{{{_KML_NS}}}kml")
    document = _kml(root, "Document")
    _kml(document, "name", "geoplan")
    definitions = _definitions(list(frames))
    for layer_id in frames:  # KML 2.2 order: styles, then schemas, then folders
        _kml_style(document, definitions[layer_id])
    for layer_id, frame in frames.items():
        schema = ET.SubElement(
            document, f"{{{_KML_NS}}}Schema", {"name": layer_id, "id": f"schema-{layer_id}"}
        )
        for column in (c for c in frame.columns if c not in (frame.geometry.name, *_KML_ELEMENTS)):
            kml_type = _KML_TYPES[_field_type(frame[column].dtype)]
            ET.SubElement(schema, f"{{{_KML_NS}}}SimpleField", {"name": column, "type": kml_type})
    for layer_id, frame in frames.items():
        folder = ET.SubElement(document, f"{{{_KML_NS}}}Folder", {"id": layer_id})
        _kml(folder, "name", definitions[layer_id].title)
        _kml(folder, "description", f"{definitions[layer_id].title_en} ({layer_id})")
        columns = [c for c in frame.columns if c != frame.geometry.name]
        for row, geometry in zip(frame[columns].to_dict("records"), frame.geometry, strict=True):
            placemark = _kml(folder, "Placemark")
            _kml(placemark, "name", str(row.get("name") or ""))
            _kml(placemark, "description", _kml_description(row))
            _kml(placemark, "styleUrl", f"#style-{layer_id}")
            data = _kml(_kml(placemark, "ExtendedData"), "SchemaData")
            data.set("schemaUrl", f"#schema-{layer_id}")
            for column in columns:
                value = row[column]
                if column not in _KML_ELEMENTS and value is not None and not pd.isna(value):
                    ET.SubElement(data, f"{{{_KML_NS}}}SimpleData", {"name": column}).text = _xml_text(
                        str(value)
                    )
            if geometry is not None and not geometry.is_empty:
                _kml_geometry(placemark, geometry)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


# --------------------------------------------------------------------------- public API

FORMATS: dict[str, ExportFormat] = {
    "geojson": ExportFormat(
        "geojson", "GeoJSON (RFC 7946)", (".geojson", ".json"), "application/geo+json", _write_geojson, True
    ),
    "shp": ExportFormat("shp", "Shapefile (zip)", (".zip",), "application/zip", _write_shapefile_zip),
    "gpkg": ExportFormat("gpkg", "GeoPackage", (".gpkg",), "application/geopackage+sqlite3", _write_gpkg),
    "kml": ExportFormat("kml", "KML", (".kml",), "application/vnd.google-earth.kml+xml", _write_kml, True),
    "csv": ExportFormat(
        "csv", "CSV zip (WKT, UTF-8 with BOM, .csvt/.prj)", (".csv.zip",), "application/zip", _write_csv
    ),
    "fgb": ExportFormat("fgb", "FlatGeobuf", (".fgb",), "application/flatgeobuf", _write_fgb),
}


def export_format(fmt: str) -> ExportFormat:
    """The format named ``fmt`` (case-insensitive)."""
    spec = FORMATS.get(fmt.strip().lower())
    if spec is None:
        raise UnsupportedFormatError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return spec


def export_layers(
    layers: dict[str, gpd.GeoDataFrame],
    out: Path,
    fmt: str,
    crs: str = "EPSG:4326",
    *,
    overwrite: bool = True,
) -> Path:
    """Write ``layers`` ({layer id: GeoDataFrame}) to ``out`` as ``fmt`` in ``crs``, atomically.

    ``fmt``: geojson | shp | gpkg | kml | csv | fgb; ``crs``: EPSG:4326 | EPSG:4490 | EPSG:3857 | GK
    (the CGCS2000 3-degree Gauss-Krüger zone of the data) | EPSG:4513…4533.  Returns ``out``.
    Without ``overwrite`` an existing ``out`` is never replaced.

    >>> export_layers(read_atlas(layers=["industry"]), Path("industry.gpkg"), "gpkg")  # doctest: +SKIP
    """
    spec = export_format(fmt)
    out = Path(out)
    if not out.name.lower().endswith(spec.suffixes):
        raise InputError(f"{out}: a {spec.title} export is named *{' or *'.join(spec.suffixes)}")
    _definitions(list(layers))
    target = resolve_crs(crs, layers)
    if spec.wgs84_only and target != WGS84:
        raise InputError(
            f"{spec.title} is WGS84 lon/lat by definition; use --crs EPSG:4326 or another format"
        )
    frames = _prepared(layers, target)
    try:
        with atomic_path(out, overwrite=overwrite) as tmp:
            spec.writer(frames, tmp)
    except GeoplanError:
        raise
    except Exception as error:  # GDAL, OS and encoding failures: nothing was left behind
        raise ExportError(f"{out}: {spec.name} export failed: {error}") from error
    return out


def export_file_name(layer_ids: list[str], fmt: str, crs: str = "EPSG:4326") -> str:
    """A descriptive file name, e.g. 'geoplan-industry-epsg4513.gpkg'."""
    spec = export_format(fmt)
    what = "-".join(layer_ids) if 0 < len(layer_ids) <= 3 else f"{len(layer_ids)}-layers"
    where = "" if crs == WGS84 else "-" + crs.lower().replace(":", "")
    return f"geoplan-{what}{where}{spec.suffixes[0]}"


def export_bytes(
    layers: dict[str, gpd.GeoDataFrame], fmt: str, crs: str = "EPSG:4326"
) -> tuple[bytes, str, str]:
    """The export of ``layers`` as bytes, with a file name and MIME type (for the app's downloads)."""
    spec = export_format(fmt)
    target = resolve_crs(crs, layers)
    name = export_file_name(list(layers), spec.name, target)
    with tempfile.TemporaryDirectory(prefix="geoplan-export-") as folder:
        path = export_layers(layers, Path(folder) / name, spec.name, target)
        return path.read_bytes(), name, spec.mime
