import { permissionSetName } from '../model/names';
import type { PlatformConfig, Zone, ZoneAccount } from '../model/types';

/**
 * The two ways a person reaches a zone's role in one account: an AWS CLI profile and an access
 * portal sign-in link. Both name the same permission set in the same account, derived here once.
 */

/** Where the portal URL is configured, for messages. */
export const START_URL_KEY = 'identityCenter.startUrl';

/** A people-facing output needs a platform config key that is not set. */
export class MissingConfigKeyError extends Error {
  constructor(
    readonly key: string,
    readonly file: string,
    why: string,
  ) {
    super(
      `${key} is not set in ${file}: ${why}. Set it to the AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start`,
    );
  }
}

/** The start URL, or an error naming the key and the file to set it in. */
export function requireStartUrl(config: Pick<PlatformConfig, 'identityCenter' | 'source'>, why: string): string {
  const url = config.identityCenter.startUrl;
  if (url === undefined) throw new MissingConfigKeyError(START_URL_KEY, config.source.file, why);
  return url;
}

/**
 * A readable name for an account: the name the zone file used, else the platform config's name for
 * that id (the first, sorted, when several names map to it), else the id itself.
 */
export function accountLabel(account: ZoneAccount, config: Pick<PlatformConfig, 'accounts'>): string {
  if (account.name) return account.name;
  const names = Object.entries(config.accounts)
    .filter(([, id]) => id === account.id)
    .map(([name]) => name)
    .sort();
  return names[0] ?? account.id;
}

/** `<zone>.<account name or id>`: unique (zone names are unique, a zone lists an account once) and stable. */
export function profileName(
  zone: Pick<Zone, 'name'>,
  account: ZoneAccount,
  config: Pick<PlatformConfig, 'accounts'>,
): string {
  return `${zone.name}.${accountLabel(account, config)}`;
}

/**
 * The access portal's shortcut link: it signs the person in to `accountId` with the permission set
 * `roleName` and opens `destination` (the zone's relay state) or the console home. Format:
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/createshortcutlink.html
 */
export function consoleLink(startUrl: string, accountId: string, roleName: string, destination?: string): string {
  const query = [`account_id=${encodeURIComponent(accountId)}`, `role_name=${encodeURIComponent(roleName)}`];
  if (destination !== undefined) query.push(`destination=${encodeURIComponent(destination)}`);
  return `${startUrl}/#/console?${query.join('&')}`;
}

/** The sign-in link for one zone in one of its accounts. */
export function zoneConsoleLink(
  startUrl: string,
  zone: Pick<Zone, 'name' | 'relayState'>,
  account: ZoneAccount,
  config: Pick<PlatformConfig, 'names'>,
): string {
  return consoleLink(startUrl, account.id, permissionSetName(zone, config), zone.relayState);
}
