import { createHash } from 'node:crypto';
import { AwsError, type Handler } from './protocol';

/**
 * The Identity Store half of the emulator (`X-Amz-Target: AWSIdentityStore.<Operation>`):
 * the group reads the aws provider's `data "aws_identitystore_group"` and `zone-access await-sync`
 * make, and CreateGroup for seeding. API reference:
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_Operations.html
 */

export interface SeedGroup {
  readonly displayName: string;
  readonly description?: string;
  /** SCIM's external id (Entra's object id), readable with GetGroupId by ExternalId. */
  readonly externalId?: { readonly issuer: string; readonly id: string };
  /** Default: derived from the display name, in the Identity Store's `<10 hex>-<uuid>` shape. */
  readonly groupId?: string;
  /** Milliseconds after the emulator's clock starts before the group exists (SCIM lag). Default 0. */
  readonly appearAfterMs?: number;
  /** The group never appears (as if SCIM never provisioned it). */
  readonly never?: boolean;
}

export interface StoredGroup {
  readonly groupId: string;
  readonly displayName: string;
  readonly description?: string;
  readonly externalIds: readonly { Issuer: string; Id: string }[];
  readonly appearAfterMs: number;
  readonly never: boolean;
}

/** Issuer SCIM writes when no external id is given (the shape AWS shows for SCIM-synced groups). */
export const DEFAULT_SCIM_ISSUER = 'https://scim.aws.com/1234567890';

export function fakeGroupId(displayName: string): string {
  const h = createHash('sha256').update(displayName).digest('hex');
  return `${h.slice(0, 10)}-${h.slice(10, 18)}-${h.slice(18, 22)}-4${h.slice(23, 26)}-a${h.slice(27, 30)}-${h.slice(30, 42)}`;
}

export class IdentityStore {
  private readonly groups = new Map<string, StoredGroup>();
  private readonly forced = new Set<string>();

  constructor(
    readonly identityStoreId: string,
    /** Milliseconds since the emulator's clock started. */
    private readonly clock: () => number,
  ) {}

  /**
   * Seeding (what SCIM does in real life). Display names are unique in an identity store:
   * CreateGroup answers ConflictException with Reason UNIQUENESS_CONSTRAINT_VIOLATION for a
   * second group of the same name, and GetGroupId treats DisplayName as a unique attribute
   * (https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateGroup.html#API_CreateGroup_Errors,
   * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_UniqueAttribute.html).
   */
  createGroup(seed: SeedGroup): StoredGroup {
    if (this.groups.has(seed.displayName)) {
      throw new AwsError('ConflictException', `Duplicate GroupDisplayName ${seed.displayName}`, 400, {
        Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION',
      });
    }
    const groupId = seed.groupId ?? fakeGroupId(seed.displayName);
    const group: StoredGroup = {
      groupId,
      displayName: seed.displayName,
      ...(seed.description ? { description: seed.description } : {}),
      externalIds: [
        seed.externalId
          ? { Issuer: seed.externalId.issuer, Id: seed.externalId.id }
          : { Issuer: DEFAULT_SCIM_ISSUER, Id: groupId.slice(11) },
      ],
      appearAfterMs: seed.appearAfterMs ?? 0,
      never: seed.never ?? false,
    };
    this.groups.set(seed.displayName, group);
    return group;
  }

  /** Makes a group exist now, whatever its delay. */
  appear(displayName: string): void {
    this.forced.add(displayName);
  }

  resetAppearances(): void {
    this.forced.clear();
  }

  idOf(displayName: string): string | undefined {
    return this.groups.get(displayName)?.groupId;
  }

  /** Groups that exist now. */
  visible(): StoredGroup[] {
    return [...this.groups.values()].filter((g) => this.exists(g));
  }

  private exists(g: StoredGroup): boolean {
    if (this.forced.has(g.displayName)) return true;
    if (g.never) return false;
    return this.clock() >= g.appearAfterMs;
  }

  private byId(id: string): StoredGroup | undefined {
    return this.visible().find((g) => g.groupId === id);
  }

  private describe(g: StoredGroup): Record<string, unknown> {
    return {
      GroupId: g.groupId,
      IdentityStoreId: this.identityStoreId,
      DisplayName: g.displayName,
      ...(g.description ? { Description: g.description } : {}),
      ExternalIds: g.externalIds,
    };
  }

  private checkStore(input: Record<string, unknown>): void {
    if (input.IdentityStoreId !== this.identityStoreId) {
      throw new AwsError('ResourceNotFoundException', 'identity store not found', 400, {
        ResourceType: 'IDENTITY_STORE',
        ResourceId: String(input.IdentityStoreId),
      });
    }
  }

  readonly operations: Readonly<Record<string, Handler>> = {
    GetGroupId: (input, note) => {
      this.checkStore(input);
      const alt = input.AlternateIdentifier as
        | {
            UniqueAttribute?: { AttributePath?: unknown; AttributeValue?: unknown };
            ExternalId?: { Issuer?: unknown; Id?: unknown };
          }
        | undefined;
      const ua = alt?.UniqueAttribute;
      const ext = alt?.ExternalId;
      let found: StoredGroup | undefined;
      if (
        ua &&
        typeof ua.AttributePath === 'string' &&
        ua.AttributePath.toLowerCase() === 'displayname' &&
        typeof ua.AttributeValue === 'string'
      ) {
        note({ displayName: ua.AttributeValue });
        found = this.visible().find((g) => g.displayName === ua.AttributeValue);
      } else if (ext && typeof ext.Issuer === 'string' && typeof ext.Id === 'string') {
        note({ externalId: `${ext.Issuer}:${ext.Id}` });
        found = this.visible().find((g) => g.externalIds.some((e) => e.Issuer === ext.Issuer && e.Id === ext.Id));
        if (found) note({ displayName: found.displayName });
      } else {
        throw new AwsError(
          'ValidationException',
          'AlternateIdentifier must be UniqueAttribute DisplayName or ExternalId',
        );
      }
      if (!found) throw new AwsError('ResourceNotFoundException', 'GROUP not found', 400, { ResourceType: 'GROUP' });
      note({ groupId: found.groupId });
      return { GroupId: found.groupId, IdentityStoreId: this.identityStoreId };
    },
    DescribeGroup: (input, note) => {
      this.checkStore(input);
      const id = String(input.GroupId ?? '');
      note({ groupId: id });
      const g = this.byId(id);
      if (!g)
        throw new AwsError('ResourceNotFoundException', 'GROUP not found', 400, {
          ResourceType: 'GROUP',
          ResourceId: id,
        });
      note({ displayName: g.displayName });
      return this.describe(g);
    },
    CreateGroup: (input, note) => {
      this.checkStore(input);
      if (typeof input.DisplayName !== 'string' || input.DisplayName === '')
        throw new AwsError('ValidationException', 'DisplayName is required');
      note({ displayName: input.DisplayName });
      const g = this.createGroup({
        displayName: input.DisplayName,
        ...(typeof input.Description === 'string' ? { description: input.Description } : {}),
      });
      return { GroupId: g.groupId, IdentityStoreId: this.identityStoreId };
    },
  };
}
