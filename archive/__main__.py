from archive.cli.app import main

main()
