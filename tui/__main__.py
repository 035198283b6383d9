"""``python -m tui``: the same as the ``newslens`` console script."""

import sys

from tui.launch import main

sys.exit(main())
