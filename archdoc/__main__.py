from archdoc.cli import main

raise SystemExit(main())
