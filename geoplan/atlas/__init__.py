"""Stage 4, atlas: feature rows gathered into the layers of ``layers/layers.yaml``.

``build`` runs read → geocode → extract over many plans and writes the atlas GeoPackage atomically;
``schema`` holds the atlas columns and reads an atlas back.
"""
