import { ValidationError, type Diagnostic } from './diagnostics';
import type { MembershipSettings } from './membership-settings';
import { fieldName } from './schema-check';
import type { Zone } from './types';
import { normalizeZone, type ZoneDefaultsSource, type ZoneInput } from './zone-defaults';
import { checkZone, type ZoneRulePlatform } from './zone-rules';

/**
 * The one way from input to a `Zone` the constructs trust: the zone rules (model/zone-rules.ts),
 * then the defaults (model/zone-defaults.ts). A zone the loader produced, or one resolved here
 * before, is remembered with the platform object it was resolved against and passes through
 * unchanged: the same object, so it is neither checked nor normalized again, and the policy
 * rendered for it (cached per zone object) is rendered once per synth.
 */

/** Zone → the platform objects it was resolved against. Weak: zones and configs come and go with their apps. */
const resolved = new WeakMap<object, WeakSet<object>>();

/** Records that `zone` follows every zone rule against `platform` (the loader and `resolveZone` call it). */
export function markResolved(zone: Zone, platform: object): Zone {
  let platforms = resolved.get(zone);
  if (!platforms) resolved.set(zone, (platforms = new WeakSet()));
  platforms.add(platform);
  return zone;
}

/** Whether `zone` is a `Zone` resolved against this very platform object. */
export function isResolvedZone(zone: object, platform: object): zone is Zone {
  return resolved.get(zone)?.has(platform) ?? false;
}

export interface ResolveZoneOptions {
  /** Where the zone is given, for messages and `Zone.source` (a construct path); default `zone "<name>"`. */
  readonly where?: string;
  /** The department's membership mode and the day membership is checked for; absent: not checked. */
  readonly membership?: { readonly settings: MembershipSettings; readonly at: string };
  /** Called with each warning of a zone that resolves (membership ending soon, ...); default: dropped. */
  readonly onWarning?: (warning: Diagnostic) => void;
}

/** The platform a zone is resolved against: the rules' view and the defaults' view of it. */
export type ResolvePlatform = ZoneRulePlatform & ZoneDefaultsSource;

/**
 * Every problem of a zone given in code (errors and warnings), and the resolved zone when there is
 * no error. A zone already resolved against `platform` comes back as it is, without problems.
 */
export function zoneProblems(
  input: ZoneInput,
  platform: ResolvePlatform,
  knownPresets: ReadonlySet<string>,
  options: ResolveZoneOptions = {},
): { zone?: Zone; diagnostics: Diagnostic[] } {
  if (isResolvedZone(input, platform)) return { zone: input, diagnostics: [] };
  const file = options.where ?? `zone "${input.name}"`;
  const diagnostics: Diagnostic[] = [];
  const report =
    (severity?: 'warning') => (path: (string | number)[], code: Diagnostic['code'], message: string, hint?: string) => {
      diagnostics.push({
        file,
        field: fieldName(path),
        code,
        message,
        ...(hint ? { hint } : {}),
        ...(severity ? { severity } : {}),
      });
    };
  checkZone(
    input,
    { platform, knownPresets, nameField: 'name', ...(options.membership ? { membership: options.membership } : {}) },
    report(),
    report('warning'),
  );
  if (diagnostics.some((d) => d.severity !== 'warning')) return { diagnostics };
  // A zone that carries its origin (a loaded zone, copied with changes) keeps it for messages.
  const origin = input as Partial<Pick<Zone, 'source' | 'positions'>>;
  const zone = normalizeZone(input, platform, { source: origin.source ?? { file }, positions: origin.positions ?? {} });
  return { zone: markResolved(zone, platform), diagnostics };
}

/**
 * The zone, validated and normalized, or a `ValidationError` listing every problem. `scope` (a
 * construct path) heads the error, as aws-cdk's construct errors do.
 */
export function resolveZoneWith(
  input: ZoneInput,
  platform: ResolvePlatform,
  knownPresets: ReadonlySet<string>,
  options: ResolveZoneOptions & { readonly what?: string; readonly constructPath?: string } = {},
): Zone {
  const { zone, diagnostics } = zoneProblems(input, platform, knownPresets, options);
  if (zone && options.onWarning) for (const d of diagnostics) options.onWarning(d);
  if (!zone) {
    throw new ValidationError(
      diagnostics.filter((d) => d.severity !== 'warning'),
      options.what ?? `zone "${input.name}"`,
      options.constructPath,
    );
  }
  return zone;
}
