import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDocument } from '../../policies/zone-policy';

/** One zone's inline policy as it stands in the synthesized Terraform JSON. */
export interface SynthesizedPolicy {
  readonly zone: string;
  /** The stack folder (`aws-<department>`). */
  readonly stack: string;
  /** `name` of the permission set the policy is attached to. */
  readonly permissionSetName: string;
  /** `inline_policy` as Terraform evaluates it, i.e. the string sent to AWS (`$${` read as `${`). */
  readonly json: string;
  readonly policy: PolicyDocument;
}

interface TfJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

const ARN_REF = /^\$\{aws_ssoadmin_permission_set\.([^.}]+)\.arn\}$/;

/**
 * Reads `<outDir>/stacks/<stack>/cdk.tf.json` (cdktf layout) and maps zone name → inline policy.
 * The zone is found by following `permission_set_arn` to the permission set and reading its zone
 * tag, so the mapping does not depend on construct ids. Fails loudly on anything unexpected: a
 * policy that cannot be tied to exactly one zone proves nothing.
 */
export function readSynthesizedPolicies(outDir: string, zoneTagKey: string): Map<string, SynthesizedPolicy> {
  const stacksDir = join(outDir, 'stacks');
  if (!existsSync(stacksDir)) throw new Error(`no synthesized stacks in ${outDir}`);
  const out = new Map<string, SynthesizedPolicy>();
  for (const stack of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, stack, 'cdk.tf.json');
    if (!existsSync(file)) continue;
    const tf = JSON.parse(readFileSync(file, 'utf8')) as TfJson;
    const permissionSets = tf.resource?.aws_ssoadmin_permission_set ?? {};
    const inlinePolicies = tf.resource?.aws_ssoadmin_permission_set_inline_policy ?? {};
    for (const [id, resource] of Object.entries(inlinePolicies)) {
      const ref = ARN_REF.exec(String(resource.permission_set_arn));
      if (!ref)
        throw new Error(`${file}: inline policy ${id} has permission_set_arn ${String(resource.permission_set_arn)}`);
      const permissionSet = permissionSets[ref[1]];
      if (!permissionSet) throw new Error(`${file}: inline policy ${id} points at missing permission set ${ref[1]}`);
      const tags = (permissionSet.tags ?? {}) as Record<string, string>;
      const zone = tags[zoneTagKey];
      if (!zone) throw new Error(`${file}: permission set ${ref[1]} has no ${zoneTagKey} tag`);
      if (out.has(zone)) throw new Error(`${file}: zone ${zone} has more than one inline policy`);
      if (typeof resource.inline_policy !== 'string') throw new Error(`${file}: inline policy ${id} is not a string`);
      const json = terraformStringValue(resource.inline_policy, `${file}: inline policy ${id}`);
      out.set(zone, {
        zone,
        stack,
        permissionSetName: String(permissionSet.name),
        json,
        policy: JSON.parse(json) as PolicyDocument,
      });
    }
  }
  return out;
}

/**
 * The value Terraform gives a JSON string without expressions: `$${` and `%%{` stand for `${` and
 * `%{`. A bare `${` or `%{` would be an expression (a policy variable evaluated by Terraform): an error.
 */
export function terraformStringValue(text: string, where: string): string {
  if (/(^|[^$])\$\{|(^|[^%])%\{/.test(text.replace(/\$\$\{|%%\{/g, ''))) {
    throw new Error(`${where}: holds a Terraform template sequence ("\${" or "%{" not escaped as "$\${" / "%%{")`);
  }
  return text.replace(/\$\$\{/g, () => '${').replace(/%%\{/g, () => '%{');
}
