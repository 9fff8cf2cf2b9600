from r2p_archive.cli import main

if __name__ == "__main__":
    main()
