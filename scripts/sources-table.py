#!/usr/bin/env python3
"""Prints the table of docs/sources.md: per driver of a scanned tree, the device objects found and the
findings of `check` by requirement. Usage: sources-table.py SCAN.json CHECK.json
(from `drvguard scan --format json WDS_SRC` and `drvguard check --format json WDS_SRC`)."""
import collections
import json
import sys

scan = json.load(open(sys.argv[1]))
check = json.load(open(sys.argv[2]))
findings = collections.defaultdict(collections.Counter)
for v in check["violations"]:
    findings[v["package"]][v["requirement"]] += 1

print("| driver | fw | role | device objects (kind) | IOCTLs (user mode) | unresolved | findings by requirement |")
print("|---|---|---|---|---|---|---|")
for p in scan["packages"]:
    name = p["driver"]["name"]
    kinds = collections.Counter(d["kind"] for d in p["deviceObjects"])
    objects = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "—"
    user = sum(1 for i in p["ioctls"] if i["userMode"])
    ioctls = f"{len(p['ioctls'])} ({user})" if p["ioctls"] else "—"
    found = ", ".join(f"{r} ×{n}" if n > 1 else r for r, n in sorted(findings[name].items())) or "none"
    print(f"| `{name}` | {p['framework']} | {p['driver']['role']} | {objects} | {ioctls} | "
          f"{len(p['unresolved']) or '—'} | {found} |")

total = collections.Counter()
for c in findings.values():
    total.update(c)
rules = collections.Counter(v["ruleId"] for v in check["violations"] if any(v["package"] == p["driver"]["name"] for p in scan["packages"]))
print()
print(f"{len(scan['packages'])} drivers; findings on them by rule: " +
      ", ".join(f"`{r}` {n}" for r, n in rules.most_common()))
