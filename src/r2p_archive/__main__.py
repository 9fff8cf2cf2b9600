from r2p_archive.cli import main

main()
