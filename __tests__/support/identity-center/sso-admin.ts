import { createHash, randomUUID } from 'node:crypto';
import { AwsError, page, type Handler, type LogNote } from './protocol';

/**
 * The SSO Admin half of the emulator (`X-Amz-Target: SWBExternalService.<Operation>`): the
 * operations terraform-provider-aws 5.100.0 calls for aws_ssoadmin_permission_set (+ tags),
 * _permission_set_inline_policy, _managed_policy_attachment, _customer_managed_policy_attachment,
 * _permissions_boundary_attachment and _account_assignment (the list was taken from the provider's
 * request log; see emulator.ts).
 * API reference: https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_Operations.html
 */

export interface SsoAdminOptions {
  readonly instanceArn: string;
  /**
   * How many status polls answer IN_PROGRESS before SUCCEEDED. ProvisionPermissionSet,
   * CreateAccountAssignment and DeleteAccountAssignment are asynchronous: they answer IN_PROGRESS
   * and the caller polls Describe*Status until SUCCEEDED or FAILED
   * (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateAccountAssignment.html,
   * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PermissionSetProvisioningStatus.html).
   * The provider polls an assignment first after 10 s and then every 5 s, a provisioning first
   * after 5 s and then within a second. Defaults: assignments 0 (still IN_PROGRESS in the create
   * answer; by the provider's first poll 10 s later a real one has usually finished, and every
   * extra poll costs 5 s of wall time per apply), provisionings 1.
   */
  readonly assignmentPolls?: number;
  readonly provisioningPolls?: number;
  /** A request settles by itself this long after it started, polled or not. Default 30 s. */
  readonly settleAfterMs?: number;
  /**
   * ConflictException while another provisioning into the same account is IN_PROGRESS. Identity
   * Center updates one permission set per account at a time ("Number of IAM roles (permission sets)
   * in the AWS account that can be updated at a time: 1", not adjustable,
   * https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html). Default true. AWS: "ConflictException: Occurs when a conflict
   * with a previous successful write is detected ... A retry (with appropriate backoff logic) is
   * the recommended response" (Errors of API_ProvisionPermissionSet, API_CreateAccountAssignment,
   * API_DeleteAccountAssignment, API_AttachManagedPolicyToPermissionSet).
   */
  readonly conflicts?: boolean;
}

interface PermissionSet {
  readonly arn: string;
  readonly name: string;
  description?: string;
  relayState?: string;
  sessionDuration: string;
  readonly createdDate: number;
  readonly tags: Map<string, string>;
  inlinePolicy?: string;
  readonly managedPolicies: Map<string, string>;
  readonly customerPolicies: Map<string, { Name: string; Path: string }>;
  boundary?: { ManagedPolicyArn?: string; CustomerManagedPolicyReference?: { Name: string; Path: string } };
  /** Bumped by every change of what a session gets; accounts provisioned at an older one are outdated. */
  version: number;
}

interface Assignment {
  readonly permissionSetArn: string;
  readonly accountId: string;
  readonly principalId: string;
  readonly principalType: string;
}

type AsyncKind = 'provisioning' | 'creation' | 'deletion';

interface AsyncRequest {
  readonly id: string;
  readonly kind: AsyncKind;
  readonly startedAt: number;
  pollsLeft: number;
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  /** Conflict keys held while IN_PROGRESS. */
  readonly locks: readonly string[];
  /** What the request changes, done when it succeeds (assignments appear/disappear then). */
  readonly effect: () => void;
  readonly body: Record<string, unknown>;
}

/** A snapshot of the emulator's SSO Admin state, for assertions (sorted, plain data). */
export interface SsoAdminState {
  readonly permissionSets: readonly {
    readonly name: string;
    readonly arn: string;
    readonly description?: string;
    readonly relayState?: string;
    readonly sessionDuration: string;
    readonly tags: Readonly<Record<string, string>>;
    readonly inlinePolicy?: string;
    readonly managedPolicies: readonly string[];
    readonly customerManagedPolicies: readonly string[];
    readonly permissionsBoundary?: string;
  }[];
  /** `<permission set name> <account> <principal type> <principal id>`, sorted. */
  readonly assignments: readonly string[];
  /** Requests still IN_PROGRESS. */
  readonly inProgress: number;
}

