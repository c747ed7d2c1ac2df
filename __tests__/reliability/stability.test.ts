import { writeTree, zoneDoc } from '../support/tree';
import { sampleConfig, sampleZones } from './sample-tree';
import {
  diffResources,
  synthFiles,
  touchedPaths,
  zoneOfPath,
  type ResourceDiff,
  type SynthFiles,
} from './synth-output';

/**
 * A change to one zone must not touch another zone's access, so it changes only that zone's resources. Each case synthesizes the
 * sample tree before and after one edit and diffs the output resource by resource (address and
 * body, in every AWS and Entra stack): every difference must belong to the edited zone's
 * constructs (`<stack>/<zone>/...`), and the stacks' providers, backends and metadata stay as
 * they were. Anything else would make Terraform touch another department's access.
 */

type Zones = Record<string, Record<string, unknown>>;

let before: SynthFiles;

beforeAll(() => {
  before = synthFiles(writeTree({ config: sampleConfig(), zones: sampleZones() }));
});

function after(edit: (zones: Zones) => void, emptyDepartments: string[] = []): ResourceDiff {
  const zones = sampleZones();
  edit(zones);
  return diffResources(before, synthFiles(writeTree({ config: sampleConfig(), zones, emptyDepartments })));
}

/** Every difference is in `zone`'s constructs, and there is at least one. */
function expectOnlyZone(diff: ResourceDiff, zone: string): void {
  const paths = touchedPaths(diff);
  expect(paths.length).toBeGreaterThan(0);
  expect(paths.filter((p) => zoneOfPath(p) !== zone)).toEqual([]);
}

/** `aws-pay/billing/assignment-111111111111` → `aws-pay assignment-111111111111`; owner ids lose their hash suffix. */
const short = (p: string) =>
  p
    .split('/')
    .filter((_, i) => i !== 1)
    .join(' ')
    .replace(/^(entra-\S+ owner-.*)-[0-9a-f]{8}$/, '$1');

it('a synthesis compared with itself has no differences', () => {
  const diff = diffResources(before, synthFiles(writeTree({ config: sampleConfig(), zones: sampleZones() })));
  expect(diff).toEqual({ added: [], removed: [], changed: [], framesChanged: [] });
});

it("adding a zone only adds that zone's resources", () => {
  const diff = after((zones) => {
    zones['pay/refunds.yaml'] = zoneDoc('refunds', 'pay', {
      accounts: ['pay-prod', 'pay-dev'],
      access: ['secrets-reader'],
      owners: ['erin@example.com'],
    });
  });
  expectOnlyZone(diff, 'refunds');
  expect({ removed: diff.removed, changed: diff.changed, framesChanged: diff.framesChanged }).toEqual({
    removed: [],
    changed: [],
    framesChanged: [],
  });
  expect(diff.added.map((a) => short(a.path)).sort()).toEqual([
    'aws-pay assignment-111111111111',
    'aws-pay assignment-222222222222',
    'aws-pay group',
    'aws-pay inline-policy',
    'aws-pay permission-set',
    'entra-app-roles refunds',
    'entra-pay app-role-assignment',
    'entra-pay group',
    'entra-pay group-object-id',
    'entra-pay owner-lookup',
    'entra-pay owner-lookup-found',
    'entra-pay pipeline-identity',
    'entra-pay provision-on-demand',
  ]);
});

it("adding a zone in a new department only adds that department's stacks", () => {
  const diff = after((zones) => {
    zones['hr/payroll.yaml'] = zoneDoc('payroll', 'hr', { accounts: ['111111111111'] });
  });
  expectOnlyZone(diff, 'payroll');
  expect(diff.framesChanged).toEqual(['aws-hr', 'entra-hr']);
  expect(new Set(diff.added.map((a) => a.stack))).toEqual(new Set(['aws-hr', 'entra-hr', 'entra-app-roles']));
  expect({ removed: diff.removed, changed: diff.changed }).toEqual({ removed: [], changed: [] });
});

it("changing one zone's accounts only adds and removes that zone's assignments for those accounts", () => {
  // billing: pay-prod (111…) + 555… → pay-prod + pay-dev (222…) + 666…
  const diff = after((zones) => {
    zones['pay/billing.yaml'].accounts = ['pay-prod', 'pay-dev', '666666666666'];
  });
  expectOnlyZone(diff, 'billing');
  expect(diff.changed).toEqual([]);
  expect(diff.framesChanged).toEqual([]);
  expect(diff.added.map((a) => short(a.path)).sort()).toEqual([
    'aws-pay assignment-222222222222',
    'aws-pay assignment-666666666666',
  ]);
  // The assignment to the account that stayed (111…) is untouched: nobody loses access mid-change.
  expect(diff.removed.map((a) => short(a.path))).toEqual(['aws-pay assignment-555555555555']);
});

it("changing one zone's presets only rewrites that zone's inline policy", () => {
  const diff = after((zones) => {
    zones['ops/monitoring.yaml'].access = ['logs-viewer', 'rds-operator', 'secrets-editor'];
  });
  expectOnlyZone(diff, 'monitoring');
  expect({ added: diff.added, removed: diff.removed, framesChanged: diff.framesChanged }).toEqual({
    added: [],
    removed: [],
    framesChanged: [],
  });
  expect(diff.changed.map((c) => `${c.before.stack} ${c.before.address.split('.')[1]}`)).toEqual([
    'aws-ops aws_ssoadmin_permission_set_inline_policy',
  ]);
});

it("changing one zone's owners, description and tags only touches that zone", () => {
  const diff = after((zones) => {
    Object.assign(zones['pay/invoicing.yaml'], {
      owners: ['bob@example.com', 'frank@example.com'],
      description: 'Invoices, now with a description',
      tags: { 'cost-center': '5000' },
    });
  });
  expectOnlyZone(diff, 'invoicing');
  expect(diff.framesChanged).toEqual([]);
  expect(diff.removed).toEqual([]);
  // Owners given by UPN are one lookup per zone (a departed owner is left out with a warning): the
  // new owner changes that zone's lookup and group, nothing else.
  expect(diff.added).toEqual([]);
  expect(diff.changed.map((c) => short(c.before.path)).sort()).toEqual(
    expect.arrayContaining(['entra-pay owner-lookup']),
  );
});

it("removing a zone only removes that zone's resources", () => {
  const diff = after((zones) => {
    delete zones['ops/deploy.yaml'];
  });
  expectOnlyZone(diff, 'deploy');
  expect({ added: diff.added, changed: diff.changed, framesChanged: diff.framesChanged }).toEqual({
    added: [],
    changed: [],
    framesChanged: [],
  });
  expect(diff.removed.map((a) => short(a.path)).sort()).toEqual([
    'aws-ops assignment-444444444444',
    'aws-ops group',
    'aws-ops inline-policy',
    'aws-ops permission-set',
    'entra-app-roles deploy',
    'entra-ops app-role-assignment',
    'entra-ops group',
    'entra-ops group-object-id',
    'entra-ops owner-lookup',
    'entra-ops owner-lookup-found',
    'entra-ops pipeline-identity',
    'entra-ops provision-on-demand',
  ]);
});

it('renaming a zone file to the other extension (same zone, same folder) changes nothing', () => {
  // A file is named after its zone, so .yaml → .yml is the only rename that leaves it valid.
  const diff = after((zones) => {
    zones['pay/payouts.yml'] = zones['pay/payouts.yaml'];
    delete zones['pay/payouts.yaml'];
  });
  expect(diff).toEqual({ added: [], removed: [], changed: [], framesChanged: [] });
});
