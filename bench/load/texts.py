#!/usr/bin/env python3
"""Writes the descriptions the load harness posts: one URL-encoded text per line, drawn from the shared hotline
messages (title, then the start of the detail). The data stays where it is; only this derived list is written, to
a path outside the repository's tracked files."""
import csv
import sys
import urllib.parse

out_path = sys.argv[1]
sources = sys.argv[2:]
seen = set()
with open(out_path, "w", encoding="utf-8") as out:
    for source in sources:
        with open(source, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                title = (row.get("留言主题") or "").strip()
                detail = " ".join((row.get("留言详情") or "").split())
                text = (title + "。" + detail)[:400] if detail else title
                if len(text) < 4 or text in seen:
                    continue
                seen.add(text)
                out.write(urllib.parse.quote(text, safe="") + "\n")
print(f"{len(seen)} texts written to {out_path}", file=sys.stderr)