/** Names AWS gives a managed policy: the last path segment of its ARN. */
function policyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

function str(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  if (typeof v !== 'string' || v === '') throw new AwsError('ValidationException', `${key} is required`);
  return v;
}

function optStr(input: Record<string, unknown>, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
}

function customerKey(ref: { Name: string; Path?: string }): string {
  return `${ref.Path ?? '/'}${ref.Name}`;
}

export class SsoAdmin {
  private readonly sets = new Map<string, PermissionSet>();
  private readonly assignments = new Map<string, Assignment>();
  private readonly requests = new Map<string, AsyncRequest>();
  /** `<permission set arn>|<account>` → the permission set version last provisioned there. */
  private readonly provisioned = new Map<string, number>();
  private readonly instanceId: string;
  private readonly options: Required<Omit<SsoAdminOptions, 'instanceArn'>>;

  constructor(private readonly config: SsoAdminOptions) {
    this.instanceId = config.instanceArn.slice(config.instanceArn.lastIndexOf('/') + 1);
    this.options = {
      assignmentPolls: config.assignmentPolls ?? 0,
      provisioningPolls: config.provisioningPolls ?? 1,
      settleAfterMs: config.settleAfterMs ?? 30_000,
      conflicts: config.conflicts ?? true,
    };
  }

  /** Conflicts and poll counts can be changed between phases of a test. */
  configure(change: Partial<Omit<SsoAdminOptions, 'instanceArn'>>): void {
    Object.assign(this.options, change);
  }

  /** Read-only access for the read operations of sso-admin-reads.ts (kept apart from what the provider calls). */
  view(): {
    readonly instanceArn: string;
    readonly sets: ReadonlyMap<string, Readonly<PermissionSet>>;
    readonly assignments: ReadonlyMap<string, Readonly<Assignment>>;
    readonly provisioned: ReadonlyMap<string, number>;
  } {
    for (const r of this.requests.values()) this.settle(r);
    return {
      instanceArn: this.config.instanceArn,
      sets: this.sets,
      assignments: this.assignments,
      provisioned: this.provisioned,
    };
  }

  /** Checks the instance and returns the permission set, for the read operations. */
  permissionSetFor(input: Record<string, unknown>, note: (n: LogNote) => void): Readonly<PermissionSet> {
    return this.set(input, note);
  }

  /** A change to what a session gets: the accounts it is provisioned to are outdated until provisioned again. */
  private touch(s: PermissionSet): void {
    s.version++;
  }

  private markProvisioned(s: PermissionSet, accounts: readonly string[], version: number): void {
    for (const a of accounts) this.provisioned.set(`${s.arn}|${a}`, version);
  }

  state(): SsoAdminState {
    const byArn = new Map([...this.sets.values()].map((s) => [s.arn, s.name]));
    return {
      permissionSets: [...this.sets.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => ({
          name: s.name,
          arn: s.arn,
          ...(s.description !== undefined ? { description: s.description } : {}),
          ...(s.relayState !== undefined ? { relayState: s.relayState } : {}),
          sessionDuration: s.sessionDuration,
          tags: Object.fromEntries([...s.tags].sort(([a], [b]) => a.localeCompare(b))),
          ...(s.inlinePolicy !== undefined ? { inlinePolicy: s.inlinePolicy } : {}),
          managedPolicies: [...s.managedPolicies.keys()].sort(),
          customerManagedPolicies: [...s.customerPolicies.keys()].sort(),
          ...(s.boundary
            ? {
                permissionsBoundary:
                  s.boundary.ManagedPolicyArn ?? customerKey(s.boundary.CustomerManagedPolicyReference!),
              }
            : {}),
        })),
      assignments: [...this.assignments.values()]
        .map(
          (a) =>
            `${byArn.get(a.permissionSetArn) ?? a.permissionSetArn} ${a.accountId} ${a.principalType} ${a.principalId}`,
        )
        .sort(),
      inProgress: [...this.requests.values()].filter((r) => this.settle(r) === 'IN_PROGRESS').length,
    };
  }

