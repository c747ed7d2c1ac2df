import { INLINE_POLICY_DOC, INLINE_POLICY_PATTERN, LIMIT_RULES } from '../model/aws-rules';
import type { Diagnostic, DiagnosticCode } from '../model/diagnostics';
import type { PlatformConfig, Zone } from '../model/types';
import { renderedZonePolicy } from './zone-policy';

/**
 * AWS limits of the built permission set, checked before synthesis so that `terraform apply` never
 * is the first to notice. Only what the zone file's own rules cannot see is checked here: the size
 * and characters of the rendered inline policy and the number of attached managed policies. Names,
 * tags, description, relay state and session duration are rules on single values
 * (model/aws-rules.ts), which the loader and the constructs already enforce.
 */

/** Size of a rendered policy as AWS counts it: UTF-8 bytes in total, and without whitespace. */
export function policySize(json: string): { bytes: number; nonWhitespaceBytes: number } {
  return {
    bytes: Buffer.byteLength(json, 'utf8'),
    nonWhitespaceBytes: Buffer.byteLength(json.replace(/\s+/g, ''), 'utf8'),
  };
}

/** What the limit checks read of a zone: a loaded `Zone`, or one given in code (no source file). */
export type LimitCheckedZone = Pick<Zone, 'name' | 'access' | 'managedPolicies' | 'customerManagedPolicies'> &
  Partial<Pick<Zone, 'source' | 'positions'>>;

/**
 * Every AWS limit the zone's permission set would break. File is the zone file (or `file` for a
 * zone given in code), line/column the key the problem comes from (when the zone file has it).
 */
export function checkZoneLimits(
  zone: LimitCheckedZone,
  config: Pick<PlatformConfig, 'zoneTagKey' | 'access' | 'secrets'>,
  file = zone.source?.file ?? `zone "${zone.name}"`,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (field: string, code: DiagnosticCode, message: string, hint?: string) => {
    const pos = zone.positions?.[field];
    out.push({
      file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      field,
      code,
      message: `zone "${zone.name}": ${message}`,
      ...(hint ? { hint } : {}),
    });
  };

  let json: string | undefined;
  try {
    json = renderedZonePolicy(zone, config);
  } catch (err) {
    at('access', 'policy-error', `cannot build the inline policy: ${(err as Error).message}`);
  }
  if (json !== undefined) {
    const size = policySize(json);
    const { inlinePolicyNonWhitespaceBytes: nonWs, inlinePolicyBytes: bytes } = LIMIT_RULES;
    if (size.nonWhitespaceBytes > nonWs.max) {
      at(
        'access',
        'policy-too-large',
        `inline policy is ${size.nonWhitespaceBytes} non-whitespace characters; AWS allows at most ${nonWs.max} per permission set`,
        `use fewer presets, or shorten the resource ARNs of the platform config presets (${nonWs.doc})`,
      );
    }
    if (size.bytes > bytes.max) {
      at(
        'access',
        'policy-too-large',
        `inline policy is ${size.bytes} bytes; AWS allows at most ${bytes.max}`,
        `see ${bytes.doc}`,
      );
    }
    if (!INLINE_POLICY_PATTERN.test(json)) {
      // Reachable: platform config preset resources may hold any non-space character.
      at(
        'access',
        'policy-invalid-characters',
        'inline policy contains characters outside tab, LF, CR and U+0020..U+00FF, which AWS rejects',
        `check the resources of the platform config presets for non-Latin-1 characters (${INLINE_POLICY_DOC})`,
      );
    }
  }

  const managed = LIMIT_RULES.managedPoliciesPerPermissionSet;
  const managedCount = zone.managedPolicies.length + zone.customerManagedPolicies.length;
  if (managedCount > managed.max) {
    const field = zone.managedPolicies.length > 0 ? 'managedPolicies' : 'customerManagedPolicies';
    at(
      field,
      'too-many-managed-policies',
      `${managedCount} managed policies (${zone.managedPolicies.length} AWS-managed + ${zone.customerManagedPolicies.length} customer-managed); AWS allows at most ${managed.max} per permission set`,
      `attach at most ${managed.max}, e.g. by merging customer-managed policies (${managed.doc})`,
    );
  }
  return out;
}
