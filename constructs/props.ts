import { isSessionDurationInRange } from '../model/durations';
import type { PlatformConfig, Zone } from '../model/types';
import { normalizeZone, type NormalizedZone, type ZoneInput } from '../model/zone-defaults';
import { ACCOUNT_ID_PATTERN, TEMPLATE_SEQUENCE, ZONE_NAME_MAX_LENGTH, ZONE_NAME_PATTERN } from '../model/zone-file-schema';

/** A zone after defaults are filled: what the constructs build from. A loaded `Zone` fits as it is. */
export type ZoneSpec = NormalizedZone & Partial<Pick<Zone, 'source' | 'positions'>>;

/**
 * The platform settings the constructs (and the policies they render) read: a `PlatformConfig`
 * from the loader fits as it is, `platformConfig()` makes one from YAML or a partial object.
 * Stack-level settings (`sharding`, `backend`) are not part of it: the caller owns the stacks.
 */
export type PlatformSpec = Pick<
  PlatformConfig,
  'identityCenter' | 'entra' | 'zoneTagKey' | 'names' | 'defaultSessionDuration' | 'access' | 'secrets' | 'protection'
> &
  Partial<Pick<PlatformConfig, 'accounts' | 'source'>>;

/** Fills a zone's defaults exactly as the loader does for a zone file (model/zone-defaults.ts). */
export function zoneSpecFrom(zone: ZoneInput, platform: PlatformSpec): ZoneSpec {
  return normalizeZone(zone, platform);
}

/**
 * Constructor-time validation for callers who build props in code rather than through the loader
 * (which has already reported these with file and line). Fails fast with every problem listed.
 */
const ZONE_NAME = new RegExp(ZONE_NAME_PATTERN);
const ACCOUNT_ID = new RegExp(ACCOUNT_ID_PATTERN);

export function assertValidZoneSpec(construct: string, zone: ZoneSpec): void {
  const problems: string[] = [];
  if (!ZONE_NAME.test(zone.name) || zone.name.length > ZONE_NAME_MAX_LENGTH) {
    problems.push(`zone name "${zone.name}" must match ${ZONE_NAME_PATTERN} and be at most ${ZONE_NAME_MAX_LENGTH} characters`);
  }
  if (zone.accounts.length === 0) problems.push('at least one account is required');
  for (const account of zone.accounts) {
    if (!ACCOUNT_ID.test(account.id)) problems.push(`account id "${account.id}" must be 12 digits`);
  }
  if (new Set(zone.accounts.map((a) => a.id)).size !== zone.accounts.length) problems.push('account ids must be unique');
  if (zone.access.length === 0) problems.push('at least one access preset is required');
  if (!isSessionDurationInRange(zone.sessionDuration)) {
    problems.push(`session duration "${zone.sessionDuration}" must be an ISO-8601 duration between PT1H and PT12H`);
  }
  // Written into Terraform JSON as they are, where `${...}` / `%{...}` would be evaluated.
  const freeText: [string, string | undefined][] = [
    ['description', zone.description],
    ['relayState', zone.relayState],
    ...zone.owners.map((o, i): [string, string] => [`owners[${i}]`, o]),
    ...Object.entries(zone.tags).flatMap(([k, v]): [string, string][] => [[`tag key ${JSON.stringify(k)}`, k], [`tags.${k}`, v]]),
    ...zone.customerManagedPolicies.map((p, i): [string, string] => [`customerManagedPolicies[${i}]`, p.path + p.name]),
  ];
  for (const [field, value] of freeText) {
    if (value !== undefined && TEMPLATE_SEQUENCE.test(value)) {
      problems.push(`${field} contains "\${" or "%{", which Terraform would evaluate as an expression`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`${construct} for zone "${zone.name}": ${problems.join('; ')}`);
  }
}
