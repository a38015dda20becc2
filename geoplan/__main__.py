from geoplan.cli import main

main()
