import { loadTree } from '../../pipeline/load';
import { diffTrees } from '../../report/diff';
import { renderMarkdown } from '../../report/render-markdown';
import { run as report } from '../../cli/report';
import { run as synth } from '../../cli/synth';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { baseConfig, captureIO, makeTempDir, writeTree, zoneDoc } from '../support/tree';

/**
 * Departments are declared in the platform config, not inferred from folders. Git
 * keeps no empty folder, so a department whose last zone file is deleted has no folder in a fresh
 * clone; only the declaration keeps its stacks (and with them the revocation) in the output.
 */

function tree(
  departments: Record<string, unknown>,
  zones: Record<string, Record<string, unknown>>,
  emptyDepartments: string[] = [],
) {
  return writeTree({ config: baseConfig({ departments }), zones, emptyDepartments });
}

describe('declared departments', () => {
  it('a declared department with no folder at all keeps its place in the tree', () => {
    const { tree: loaded, diagnostics } = loadTree(tree({ pay: {}, hr: {} }, { 'pay/a.yaml': zoneDoc('a', 'pay') }));
    expect(diagnostics).toEqual([]);
    expect(loaded!.departments).toEqual(['hr', 'pay']);
  });

  it('a folder whose department is not declared is an error on every zone file in it, naming the config', () => {
    const paths = tree(
      { pay: {} },
      { 'pay/a.yaml': zoneDoc('a', 'pay'), 'ops/b.yaml': zoneDoc('b', 'ops'), 'ops/c.yaml': zoneDoc('c', 'ops') },
    );
    const { tree: loaded, diagnostics } = loadTree(paths);
    expect(loaded).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: join(paths.zonesDir, 'ops', 'b.yaml'),
        code: 'undeclared-department',
        message: `department "ops" is not declared in ${paths.configPath} (departments:)`,
      }),
      expect.objectContaining({ file: join(paths.zonesDir, 'ops', 'c.yaml'), code: 'undeclared-department' }),
    ]);
    expect(diagnostics[0].hint).toContain('add "ops: {}" under departments:');
  });

  it('an undeclared empty folder is an error on the folder', () => {
    const paths = tree({ pay: {} }, {}, ['ops']);
    expect(loadTree(paths).diagnostics).toEqual([
      expect.objectContaining({ file: join(paths.zonesDir, 'ops'), code: 'undeclared-department' }),
    ]);
  });

  it('a folder that differs in case from a declared department names the declaration and the right folder', () => {
    const paths = tree({ pay: {} }, { 'Pay/a.yaml': zoneDoc('a', 'pay') });
    const { diagnostics } = loadTree(paths);
    const problem = diagnostics.find((d) => d.code === 'invalid-department-folder');
    expect(problem).toBeDefined();
    expect(problem!.message).toMatch(
      new RegExp(
        `department folder "Pay" differs in case from the department "pay" declared in ${paths.configPath}:\\d+$`,
      ),
    );
    expect(problem!.hint).toContain(join(paths.zonesDir, 'pay'));
  });

  it('a retired department that still has zone files: an error per file naming the config line', () => {
    const paths = tree({ pay: {}, hr: { retired: true } }, { 'hr/payroll.yaml': zoneDoc('payroll', 'hr') });
    const { diagnostics } = loadTree(paths);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: join(paths.zonesDir, 'hr', 'payroll.yaml'), code: 'retired-department' }),
    ]);
    const line =
      stringify(baseConfig({ departments: { pay: {}, hr: { retired: true } } }))
        .split('\n')
        .findIndex((l) => l.startsWith('  hr:')) + 1;
    expect(diagnostics[0].message).toContain(`is retired in ${paths.configPath}:${line}`);
  });

  it('the departments map is required, with keys that are department names', () => {
    const noMap = writeTree({ config: stringify(baseConfig()), zones: {} });
    expect(loadTree(noMap).diagnostics).toEqual([
      expect.objectContaining({ field: 'departments', code: 'missing-key' }),
    ]);
    const badKey = writeTree({ config: baseConfig({ departments: { Pay: {} } }), zones: {} });
    expect(loadTree(badKey).diagnostics).toEqual([expect.objectContaining({ field: 'departments.Pay' })]);
    const badValue = writeTree({ config: baseConfig({ departments: { pay: { retired: 'yes' } } }), zones: {} });
    expect(loadTree(badValue).diagnostics).toEqual([
      expect.objectContaining({ field: 'departments.pay.retired', code: 'wrong-type' }),
    ]);
  });

  it('synth writes nothing for an undeclared department folder, and exits 1 naming the file', async () => {
    const paths = tree({ pay: {} }, { 'ops/b.yaml': zoneDoc('b', 'ops') });
    const out = join(makeTempDir('out-'), 'cdktf.out');
    const { io, err } = captureIO();
    expect(await synth(['--zones', paths.zonesDir, '--config', paths.configPath, '--out', out], io)).toBe(1);
    expect(err()).toContain(join(paths.zonesDir, 'ops', 'b.yaml'));
    expect(existsSync(out)).toBe(false);
  });

  it('synth writes both stacks of every declared department, zones or not, retired or not', async () => {
    const paths = tree({ pay: {}, hr: {}, old: { retired: true } }, { 'pay/a.yaml': zoneDoc('a', 'pay') });
    const out = join(makeTempDir('out-'), 'cdktf.out');
    const { io } = captureIO();
    expect(await synth(['--zones', paths.zonesDir, '--config', paths.configPath, '--out', out], io)).toBe(0);
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual([
      'aws-hr',
      'aws-old',
      'aws-pay',
      'entra-app-roles',
      'entra-hr',
      'entra-old',
      'entra-pay',
    ]);
  });
});

