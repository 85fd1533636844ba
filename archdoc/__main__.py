from archdoc._early import main

raise SystemExit(main())
