#!/usr/bin/env python3
"""Quality gate: compares scores printed by score.py --json (standard input) with the floors in
quality/baseline.json and exits 1 when any score falls below its floor.

    python3 quality/check.py quality/baseline.json < scores.json

The baseline maps "kind.metric" (e.g. "figure.strict_f1", "quote.f1") or
"kind.fields.field" (a per-field accuracy, e.g. "figure.fields.value") to a floor. Floors are
only ever raised.
"""
import json
import sys


def lookup(scores, key):
    node = scores
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    if isinstance(node, dict) and "accuracy" in node:
        node = node["accuracy"]
    return node


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    baseline = json.load(open(sys.argv[1], encoding="utf-8"))
    scores = json.load(sys.stdin)
    failed = False
    for key, floor in sorted(baseline.get("floors", {}).items()):
        if key.startswith("html."):
            continue  # checked by .ci/run against score_html.py
        got = lookup(scores, key)
        ok = isinstance(got, (int, float)) and got + 1e-9 >= floor
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {key:32} {got if got is not None else 'missing'} (floor {floor})")
    if failed:
        print("quality gate: a score fell below quality/baseline.json", file=sys.stderr)
        sys.exit(1)
    print("quality gate: all scores at or above their floors")


if __name__ == "__main__":
    main()
