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
