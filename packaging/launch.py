"""The standalone build's program: the same command line as ``python -m kapcompanion``."""

import sys

from kapcompanion.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
