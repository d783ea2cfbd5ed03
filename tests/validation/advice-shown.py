#!/usr/bin/env python3
"""Writes what a rating consultant is shown: each profile's next steps and
"moving on" text, as the tool gives them for round 2's answers with the
profile's context (run merge-context.py first).

    python3 tests/validation/advice-shown.py /tmp/val/r2c target/release/salesevo > OUT.md
"""
import json
import pathlib
import subprocess
import sys

answers, binary = pathlib.Path(sys.argv[1]), sys.argv[2]
for f in sorted(answers.glob("p*.yaml")):
    out = subprocess.run([binary, "score", str(f), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    d = json.loads(out)
    print(f"# Next steps the tool gave for {f.stem}\n")
    build = [s for s in d["next_steps"] if s["reason"] != "find out"]
    checks = [s for s in d["next_steps"] if s["reason"] == "find out"]
    for i, s in enumerate(build, 1):
        print(f"{i}. {s['action'].strip()}")
    # From round 8 the tool lists what to find out under its own heading.
    for s in checks:
        print(f"\n(Shown after the steps, under the heading \"Find out\":) {s['action'].strip()}")
    # Not placed: the tool asks for the answers that would decide first.
    if d.get("ask_first"):
        print("(Shown instead of steps, under the heading \"Answer these first\":)")
        for q in d["ask_first"]:
            text = q.get("question") or q.get("statement") or q.get("trait")
            print(f"- {str(text).strip()}")
    moving = d.get("moving_on")
    if moving:
        print(f"\n(Shown below the steps as the general direction:) {moving.strip()}")
    print()
