#!/usr/bin/env python3
"""Build the briefing site: `python build.py --help` for the options."""

import sys

from briefings.cli import main

if __name__ == "__main__":
    sys.exit(main())
