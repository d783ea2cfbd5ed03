# Merges a set's context.yaml into copies of its answer files, for
# ../shared/tools/score-labelled. Run from the repository root:
#   python3 tests/validation/merge-context.py r1 r2        -> /tmp/val/r1c, /tmp/val/r2c
#   python3 tests/validation/merge-context.py holdout2     -> /tmp/val/holdout2c
# A round (r1, r2) is a folder of tests/validation/answers/ with the first
# set's context.yaml; any other name is a set folder of tests/validation/
# with its own answers/ and context.yaml.
import sys, os, yaml
base = 'tests/validation'
for name in sys.argv[1:]:
    if os.path.isdir(f'{base}/answers/{name}'):
        answers, ctx_file = f'{base}/answers/{name}', f'{base}/context.yaml'
    else:
        answers, ctx_file = f'{base}/{name}/answers', f'{base}/{name}/context.yaml'
    ctx = yaml.safe_load(open(ctx_file))
    out = f'/tmp/val/{name}c'; os.makedirs(out, exist_ok=True)
    for f in sorted(os.listdir(answers)):
        pid = f[:-5]; c = ctx[pid]
        lines = ['context:']
        for k in ['offering','deal_size','customers','sellers']:
            v = c.get(k)
            if v not in (None,'unknown'): lines.append(f'  {k}: "{v}"')
        if c.get('worries'): lines.append('  worries: [' + ', '.join(c['worries']) + ']')
        text = open(f'{answers}/{f}').read().rstrip('\n') + '\n' + '\n'.join(lines) + '\n'
        open(f'{out}/{f}','w').write(text)
