import { permissionSetName } from '../model/names';
import type { Zone, ZoneTree } from '../model/types';
import { PROFILES_BEGIN, PROFILES_END } from './config-block';
import { profileName, requireStartUrl } from './links';
import { zonesOfUser } from './membership';

/**
 * AWS CLI v2 configuration for the zones: one `[sso-session]` for the access portal and one
 * `[profile <zone>.<account>]` per zone and account, between marker comments so that
 * `--write ~/.aws/config` can replace exactly this block later.
 */

/** The `sso-session` every generated profile refers to. */
export const SSO_SESSION_NAME = 'zone-access';

export interface ProfilesOptions {
  /** Only the zones this person is an active member of (UPN or object id, case-insensitive). */
  readonly user?: string;
  /** Only the zones of these departments. */
  readonly departments?: readonly string[];
  /** The day membership expiry is judged on, `YYYY-MM-DD`; the tree's `at` by default. */
  readonly at?: string;
}

export interface RenderedProfiles {
  /** The configuration block, markers included, ending with a newline. */
  readonly text: string;
  /** Profile names, sorted. */
  readonly profiles: readonly string[];
  /** Things the person should know (zones kept because membership is not in the files), for stderr. */
  readonly notes: readonly string[];
  /** Likely mistakes (a person who is a member of no zone whose members are in the files), for stderr. */
  readonly warnings: readonly string[];
}

/**
 * Renders the profiles; throws `MissingConfigKeyError` when `identityCenter.startUrl` is not set.
 * Deterministic: the same tree and options always give the same text.
 */
export function renderProfiles(tree: ZoneTree, options: ProfilesOptions = {}): RenderedProfiles {
  const { config } = tree;
  const startUrl = requireStartUrl(config, 'AWS CLI profiles sign in through the access portal');
  let zones: readonly Zone[] = tree.zones;
  if (options.departments && options.departments.length > 0) {
    const wanted = new Set(options.departments);
    zones = zones.filter((z) => wanted.has(z.department));
  }
  const notes: string[] = [];
  const warnings: string[] = [];
  if (options.user !== undefined) {
    const selected = zonesOfUser(zones, config, options.user, options.at ?? tree.at);
    zones = selected.zones;
    const ds = selected.unknownMembership;
    if (ds.length > 0) {
      const names = ds.flatMap((d) => d.zones);
      notes.push(
        `--user ${options.user}: membership is not in the zone files of department${ds.length === 1 ? '' : 's'} ` +
          `${ds.map((d) => `${d.department} (membership: ${d.mode})`).join(', ')}, so all ${ds.length === 1 ? 'its' : 'their'} zones are included; ` +
          `the person may or may not be a member of ${names.length === 1 ? 'it' : 'them'} in Entra: ${names.join(', ')}`,
      );
    }
    const fileZonesKept = selected.zones.length - ds.reduce((n, d) => n + d.zones.length, 0);
    if (selected.fileModeZones > 0 && fileZonesKept === 0) {
      warnings.push(
        `--user ${options.user} is an active member of none of the ${selected.fileModeZones} zone${selected.fileModeZones === 1 ? '' : 's'} whose members are in the zone files` +
          `${ds.length > 0 ? ' (the profiles hold only the zones whose membership is in Entra)' : ''}; check the spelling of the UPN, or the members' until dates`,
      );
    }
  }

  const profiles = zones
    .flatMap((zone) =>
      zone.accounts.map((account) => ({
        name: profileName(zone, account, config),
        accountId: account.id,
        role: permissionSetName(zone, config),
      })),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const region = config.identityCenter.region;
  const lines = [
    PROFILES_BEGIN,
    `# ${profiles.length} profile${profiles.length === 1 ? '' : 's'}; sign in once with: aws sso login --sso-session ${SSO_SESSION_NAME}`,
    `[sso-session ${SSO_SESSION_NAME}]`,
    `sso_start_url = ${startUrl}`,
    `sso_region = ${region}`,
    'sso_registration_scopes = sso:account:access',
  ];
  for (const p of profiles) {
    lines.push(
      '',
      `[profile ${p.name}]`,
      `sso_session = ${SSO_SESSION_NAME}`,
      `sso_account_id = ${p.accountId}`,
      `sso_role_name = ${p.role}`,
      `region = ${region}`,
    );
  }
  lines.push(PROFILES_END);
  return { text: lines.join('\n') + '\n', profiles: profiles.map((p) => p.name), notes, warnings };
}
