#!/usr/bin/env python3
"""Rewrites every ```console block of README.md and docs/*.md that starts with
"$ vidcost ..." with the real output of the built binary (stdout, then stderr), run on the
shipped catalog with --as-of 2026-11-28 unless the command names its own date, from the
repository root, and the schema reference at the end of docs/catalog.md.
Usage: scripts/update-doc-examples.py [BINARY]"""
import glob
import os
import shlex
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build", "vidcost")


def run(command):
    args = shlex.split(command, comments=True)
    prefix = ["--catalog", os.path.join(root, "pricing")]
    if "--as-of" not in args:
        prefix = ["--as-of", "2026-11-28"] + prefix
    done = subprocess.run([binary] + prefix + args, capture_output=True, text=True, cwd=root,
                          env=dict(os.environ, NO_COLOR="1"))
    return done.stdout + done.stderr


for path in [os.path.join(root, "README.md")] + sorted(glob.glob(os.path.join(root, "docs", "*.md"))):
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        if line == "```console" and i + 1 < len(lines) and lines[i + 1].startswith("$ vidcost "):
            command = lines[i + 1][len("$ vidcost "):]
            out.append(lines[i + 1])
            j = i + 2
            while lines[j] != "```":
                j += 1
            out.extend(run(command).rstrip("\n").split("\n"))
            out.append("```")
            i = j + 1
            continue
        i += 1
    open(path, "w", encoding="utf-8").write("\n".join(out))

# docs/catalog.md ends with the schema reference, printed by `vidcost catalog schema`.
catalog_doc = os.path.join(root, "docs", "catalog.md")
text = open(catalog_doc, encoding="utf-8").read()
schema = subprocess.run([binary, "catalog", "schema"], capture_output=True, text=True, check=True).stdout
start = text.find("### `[provider]`")
open(catalog_doc, "w", encoding="utf-8").write(text[:start] + schema)
