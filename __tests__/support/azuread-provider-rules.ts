/**
 * The argument validation of the azuread provider at the version we pin (hashicorp/azuread 3.7.0,
 * the version @cdktf/provider-azuread 14.3.1 generates bindings for), re-implemented for the
 * arguments Zone Access emits. There is no azuread binary offline, so this table stands in for
 * `terraform validate`/`plan`: __tests__/synth/azuread-provider-rules.test.ts runs every emitted
 * azuread argument through it.
 *
 * Every rule cites its source as `file:line` in github.com/hashicorp/terraform-provider-azuread at
 * tag v3.7.0 (`SDK/` = vendor/github.com/hashicorp/go-azure-sdk/microsoft-graph/common-types/stable/,
 * `RESOURCEIDS/` = vendor/github.com/hashicorp/go-azure-helpers/resourcemanager/resourceids/). The
 * rules are written from that source, independently of constructs/azuread-ids.ts, so a wrong
 * format in the constructs fails here.
 *
 * Beyond the provider's own checks, one project rule: object ids must be lower case, because the
 * arguments holding them are ForceNew and the provider writes Graph's (lower-case) answer back into
 * state, so an upper-case id would be replaced on every plan.
 */

export type Check = (value: unknown) => string | undefined;

export interface ArgumentRule {
  readonly required?: boolean;
  readonly check: Check;
  /** `file:line` at v3.7.0 of the schema entry and of its ValidateFunc. */
  readonly source: string;
}

export interface BlockRule {
  /** Arguments of this block; any other argument is an error (it has no rule). */
  readonly arguments: Readonly<Record<string, ArgumentRule>>;
  /** Exactly one of these must be set (`ExactlyOneOf`). */
  readonly exactlyOneOf?: { readonly names: readonly string[]; readonly source: string };
  /** At least one of these must be set (`AtLeastOneOf`). */
  readonly atLeastOneOf?: { readonly names: readonly string[]; readonly source: string };
}

/**
 * A Terraform reference, resolved at apply. The attributes it may name are listed per argument
 * (`refs`); anything else (a reference to an attribute that is not an object id) is an error.
 */
const REFERENCE = /^\$\{((?:data\.)?[a-z_]+)\.[A-Za-z0-9_-]+\.([a-z_]+)\}$/;

/** Attributes that hold a (lower-case, as Graph returns them) object id or a resource's own id. */
const OBJECT_ID_ATTRIBUTES = new Set([
  'azuread_group.object_id', // internal/services/groups/group_resource.go (Computed, from Graph)
  'data.azuread_user.object_id', // internal/services/users/user_data_source.go:60
  'data.azuread_client_config.object_id', // internal/services/serviceprincipals/client_config_data_source.go:65
]);

function reference(value: unknown): { kind: string; attribute: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = REFERENCE.exec(value);
  return m ? { kind: m[1]!, attribute: m[2]! } : undefined;
}

/** go-uuid ParseUUID (vendor/github.com/hashicorp/go-uuid/uuid.go:60-83): 36 chars, dashes at 8/13/18/23, hex. */
export function goParseUuid(value: string): string | undefined {
  if (value.length !== 36) return 'uuid string is wrong length';
  if (value[8] !== '-' || value[13] !== '-' || value[18] !== '-' || value[23] !== '-') return 'uuid is improperly formatted';
  const hex = value.slice(0, 8) + value.slice(9, 13) + value.slice(14, 18) + value.slice(19, 23) + value.slice(24, 36);
  return /^[0-9a-fA-F]{32}$/.test(hex) ? undefined : 'invalid hex';
}

/**
 * validation.IsUUID (internal/helpers/tf/validation/pluginsdk.go:204 → terraform-plugin-sdk
 * helper/validation/uuid.go:13), plus the project's lower-case rule for literal ids. A reference
 * must name an object id attribute.
 */
export const isObjectId: Check = (value) => {
  const ref = reference(value);
  if (ref) {
    return OBJECT_ID_ATTRIBUTES.has(`${ref.kind}.${ref.attribute}`) ? undefined : `reference ${String(value)} is not an object id attribute`;
  }
  if (typeof value !== 'string') return `expected a string, got ${JSON.stringify(value)}`;
  const err = goParseUuid(value);
  if (err) return `expected a valid UUID, got ${value} (${err})`;
  if (value !== value.toLowerCase()) return `object id ${value} is not lower case: ForceNew, and Graph returns lower case, so every plan would replace it`;
  return undefined;
};

