import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { run as deploy } from '../../cli/deploy';
import { main } from '../../cli/zone-access';
import { groupsToSync } from '../../sync/deploy-run';
import { installFakeTerraform } from '../support/fake-terraform';
import { baseConfig, captureIO, writeTree, zoneDoc } from '../support/tree';

/**
 * `zone-access deploy` against real synth output, with a terraform stand-in on PATH that records
 * its calls and can fail one command of one stack (support/fake-terraform.ts).
 */

const fake = installFakeTerraform();
// Each run starts the stand-in (a node script) some 30-60 times: slow on a busy machine.
jest.setTimeout(300_000);

function newTree() {
  const tree = writeTree({
    config: baseConfig({ departments: { pay: {}, hr: {}, old: { retired: true } } }),
    zones: { 'pay/pay-a.yaml': zoneDoc('pay-a', 'pay'), 'hr/hr-a.yaml': zoneDoc('hr-a', 'hr') },
  });
  return tree;
}

async function synth(root: string): Promise<void> {
  const { io, err } = captureIO(root);
  expect({
    code: await main(['synth', '--zones', 'zones', '--config', 'platform.yaml', '--out', 'cdktf.out'], io),
    err: '',
  }).toMatchObject({ code: 0 });
  void err;
}

interface Run {
  code: number;
  out: string;
  err: string;
  calls: { stack: string; args: string[] }[];
  awaited: string[];
  beforeApply: string[];
}

async function runDeploy(
  root: string,
  args: string[] = [],
  fail: string[] = [],
  beforeApply?: (stack: string) => Promise<void>,
): Promise<Run> {
  fake.reset();
  const { io, out, err } = captureIO(root, fake.env({ fail }));
  const awaited: string[] = [];
  const before: string[] = [];
  const code = await deploy(['--zones', 'zones', '--config', 'platform.yaml', ...args], io, {
    awaitSync: async (aws, entra, groups) => {
      awaited.push(`${entra}->${aws}: ${groups.join(' ')}`);
      return true;
    },
    beforeApply: async ({ stack, plan }) => {
      expect((plan as { resource_changes: unknown[] }).resource_changes.length).toBeGreaterThan(0);
      before.push(stack);
      await beforeApply?.(stack);
    },
  });
  return { code, out: out(), err: err(), calls: fake.calls(), awaited, beforeApply: before };
}

const planned = (r: Run): string[] =>
  [...new Set(r.calls.filter((c) => c.args[0] === 'plan').map((c) => c.stack))].sort();
const applied = (r: Run): string[] =>
  r.calls
    .filter((c) => c.args[0] === 'apply' && !c.stack.endsWith('/digest'))
    .map((c) => c.stack)
    .sort();
const recorded = (r: Run): string[] =>
  r.calls
    .filter((c) => c.args[0] === 'apply' && c.stack.endsWith('/digest'))
    .map((c) => c.stack.replace('/digest', ''))
    .sort();
const index = (r: Run, stack: string, command: string): number =>
  r.calls.findIndex((c) => c.stack === stack && c.args[0] === command);

const ALL = ['aws-hr', 'aws-old', 'aws-pay', 'entra-app-roles', 'entra-hr', 'entra-old', 'entra-pay'];
const WITH_RESOURCES = ALL.filter((s) => !s.endsWith('-old'));

