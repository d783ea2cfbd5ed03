# Merges tests/validation/context.yaml into copies of a round's answer files,
# in /tmp/val/<round>c/, for ../shared/tools/score-labelled. Run from the repository root:
#   python3 tests/validation/merge-context.py r1 r2
import sys, os, yaml
ctx = yaml.safe_load(open('tests/validation/context.yaml'))
for rnd in sys.argv[1:]:
    out = f'/tmp/val/{rnd}c'; os.makedirs(out, exist_ok=True)
    for f in sorted(os.listdir(f'tests/validation/answers/{rnd}')):
        pid = f[:-5]; c = ctx[pid]
        lines = ['context:']
        for k in ['offering','deal_size','customers','sellers']:
            v = c.get(k)
            if v not in (None,'unknown'): lines.append(f'  {k}: "{v}"')
        if c.get('worries'): lines.append('  worries: [' + ', '.join(c['worries']) + ']')
        text = open(f'tests/validation/answers/{rnd}/{f}').read().rstrip('\n') + '\n' + '\n'.join(lines) + '\n'
        open(f'{out}/{f}','w').write(text)
