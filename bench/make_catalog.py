#!/usr/bin/env python3
"""Writes a catalog N times the size of a shipped one: every provider file copied N-1 more times
under new ids ("kling-s1", "kling-s2", ...), aliases dropped from the copies (aliases must be
unique across the catalog). fx.toml and the compute files are copied once.

Usage: make_catalog.py SOURCE_DIR N OUT_DIR
"""
import os
import re
import shutil
import sys

PROVIDER_ID = re.compile(r'(\[provider\]\s*\nid = ")([^"]+)(")')
ALIASES = re.compile(r'\naliases = \[[^\]]*\]')


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    source, copies, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(source)):
        path = os.path.join(source, name)
        if not name.endswith(".toml") or not os.path.isfile(path):
            continue
        shutil.copyfile(path, os.path.join(out, name))
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if "[provider]" not in text:
            continue
        stem = name[:-len(".toml")]
        for k in range(1, copies):
            copy = PROVIDER_ID.sub(lambda m: f"{m.group(1)}{m.group(2)}-s{k}{m.group(3)}", text)
            copy = ALIASES.sub("", copy)
            with open(os.path.join(out, f"{stem}-s{k}.toml"), "w", encoding="utf-8") as f:
                f.write(copy)


if __name__ == "__main__":
    main()
