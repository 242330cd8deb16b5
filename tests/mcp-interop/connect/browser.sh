#!/bin/sh
# BROWSER for mcp-remote under test: instead of opening a browser, record the URL it asked for (the .NET test drives
# Chromium there). xdg-open, which mcp-remote's opener runs, hands the URL to $BROWSER.
printf '%s\n' "$1" >> "$AUTRI_BROWSER_LOG"
