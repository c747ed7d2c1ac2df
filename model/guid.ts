/**
 * Entra object ids (GUIDs) are case-insensitive, but Terraform compares strings exactly: an id
 * given in upper case in a ForceNew argument (`resource_object_id`, `app_role_id`, ...) differs from
 * the lower-case id Microsoft Graph returns, so every plan would replace the resource, and a group's
 * owner set would never converge. The loaders therefore lower-case every GUID once, here, and
 * everything downstream only ever sees the canonical form.
 */

/** A GUID in either case (the form the schemas accept as input). */
export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const GUID = new RegExp(GUID_PATTERN);

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** The canonical (lower-case) form of a GUID; any other string is returned as it is. */
export function canonicalGuid<T extends string | undefined>(value: T): T {
  return (value !== undefined && GUID.test(value) ? value.toLowerCase() : value) as T;
}

/**
 * `entra.provisioningRuleId`: a synchronization rule id as Graph's provisionOnDemand reference
 * shows it (https://learn.microsoft.com/en-us/graph/api/synchronization-synchronizationjob-provisionondemand,
 * microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/api/synchronization-synchronizationjob-provisionondemand.md):
 * a bare id (example 1, `ea807875-5618-4f0a-9125-0b46a05298ca`) or, for a group, the id with a
 * version suffix (example 3, `33f7c90d-bf71-41b1-bda6-aaf0ddbee5d8#V2`). Rule ids are opaque to
 * Graph's docs beyond that, so any 1..64 letters, digits and hyphens, with an optional `#V<n>`.
 */
export const PROVISIONING_RULE_ID_PATTERN = '^[A-Za-z0-9-]{1,64}(#V[0-9]{1,4})?$';

/** The rule id with its GUID part (if it is one) lower-cased, the `#V<n>` suffix kept as given. */
export function canonicalRuleId(value: string): string {
  const hash = value.indexOf('#');
  return hash < 0 ? canonicalGuid(value) : canonicalGuid(value.slice(0, hash)) + value.slice(hash);
}
