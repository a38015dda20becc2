"""``streamlit run app.py``: the geoplan web map from a checkout (the app itself is ``geoplan/app.py``)."""

from geoplan.app import main

main()
