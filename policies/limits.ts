import type { Diagnostic } from '../model/diagnostics';
import { permissionSetName } from '../model/names';
import type { PlatformConfig, Zone } from '../model/types';
import { renderedZonePolicy } from './zone-policy';

/**
 * AWS limits a zone's permission set must fit, checked before synthesis so that `terraform apply`
 * never is the first to notice. Sources: IAM Identity Center quotas ("Maximum size of inline policy
 * per permission set: 32,768 bytes; maximum size of non-whitespace characters in the inline policy
 * per permission set is 10,240 bytes"; "Number of AWS managed and customer managed policies per
 * permission set: 20") and the CreatePermissionSet / PutInlinePolicyToPermissionSet / Tag shapes
 * of the sso-admin API reference.
 */
export const LIMITS = Object.freeze({
  inlinePolicyNonWhitespaceBytes: 10_240,
  inlinePolicyBytes: 32_768,
  /** AWS-managed + customer-managed, per permission set (IAM's per-role default of 10 must be raised beyond 10). */
  managedPolicies: 20,
  permissionSetNameLength: 32,
  descriptionLength: 700,
  relayStateLength: 240,
  /** Tags per permission set, the zone tag included (AWS's per-resource tag quota). */
  tags: 50,
  tagKeyLength: 128,
  tagValueLength: 256,
  sessionMinutes: { min: 60, max: 12 * 60 },
});