  private checkInstance(input: Record<string, unknown>): void {
    if (input.InstanceArn !== this.config.instanceArn) {
      throw new AwsError('ResourceNotFoundException', `instance ${String(input.InstanceArn)} not found`);
    }
  }

  private set(input: Record<string, unknown>, note: (n: LogNote) => void, key = 'PermissionSetArn'): PermissionSet {
    this.checkInstance(input);
    const arn = str(input, key);
    const s = [...this.sets.values()].find((p) => p.arn === arn);
    if (!s) throw new AwsError('ResourceNotFoundException', `Could not find PermissionSet with id ${arn}`);
    note({ permissionSet: s.name });
    return s;
  }

  private describe(s: PermissionSet): Record<string, unknown> {
    return {
      Name: s.name,
      PermissionSetArn: s.arn,
      CreatedDate: s.createdDate,
      SessionDuration: s.sessionDuration,
      ...(s.description !== undefined ? { Description: s.description } : {}),
      ...(s.relayState !== undefined ? { RelayState: s.relayState } : {}),
    };
  }

  /** Accounts a permission set is provisioned to: those with an assignment of it. */
  private provisionedAccounts(arn: string): string[] {
    const accounts = new Set<string>();
    for (const a of this.assignments.values()) if (a.permissionSetArn === arn) accounts.add(a.accountId);
    return [...accounts].sort();
  }

  /** A request's status now: it succeeds after its IN_PROGRESS polls, or by itself after a while. */
  private settle(r: AsyncRequest): AsyncRequest['status'] {
    if (r.status === 'IN_PROGRESS' && Date.now() - r.startedAt >= this.options.settleAfterMs) this.finish(r);
    return r.status;
  }

  private finish(r: AsyncRequest): void {
    r.status = 'SUCCEEDED';
    r.effect();
  }

  private lockKey(account: string): string | undefined {
    return this.options.conflicts ? account : undefined;
  }

  /** Starts an asynchronous request; ConflictException if one in progress holds any of its keys. */
  private start(
    kind: AsyncKind,
    accounts: readonly string[],
    effect: () => void,
    body: Record<string, unknown>,
  ): AsyncRequest {
    const locks = accounts.map((a) => this.lockKey(a)).filter((k): k is string => k !== undefined);
    for (const other of this.requests.values()) {
      if (this.settle(other) !== 'IN_PROGRESS') continue;
      const clash = other.locks.find((k) => locks.includes(k));
      if (clash) {
        throw new AwsError(
          'ConflictException',
          `Request ${other.id} is currently being processed for account ${clash}; retry with backoff`,
        );
      }
    }
    const polls = kind === 'provisioning' ? this.options.provisioningPolls : this.options.assignmentPolls;
    const r: AsyncRequest = {
      id: randomUUID(),
      kind,
      startedAt: Date.now(),
      pollsLeft: polls,
      status: 'IN_PROGRESS',
      locks,
      effect,
      body,
    };
    this.requests.set(r.id, r);
    return r;
  }

  /** A status read: IN_PROGRESS for the configured number of polls, then SUCCEEDED. */
  private poll(kind: AsyncKind, input: Record<string, unknown>, idKey: string): AsyncRequest {
    this.checkInstance(input);
    const id = str(input, idKey);
    const r = this.requests.get(id);
    if (!r || r.kind !== kind) throw new AwsError('ResourceNotFoundException', `request ${id} not found`);
    if (this.settle(r) === 'IN_PROGRESS') {
      if (r.pollsLeft > 0) r.pollsLeft--;
      else this.finish(r);
    }
    return r;
  }

