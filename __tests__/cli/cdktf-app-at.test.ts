import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, REPO_ROOT } from '../support/tree';

/** The cdktf app (dist/main.js, built by npm test) takes the day from ZONE_ACCESS_AT, like --at. */
function app(at: string) {
  const out = makeTempDir('cdktf-app-');
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'main.js')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDKTF_OUTDIR: out, ZONE_ACCESS_AT: at },
  });
  return { ...r, out };
}

it('evaluates membership for ZONE_ACCESS_AT: the sample member with until 2027-03-31 is in on that day, out the day after', () => {
  const stderr: string[] = [];
  const members = (at: string) => {
    const r = app(at);
    expect(r.status).toBe(0);
    stderr.push(r.stderr);
    expect(readdirSync(join(r.out, 'stacks'))).toContain('entra-payments');
    const json = JSON.parse(readFileSync(join(r.out, 'stacks', 'entra-payments', 'cdk.tf.json'), 'utf8'));
    // payments-prod-1's group: its members are the UPNs of the zone's member lookup.
    const group = Object.entries<Record<string, any>>(json.resource.azuread_group).find(([name]) =>
      name.startsWith('payments-prod-1_'),
    )![1];
    const lookup = /data\.azuread_users\.([^.]+)\.users/.exec(group.members)![1]!;
    return json.data.azuread_users[lookup].user_principal_names.length;
  };
  expect(members('2027-03-31')).toBe(2);
  expect(members('2027-04-01')).toBe(1);
  // Warnings go to stderr, for the same day: the last day, then an expired entry.
  expect(stderr[0]).toContain("warning: members[1].until: carol@example.com's access ends today");
  expect(stderr[1]).toContain("warning: members[1].until: carol@example.com's access ended on 2027-03-31");
});

it('refuses a ZONE_ACCESS_AT that is not a date, with exit 2 and nothing synthesized', () => {
  const r = app('2027-02-30');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('ZONE_ACCESS_AT must be a date, YYYY-MM-DD (got "2027-02-30")');
  expect(readdirSync(r.out)).toEqual([]);
});
