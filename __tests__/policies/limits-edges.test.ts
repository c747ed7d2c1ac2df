import type { AccessPreset, PlatformConfig } from '../../model/types';
import { LIMIT_RULES } from '../../model/aws-rules';
import { checkZoneLimits, policySize, type LimitCheckedZone } from '../../policies/limits';
import { renderPolicy, zonePolicy } from '../../policies/zone-policy';

/**
 * The limit checks at their edges: exactly at AWS's limits and one past them, characters AWS's
 * inline-policy pattern refuses, a zone given in code (no file, no positions), and the hints.
 */

const NON_WS = LIMIT_RULES.inlinePolicyNonWhitespaceBytes.max;
const BYTES = LIMIT_RULES.inlinePolicyBytes.max;

/** A config preset with one resource ARN of the given text. */
const withResource = (resource: string): Pick<PlatformConfig, 'zoneTagKey' | 'access' | 'secrets'> => ({
  zoneTagKey: 'entigo:zone',
  access: {
    presets: {
      big: {
        name: 'big',
        description: 'one long ARN',
        statements: [{ actions: ['s3:GetObject'], resources: [resource], scope: 'resource-tag' }],
      } as AccessPreset,
    },
    managedPolicies: [],
    customerManagedPolicies: [],
  },
  secrets: { zoneNamePrefix: true },
});

const inCode = (over: Partial<LimitCheckedZone> = {}): LimitCheckedZone => ({
  name: 'prod',
  access: ['big'],
  managedPolicies: [],
  customerManagedPolicies: [],
  ...over,
});

/** The preset's ARN padded so the rendered policy measures exactly `target` by `measure`. */
function padTo(target: number, measure: (json: string) => number): string {
  const arn = (n: number) => `arn:aws:s3:::b-${'x'.repeat(n)}/*`;
  const size = (n: number) => measure(renderPolicy(zonePolicy(inCode(), withResource(arn(n)))));
  const n = target - size(0);
  expect(size(n)).toBe(target);
  return arn(n);
}

const codes = (resource: string) => checkZoneLimits(inCode(), withResource(resource)).map((d) => d.message);

test('exactly 10,240 non-whitespace characters pass; one more is too large', () => {
  const atLimit = padTo(NON_WS, (j) => policySize(j).nonWhitespaceBytes);
  expect(checkZoneLimits(inCode(), withResource(atLimit))).toEqual([]);
  expect(codes(`${atLimit}y`)).toEqual([
    `zone "prod": inline policy is ${NON_WS + 1} non-whitespace characters; AWS allows at most ${NON_WS} per permission set`,
  ]);
});

test('exactly 32,768 bytes pass the byte limit; one more fails it, with its own message and hint', () => {
  const atLimit = padTo(BYTES, (j) => policySize(j).bytes);
  const bytesProblems = (r: string) =>
    checkZoneLimits(inCode(), withResource(r)).filter((d) => /bytes;/.test(d.message));
  expect(bytesProblems(atLimit)).toEqual([]);
  expect(bytesProblems(`${atLimit}y`)).toEqual([
    {
      file: 'zone "prod"',
      field: 'access',
      code: 'policy-too-large',
      message: `zone "prod": inline policy is ${BYTES + 1} bytes; AWS allows at most ${BYTES}`,
      hint: `see ${LIMIT_RULES.inlinePolicyBytes.doc}`,
    },
  ]);
});

test('bytes are counted as UTF-8 and whitespace of any length is not counted', () => {
  expect(policySize('"é"')).toEqual({ bytes: 4, nonWhitespaceBytes: 4 });
  expect(policySize(' \t\n  a  \r\n b')).toEqual({ bytes: 12, nonWhitespaceBytes: 2 });
});

test('a character outside Latin-1 in a config preset resource: a diagnostic naming it, not a failed apply', () => {
  expect(checkZoneLimits(inCode(), withResource('arn:aws:s3:::b-é/*'))).toEqual([]);
  expect(checkZoneLimits(inCode(), withResource('arn:aws:s3:::b-ā/*'))).toEqual([
    {
      file: 'zone "prod"',
      field: 'access',
      code: 'policy-invalid-characters',
      message:
        'zone "prod": inline policy contains characters outside tab, LF, CR and U+0020..U+00FF, which AWS rejects',
      hint: 'check the resources of the platform config presets for non-Latin-1 characters (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutInlinePolicyToPermissionSet.html)',
    },
  ]);
});

test('a zone given in code: the file is the zone, no line; a too-large policy says what to do', () => {
  const d = checkZoneLimits(inCode(), withResource(`arn:aws:s3:::b-${'x'.repeat(NON_WS)}/*`));
  expect(d).toEqual([
    expect.objectContaining({
      file: 'zone "prod"',
      field: 'access',
      code: 'policy-too-large',
      hint: `use fewer presets, or shorten the resource ARNs of the platform config presets (${LIMIT_RULES.inlinePolicyNonWhitespaceBytes.doc})`,
    }),
  ]);
  expect(d[0]).not.toHaveProperty('line');
  expect(checkZoneLimits(inCode(), withResource('arn:aws:s3:::b/*'), 'zones/a/prod.yaml')).toEqual([]);
  expect(
    checkZoneLimits(inCode({ access: ['nope'] }), withResource('arn:aws:s3:::b/*'), 'zones/a/prod.yaml')[0],
  ).toMatchObject({ file: 'zones/a/prod.yaml' });
});

test('too many managed policies, all customer-managed: the problem is at customerManagedPolicies, with a hint', () => {
  const managed = LIMIT_RULES.managedPoliciesPerPermissionSet;
  const customer = Array.from({ length: managed.max + 1 }, (_, i) => ({ name: `C${i}`, path: '/' }));
  const zone = inCode({
    customerManagedPolicies: customer,
    positions: { customerManagedPolicies: { line: 9, column: 3 } },
  });
  expect(checkZoneLimits(zone, withResource('arn:aws:s3:::b/*'))).toEqual([
    {
      file: 'zone "prod"',
      line: 9,
      column: 3,
      field: 'customerManagedPolicies',
      code: 'too-many-managed-policies',
      message: `zone "prod": ${managed.max + 1} managed policies (0 AWS-managed + ${managed.max + 1} customer-managed); AWS allows at most ${managed.max} per permission set`,
      hint: `attach at most ${managed.max}, e.g. by merging customer-managed policies (${managed.doc})`,
    },
  ]);
});
