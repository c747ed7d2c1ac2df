import { createHash, randomUUID } from 'node:crypto';
import { AwsError, page, type Handler } from './protocol';

/**
 * Identity Store users and group memberships (what SCIM writes, and what someone with
 * identitystore:* can change by hand), for `zone-access drift` and `doctor`. Kept apart from
 * identity-store.ts, whose operations are the ones the aws provider calls. API reference:
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_Operations.html
 * - UserName is unique (CreateUser: ConflictException, Reason UNIQUENESS_CONSTRAINT_VIOLATION);
 * - a user is a member of a group once (CreateGroupMembership: ConflictException);
 * - ListGroupMemberships pages with NextToken, MaxResults 1-100.
 */

export interface SeedUser {
  readonly userName: string;
  readonly displayName?: string;
  /** SCIM's external id (Entra's object id). */
  readonly externalId?: { readonly issuer: string; readonly id: string };
  readonly userId?: string;
}

interface StoredUser {
  readonly userId: string;
  readonly userName: string;
  readonly displayName: string;
  readonly externalIds: readonly { Issuer: string; Id: string }[];
}

interface Membership {
  readonly membershipId: string;
  readonly groupId: string;
  readonly userId: string;
}

function fakeUserId(userName: string): string {
  const h = createHash('sha256').update(`user:${userName}`).digest('hex');
  return `${h.slice(0, 10)}-${h.slice(10, 18)}-${h.slice(18, 22)}-4${h.slice(23, 26)}-b${h.slice(27, 30)}-${h.slice(30, 42)}`;
}

export class IdentityStoreMembers {
  private readonly users = new Map<string, StoredUser>();
  private readonly memberships = new Map<string, Membership>();

  constructor(
    readonly identityStoreId: string,
    /** Whether a group of this id exists now. */
    private readonly groupExists: (groupId: string) => boolean,
  ) {}

  createUser(seed: SeedUser): StoredUser {
    if ([...this.users.values()].some((u) => u.userName.toLowerCase() === seed.userName.toLowerCase())) {
      throw new AwsError('ConflictException', `Duplicate UserName ${seed.userName}`, 400, {
        Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION',
      });
    }
    const userId = seed.userId ?? fakeUserId(seed.userName);
    const user: StoredUser = {
      userId,
      userName: seed.userName,
      displayName: seed.displayName ?? seed.userName,
      externalIds: seed.externalId ? [{ Issuer: seed.externalId.issuer, Id: seed.externalId.id }] : [],
    };
    this.users.set(userId, user);
    return user;
  }

  userIdOf(userName: string): string | undefined {
    return [...this.users.values()].find((u) => u.userName === userName)?.userId;
  }

  addMembership(groupId: string, userId: string): string {
    if (!this.groupExists(groupId))
      throw new AwsError('ResourceNotFoundException', 'GROUP not found', 400, {
        ResourceType: 'GROUP',
        ResourceId: groupId,
      });
    if (!this.users.has(userId))
      throw new AwsError('ResourceNotFoundException', 'USER not found', 400, {
        ResourceType: 'USER',
        ResourceId: userId,
      });
    if ([...this.memberships.values()].some((m) => m.groupId === groupId && m.userId === userId)) {
      throw new AwsError('ConflictException', 'Member already exists in group', 400, {
        Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION',
      });
    }
    const membershipId = randomUUID();
    this.memberships.set(membershipId, { membershipId, groupId, userId });
    return membershipId;
  }

  /** `<group id> <user name>`, sorted, for assertions. */
  state(): string[] {
    return [...this.memberships.values()]
      .map((m) => `${m.groupId} ${this.users.get(m.userId)?.userName ?? m.userId}`)
      .sort();
  }

  private checkStore(input: Record<string, unknown>): void {
    if (input.IdentityStoreId !== this.identityStoreId) {
      throw new AwsError('ResourceNotFoundException', 'identity store not found', 400, {
        ResourceType: 'IDENTITY_STORE',
        ResourceId: String(input.IdentityStoreId),
      });
    }
  }

  private userIdFrom(input: Record<string, unknown>): string {
    const id = (input.MemberId as { UserId?: unknown } | undefined)?.UserId;
    if (typeof id !== 'string' || id === '') throw new AwsError('ValidationException', 'MemberId.UserId is required');
    return id;
  }

