#!/bin/bash
# Scores every validation set with and without its context, with
# ../shared/tools/score-labelled: one line per set. Run from anywhere:
#   tests/validation/score-all.sh [BINARY]   (default target/release/salesevo)
cd "$(dirname "$0")/../.."
B=${1:-target/release/salesevo}
for set in holdout holdout2 holdout3 holdout4 holdout5 holdout6 holdout7 holdout8 holdout9 holdout10 holdout11 holdout12 holdout13 holdout14 holdout15 holdout16 holdout17; do
  rm -rf /tmp/val/$set; mkdir -p /tmp/val/$set; cp tests/validation/$set/answers/* /tmp/val/$set/
  python3 tests/validation/merge-context.py $set >/dev/null
  a=$(../shared/tools/score-labelled tests/validation/$set/labels.yaml /tmp/val/$set $B 2>&1 | head -1)
  c=$(../shared/tools/score-labelled tests/validation/$set/labels.yaml /tmp/val/${set}c $B 2>&1 | head -1)
  echo "$set | $a | ctx: $c"
done
for r in r1 r2; do
  rm -rf /tmp/val/$r; mkdir -p /tmp/val/$r; cp tests/validation/answers/$r/* /tmp/val/$r/ 2>/dev/null
  python3 tests/validation/merge-context.py $r >/dev/null
  a=$(../shared/tools/score-labelled tests/validation/labels.yaml /tmp/val/$r $B 2>&1 | head -1)
  c=$(../shared/tools/score-labelled tests/validation/labels.yaml /tmp/val/${r}c $B 2>&1 | head -1)
  echo "$r | $a | ctx: $c"
done
