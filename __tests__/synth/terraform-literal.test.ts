import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Testing, TerraformStack } from 'cdktf';
import { terraformLiteral } from '../../constructs/terraform-literal';
import { ZoneMembership } from '../../constructs/zone-membership';
import { terraformStringValue } from '../policies/synthesized-policies';
import { assertTerraformAvailable, terraformEnv } from '../support/terraform';
import { makeTempDir } from '../support/tree';

/**
 * Inline policies may hold IAM policy variables (`${aws:userid}` in a built-in preset); Terraform
 * would evaluate them as its own expressions. The constructs write them escaped; this proves, with
 * the real terraform binary, that Terraform turns the escaped string back into exactly the policy.
 */

const run = promisify(execFile);
const SAMPLES = [
  '{"Condition":{"StringEquals":{"ssm:resourceTag/aws:ssmmessages:session-id":"${aws:userid}"}}}',
  'arn:aws:ssm:*:*:session/${aws:userid}-*',
  'a %{ if x } directive, a $${ literal, $$${ more, and plain $ and % and { }',
  'no sequences at all',
];

test('terraformLiteral: Terraform evaluates the escaped string to the original, byte for byte', async () => {
  await assertTerraformAvailable();
  const dir = makeTempDir('tf-literal-');
  const output = Object.fromEntries(SAMPLES.map((s, i) => [`s${i}`, { value: terraformLiteral(s) }]));
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ output }));
  const opts = { cwd: dir, env: terraformEnv(), maxBuffer: 4 * 1024 * 1024 };
  await run('terraform', ['init', '-input=false', '-no-color', '-backend=false'], opts);
  await run('terraform', ['apply', '-input=false', '-no-color', '-auto-approve'], opts);
  const { stdout } = await run('terraform', ['output', '-json', '-no-color'], opts);
  const values = JSON.parse(stdout) as Record<string, { value: string }>;
  expect(SAMPLES.map((_, i) => values[`s${i}`].value)).toEqual(SAMPLES);
  // The test reader of synthesized policies agrees with Terraform.
  expect(SAMPLES.map((s) => terraformStringValue(terraformLiteral(s), 'sample'))).toEqual(SAMPLES);
}, 120_000);

test('an unescaped sequence in synthesized JSON is reported, not read as a policy', () => {
  expect(() => terraformStringValue('{"x":"${aws:userid}"}', 'stack')).toThrow(/template sequence/);
  expect(() => terraformStringValue('%{ if }', 'stack')).toThrow(/template sequence/);
});

test("a zone file path with template sequences reaches the membership check's message as written", () => {
  // The message is a Terraform template string: an unescaped `${` in the path would be evaluated
  // (or fail the plan) instead of naming the file. Both constructs escape with terraformLiteral.
  const file = 'zones/${dept}/%{x}-$${y}.yaml';
  const app = Testing.app({ stackTraces: false });
  const stack = new TerraformStack(app, 'entra');
  new ZoneMembership(stack, 'membership', {
    zone: { name: 'z1', owners: [], members: [{ user: 'alice@example.com' }], source: { file } },
    group: { objectId: '00000000-0000-4000-8000-000000000001', displayName: 'g', resource: { members: [] } },
    membership: { mode: 'file', file: { noticeDays: 7, maxDays: 365, maxMembersPerZone: 100 } },
    at: '2026-06-30',
  });
  const json = JSON.parse(Testing.synth(stack));
  // The warning a departed member gets (a check block: the plan goes on without them).
  const [check] = Object.values<any>(json.check);
  const message: string = check.assert[0].error_message;
  expect(message.startsWith(`${terraformLiteral(file)}: members: not found in Entra ID`)).toBe(true);
  // What Terraform shows: the path itself, then the interpolated list of unknown users.
  expect(terraformStringValue(message.slice(0, message.indexOf(': members:')), 'check')).toBe(file);
});
