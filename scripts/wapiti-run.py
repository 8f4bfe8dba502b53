#!/usr/bin/python3
# wapiti-run.py - run Debian's wapiti (the wapitiCore package of its python3)
# with the same arguments, with its URL exclusion (-x) working.
#
# Debian 12 ships wapiti 3.0.4, whose wildcard_translate() ends every -x
# pattern with "(?ms)"; Python 3.11 refuses global flags that are not at the
# start of an expression, so any -x stops the scan with re.error before the
# crawl.  make security needs -x to keep wapiti away from POST /logout, which
# would end the session it scans with.  When the installed wapiti compiles
# its patterns itself, this changes nothing.
#
#   scripts/wapiti-run.py WAPITI-ARGUMENTS...
import re
import sys

import wapitiCore.net.crawler as crawler
from wapitiCore.main.wapiti import wapiti_main


def exclusion_pattern(pattern):
    """A -x pattern as a regular expression: '*' is any text, the rest literal."""
    literal = [re.escape(part) for part in pattern.split("*")]
    return re.compile("(?ms)" + ".*".join(literal) + r"\Z")


try:
    crawler.wildcard_translate("http://example.invalid/*")
except re.error:
    crawler.wildcard_translate = exclusion_pattern

sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
