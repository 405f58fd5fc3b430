from reclaim_i18n.cli import main

main()
