import {
  completeMembership,
  DEFAULT_MEMBERSHIP,
  MEMBERSHIP_MODES,
  type MembershipInput,
  type MembershipSettings,
} from '../model/membership-settings';
import { didYouMean } from '../model/suggest';
import { todayUtc } from '../model/dates';
import { ValidationError, type Diagnostic } from '../model/diagnostics';
import { resolveZoneWith } from '../model/resolve-zone';
import type { PlatformConfig, Zone } from '../model/types';
import type { ZoneInput } from '../model/zone-defaults';
import { accessCatalog } from '../policies/catalog';
import type { Construct } from 'constructs';

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

/** Access preset names per platform object: the catalog is built once per platform, not per zone. */
const presetNames = new WeakMap<PlatformSpec, ReadonlySet<string>>();

function knownPresets(platform: PlatformSpec, where: string): ReadonlySet<string> {
  let names = presetNames.get(platform);
  if (!names) {
    try {
      names = new Set(accessCatalog(platform).keys());
    } catch (err) {
      // A platform object made by hand with a preset that redefines a built-in one.
      if (err instanceof ValidationError) throw new ValidationError(err.diagnostics, 'platform settings', where);
      throw err;
    }
    presetNames.set(platform, names);
  }
  return names;
}

export interface ResolveZoneProps {
  /**
   * The department's membership mode, to check the zone's `members` and `owners` against; settings
   * left out take the platform config's defaults (`{ mode: 'file' }`).
   * @default membership is not checked
   */
  readonly membership?: MembershipInput;
  /**
   * The day membership is checked for, `YYYY-MM-DD`.
   * @default today, UTC
   */
  readonly at?: string;
  /**
   * Where the zone is given, named in messages and kept as the zone's `source.file`.
   * @default `zone "<name>"`
   */
  readonly where?: string;
  /**
   * Called with each warning of a zone that is valid (a membership ending soon, an owner who is also
   * a member): what `zone-access validate` prints as a warning for a zone file. `ZoneAccess` turns
   * them into construct warnings (cdktf `Annotations`), which `cdktf synth` prints.
   * @default warnings are dropped
   */
  readonly onWarning?: (warning: Diagnostic) => void;
}

/**
 * A zone as the constructs take it: every zone rule checked (the same rules and messages as for a
 * zone file, model/zone-rules.ts), the defaults filled exactly as the loader fills them. Throws one
 * `ValidationError` listing every problem. The result, and any zone the loader produced, passes
 * through the constructs with this platform object unchecked and unchanged; resolve once and pass
 * the result to every construct that needs the zone.
 */
export function resolveZone(zone: ZoneInput, platform: PlatformSpec, props: ResolveZoneProps = {}): Zone {
  return resolveZoneIn(undefined, zone, platform, props);
}

/** `resolveZone` for a construct: its path is the zone's `where`, and heads the error. */
export function resolveZoneIn(
  construct: { readonly type: string; readonly path: string } | undefined,
  zone: ZoneInput,
  platform: PlatformSpec,
  props: ResolveZoneProps = {},
): Zone {
  const where = construct?.path ?? props.where ?? `zone "${zone.name}"`;
  const options = {
    where,
    ...(props.membership
      ? {
          membership: {
            settings: membershipIn(
              where,
              construct ? `${construct.type} props for zone "${zone.name}"` : 'zone input',
              props.membership,
            ),
            at: props.at ?? todayUtc(),
          },
        }
      : {}),
    ...(construct ? { constructPath: construct.path, what: `${construct.type} props for zone "${zone.name}"` } : {}),
    ...(props.onWarning ? { onWarning: props.onWarning } : {}),
  };
  return resolveZoneWith(zone, platform, knownPresets(platform, where), options);
}

/**
 * A caller's membership with the settings it left out filled as the platform config file fills
 * them. Plain JavaScript (or JSON) can name a mode that does not exist: refused like bad zone input.
 */
export function membershipIn(where: string, what: string, input: MembershipInput | undefined): MembershipSettings {
  if (input === undefined) return DEFAULT_MEMBERSHIP;
  const settings = completeMembership(input);
  if (settings) return settings;
  const mode = String((input as { mode?: unknown }).mode);
  throw new ValidationError(
    [
      {
        file: where,
        field: 'membership.mode',
        code: 'invalid-value',
        message: `"${mode}" must be one of ${MEMBERSHIP_MODES.map((m) => `"${m}"`).join(', ')}${didYouMean(mode, MEMBERSHIP_MODES)}`,
      },
    ],
    what,
    where,
  );
}

/** The path a construct will have once created under `scope` with `id` (for errors thrown before `super`). */
export function pathOf(scope: Construct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/**
 * A typed error instead of the construct library's raw id clash: `id` is taken in `scope` already
 * (for the zone constructs, the zone name: a zone added twice).
 */
export function assertFreeId(scope: Construct, id: string, construct: string, zone: string): void {
  if (!scope.node.tryFindChild(id)) return;
  const path = pathOf(scope, id);
  const problem: Diagnostic = {
    file: path,
    field: 'name',
    code: 'duplicate-zone',
    message: `zone "${zone}" is already added here (${path}): zone names are unique, and each zone's constructs are named after it`,
    hint: 'add each zone once; to change a zone, change its input',
  };
  throw new ValidationError([problem], `${construct} props`, path);
}
