import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { terraformLiteral } from '../../constructs/zone-permission-set';
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