  readonly operations: Readonly<Record<string, Handler>> = {
    CreateUser: (input) => {
      this.checkStore(input);
      if (typeof input.UserName !== 'string' || input.UserName === '')
        throw new AwsError('ValidationException', 'UserName is required');
      const u = this.createUser({
        userName: input.UserName,
        ...(typeof input.DisplayName === 'string' ? { displayName: input.DisplayName } : {}),
      });
      return { UserId: u.userId, IdentityStoreId: this.identityStoreId };
    },
    DescribeUser: (input) => {
      this.checkStore(input);
      const u = this.users.get(String(input.UserId ?? ''));
      if (!u)
        throw new AwsError('ResourceNotFoundException', 'USER not found', 400, {
          ResourceType: 'USER',
          ResourceId: String(input.UserId),
        });
      return {
        IdentityStoreId: this.identityStoreId,
        UserId: u.userId,
        UserName: u.userName,
        DisplayName: u.displayName,
        ExternalIds: u.externalIds,
      };
    },
    GetUserId: (input, note) => {
      this.checkStore(input);
      const alt = input.AlternateIdentifier as
        | {
            UniqueAttribute?: { AttributePath?: unknown; AttributeValue?: unknown };
            ExternalId?: { Issuer?: unknown; Id?: unknown };
          }
        | undefined;
      let found: StoredUser | undefined;
      if (alt?.UniqueAttribute && String(alt.UniqueAttribute.AttributePath).toLowerCase() === 'username') {
        const v = String(alt.UniqueAttribute.AttributeValue).toLowerCase();
        note({ displayName: v });
        found = [...this.users.values()].find((u) => u.userName.toLowerCase() === v);
      } else if (alt?.ExternalId) {
        found = [...this.users.values()].find((u) =>
          u.externalIds.some((e) => e.Issuer === alt.ExternalId!.Issuer && e.Id === alt.ExternalId!.Id),
        );
      } else {
        throw new AwsError('ValidationException', 'AlternateIdentifier must be UniqueAttribute UserName or ExternalId');
      }
      if (!found) throw new AwsError('ResourceNotFoundException', 'USER not found', 400, { ResourceType: 'USER' });
      return { UserId: found.userId, IdentityStoreId: this.identityStoreId };
    },
    CreateGroupMembership: (input, note) => {
      this.checkStore(input);
      const groupId = String(input.GroupId ?? '');
      note({ groupId });
      return {
        MembershipId: this.addMembership(groupId, this.userIdFrom(input)),
        IdentityStoreId: this.identityStoreId,
      };
    },
    DeleteGroupMembership: (input) => {
      this.checkStore(input);
      const id = String(input.MembershipId ?? '');
      if (!this.memberships.delete(id))
        throw new AwsError('ResourceNotFoundException', 'GROUP_MEMBERSHIP not found', 400, {
          ResourceType: 'GROUP_MEMBERSHIP',
          ResourceId: id,
        });
      return {};
    },
    ListGroupMemberships: (input, note) => {
      this.checkStore(input);
      const groupId = String(input.GroupId ?? '');
      note({ groupId });
      const m = input.MaxResults;
      if (m !== undefined && (typeof m !== 'number' || m < 1 || m > 100))
        throw new AwsError('ValidationException', 'MaxResults must be between 1 and 100');
      if (!this.groupExists(groupId))
        throw new AwsError('ResourceNotFoundException', 'GROUP not found', 400, {
          ResourceType: 'GROUP',
          ResourceId: groupId,
        });
      const all = [...this.memberships.values()]
        .filter((x) => x.groupId === groupId)
        .map((x) => ({
          IdentityStoreId: this.identityStoreId,
          MembershipId: x.membershipId,
          GroupId: x.groupId,
          MemberId: { UserId: x.userId },
        }));
      return page(all, input, 'GroupMemberships');
    },
    GetGroupMembershipId: (input, note) => {
      this.checkStore(input);
      const groupId = String(input.GroupId ?? '');
      note({ groupId });
      const userId = this.userIdFrom(input);
      const m = [...this.memberships.values()].find((x) => x.groupId === groupId && x.userId === userId);
      if (!m)
        throw new AwsError('ResourceNotFoundException', 'GROUP_MEMBERSHIP not found', 400, {
          ResourceType: 'GROUP_MEMBERSHIP',
        });
      return { MembershipId: m.membershipId, IdentityStoreId: this.identityStoreId };
    },
  };
}