describe('zone-access deploy', () => {
  it('one failing stack: every other stack is applied, in order, and the run fails naming it with its rerun command', async () => {
    const tree = newTree();
    await synth(tree.root);
    const r = await runDeploy(tree.root, [], ['entra-hr:apply']);

    expect(r.code).toBe(1);
    // Every stack attempted; every stack with changes applied, entra-hr too (and failed there).
    expect(planned(r)).toEqual(ALL);
    expect(applied(r)).toEqual(WITH_RESOURCES);
    expect(recorded(r)).toEqual(ALL.filter((s) => s !== 'entra-hr'));
    // entra-app-roles before every other plan; each department's Entra stack before its AWS stack.
    const rolesApplied = index(r, 'entra-app-roles', 'apply');
    for (const s of ALL.filter((x) => x !== 'entra-app-roles'))
      expect({ s, after: index(r, s, 'plan') > rolesApplied }).toEqual({ s, after: true });
    for (const d of ['hr', 'pay', 'old']) {
      const entraDone = Math.max(...r.calls.map((c, i) => (c.stack.startsWith(`entra-${d}`) ? i : -1)));
      expect({ d, after: index(r, `aws-${d}`, 'init') > entraDone }).toEqual({ d, after: true });
    }
    // The failed department's AWS stack still runs (its removals are not held back); only
    // departments whose Entra stack changed something wait for SCIM, and only for their groups.
    expect(r.awaited.sort()).toEqual(['entra-pay->aws-pay: entigo-zone-pay-a']);
    expect(r.beforeApply.sort()).toEqual(['entra-app-roles', 'entra-hr', 'entra-pay']);
    // Plans of a merge do not refresh; the plan that is applied is the one shown.
    for (const c of r.calls.filter((x) => x.args[0] === 'plan'))
      expect(c.args).toEqual(
        expect.arrayContaining(['-refresh=false', '-out=.zone-access/plan.tfplan', '-json', '-detailed-exitcode']),
      );
    for (const c of r.calls.filter((x) => x.args[0] === 'apply' && !x.stack.endsWith('/digest')))
      expect(c.args).toEqual(['apply', '-input=false', '-json', '.zone-access/plan.tfplan']);

    expect(r.out).toMatch(
      /^deploy: 6 applied, 0 skipped as unchanged, 1 failed; resources: 10 added, 0 changed, 0 destroyed/,
    );
    expect(r.out).toMatch(/FAILED +entra-hr +at apply: Error: fake failure of apply in entra-hr/);
    expect(r.out).toContain('  npx --no zone-access deploy --zones zones --config platform.yaml --stack entra-hr\n');
    expect(r.out.match(/--stack /g)).toHaveLength(1);
    expect(r.err).toContain('[entra-hr] FAILED at apply');
    expect(r.err).toMatch(/\[aws-pay\] applied: 3 added, 0 changed, 0 destroyed/);
  });

  it('a changed stack is never skipped, also after a failed run; an unchanged one is skipped on a merge and applied with --all', async () => {
    const tree = newTree();
    await synth(tree.root);
    expect((await runDeploy(tree.root, [], ['entra-hr:apply', 'aws-pay:plan'])).code).toBe(1);

    // Nothing changed in the tree: the two stacks that failed are planned again, nothing else.
    await synth(tree.root);
    const second = await runDeploy(tree.root);
    expect(second.code).toBe(0);
    // entra-hr changed something in this run: aws-hr, which reads what it made, is planned too,
    // after SCIM has its groups.
    expect(planned(second)).toEqual(['aws-hr', 'aws-pay', 'entra-hr']);
    expect(recorded(second)).toEqual(['aws-hr', 'aws-pay', 'entra-hr']);
    expect(second.awaited).toEqual(['entra-hr->aws-hr: entigo-zone-hr-a']);
    expect(second.out).toMatch(/^deploy: 3 applied, 4 skipped as unchanged, 0 failed/);

    // Unchanged: skipped on a merge.
    const third = await runDeploy(tree.root);
    expect(planned(third)).toEqual([]);
    expect(third.out).toMatch(/^deploy: 0 applied, 7 skipped as unchanged, 0 failed/);

    // One zone edited: only its stacks are planned.
    writeFileSync(
      join(tree.zonesDir, 'pay', 'pay-a.yaml'),
      stringify(zoneDoc('pay-a', 'pay', { accounts: ['123456789012', '999999999999'] })),
    );
    await synth(tree.root);
    const edit = await runDeploy(tree.root);
    expect(planned(edit)).toEqual(['aws-pay']);

    // The scheduled run: every stack, with refresh.
    const all = await runDeploy(tree.root, ['--all']);
    expect(all.code).toBe(0);
    expect(planned(all)).toEqual(ALL);
    for (const c of all.calls.filter((x) => x.args[0] === 'plan')) expect(c.args).not.toContain('-refresh=false');
    expect(all.out).toMatch(/^deploy: 7 applied, 0 skipped as unchanged, 0 failed/);
  });

  it('a stack whose apply fails after its digest was recorded in an earlier run is planned again in the next', async () => {
    const tree = newTree();
    await synth(tree.root);
    expect((await runDeploy(tree.root)).code).toBe(0);
    writeFileSync(join(tree.zonesDir, 'hr', 'hr-b.yaml'), stringify(zoneDoc('hr-b', 'hr')));
    await synth(tree.root);
    const failed = await runDeploy(tree.root, [], ['aws-hr:apply']);
    expect(failed.code).toBe(1);
    expect(planned(failed)).toEqual(['aws-hr', 'entra-app-roles', 'entra-hr']);
    // The Entra stack added the group: its AWS stack waited for SCIM before its plan (the stand-in
    // plans every resource as new, so hr-a's group is in the list too).
    expect(failed.awaited).toEqual(['entra-hr->aws-hr: entigo-zone-hr-a entigo-zone-hr-b']);
    const retried = await runDeploy(tree.root);
    expect(planned(retried)).toEqual(['aws-hr']);
    expect(retried.code).toBe(0);
  });

  it('a rejected step before apply fails that Entra stack without applying it, and nothing else', async () => {
    const tree = newTree();
    await synth(tree.root);
    const r = await runDeploy(tree.root, [], [], async (stack) => {
      if (stack === 'entra-pay') throw new Error('an access package still has assignments');
    });
    expect(r.code).toBe(1);
    expect(applied(r)).toEqual(WITH_RESOURCES.filter((s) => s !== 'entra-pay'));
    expect(index(r, 'entra-pay', 'show')).toBeGreaterThan(index(r, 'entra-pay', 'plan'));
    expect(r.out).toMatch(/FAILED +entra-pay +at before apply: an access package still has assignments/);
    // AWS stacks never need the step: no show for them.
    expect(r.calls.filter((c) => c.args[0] === 'show' && c.stack.startsWith('aws-'))).toEqual([]);
  });

  it('--stack reruns one stack whatever its digest; the digest record sits next to the local state', async () => {
    const tree = newTree();
    await synth(tree.root);
    const r = await runDeploy(tree.root, ['--stack', 'aws-pay']);
    expect(r.code).toBe(0);
    expect(planned(r)).toEqual(['aws-pay']);
    const record = join(tree.root, 'cdktf.out', 'stacks', 'aws-pay', 'terraform.tfstate.zone-access-digest');
    expect(existsSync(record)).toBe(true);
    expect(JSON.parse(readFileSync(record, 'utf8')).outputs.digest.value).toMatch(/^[0-9a-f]{64}$/);
  });

  it('waits only for groups a plan creates, replaces or renames, not for a membership change', () => {
    const change = (actions: string[], before: string | null, after: string) => ({
      type: 'azuread_group',
      change: { actions, before: before === null ? null : { display_name: before }, after: { display_name: after } },
    });
    const plan = {
      resource_changes: [
        change(['create'], null, 'g-new'),
        change(['delete', 'create'], 'g-replaced', 'g-replaced'),
        change(['update'], 'g-old-name', 'g-renamed'),
        change(['update'], 'g-members', 'g-members'),
        change(['delete'], 'g-gone', 'g-gone'),
        { type: 'azuread_app_role_assignment', change: { actions: ['create'], after: {} } },
      ],
    };
    expect(groupsToSync(plan)).toEqual(['g-new', 'g-renamed', 'g-replaced']);
  });

  it('usage errors and a missing synth output', async () => {
    const tree = newTree();
    const { io, err } = captureIO(tree.root, fake.env());
    expect(await main(['deploy', '--concurrency', '0'], io)).toBe(2);
    expect(await main(['deploy', '--all', '--stack', 'x'], io)).toBe(2);
    expect(await main(['deploy'], io)).toBe(1);
    expect(err()).toMatch(/manifest\.json does not exist: run `zone-access synth --out/);
  });
});
