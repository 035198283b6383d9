"""``python -m tui``: the same as the ``newslens`` console script."""

import sys

from tui.launch import main

if __name__ == "__main__":
    sys.exit(main())
