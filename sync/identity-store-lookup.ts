/**
 * Looks groups up by display name in the AWS Identity Store (`GetGroupId` with the `DisplayName`
 * unique attribute), with the AWS SDK v3.
 *
 * The SDK is imported when a lookup is created, not when this module is loaded, so CLI commands
 * that never talk to AWS do not pay for loading it.
 */

/**
 * Environment variable that points the client at another endpoint, e.g. `http://127.0.0.1:4566`.
 * It exists for tests and local emulators only; nothing in Zone Access sets it, and when it is
 * unset the SDK's regional endpoint (`https://identitystore.<region>.amazonaws.com`) is used.
 */
export const IDENTITYSTORE_ENDPOINT_ENV = 'ZONE_ACCESS_IDENTITYSTORE_ENDPOINT';

export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface IdentityStoreLookupOptions {
  /** The region Identity Center lives in (`identityCenter.region` of the platform config). */
  readonly region: string;
  /** `d-...` */
  readonly identityStoreId: string;
  /** Only for tests and local emulators; see `IDENTITYSTORE_ENDPOINT_ENV`. */
  readonly endpoint?: string;
  /**
   * Attempts per lookup inside the SDK (its standard retry mode). Small, because `awaitGroups`
   * retries on its own schedule. Default 2.
   */
  readonly maxAttempts?: number;
  /** Credentials; when unset, the SDK's default chain (env, profile, SSO, container, IMDS). */
  readonly credentials?: StaticCredentials;
  /** Shared-config profile for the default chain. */
  readonly profile?: string;
  /** Per-request socket timeout. Default 10 s. */
  readonly requestTimeoutMs?: number;
}

/** An `ExternalId` of an Identity Store group: SCIM sets `{ issuer, id: <Entra object id> }`. */
export interface ExternalId {
  readonly issuer: string;
  readonly id: string;
}

export interface IdentityStoreLookup {
  /** The group id, or `undefined` when the identity store has no group with that display name. */
  lookup(displayName: string): Promise<string | undefined>;
  /**
   * The id of the group with ExternalId `externalId` (what the AWS stack binds to when an issuer is
   * configured), or `undefined` while there is none. Throws `ExternalIdMismatchError` when a group
   * named `displayName` exists without that ExternalId: someone other than SCIM created it, SCIM
   * cannot create the real one (display names are unique), and waiting will not help.
   */
  lookupByExternalId?(displayName: string, externalId: ExternalId): Promise<string | undefined>;
  /** Closes the client's sockets. */
  close(): void;
}

/** Thrown when the identity store itself was not found: waiting would not help. */
export class IdentityStoreNotFoundError extends Error {
  constructor(
    readonly identityStoreId: string,
    override readonly cause: unknown,
  ) {
    super(`identity store ${identityStoreId} was not found (check identityCenter.identityStoreId and region)`);
    this.name = 'IdentityStoreNotFoundError';
  }
}

/** A group has the zone group's display name but not the ExternalId SCIM gives the Entra group. */
export class ExternalIdMismatchError extends Error {
  constructor(
    readonly displayName: string,
    readonly groupId: string,
    readonly expected: ExternalId,
    readonly actual: readonly ExternalId[],
  ) {
    super(
      `group "${displayName}" (${groupId}) was not created by SCIM for the zone's Entra group: its ExternalId is ` +
        `${actual.length ? actual.map((e) => `${e.issuer}/${e.id}`).join(', ') : 'not set'}, not ${expected.issuer}/${expected.id}`,
    );
    this.name = 'ExternalIdMismatchError';
  }
}

export async function createIdentityStoreLookup(options: IdentityStoreLookupOptions): Promise<IdentityStoreLookup> {
  const sdk = await import('@aws-sdk/client-identitystore');
  const client = new sdk.IdentitystoreClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    maxAttempts: options.maxAttempts ?? 2,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 10_000, connectionTimeout: 5_000 },
  });
  type AlternateIdentifier = NonNullable<ConstructorParameters<typeof sdk.GetGroupIdCommand>[0]['AlternateIdentifier']>;
  const getGroupId = async (alternateIdentifier: AlternateIdentifier): Promise<string | undefined> => {
    try {
      const out = await client.send(
        new sdk.GetGroupIdCommand({
          IdentityStoreId: options.identityStoreId,
          AlternateIdentifier: alternateIdentifier,
        }),
      );
      return out.GroupId || undefined;
    } catch (err) {
      if (err instanceof sdk.ResourceNotFoundException) {
        if (err.ResourceType === 'IDENTITY_STORE') throw new IdentityStoreNotFoundError(options.identityStoreId, err);
        return undefined;
      }
      throw err;
    }
  };
  const byName = (displayName: string) =>
    getGroupId({ UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: displayName } });
  return {
    lookup: byName,
    async lookupByExternalId(displayName: string, externalId: ExternalId): Promise<string | undefined> {
      const id = await getGroupId({ ExternalId: { Issuer: externalId.issuer, Id: externalId.id } });
      if (id !== undefined) return id;
      const squatter = await byName(displayName);
      if (squatter === undefined) return undefined;
      const group = await client.send(
        new sdk.DescribeGroupCommand({ IdentityStoreId: options.identityStoreId, GroupId: squatter }),
      );
      const actual = (group.ExternalIds ?? []).map((e) => ({ issuer: e.Issuer ?? '', id: e.Id ?? '' }));
      // Found by name with the right ExternalId: SCIM finished between the two calls.
      if (actual.some((e) => e.issuer === externalId.issuer && e.id === externalId.id)) return squatter;
      throw new ExternalIdMismatchError(displayName, squatter, externalId, actual);
    },
    close(): void {
      client.destroy();
    },
  };
}

/**
 * The endpoint override from the environment, or `undefined`. Throws on a value that is not an
 * http(s) URL, so a typo does not silently fall back to the real service.
 */
export function endpointFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env[IDENTITYSTORE_ENDPOINT_ENV]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${IDENTITYSTORE_ENDPOINT_ENV}="${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${IDENTITYSTORE_ENDPOINT_ENV}="${raw}" must be an http(s) URL`);
  }
  return raw;
}

/** Static credentials from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`(/`AWS_SESSION_TOKEN`) of `env`, when both are set. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): StaticCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return env.AWS_SESSION_TOKEN
    ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN }
    : { accessKeyId, secretAccessKey };
}

/**
 * Identity Store `DisplayName` pattern (CreateGroup/UpdateGroup): letters, marks, symbols, numbers,
 * punctuation, tab/CR/LF and spaces; 1–1024 characters. A name outside it can never be found.
 */
const DISPLAY_NAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \u00A0\u3000]{1,1024}$/u;

/** Why SCIM or the Identity Store would reject this display name, or `undefined` when nothing obvious. */
export function displayNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > 256) return `it is ${name.length} characters long (Entra group display names stop at 256)`;
  if (!DISPLAY_NAME_PATTERN.test(name)) {
    const bad = [...new Set([...name].filter((ch) => !DISPLAY_NAME_PATTERN.test(ch)))];
    return `it contains characters the Identity Store does not accept: ${bad.map((c) => JSON.stringify(c)).join(', ')}`;
  }
  if (name.trim() !== name) return 'it starts or ends with whitespace';
  return undefined;
}
