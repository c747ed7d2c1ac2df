import { renderPolicy, zonePolicy, type PolicyDocument } from '../../policies/zone-policy';
import { ACCOUNT, ALLOW_ALL, arnOf, REGION, resourceTagContext, simulate, type Outcome } from './simulate';

/**
 * `RotateSecret` only with a rotation function of the own zone, or none (rotate with
 * what the secret already has). `secretsmanager:RotationLambdaARN` is an ARN, not a tag, so "of the
 * own zone" is a convention: a function named `<zone>_...` in the caller's own account
 * (`${aws:PrincipalAccount}`), enforced by a deny in every zone's policy. Per AWS's RotateSecret API
 * reference the caller also needs `lambda:InvokeFunction` on the rotation function; secrets-editor
 * grants it on functions tagged with the zone, so own-zone rotation works and a function of another
 * zone fails that check too (unless something else grants invoke).
 */

const K = 'entigo:zone';
const ZONE = 'prod';
const OTHER_ACCOUNT = '999999999999';
const config = {
  zoneTagKey: K,
  access: { presets: {}, managedPolicies: [], customerManagedPolicies: [] },
  secrets: { zoneNamePrefix: true },
};
const policy = (access: string[], zone = ZONE): PolicyDocument =>
  JSON.parse(renderPolicy(zonePolicy({ name: zone, access }, config))) as PolicyDocument;
const fn = (name: string, account = ACCOUNT) => `arn:aws:lambda:${REGION}:${account}:function:${name}`;

/** RotateSecret on the zone's own secret, with `lambdaArn` as RotationLambdaARN (none when undefined). */
async function rotate(policies: PolicyDocument[], lambdaArn: string | undefined): Promise<Outcome> {
  return simulate(
    policies,
    'secretsmanager:RotateSecret',
    await arnOf('secretsmanager', 'Secret', `${ZONE}/app-AbCdEf`),
    {
      ...(await resourceTagContext('secretsmanager', 'Secret', K, ZONE)),
      ...(lambdaArn ? { 'secretsmanager:RotationLambdaARN': lambdaArn } : {}),
      'aws:PrincipalAccount': ACCOUNT,
    },
  );
}

/** lambda:InvokeFunction (the caller's check when rotation starts) on a function tagged with `owner`. */
async function invoke(policies: PolicyDocument[], name: string, owner: string | undefined): Promise<Outcome> {
  return simulate(
    policies,
    'lambda:InvokeFunction',
    fn(name),
    await resourceTagContext('lambda', 'function', K, owner),
  );
}

const FOREIGN: [string, string][] = [
  ['a function of another zone', fn('dev_rotate')],
  ['a function of zone prod-1 (prefix of each other)', fn('prod-1_rotate')],
  ['a function named like the zone without the separator', fn('prod-rotate')],
  ['a function of another account, named for the zone', fn('prod_rotate', OTHER_ACCOUNT)],
  ['a function of any name', fn('rotate-everything')],
];

describe('RotateSecret with a rotation function', () => {
  test("the own zone's function (same account, named <zone>_...), also a version or alias of it, or none: allowed", async () => {
    const editor = policy(['secrets-editor']);
    expect(await rotate([editor], fn('prod_rotate'))).toBe('Allowed');
    expect(await rotate([editor], fn('prod_rotate:live'))).toBe('Allowed');
    expect(await rotate([editor], undefined)).toBe('Allowed');
  });

  test.each(FOREIGN)(
    '%s: explicitly denied, also next to Allow * and in a zone without secrets-editor',
    async (_label, arn) => {
      expect(await rotate([policy(['secrets-editor'])], arn)).toBe('ExplicitlyDenied');
      expect(await rotate([policy(['secrets-editor']), ALLOW_ALL], arn)).toBe('ExplicitlyDenied');
      expect(await rotate([policy([]), ALLOW_ALL], arn)).toBe('ExplicitlyDenied');
    },
  );

  test('the guard has teeth: without GuardSecretRotationFunction a foreign function is allowed', async () => {
    const editor = policy(['secrets-editor']);
    const weakened = { ...editor, Statement: editor.Statement.filter((s) => s.Sid !== 'GuardSecretRotationFunction') };
    expect(await rotate([weakened], fn('dev_rotate'))).toBe('Allowed');
  });

  test.each([
    ['without the separator (prod*)', (p: string) => p.replace('prod_*', 'prod*'), fn('prod-1_rotate')],
    [
      'without the account (any account)',
      (p: string) => p.replace('${aws:PrincipalAccount}', '*'),
      fn('prod_rotate', OTHER_ACCOUNT),
    ],
  ])('a weaker pattern goes red: %s', async (_label, weaken, arn) => {
    const editor = policy(['secrets-editor']);
    const guard = editor.Statement.find((s) => s.Sid === 'GuardSecretRotationFunction')!;
    const pattern = guard.Condition!.StringNotLike['secretsmanager:RotationLambdaARN'] as string;
    expect(weaken(pattern)).not.toBe(pattern);
    const weakened = {
      ...editor,
      Statement: editor.Statement.map((s) =>
        s === guard
          ? {
              ...s,
              Condition: { ...s.Condition, StringNotLike: { 'secretsmanager:RotationLambdaARN': weaken(pattern) } },
            }
          : s,
      ),
    };
    expect(await rotate([weakened], arn)).toBe('Allowed');
    expect(await rotate([editor], arn)).toBe('ExplicitlyDenied');
  });
});

describe('lambda:InvokeFunction, which the caller of RotateSecret needs on the rotation function', () => {
  test('secrets-editor may invoke functions tagged with the own zone, not those of another zone or untagged ones', async () => {
    const editor = policy(['secrets-editor']);
    expect(await invoke([editor], 'prod_rotate', ZONE)).toBe('Allowed');
    expect(await invoke([editor], 'prod_rotate', 'dev')).not.toBe('Allowed');
    expect(await invoke([editor], 'prod_rotate', undefined)).not.toBe('Allowed');
    expect(await invoke([editor], 'prod_rotate', 'Prod')).not.toBe('Allowed');
  });

  test('without that grant, own-zone rotation would fail the invoke check (secrets-reader has none)', async () => {
    expect(await invoke([policy(['secrets-reader'])], 'prod_rotate', ZONE)).not.toBe('Allowed');
    const editor = policy(['secrets-editor']);
    const weakened = {
      ...editor,
      Statement: editor.Statement.map((s) =>
        Array.isArray(s.Action) && s.Action.includes('lambda:InvokeFunction')
          ? { ...s, Action: s.Action.filter((a) => a !== 'lambda:InvokeFunction') }
          : s,
      ),
    };
    expect(await invoke([weakened], 'prod_rotate', ZONE)).not.toBe('Allowed');
  });
});