export const AWS_PATTERNS = Object.freeze({
  inlinePolicy: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
  permissionSetName: /^[\w+=,.@-]+$/,
  description: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/,
  relayState: /^[a-zA-Z0-9&$@#\\\/%?=~\-_'"|!:,.;*+[\] (){}]+$/,
  tagKey: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  tagValue: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  sessionDuration: /^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?$/,
});

/** Size of a rendered policy as AWS counts it: UTF-8 bytes in total, and without whitespace. */
export function policySize(json: string): { bytes: number; nonWhitespaceBytes: number } {
  return {
    bytes: Buffer.byteLength(json, 'utf8'),
    nonWhitespaceBytes: Buffer.byteLength(json.replace(/\s+/g, ''), 'utf8'),
  };
}

/**
 * Every AWS limit the zone's permission set would break. File is the zone file, line/column the key
 * the problem comes from (when the zone file has it).
 */
export function checkZoneLimits(zone: Zone, config: PlatformConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (field: string, code: string, message: string, hint?: string, positionKey: string = field) => {
    const pos = zone.positions[positionKey];
    out.push({
      file: zone.source.file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      field,
      code,
      message: `zone "${zone.name}": ${message}`,
      ...(hint ? { hint } : {}),
    });
  };

  // Inline policy.
  let json: string | undefined;
  try {
    json = renderedZonePolicy(zone, config);
  } catch (err) {
    at('access', 'policy-error', `cannot build the inline policy: ${(err as Error).message}`);
  }
  if (json !== undefined) {
    const size = policySize(json);
    if (size.nonWhitespaceBytes > LIMITS.inlinePolicyNonWhitespaceBytes) {
      at('access', 'policy-too-large',
        `inline policy is ${size.nonWhitespaceBytes} non-whitespace characters; AWS allows at most ${LIMITS.inlinePolicyNonWhitespaceBytes} per permission set`,
        'use fewer presets, or shorten the resource ARNs of the platform config presets');
    }
    if (size.bytes > LIMITS.inlinePolicyBytes) {
      at('access', 'policy-too-large', `inline policy is ${size.bytes} bytes; AWS allows at most ${LIMITS.inlinePolicyBytes}`);
    }
    if (!AWS_PATTERNS.inlinePolicy.test(json)) {
      at('access', 'policy-invalid-characters', 'inline policy contains characters outside tab, LF, CR and U+0020..U+00FF, which AWS rejects');
    }
  }

  // Managed policies.
  const managedCount = zone.managedPolicies.length + zone.customerManagedPolicies.length;
  if (managedCount > LIMITS.managedPolicies) {
    const field = zone.managedPolicies.length > 0 ? 'managedPolicies' : 'customerManagedPolicies';
    at(field, 'too-many-managed-policies',
      `${managedCount} managed policies (${zone.managedPolicies.length} AWS-managed + ${zone.customerManagedPolicies.length} customer-managed); AWS allows at most ${LIMITS.managedPolicies} per permission set`);
  }

  // Permission set name: the platform prefix + the zone name.
  const name = permissionSetName(zone, config);
  if (name.length < 1 || name.length > LIMITS.permissionSetNameLength) {
    at('zone', 'invalid-permission-set-name',
      `permission set name "${name}" is ${name.length} characters; AWS allows 1 to ${LIMITS.permissionSetNameLength}`,
      `the name is names.permissionSetPrefix ("${config.names.permissionSetPrefix}") + the zone name`);
  }
  if (!AWS_PATTERNS.permissionSetName.test(name)) {
    at('zone', 'invalid-permission-set-name', `permission set name "${name}" does not match AWS's pattern [\\w+=,.@-]+`);
  }

  // Description, as the permission set gets it (the zone's, or a default naming the zone).
  const description = zone.description ?? `Zone ${zone.name}`;
  if (description.length < 1 || description.length > LIMITS.descriptionLength) {
    at('description', 'invalid-description', `description is ${description.length} characters; AWS allows 1 to ${LIMITS.descriptionLength}`);
  }
  if (!AWS_PATTERNS.description.test(description)) {
    at('description', 'invalid-description', 'description contains characters AWS rejects (allowed: tab, LF, CR, printable ASCII and Latin-1)');
  }

  // Relay state.
  if (zone.relayState !== undefined) {
    const rs = zone.relayState;
    if (rs.length < 1 || rs.length > LIMITS.relayStateLength) {
      at('relayState', 'invalid-relay-state', `relay state is ${rs.length} characters; AWS allows 1 to ${LIMITS.relayStateLength}`);
    }
    if (!AWS_PATTERNS.relayState.test(rs)) {
      at('relayState', 'invalid-relay-state', 'relay state contains characters outside AWS\'s RelayState pattern');
    }
  }

  // Session duration.
  const m = AWS_PATTERNS.sessionDuration.exec(zone.sessionDuration);
  const minutes = m ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : Number.NaN;
  if (!(minutes >= LIMITS.sessionMinutes.min && minutes <= LIMITS.sessionMinutes.max)) {
    at('sessionDuration', 'invalid-session-duration', `session duration "${zone.sessionDuration}" is not an ISO-8601 duration from PT1H to PT12H`);
  }

  // Tags, as the permission set gets them: the zone's plus the zone tag.
  const tags: [string, string][] = [...Object.entries(zone.tags), [config.zoneTagKey, zone.name]];
  if (tags.length > LIMITS.tags) {
    at('tags', 'too-many-tags', `${tags.length} tags including the zone tag; AWS allows at most ${LIMITS.tags}`);
  }
  for (const [k, v] of tags) {
    const field = k === config.zoneTagKey ? 'zone' : `tags.${k}`;
    const positionKey = k === config.zoneTagKey ? 'zone' : 'tags';
    if (k.length < 1 || k.length > LIMITS.tagKeyLength || !AWS_PATTERNS.tagKey.test(k) || /^aws:/i.test(k)) {
      at(field, 'invalid-tag', `tag key "${k}" is not a valid AWS tag key (1 to ${LIMITS.tagKeyLength} letters, digits, spaces or _.:/=+-@, not starting with aws:)`, undefined, positionKey);
    }
    if (v.length > LIMITS.tagValueLength || !AWS_PATTERNS.tagValue.test(v)) {
      at(field, 'invalid-tag', `value of tag "${k}" is not a valid AWS tag value (0 to ${LIMITS.tagValueLength} letters, digits, spaces or _.:/=+-@)`, undefined, positionKey);
    }
  }
  return out;
}