describe('the report on department changes', () => {
  function side(
    departments: Record<string, unknown>,
    zones: Record<string, Record<string, unknown>>,
    sharding = 'department',
  ) {
    const root = makeTempDir('side-');
    mkdirSync(join(root, 'config'), { recursive: true });
    writeFileSync(join(root, 'config', 'platform.yaml'), stringify(baseConfig({ departments, sharding })));
    for (const [path, zone] of Object.entries(zones)) {
      mkdirSync(join(root, 'zones', path.split('/')[0]), { recursive: true });
      writeFileSync(join(root, 'zones', path), stringify(zone));
    }
    mkdirSync(join(root, 'zones'), { recursive: true });
    return root;
  }
  const load = (root: string) =>
    loadTree({ zonesDir: join(root, 'zones'), configPath: join(root, 'config', 'platform.yaml') }).tree!;
  const hrZones = {
    'hr/payroll.yaml': zoneDoc('payroll', 'hr', { accounts: ['111111111111', '222222222222'] }),
    'hr/people.yaml': zoneDoc('people', 'hr'),
  };

  it('a department that loses its last zone is a revocation: zones, accounts and the stacks to apply', () => {
    const r = diffTrees(load(side({ hr: {} }, hrZones)), load(side({ hr: {} }, {})));
    expect(r.departments).toEqual([
      {
        department: 'hr',
        change: 'emptied',
        stacks: { entra: 'entra-hr', aws: 'aws-hr' },
        zonesRevoked: ['payroll', 'people'],
        accountsRevoked: [{ id: '111111111111' }, { id: '123456789012' }, { id: '222222222222' }],
        action: 'apply entra-hr and aws-hr (now empty): destroys the access of its removed zones',
        unsafe: false,
      },
    ]);
    expect(r.summary).toMatchObject({ departmentRevocations: 1, unsafe: 0, removed: 2 });
    const md = renderMarkdown(r);
    expect(md).toContain('**1 department revoking access**');
    expect(md).toContain('- **`hr`** 🗑️ emptied. Revokes 2 zones (`payroll`, `people`) in 3 accounts');
  });

  it('retiring is a revocation with the two steps spelled out', () => {
    const r = diffTrees(load(side({ hr: {} }, hrZones)), load(side({ hr: { retired: true } }, {})));
    expect(r.departments).toEqual([
      expect.objectContaining({
        department: 'hr',
        change: 'retired',
        zonesRevoked: ['payroll', 'people'],
        unsafe: false,
      }),
    ]);
    expect(r.departments[0].action).toContain('delete the department from departments:');
  });

  it('deleting the entry of a department that still had zones is unsafe, and `report` exits 1', async () => {
    const base = side({ hr: {}, pay: {} }, hrZones);
    const head = side({ pay: {} }, {});
    const r = diffTrees(load(base), load(head));
    expect(r.departments).toEqual([expect.objectContaining({ department: 'hr', change: 'undeclared', unsafe: true })]);
    expect(renderMarkdown(r)).toContain('⛔ **`hr`** ➖ undeclared');
    const { io, out, err } = captureIO();
    expect(await report(['--base', base, '--head', head], io)).toBe(1);
    expect(out()).toContain('UNSAFE');
    expect(err()).toContain('department hr: UNSAFE');
  });

  it('deleting the entry after a retirement was applied is safe; so is any undeclaring under single sharding', async () => {
    const retired = diffTrees(load(side({ hr: { retired: true }, pay: {} }, {})), load(side({ pay: {} }, {})));
    expect(retired.departments).toEqual([
      expect.objectContaining({ change: 'undeclared', unsafe: false, zonesRevoked: [] }),
    ]);
    const single = diffTrees(load(side({ hr: {}, pay: {} }, hrZones, 'single')), load(side({ pay: {} }, {}, 'single')));
    expect(single.departments).toEqual([
      expect.objectContaining({ change: 'undeclared', unsafe: false, stacks: { entra: 'entra-all', aws: 'aws-all' } }),
    ]);
  });

  it('a zone moved out of a department that is then emptied is not revoked', () => {
    const r = diffTrees(
      load(side({ hr: {}, pay: {} }, hrZones)),
      load(
        side(
          { hr: {}, pay: {} },
          {
            'pay/payroll.yaml': zoneDoc('payroll', 'pay', { accounts: ['111111111111', '222222222222'] }),
            'pay/people.yaml': zoneDoc('people', 'pay'),
          },
        ),
      ),
    );
    expect(r.departments).toEqual([
      expect.objectContaining({ change: 'emptied', zonesRevoked: [], accountsRevoked: [] }),
    ]);
  });
});
