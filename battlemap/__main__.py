from battlemap.cli import main

main()