  private statusBody(r: AsyncRequest): Record<string, unknown> {
    return { ...r.body, Status: r.status, RequestId: r.id, CreatedDate: r.startedAt / 1000 };
  }

  private assignmentKey(a: Assignment): string {
    return `${a.permissionSetArn}|${a.accountId}|${a.principalType}|${a.principalId}`;
  }

  readonly operations: Readonly<Record<string, Handler>> = {
    CreatePermissionSet: (input, note) => {
      this.checkInstance(input);
      const name = str(input, 'Name');
      note({ permissionSet: name });
      // Names are unique within an instance (ConflictException in API_CreatePermissionSet's Errors).
      if (this.sets.has(name))
        throw new AwsError('ConflictException', `PermissionSet with name ${name} already exists`);
      const id = createHash('sha256').update(`${name}:${randomUUID()}`).digest('hex').slice(0, 16);
      const s: PermissionSet = {
        arn: `arn:aws:sso:::permissionSet/${this.instanceId}/ps-${id}`,
        name,
        sessionDuration: optStr(input, 'SessionDuration') ?? 'PT1H',
        createdDate: Math.floor(Date.now() / 1000),
        tags: new Map(
          ((input.Tags as { Key: string; Value: string }[] | undefined) ?? []).map((t) => [t.Key, t.Value]),
        ),
        managedPolicies: new Map(),
        customerPolicies: new Map(),
        version: 1,
        ...(optStr(input, 'Description') !== undefined ? { description: optStr(input, 'Description') } : {}),
        ...(optStr(input, 'RelayState') !== undefined ? { relayState: optStr(input, 'RelayState') } : {}),
      };
      this.sets.set(name, s);
      return { PermissionSet: this.describe(s) };
    },
    DescribePermissionSet: (input, note) => ({ PermissionSet: this.describe(this.set(input, note)) }),
    UpdatePermissionSet: (input, note) => {
      const s = this.set(input, note);
      // An absent field clears it (why the provider always sends all three, its issue #17411).
      s.description = optStr(input, 'Description');
      s.relayState = optStr(input, 'RelayState');
      s.sessionDuration = optStr(input, 'SessionDuration') ?? s.sessionDuration;
      this.touch(s);
      return {};
    },
    DeletePermissionSet: (input, note) => {
      const s = this.set(input, note);
      // A permission set must be removed from every account before it can be deleted
      // (ConflictException in API_DeletePermissionSet's Errors;
      // https://docs.aws.amazon.com/singlesignon/latest/userguide/howtodeletepermissionset.html).
      const accounts = this.provisionedAccounts(s.arn);
      const pending = [...this.requests.values()].some(
        (r) => this.settle(r) === 'IN_PROGRESS' && r.kind !== 'provisioning' && r.body.PermissionSetArn === s.arn,
      );
      if (accounts.length > 0 || pending) {
        throw new AwsError(
          'ConflictException',
          `PermissionSet ${s.name} is still assigned in accounts ${accounts.join(', ')}; delete its account assignments first`,
        );
      }
      this.sets.delete(s.name);
      return {};
    },
    ListTagsForResource: (input, note) => {
      const s = this.set(input, note, 'ResourceArn');
      return page(
        [...s.tags].map(([Key, Value]) => ({ Key, Value })),
        input,
        'Tags',
      );
    },
    TagResource: (input, note) => {
      const s = this.set(input, note, 'ResourceArn');
      for (const t of (input.Tags as { Key: string; Value: string }[] | undefined) ?? []) s.tags.set(t.Key, t.Value);
      return {};
    },
    UntagResource: (input, note) => {
      const s = this.set(input, note, 'ResourceArn');
      for (const k of (input.TagKeys as string[] | undefined) ?? []) s.tags.delete(k);
      return {};
    },
    PutInlinePolicyToPermissionSet: (input, note) => {
      const s = this.set(input, note);
      s.inlinePolicy = str(input, 'InlinePolicy');
      this.touch(s);
      return {};
    },
    GetInlinePolicyForPermissionSet: (input, note) => {
      const s = this.set(input, note);
      return s.inlinePolicy !== undefined ? { InlinePolicy: s.inlinePolicy } : {};
    },
    DeleteInlinePolicyFromPermissionSet: (input, note) => {
      const s = this.set(input, note);
      delete s.inlinePolicy;
      this.touch(s);
      return {};
    },
    AttachManagedPolicyToPermissionSet: (input, note) => {
      const s = this.set(input, note);
      const arn = str(input, 'ManagedPolicyArn');
      if (s.managedPolicies.has(arn)) throw new AwsError('ConflictException', `Policy ${arn} is already attached`);
      s.managedPolicies.set(arn, policyName(arn));
      this.touch(s);
      return {};
    },
    DetachManagedPolicyFromPermissionSet: (input, note) => {
      const s = this.set(input, note);
      const arn = str(input, 'ManagedPolicyArn');
      if (!s.managedPolicies.delete(arn))
        throw new AwsError('ResourceNotFoundException', `Policy ${arn} is not attached`);
      this.touch(s);
      return {};
    },
    ListManagedPoliciesInPermissionSet: (input, note) => {
      const s = this.set(input, note);
      return page(
        [...s.managedPolicies].map(([Arn, Name]) => ({ Arn, Name })),
        input,
        'AttachedManagedPolicies',
      );
    },
    AttachCustomerManagedPolicyReferenceToPermissionSet: (input, note) => {
      const s = this.set(input, note);
      const ref = input.CustomerManagedPolicyReference as { Name: string; Path?: string };
      const key = customerKey(ref);
      if (s.customerPolicies.has(key))
        throw new AwsError('ConflictException', `Policy reference ${key} is already attached`);
      s.customerPolicies.set(key, { Name: ref.Name, Path: ref.Path ?? '/' });
      this.touch(s);
      return {};
    },
    DetachCustomerManagedPolicyReferenceFromPermissionSet: (input, note) => {
      const s = this.set(input, note);
      const key = customerKey(input.CustomerManagedPolicyReference as { Name: string; Path?: string });
      if (!s.customerPolicies.delete(key))
        throw new AwsError('ResourceNotFoundException', `Policy reference ${key} is not attached`);
      this.touch(s);
      return {};
    },
    ListCustomerManagedPolicyReferencesInPermissionSet: (input, note) => {
      const s = this.set(input, note);
      return page([...s.customerPolicies.values()], input, 'CustomerManagedPolicyReferences');
    },
    PutPermissionsBoundaryToPermissionSet: (input, note) => {
      const s = this.set(input, note);
      const b = input.PermissionsBoundary as PermissionSet['boundary'];
      if (!b || (!b.ManagedPolicyArn && !b.CustomerManagedPolicyReference))
        throw new AwsError('ValidationException', 'PermissionsBoundary is required');
      s.boundary = b.ManagedPolicyArn
        ? { ManagedPolicyArn: b.ManagedPolicyArn }
        : {
            CustomerManagedPolicyReference: {
              Name: b.CustomerManagedPolicyReference!.Name,
              Path: b.CustomerManagedPolicyReference!.Path ?? '/',
            },
          };
      this.touch(s);
      return {};
    },
    GetPermissionsBoundaryForPermissionSet: (input, note) => {
      const s = this.set(input, note);
      if (!s.boundary) throw new AwsError('ResourceNotFoundException', 'Permissions boundary not found');
      return { PermissionsBoundary: s.boundary };
    },
    DeletePermissionsBoundaryFromPermissionSet: (input, note) => {
      const s = this.set(input, note);
      if (!s.boundary) throw new AwsError('ResourceNotFoundException', 'Permissions boundary not found');
      delete s.boundary;
      this.touch(s);
      return {};
    },
    ProvisionPermissionSet: (input, note) => {
      const s = this.set(input, note);
      const target = str(input, 'TargetType');
      const accounts =
        target === 'ALL_PROVISIONED_ACCOUNTS' ? this.provisionedAccounts(s.arn) : [str(input, 'TargetId')];
      const version = s.version;
      const r = this.start('provisioning', accounts, () => this.markProvisioned(s, accounts, version), {
        PermissionSetArn: s.arn,
        ...(target === 'AWS_ACCOUNT' ? { AccountId: accounts[0] } : {}),
      });
      return { PermissionSetProvisioningStatus: this.statusBody(r) };
    },
    DescribePermissionSetProvisioningStatus: (input) => ({
      PermissionSetProvisioningStatus: this.statusBody(
        this.poll('provisioning', input, 'ProvisionPermissionSetRequestId'),
      ),
    }),
    CreateAccountAssignment: (input, note) => {
      const s = this.set(input, note);
      const a: Assignment = {
        permissionSetArn: s.arn,
        accountId: str(input, 'TargetId'),
        principalId: str(input, 'PrincipalId'),
        principalType: str(input, 'PrincipalType'),
      };
      note({ account: a.accountId });
      // Creating an assignment provisions the permission set into the account
      // (API_CreateAccountAssignment: "the specified permission set will automatically be provisioned").
      const version = s.version;
      const r = this.start(
        'creation',
        [a.accountId],
        () => {
          this.assignments.set(this.assignmentKey(a), a);
          this.markProvisioned(s, [a.accountId], version);
        },
        {
          TargetId: a.accountId,
          TargetType: 'AWS_ACCOUNT',
          PermissionSetArn: s.arn,
          PrincipalId: a.principalId,
          PrincipalType: a.principalType,
        },
      );
      return { AccountAssignmentCreationStatus: this.statusBody(r) };
    },
    DescribeAccountAssignmentCreationStatus: (input) => ({
      AccountAssignmentCreationStatus: this.statusBody(
        this.poll('creation', input, 'AccountAssignmentCreationRequestId'),
      ),
    }),
    DeleteAccountAssignment: (input, note) => {
      const s = this.set(input, note);
      const a: Assignment = {
        permissionSetArn: s.arn,
        accountId: str(input, 'TargetId'),
        principalId: str(input, 'PrincipalId'),
        principalType: str(input, 'PrincipalType'),
      };
      note({ account: a.accountId });
      if (!this.assignments.has(this.assignmentKey(a)))
        throw new AwsError('ResourceNotFoundException', 'Account assignment not found');
      const r = this.start(
        'deletion',
        [a.accountId],
        () => {
          this.assignments.delete(this.assignmentKey(a));
          // The last assignment gone, the permission set's role leaves the account (the emulator's
          // model, as provisionedAccounts above: provisioned = has an assignment there).
          if (!this.provisionedAccounts(s.arn).includes(a.accountId))
            this.provisioned.delete(`${s.arn}|${a.accountId}`);
        },
        {
          TargetId: a.accountId,
          TargetType: 'AWS_ACCOUNT',
          PermissionSetArn: s.arn,
          PrincipalId: a.principalId,
          PrincipalType: a.principalType,
        },
      );
      return { AccountAssignmentDeletionStatus: this.statusBody(r) };
    },
    DescribeAccountAssignmentDeletionStatus: (input) => ({
      AccountAssignmentDeletionStatus: this.statusBody(
        this.poll('deletion', input, 'AccountAssignmentDeletionRequestId'),
      ),
    }),
    ListAccountAssignments: (input, note) => {
      const s = this.set(input, note);
      const account = str(input, 'AccountId');
      note({ account });
      const found = [...this.assignments.values()]
        .filter((a) => a.permissionSetArn === s.arn && a.accountId === account)
        .map((a) => ({
          AccountId: a.accountId,
          PermissionSetArn: a.permissionSetArn,
          PrincipalId: a.principalId,
          PrincipalType: a.principalType,
        }));
      return page(found, input, 'AccountAssignments');
    },
  };
}
