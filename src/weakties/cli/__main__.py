import sys

from weakties.cli.main import main

sys.exit(main())