/** One segment of a resource id (RESOURCEIDS/parse.go). */
type Segment = { readonly static: string } | { readonly user: string };

/**
 * resourceids.Parser.Parse(input, insensitively=false) for ids without scope segments
 * (RESOURCEIDS/parse.go:71-207): one leading `/` is optional (line 160), static segments must match
 * exactly, case-sensitively (lines 263-278), user-specified segments must be non-empty (lines
 * 202-206), and nothing may follow the last segment (lines 191-194). A bare object id has one
 * segment: NumberOfSegmentsDidntMatch (line 163).
 */
export function parseResourceId(segments: readonly Segment[], input: string): string | undefined {
  if (input === '') return 'cannot parse an empty string';
  const split = input.replace(/^\//, '').split('/');
  if (split.length < segments.length) return `expected ${segments.length} segments, got ${split.length}`;
  if (split.length > segments.length) return `unexpected segment "${split.slice(segments.length).join('/')}" present at the end of the URI`;
  for (const [i, segment] of segments.entries()) {
    const raw = split[i]!;
    if ('static' in segment) {
      if (raw !== segment.static) return `segment ${i + 1} must be "${segment.static}", got "${raw}"`;
    } else if (raw === '') {
      return `segment "${segment.user}" is empty`;
    }
  }
  return undefined;
}

/** A resource id argument whose id parts must also be canonical object ids (when literal). */
function resourceId(segments: readonly Segment[], objectIdSegments: readonly string[]): Check {
  return (value) => {
    if (typeof value !== 'string') return `expected a string, got ${JSON.stringify(value)}`;
    const err = parseResourceId(segments, value);
    if (err) return `parsing "${value}": ${err}`;
    const split = value.replace(/^\//, '').split('/');
    for (const [i, segment] of segments.entries()) {
      if ('user' in segment && objectIdSegments.includes(segment.user)) {
        const idErr = isObjectId(split[i]);
        if (idErr) return `${segment.user}: ${idErr}`;
      }
    }
    return undefined;
  };
}

/** SDK/id_application.go:92-97 */
const APPLICATION_ID: Segment[] = [{ static: 'applications' }, { user: 'applicationId' }];
/** SDK/id_serviceprincipal.go:92-97 */
const SERVICE_PRINCIPAL_ID: Segment[] = [{ static: 'servicePrincipals' }, { user: 'servicePrincipalId' }];
/** SDK/id_serviceprincipalidsynchronizationjob.go:98-106 */
const SYNCHRONIZATION_JOB_ID: Segment[] = [
  { static: 'servicePrincipals' },
  { user: 'servicePrincipalId' },
  { static: 'synchronization' },
  { static: 'jobs' },
  { user: 'synchronizationJobId' },
];

const isString: Check = (v) => (typeof v === 'string' ? undefined : `expected a string, got ${JSON.stringify(v)}`);
const isBool: Check = (v) => (typeof v === 'boolean' ? undefined : `expected a boolean, got ${JSON.stringify(v)}`);
/** validation.StringIsNotEmpty */
const notEmpty: Check = (v) => isString(v) ?? (v === '' ? 'expected a non-empty string' : undefined);
/** validation.StringInSlice(values, false): case-sensitive. */
const oneOf = (values: readonly string[]): Check => (v) =>
  isString(v) ?? (values.includes(v as string) ? undefined : `expected one of ${values.join(', ')}, got ${String(v)}`);
const listOf = (item: Check, opts: { min?: number; max?: number } = {}): Check => (v) => {
  if (!Array.isArray(v)) return `expected a list, got ${JSON.stringify(v)}`;
  if (opts.min !== undefined && v.length < opts.min) return `expected at least ${opts.min} items, got ${v.length}`;
  if (opts.max !== undefined && v.length > opts.max) return `expected at most ${opts.max} items, got ${v.length}`;
  for (const [i, e] of v.entries()) {
    const err = item(e);
    if (err) return `[${i}]: ${err}`;
  }
  return undefined;
};
const mapOfStrings: Check = (v) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')
    ? undefined
    : `expected a map of strings, got ${JSON.stringify(v)}`;

/**
 * applicationsValidate.RoleScopeClaimValue (internal/services/applications/validate/tokens.go:16-52):
 * at most 249 characters, no leading period, only these characters.
 */
const roleClaimValue: Check = (v) => {
  if (typeof v !== 'string') return 'Expected a string value';
  if (v.length > 249) return 'Value must be between 0-249 characters in length';
  if (v.startsWith('.')) return 'Value must not begin with a period';
  if (/[^A-Za-z0-9:!#$%&'()*+,./:;<=>?@[\]^+_{|}~`-]/.test(v)) return 'Value must be alphanumeric with these allowed characters';
  return undefined;
};

/** A nested block list (`parameter`, `subject`): each element checked against `block`. */
function blocks(block: BlockRule, opts: { min?: number } = {}): Check {
  return (v) => {
    if (!Array.isArray(v)) return `expected a block list, got ${JSON.stringify(v)}`;
    if (opts.min !== undefined && v.length < opts.min) return `expected at least ${opts.min} blocks`;
    for (const [i, e] of v.entries()) {
      const errs = checkBlock(block, e as Record<string, unknown>);
      if (errs.length) return `[${i}]: ${errs.join('; ')}`;
    }
    return undefined;
  };
}

/**
 * The for expression Zone Access uses to turn an `azuread_users` lookup into object ids: `users` is a
 * list of objects whose `object_id` is Graph's id (internal/services/users/users_data_source.go:112-186,
 * set at :394), lower-cased because the provider compares member ids as plain strings.
 */
const USERS_OBJECT_IDS = /^\[ for key, val in toset\(data\.azuread_users\.[A-Za-z0-9_-]+\.users\): lower\(val\.object_id\)\]$/;

/**
 * `members` of azuread_group: a set of UUIDs (validation.IsUUID per element), given either as a
 * literal list or as one expression: the resolved UPNs, or `concat([<literal ids>], <resolved UPNs>)`.
 * Literal ids must be lower case: Read stores Graph's lower-case ids (group_resource.go:1325-1333) and
 * Update diffs the strings (:1104-1106), so an upper-case id would be removed and re-added forever.
 */
const groupMembers: Check = (value) => {
  if (Array.isArray(value)) return listOf(isObjectId)(value);
  if (typeof value !== 'string') return `expected a set of object ids, got ${JSON.stringify(value)}`;
  const m = /^\$\{(.*)\}$/s.exec(value);
  const expr = m?.[1];
  if (expr === undefined) return `expected a set of object ids or an expression, got ${value}`;
  if (USERS_OBJECT_IDS.test(expr)) return undefined;
  const concat = /^concat\(\[(.*?)\], (.*)\)$/s.exec(expr);
  if (!concat || !USERS_OBJECT_IDS.test(concat[2]!)) return `expression ${value} is not a set of object ids (resolved UPNs, optionally concat() with literal ids)`;
  let literals: unknown;
  try {
    literals = JSON.parse(`[${concat[1]}]`);
  } catch {
    return `concat()'s literal ids in ${value} are not a list of strings`;
  }
  return listOf(isObjectId, { min: 1 })(literals);
};

const SYNC = 'internal/services/synchronization/synchronization_job_provision_on_demand_resource.go';
const APP_ROLE = 'internal/services/applications/application_app_role_resource.go';
const ASSIGNMENT = 'internal/services/approleassignments/app_role_assignment_resource.go';
const GROUP = 'internal/services/groups/group_resource.go';
const USER = 'internal/services/users/user_data_source.go';
const USERS = 'internal/services/users/users_data_source.go';

/** Resource / data source type (data sources as `data.<type>`, the provider as `provider`) → rule. */
export const AZUREAD_RULES: Readonly<Record<string, BlockRule>> = {
  provider: {
    arguments: {
      tenant_id: { check: isObjectId, source: 'internal/provider/provider.go:112-117 (Optional string; lower case: project rule)' },
    },
  },
  azuread_application_app_role: {
    arguments: {
      application_id: {
        required: true,
        check: resourceId(APPLICATION_ID, ['applicationId']),
        source: `${APP_ROLE}:52-58 (stable.ValidateApplicationID, SDK/id_application.go:71-83, segments :92-97)`,
      },
      role_id: { required: true, check: isObjectId, source: `${APP_ROLE}:60-66 (validation.IsUUID)` },
      allowed_member_types: {
        required: true,
        check: listOf(oneOf(['Application', 'User']), { min: 1 }),
        source: `${APP_ROLE}:68-77 (MinItems 1; StringInSlice possibleValuesForAppRoleAllowedMemberType, internal/services/applications/constants.go:15)`,
      },
      description: { required: true, check: notEmpty, source: `${APP_ROLE}:79-84 (StringIsNotEmpty)` },
      display_name: { required: true, check: notEmpty, source: `${APP_ROLE}:86-91 (StringIsNotEmpty)` },
      value: { check: roleClaimValue, source: `${APP_ROLE}:93-98 (RoleScopeClaimValue, internal/services/applications/validate/tokens.go:16-52)` },
    },
  },
  azuread_app_role_assignment: {
    arguments: {
      app_role_id: { required: true, check: isObjectId, source: `${ASSIGNMENT}:60-66 (IsUUID, ForceNew; read back from Graph at :184)` },
      principal_object_id: { required: true, check: isObjectId, source: `${ASSIGNMENT}:68-74 (IsUUID, ForceNew; read back at :186)` },
      resource_object_id: { required: true, check: isObjectId, source: `${ASSIGNMENT}:76-82 (IsUUID, ForceNew; read back at :189)` },
    },
  },
  azuread_group: {
    arguments: {
      display_name: { required: true, check: notEmpty, source: `${GROUP}:76-81 (StringIsNotEmpty)` },
      description: { check: isString, source: `${GROUP}:118-122` },
      security_enabled: { check: isBool, source: `${GROUP}:237-242` },
      mail_enabled: { check: isBool, source: `${GROUP}:168-173` },
      prevent_duplicate_names: { check: isBool, source: `${GROUP}:219-223` },
      owners: {
        check: listOf(isObjectId, { max: 100 }),
        source: `${GROUP}:205-217 (set of IsUUID, MaxItems 100; Optional+Computed, so Zone Access always sets it)`,
      },
      members: {
        check: groupMembers,
        source:
          `${GROUP}:184-195 (set of IsUUID; Optional+Computed: omitted keeps every member, so file mode always sets it, ` +
          `[] included; Update :1091-1123 removes and adds the difference with Graph's list)`,
      },
    },
    atLeastOneOf: { names: ['mail_enabled', 'security_enabled'], source: `${GROUP}:172, :241` },
  },
  azuread_synchronization_job_provision_on_demand: {
    arguments: {
      service_principal_id: {
        required: true,
        check: resourceId(SERVICE_PRINCIPAL_ID, ['servicePrincipalId']),
        source: `${SYNC}:37-43 (stable.ValidateServicePrincipalID, SDK/id_serviceprincipal.go:71-83, segments :92-97)`,
      },
      synchronization_job_id: {
        required: true,
        check: resourceId(SYNCHRONIZATION_JOB_ID, ['servicePrincipalId']),
        source: `${SYNC}:45-51 (stable.ValidateServicePrincipalIdSynchronizationJobID, SDK/id_serviceprincipalidsynchronizationjob.go:77-89, segments :98-106)`,
      },
      parameter: {
        required: true,
        check: blocks(
          {
            arguments: {
              rule_id: { required: true, check: notEmpty, source: `${SYNC}:60-65 (Required string)` },
              subject: {
                required: true,
                check: blocks({
                  arguments: {
                    object_id: { required: true, check: isObjectId, source: `${SYNC}:74-78 (Required string; a group object id here)` },
                    object_type_name: {
                      required: true,
                      check: oneOf(['Group', 'user', 'User', 'Worker']),
                      source: `${SYNC}:80-85 (StringInSlice, case-sensitive)`,
                    },
                  },
                }, { min: 1 }),
                source: `${SYNC}:67-88 (Required list)`,
              },
            },
          },
          { min: 1 },
        ),
        source: `${SYNC}:53-91 (Required list)`,
      },
      triggers: { check: mapOfStrings, source: `${SYNC}:93-100 (Optional map of strings)` },
    },
  },
  'data.azuread_user': {
    arguments: {
      user_principal_name: { check: notEmpty, source: `${USER}:69-76 (StringIsNotEmpty)` },
      object_id: { check: isObjectId, source: `${USER}:60-67 (IsUUID)` },
    },
    exactlyOneOf: {
      names: ['employee_id', 'mail', 'mail_nickname', 'object_id', 'user_principal_name'],
      source: `${USER}:37, :46, :55, :65, :74 (ExactlyOneOf)`,
    },
  },
  'data.azuread_users': {
    arguments: {
      user_principal_names: { check: listOf(notEmpty), source: `${USERS}:83-93 (list of StringIsNotEmpty)` },
      ignore_missing: { check: isBool, source: `${USERS}:95-101 (bool; ConflictsWith return_all)` },
    },
    exactlyOneOf: {
      names: ['object_ids', 'user_principal_names', 'mail_nicknames', 'mails', 'employee_ids', 'return_all'],
      source: `${USERS}:40, :52, :64, :76, :88, :109 (ExactlyOneOf)`,
    },
  },
  'data.azuread_client_config': {
    arguments: {},
    // No arguments at all: internal/services/serviceprincipals/client_config_data_source.go:47-49.
  },
};

/** Terraform meta-arguments and cdktf's metadata key: not provider arguments. */
const META = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'alias']);

/** Every violation of `rule` by one block's arguments. */
export function checkBlock(rule: BlockRule, args: Record<string, unknown>): string[] {
  const errors: string[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (META.has(name)) continue;
    const arg = rule.arguments[name];
    if (!arg) {
      errors.push(`${name}: no rule for this argument (add one, citing the provider source)`);
      continue;
    }
    const err = arg.check(value);
    if (err) errors.push(`${name}: ${err} [${arg.source}]`);
  }
  for (const [name, arg] of Object.entries(rule.arguments)) {
    if (arg.required && !(name in args)) errors.push(`${name}: required argument missing [${arg.source}]`);
  }
  if (rule.exactlyOneOf) {
    const set = rule.exactlyOneOf.names.filter((n) => n in args);
    if (set.length !== 1) errors.push(`exactly one of ${rule.exactlyOneOf.names.join(', ')} must be set, got ${set.length} [${rule.exactlyOneOf.source}]`);
  }
  if (rule.atLeastOneOf && !rule.atLeastOneOf.names.some((n) => n in args)) {
    errors.push(`at least one of ${rule.atLeastOneOf.names.join(', ')} must be set [${rule.atLeastOneOf.source}]`);
  }
  return errors;
}

/** Every violation in one synthesized stack's JSON, as `<address>: <problem>`. */
export function checkStack(stackJson: Record<string, any>): { checked: number; errors: string[] } {
  const errors: string[] = [];
  let checked = 0;
  const visit = (kind: string, address: string, args: Record<string, unknown>) => {
    if (!kind.startsWith('azuread_') && !kind.startsWith('data.azuread_') && kind !== 'provider') return;
    const rule = AZUREAD_RULES[kind];
    checked++;
    if (!rule) {
      errors.push(`${address}: no rules for ${kind} (add them, citing the provider source)`);
      return;
    }
    for (const e of checkBlock(rule, args)) errors.push(`${address}: ${e}`);
  };
  for (const [type, byName] of Object.entries<Record<string, any>>(stackJson.resource ?? {})) {
    for (const [name, args] of Object.entries(byName)) visit(type, `${type}.${name}`, args);
  }
  for (const [type, byName] of Object.entries<Record<string, any>>(stackJson.data ?? {})) {
    for (const [name, args] of Object.entries(byName)) visit(`data.${type}`, `data.${type}.${name}`, args);
  }
  for (const config of [stackJson.provider?.azuread ?? []].flat()) visit('provider', 'provider.azuread', config);
  return { checked, errors };
}
