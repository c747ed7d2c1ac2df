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

/**
 * The stack a block is in, for rules that look across blocks: that a reference names a block of
 * the stack, and what an `azuread_users` lookup was asked for. Absent when a block is checked alone.
 */
export interface StackContext {
  /** The arguments of `<type>.<name>` (data sources as `data.<type>.<name>`), if the stack has it. */
  block(address: string): Record<string, unknown> | undefined;
  /** The conditions of every `check` block's assertions in the stack. */
  readonly checkConditions?: readonly string[];
}

export type Check = (value: unknown, ctx?: StackContext) => string | undefined;

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
  /** Checks of the `lifecycle` meta-argument's expressions against this block's schema. */
  readonly lifecycle?: {
    readonly check: (lifecycle: unknown, args: Record<string, unknown>) => string | undefined;
    readonly source: string;
  };
  /** Rules across this block's arguments. */
  readonly conditions?: readonly {
    readonly check: (args: Record<string, unknown>) => string | undefined;
    readonly source: string;
  }[];
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

/** `${<kind>.<name>.<attr>}` → the block address `<kind>.<name>`. */
function referencedAddress(value: string): string | undefined {
  const m = /^\$\{((?:data\.)?[a-z_]+\.[A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value);
  return m?.[1];
}

/** A reference must name a block the stack has (Terraform: "Reference to undeclared resource"). */
function declared(value: string, ctx: StackContext | undefined): string | undefined {
  const address = referencedAddress(value);
  if (!ctx || !address) return undefined;
  return ctx.block(address) ? undefined : `reference ${value}: no ${address} in this stack`;
}

/**
 * `${element(data.azuread_users.<name>.object_ids, <i>)}`: the i-th user the lookup was asked for.
 * `object_ids` holds the found users' ids in the order of `user_principal_names`
 * (internal/services/users/users_data_source.go:228-253, one query per UPN in order; :376, :413),
 * and a missing user fails the read (:249, :358-362) unless `ignore_missing` is set, which skips it
 * (:246-247) and shifts every later position. So, with the stack at hand: the lookup exists, asks
 * for at least i+1 UPNs, and does not set ignore_missing.
 */
const USERS_ELEMENT = /^\$\{element\(data\.azuread_users\.([A-Za-z0-9_-]+)\.object_ids, (\d+)\)\}$/;

function usersElement(value: string, ctx: StackContext | undefined): string | undefined {
  const m = USERS_ELEMENT.exec(value);
  if (!m) return undefined;
  if (!ctx) return '';
  const address = `data.azuread_users.${m[1]}`;
  const lookup = ctx.block(address);
  if (!lookup) return `${value}: no ${address} in this stack`;
  const upns = lookup.user_principal_names;
  const index = Number(m[2]);
  if (!Array.isArray(upns) || index >= upns.length)
    return `${value}: ${address} asks for ${Array.isArray(upns) ? upns.length : 0} user_principal_names, no position ${index}`;
  if (lookup.ignore_missing === true)
    return `${value}: ${address} sets ignore_missing, so a missing user shifts every later position (users_data_source.go:246-247)`;
  return '';
}

/**
 * A UUID-valued argument (validation.IsUUID; plus the project's lower-case rule for literals) whose
 * reference may name only the given `<kind>.<attribute>`s, e.g. the bare id a resource sets with
 * `d.SetId` — and, with the stack at hand, a block that exists.
 */
function uuidOf(attributes: readonly string[]): Check {
  return (value, ctx) => {
    const ref = reference(value);
    if (ref) {
      if (!attributes.includes(`${ref.kind}.${ref.attribute}`))
        return `reference ${String(value)} must name one of ${attributes.join(', ')}`;
      return declared(value as string, ctx);
    }
    return isObjectId(value);
  };
}

/** go-uuid ParseUUID (vendor/github.com/hashicorp/go-uuid/uuid.go:60-83): 36 chars, dashes at 8/13/18/23, hex. */
export function goParseUuid(value: string): string | undefined {
  if (value.length !== 36) return 'uuid string is wrong length';
  if (value[8] !== '-' || value[13] !== '-' || value[18] !== '-' || value[23] !== '-')
    return 'uuid is improperly formatted';
  const hex = value.slice(0, 8) + value.slice(9, 13) + value.slice(14, 18) + value.slice(19, 23) + value.slice(24, 36);
  return /^[0-9a-fA-F]{32}$/.test(hex) ? undefined : 'invalid hex';
}

/**
 * validation.IsUUID (internal/helpers/tf/validation/pluginsdk.go:204 → terraform-plugin-sdk
 * helper/validation/uuid.go:13), plus the project's lower-case rule for literal ids. A reference
 * must name an object id attribute.
 */
export const isObjectId: Check = (value, ctx) => {
  const ref = reference(value);
  if (ref) {
    return OBJECT_ID_ATTRIBUTES.has(`${ref.kind}.${ref.attribute}`)
      ? declared(value as string, ctx)
      : `reference ${String(value)} is not an object id attribute`;
  }
  if (typeof value === 'string') {
    const element = usersElement(value, ctx);
    if (element !== undefined) return element || undefined;
  }
  if (typeof value !== 'string') return `expected a string, got ${JSON.stringify(value)}`;
  const err = goParseUuid(value);
  if (err) return `expected a valid UUID, got ${value} (${err})`;
  if (value !== value.toLowerCase())
    return `object id ${value} is not lower case: ForceNew, and Graph returns lower case, so every plan would replace it`;
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
  if (split.length > segments.length)
    return `unexpected segment "${split.slice(segments.length).join('/')}" present at the end of the URI`;
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
  return (value, ctx) => {
    if (typeof value !== 'string') return `expected a string, got ${JSON.stringify(value)}`;
    const err = parseResourceId(segments, value);
    if (err) return `parsing "${value}": ${err}`;
    const split = value.replace(/^\//, '').split('/');
    for (const [i, segment] of segments.entries()) {
      if ('user' in segment && objectIdSegments.includes(segment.user)) {
        const idErr = isObjectId(split[i], ctx);
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
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    isString(v) ??
    (values.includes(v as string) ? undefined : `expected one of ${values.join(', ')}, got ${String(v)}`);
const listOf =
  (item: Check, opts: { min?: number; max?: number } = {}): Check =>
  (v, ctx) => {
    if (!Array.isArray(v)) return `expected a list, got ${JSON.stringify(v)}`;
    if (opts.min !== undefined && v.length < opts.min) return `expected at least ${opts.min} items, got ${v.length}`;
    if (opts.max !== undefined && v.length > opts.max) return `expected at most ${opts.max} items, got ${v.length}`;
    for (const [i, e] of v.entries()) {
      const err = item(e, ctx);
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
  if (/[^A-Za-z0-9:!#$%&'()*+,./:;<=>?@[\]^+_{|}~`-]/.test(v))
    return 'Value must be alphanumeric with these allowed characters';
  return undefined;
};

/** A nested block list (`parameter`, `subject`): each element checked against `block`. */
function blocks(block: BlockRule, opts: { min?: number; max?: number } = {}): Check {
  return (v, ctx) => {
    // cdktf writes a MaxItems-1 block as an object rather than a one-element list.
    if (opts.max === 1 && typeof v === 'object' && v !== null && !Array.isArray(v)) v = [v];
    if (!Array.isArray(v)) return `expected a block list, got ${JSON.stringify(v)}`;
    if (opts.min !== undefined && v.length < opts.min) return `expected at least ${opts.min} blocks`;
    if (opts.max !== undefined && v.length > opts.max) return `expected at most ${opts.max} blocks, got ${v.length}`;
    for (const [i, e] of v.entries()) {
      const errs = checkBlock(block, e as Record<string, unknown>, ctx);
      if (errs.length) return `[${i}]: ${errs.join('; ')}`;
    }
    return undefined;
  };
}

/**
 * Terraform's `dynamic` blocks inside a block (JSON: `dynamic.<block>.{for_each, content}`, the
 * iterator named after the block): each named block must be one the block's rule allows as a
 * nested block (`nested`), its content checked like a literal block with `${<block>.value}` as an
 * object id, and for_each must be a list of object ids (the owners' ids: literal ids concatenated
 * with an azuread_users lookup's, or the lookup's alone).
 * https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks
 */
function dynamicBlocks(nested: Readonly<Record<string, BlockRule>>): Check {
  return (v, ctx) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return `expected dynamic blocks by name, got ${JSON.stringify(v)}`;
    for (const [name, spec] of Object.entries(
      v as Record<string, { for_each?: unknown; content?: Record<string, unknown>; iterator?: unknown }>,
    )) {
      const rule = nested[name];
      if (!rule) return `${name}: not a block that may be dynamic here`;
      const forEach = typeof spec.for_each === 'string' ? /^\$\{(.*)\}$/s.exec(spec.for_each)?.[1] : undefined;
      if (forEach === undefined) return `${name}: for_each must be an expression, got ${JSON.stringify(spec.for_each)}`;
      const concat = /^concat\(\[("[^\]]*")\], (.*)\)$/s.exec(forEach);
      const lookup = concat ? concat[2]! : forEach;
      if (!USERS_OBJECT_IDS.test(lookup)) return `${name}: for_each ${spec.for_each} is not a list of object ids`;
      const err = membersLookup(lookup, ctx);
      if (err) return `${name}: ${err}`;
      if (concat) {
        const idErr = listOf(isObjectId, { min: 1 })(JSON.parse(`[${concat[1]}]`));
        if (idErr) return `${name}: for_each: ${idErr}`;
      }
      const content = { ...(spec.content ?? {}) };
      if (content.object_id !== `\${${name}.value}`)
        return `${name}: content.object_id must be \${${name}.value}, got ${JSON.stringify(content.object_id)}`;
      // Each iteration's object_id is an element of for_each, checked above: stand in a valid one.
      content.object_id = '00000000-0000-4000-8000-000000000000';
      const errs = checkBlock(rule, content, ctx);
      if (errs.length) return `${name}: content: ${errs.join('; ')}`;
    }
    return undefined;
  };
}

/** A block has `name` as literal blocks or as a dynamic block. */
function hasBlocks(args: Record<string, unknown>, name: string): boolean {
  return (
    (Array.isArray(args[name]) && (args[name] as unknown[]).length > 0) ||
    (typeof args.dynamic === 'object' && args.dynamic !== null && name in args.dynamic)
  );
}

/**
 * The for expression Zone Access uses to turn an `azuread_users` lookup into object ids: `users` is a
 * list of objects whose `object_id` is Graph's id (internal/services/users/users_data_source.go:112-186,
 * set at :394), lower-cased because the provider compares member ids as plain strings.
 */
const USERS_OBJECT_IDS =
  /^\[ for key, val in toset\(data\.azuread_users\.([A-Za-z0-9_-]+)\.users\): lower\(val\.object_id\)\]$/;

/**
 * With the stack at hand, the lookup a `members` or `owners` expression reads must exist. (That an
 * `ignore_missing` lookup reports whom it left out is checked per lookup: `unreportedLookups`.)
 */
function membersLookup(expr: string, ctx: StackContext | undefined): string | undefined {
  const name = USERS_OBJECT_IDS.exec(expr)?.[1];
  if (!ctx || !name) return undefined;
  const address = `data.azuread_users.${name}`;
  return ctx.block(address) ? undefined : `members read ${address}, which this stack does not have`;
}

/**
 * The count a `check` assertion must make of an `ignore_missing` lookup: with `ignore_missing` the
 * provider skips a UPN it cannot find (internal/services/users/users_data_source.go:246-247), so
 * the ids read from `users` would leave that person out without a word. A `check` block comparing
 * the number of found users with the number asked for names them in every plan as a warning, and
 * never fails the plan (a deleted account must not stop the department's revocations).
 */
export function lookupCountCondition(name: string, upns: number): string {
  return `\${(length(data.azuread_users.${name}.users) == ${upns})}`;
}

function unreportedLookups(stackJson: Record<string, any>, conditions: readonly string[]): string[] {
  const errors: string[] = [];
  for (const [name, args] of Object.entries<Record<string, unknown>>(stackJson.data?.azuread_users ?? {})) {
    if (args.ignore_missing !== true) continue;
    const upns = Array.isArray(args.user_principal_names) ? args.user_principal_names.length : 0;
    if (!conditions.includes(lookupCountCondition(name, upns))) {
      errors.push(
        `data.azuread_users.${name}: ignore_missing without a check assertion ${lookupCountCondition(name, upns)}: a person Entra does not know would be left out silently [${USERS}:246-247]`,
      );
    }
  }
  return errors;
}

/** Computed attributes of data.azuread_users (users_data_source.go:34-186) and the fields of each `users` element (:118-182). */
const USERS_ATTRIBUTES = new Set([
  'employee_ids',
  'mail_nicknames',
  'mails',
  'object_ids',
  'user_principal_names',
  'ignore_missing',
  'return_all',
  'users',
  'id',
]);
const USERS_ELEMENT_FIELDS = new Set([
  'account_enabled',
  'display_name',
  'employee_id',
  'mail',
  'mail_nickname',
  'object_id',
  'onpremises_immutable_id',
  'onpremises_sam_account_name',
  'onpremises_user_principal_name',
  'usage_location',
  'user_principal_name',
]);

/**
 * The postconditions of an `azuread_users` lookup: every `self.<attribute>` and every field of a
 * `for <v> in self.users` element exists in the data source's schema (Terraform rejects the
 * expression otherwise: "Unsupported attribute"), and a count of the users equals the number of
 * UPNs asked for (a different number fails a correct lookup or passes an incomplete one).
 */
function usersLifecycle(lifecycle: unknown, args: Record<string, unknown>): string | undefined {
  const conditions =
    (lifecycle as { postcondition?: { condition?: unknown; error_message?: unknown }[] } | undefined)?.postcondition ??
    [];
  for (const c of conditions) {
    for (const text of [c.condition, c.error_message].filter((t): t is string => typeof t === 'string')) {
      for (const m of text.matchAll(/\bself\.([a-z_]+)/g)) {
        if (!USERS_ATTRIBUTES.has(m[1]!)) return `postcondition: self.${m[1]} is not an attribute of azuread_users`;
      }
      for (const f of text.matchAll(/\bfor ([a-z_]+) in self\.users\s*:([^\]]*)\]/g)) {
        for (const m of f[2]!.matchAll(new RegExp(`\\b${f[1]}\\.([a-z_]+)`, 'g'))) {
          if (!USERS_ELEMENT_FIELDS.has(m[1]!))
            return `postcondition: ${f[1]}.${m[1]} is not a field of azuread_users' users`;
        }
      }
      const count = /length\(self\.users\) == (\d+)/.exec(text);
      const upns = Array.isArray(args.user_principal_names) ? args.user_principal_names.length : 0;
      if (count && Number(count[1]) !== upns)
        return `postcondition counts ${count[1]} users, but ${upns} user_principal_names are asked for`;
    }
  }
  return undefined;
}

/**
 * `members` of azuread_group: a set of UUIDs (validation.IsUUID per element), given either as a
 * literal list or as one expression: the resolved UPNs, or `concat([<literal ids>], <resolved UPNs>)`.
 * Literal ids must be lower case: Read stores Graph's lower-case ids (group_resource.go:1325-1333) and
 * Update diffs the strings (:1104-1106), so an upper-case id would be removed and re-added forever.
 */
const groupMembers: Check = (value, ctx) => {
  if (Array.isArray(value)) return listOf(isObjectId)(value, ctx);
  if (typeof value !== 'string') return `expected a set of object ids, got ${JSON.stringify(value)}`;
  const m = /^\$\{(.*)\}$/s.exec(value);
  const expr = m?.[1];
  if (expr === undefined) return `expected a set of object ids or an expression, got ${value}`;
  if (USERS_OBJECT_IDS.test(expr)) return membersLookup(expr, ctx);
  const concat = /^concat\(\[(.*?)\], (.*)\)$/s.exec(expr);
  if (!concat || !USERS_OBJECT_IDS.test(concat[2]!))
    return `expression ${value} is not a set of object ids (resolved UPNs, optionally concat() with literal ids)`;
  const lookupErr = membersLookup(concat[2]!, ctx);
  if (lookupErr) return lookupErr;
  let literals: unknown;
  try {
    literals = JSON.parse(`[${concat[1]}]`);
  } catch {
    return `concat()'s literal ids in ${value} are not a list of strings`;
  }
  return listOf(isObjectId, { min: 1 })(literals);
};

/**
 * `owners` of azuread_group: a literal list of object ids, or, with owners given by UPN, one
 * expression `concat([<literal ids>], <resolved UPNs>, [<pipeline identity>])` (the first list only
 * when there are literal ids). The pipeline identity is always among them.
 */
const CLIENT_CONFIG = /^data\.azuread_client_config\.[A-Za-z0-9_-]+\.object_id$/;
const groupOwners: Check = (value, ctx) => {
  if (Array.isArray(value)) return listOf(isObjectId, { max: 100 })(value, ctx);
  const m =
    typeof value === 'string'
      ? /^\$\{concat\((?:\[("[^\]]*")\], )?(\[ for .*?\]), \[([^\]]+)\]\)\}$/s.exec(value)
      : null;
  if (!m)
    return `expected a set of object ids or concat([ids], <resolved UPNs>, [pipeline identity]), got ${String(value)}`;
  if (!USERS_OBJECT_IDS.test(m[2]!)) return `${m[2]} is not the object ids of an azuread_users lookup`;
  const lookupErr = membersLookup(m[2]!, ctx);
  if (lookupErr) return lookupErr.replace('members read', 'owners read');
  if (!CLIENT_CONFIG.test(m[3]!))
    return `the last list of owners must be the pipeline identity (data.azuread_client_config.<name>.object_id), got ${m[3]}`;
  if (m[1] !== undefined) {
    let literals: unknown;
    try {
      literals = JSON.parse(`[${m[1]}]`);
    } catch {
      return `concat()'s literal ids in ${String(value)} are not a list of strings`;
    }
    return listOf(isObjectId, { min: 1 })(literals);
  }
  return undefined;
};

const SYNC = 'internal/services/synchronization/synchronization_job_provision_on_demand_resource.go';
const APP_ROLE = 'internal/services/applications/application_app_role_resource.go';
const ASSIGNMENT = 'internal/services/approleassignments/app_role_assignment_resource.go';
const GROUP = 'internal/services/groups/group_resource.go';
const USERS = 'internal/services/users/users_data_source.go';
const IG = 'internal/services/identitygovernance';
const AP_CATALOG = `${IG}/access_package_catalog_resource.go`;
const AP = `${IG}/access_package_resource.go`;
const AP_CATALOG_ASSOCIATION = `${IG}/access_package_resource_catalog_association_resource.go`;
const AP_PACKAGE_ASSOCIATION = `${IG}/access_package_resource_package_association_resource.go`;
const AP_POLICY = `${IG}/access_package_assignment_policy_resource.go`;

/** The catalog's and the package's resource ids are their bare ids (`d.SetId`), so UUIDs. */
const CATALOG_ID = uuidOf(['azuread_access_package_catalog.id']);
const ACCESS_PACKAGE_ID = uuidOf(['azuread_access_package.id']);

/**
 * catalog_resource_association_id: StringIsNotEmpty in the schema, but Create parses it as
 * `{catalogId}/{originId}`, both UUIDs (${AP_PACKAGE_ASSOCIATION}:79-82 →
 * ${IG}/parse/access_package_resource_catalog_association_id.go:29-44), which is the id the
 * catalog association sets (${AP_CATALOG_ASSOCIATION}:133-134, parse file :18-20).
 */
const catalogAssociationId: Check = (value, ctx) => {
  const err = notEmpty(value);
  if (err) return err;
  const ref = reference(value);
  if (ref) {
    return ref.kind === 'azuread_access_package_resource_catalog_association' && ref.attribute === 'id'
      ? declared(value as string, ctx)
      : `reference ${String(value)} must name azuread_access_package_resource_catalog_association.id`;
  }
  const parts = (value as string).split('/');
  if (parts.length !== 2) return `ID should be in the format {catalogId}/{originId} - but got ${JSON.stringify(value)}`;
  for (const [i, p] of parts.entries()) {
    const idErr = goParseUuid(p);
    if (idErr) return `specified ID segment #${i} (${JSON.stringify(p)}) is not a valid UUID: ${idErr}`;
  }
  return undefined;
};

/** validation.IntBetween(min, max) on a TypeInt. */
const intBetween =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v)
      ? (v as number) >= min && (v as number) <= max
        ? undefined
        : `expected to be in the range (${min} - ${max}), got ${String(v)}`
      : `expected an integer, got ${JSON.stringify(v)}`;
/** A TypeInt without a ValidateFunc: any integer (Terraform rejects a fraction or a string that is not one). */
const isInt: Check = (v) => (Number.isInteger(v) ? undefined : `expected an integer, got ${JSON.stringify(v)}`);
/** validation.StringInSlice(values, true): case-insensitive. */
const oneOfIgnoreCase =
  (values: readonly string[]): Check =>
  (v) =>
    isString(v) ??
    (values.some((x) => x.toLowerCase() === (v as string).toLowerCase())
      ? undefined
      : `expected one of ${values.join(', ')}, got ${String(v)}`);

/**
 * schemaUserSet (${IG}/schema.go:46-78): who may request, approve or review. `object_id` has no
 * ValidateFunc in the provider (:71-75); Graph needs the user's or group's object id there, so the
 * project checks it like every other object id (a UUID, lower case, or the owner lookup's element).
 */
const USER_SET: BlockRule = {
  arguments: {
    subject_type: {
      required: true,
      check: oneOfIgnoreCase([
        'ConnectedOrganizationMembers',
        'ExternalSponsors',
        'GroupMembers',
        'InternalSponsors',
        'RequestorManager',
        'SingleUser',
        'TargetUserSponsors',
      ]),
      source: `${IG}/schema.go:49-63 (Required; StringInSlice, ignoreCase true)`,
    },
    object_id: {
      check: isObjectId,
      source: `${IG}/schema.go:71-75 (Optional string; a subject's object id: project rule)`,
    },
  },
  conditions: [
    {
      // SingleUser and GroupMembers name their subject by object id (Graph singleUser.userId, groupMembers.groupId).
      check: (a) =>
        /^(singleuser|groupmembers)$/i.test(String(a.subject_type)) && !('object_id' in a)
          ? `subject_type ${String(a.subject_type)} needs object_id`
          : undefined,
      source: `${AP_POLICY}:118-123, :184-189, :245-250 (the user set's subject; project rule)`,
    },
  ],
};

/** Resource / data source type (data sources as `data.<type>`, the provider as `provider`) → rule. */
export const AZUREAD_RULES: Readonly<Record<string, BlockRule>> = {
  provider: {
    arguments: {
      tenant_id: {
        check: isObjectId,
        source: 'internal/provider/provider.go:112-117 (Optional string; lower case: project rule)',
      },
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
      value: {
        check: roleClaimValue,
        source: `${APP_ROLE}:93-98 (RoleScopeClaimValue, internal/services/applications/validate/tokens.go:16-52)`,
      },
    },
  },
  azuread_app_role_assignment: {
    arguments: {
      app_role_id: {
        required: true,
        check: isObjectId,
        source: `${ASSIGNMENT}:60-66 (IsUUID, ForceNew; read back from Graph at :184)`,
      },
      principal_object_id: {
        required: true,
        check: isObjectId,
        source: `${ASSIGNMENT}:68-74 (IsUUID, ForceNew; read back at :186)`,
      },
      resource_object_id: {
        required: true,
        check: isObjectId,
        source: `${ASSIGNMENT}:76-82 (IsUUID, ForceNew; read back at :189)`,
      },
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
        check: groupOwners,
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
                check: blocks(
                  {
                    arguments: {
                      object_id: {
                        required: true,
                        check: isObjectId,
                        source: `${SYNC}:74-78 (Required string; a group object id here)`,
                      },
                      object_type_name: {
                        required: true,
                        check: oneOf(['Group', 'user', 'User', 'Worker']),
                        source: `${SYNC}:80-85 (StringInSlice, case-sensitive)`,
                      },
                    },
                  },
                  { min: 1 },
                ),
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
  'data.azuread_users': {
    arguments: {
      user_principal_names: {
        check: listOf(notEmpty, { min: 1 }),
        source: `${USERS}:83-93 (list of StringIsNotEmpty; read only when non-empty, :228)`,
      },
      ignore_missing: { check: isBool, source: `${USERS}:95-101 (bool; ConflictsWith return_all)` },
    },
    lifecycle: {
      check: usersLifecycle,
      source: `${USERS}:34-186 (attributes; users' fields :118-182), :246-247 (ignore_missing skips a missing UPN)`,
    },
    exactlyOneOf: {
      names: ['object_ids', 'user_principal_names', 'mail_nicknames', 'mails', 'employee_ids', 'return_all'],
      source: `${USERS}:40, :52, :64, :76, :88, :109 (ExactlyOneOf)`,
    },
  },
  azuread_access_package_catalog: {
    arguments: {
      display_name: { required: true, check: notEmpty, source: `${AP_CATALOG}:51-56 (Required, StringIsNotEmpty)` },
      description: { required: true, check: notEmpty, source: `${AP_CATALOG}:58-63 (Required, StringIsNotEmpty)` },
      externally_visible: { check: isBool, source: `${AP_CATALOG}:65-70 (Optional bool, Default true)` },
      published: { check: isBool, source: `${AP_CATALOG}:72-77 (Optional bool, Default true)` },
    },
  },
  azuread_access_package: {
    arguments: {
      catalog_id: {
        required: true,
        check: CATALOG_ID,
        source: `${AP}:51-57 (Required, ForceNew, IsUUID; the catalog's id is its bare id, ${AP_CATALOG}:107-108)`,
      },
      display_name: { required: true, check: notEmpty, source: `${AP}:59-64 (Required, StringIsNotEmpty)` },
      description: { required: true, check: notEmpty, source: `${AP}:66-71 (Required, StringIsNotEmpty)` },
      hidden: { check: isBool, source: `${AP}:73-78 (Optional bool)` },
    },
  },
  azuread_access_package_resource_catalog_association: {
    arguments: {
      resource_origin_id: {
        required: true,
        // The package association parses the origin id as a UUID (parse/access_package_resource_catalog_association_id.go:35-39).
        check: uuidOf(['azuread_group.object_id']),
        source: `${AP_CATALOG_ASSOCIATION}:43-49 (Required, ForceNew, StringIsNotEmpty; a group's object id for AadGroup; a UUID per ${IG}/parse/access_package_resource_catalog_association_id.go:35-39)`,
      },
      resource_origin_system: {
        required: true,
        check: oneOf(['AadGroup']),
        source: `${AP_CATALOG_ASSOCIATION}:51-57 (Required, ForceNew, StringIsNotEmpty; its description names AadGroup for a group, the only origin Zone Access adds)`,
      },
      catalog_id: {
        required: true,
        check: CATALOG_ID,
        source: `${AP_CATALOG_ASSOCIATION}:59-65 (Required, ForceNew, IsUUID)`,
      },
    },
  },
  azuread_access_package_resource_package_association: {
    arguments: {
      access_package_id: {
        required: true,
        check: ACCESS_PACKAGE_ID,
        source: `${AP_PACKAGE_ASSOCIATION}:43-49 (Required, ForceNew, IsUUID; the package's id is its bare id, ${AP}:117-118)`,
      },
      catalog_resource_association_id: {
        required: true,
        check: catalogAssociationId,
        source: `${AP_PACKAGE_ASSOCIATION}:51-57 (Required, ForceNew, StringIsNotEmpty), parsed at :79-82 as {catalogId}/{originId} (${IG}/parse/access_package_resource_catalog_association_id.go:29-44)`,
      },
      access_type: {
        check: oneOf(['Member', 'Owner']),
        source: `${AP_PACKAGE_ASSOCIATION}:59-69 (StringInSlice Member, Owner; case-sensitive)`,
      },
    },
  },
  azuread_access_package_assignment_policy: {
    arguments: {
      access_package_id: { required: true, check: ACCESS_PACKAGE_ID, source: `${AP_POLICY}:53-58 (Required, IsUUID)` },
      display_name: { required: true, check: notEmpty, source: `${AP_POLICY}:60-65 (Required, StringIsNotEmpty)` },
      description: { required: true, check: notEmpty, source: `${AP_POLICY}:67-72 (Required, StringIsNotEmpty)` },
      duration_in_days: {
        check: intBetween(0, 3660),
        source: `${AP_POLICY}:74-80 (IntBetween(0, 3660); ConflictsWith expiration_date)`,
      },
      requestor_settings: {
        check: blocks(
          {
            arguments: {
              requests_accepted: { check: isBool, source: `${AP_POLICY}:105-109` },
              scope_type: {
                check: oneOf([
                  'AllConfiguredConnectedOrganizationSubjects',
                  'AllExistingConnectedOrganizationSubjects',
                  'AllExistingDirectoryMemberUsers',
                  'AllExistingDirectorySubjects',
                  'AllExternalSubjects',
                  'NoSubjects',
                  'SpecificConnectedOrganizationSubjects',
                  'SpecificDirectorySubjects',
                ]),
                source: `${AP_POLICY}:111-116 (StringInSlice possibleValuesForRequestorScopeType, case-sensitive: ${IG}/constants.go:34-54)`,
              },
              requestor: { check: blocks(USER_SET), source: `${AP_POLICY}:118-123 (list of schemaUserSet)` },
            },
            conditions: [
              {
                // "Specific..." scopes name their requestors; Graph refuses a specific scope without any.
                check: (a) =>
                  String(a.scope_type).startsWith('Specific') && !(Array.isArray(a.requestor) && a.requestor.length > 0)
                    ? `scope_type ${String(a.scope_type)} needs requestor blocks`
                    : undefined,
                source: `${AP_POLICY}:118-123 (requestor: "the users who are allowed to request"; project rule)`,
              },
            ],
          },
          { max: 1 },
        ),
        source: `${AP_POLICY}:97-126 (Optional, MaxItems 1)`,
      },
      approval_settings: {
        check: blocks(
          {
            arguments: {
              approval_required: { check: isBool, source: `${AP_POLICY}:136-140` },
              approval_required_for_extension: { check: isBool, source: `${AP_POLICY}:142-146` },
              requestor_justification_required: { check: isBool, source: `${AP_POLICY}:148-152` },
              approval_stage: {
                check: blocks({
                  arguments: {
                    approval_timeout_in_days: {
                      required: true,
                      check: isInt,
                      source: `${AP_POLICY}:160-164 (Required int)`,
                    },
                    approver_justification_required: { check: isBool, source: `${AP_POLICY}:166-170` },
                    primary_approver: {
                      check: blocks(USER_SET, { min: 1 }),
                      source: `${AP_POLICY}:184-189 (list of schemaUserSet; "include at least one userSet")`,
                    },
                    dynamic: {
                      check: dynamicBlocks({ primary_approver: USER_SET }),
                      source: `${AP_POLICY}:184-189 (primary_approver as a dynamic block over the owners found)`,
                    },
                  },
                  conditions: [
                    {
                      check: (a) =>
                        hasBlocks(a, 'primary_approver')
                          ? undefined
                          : 'approval_stage needs primary_approver blocks (literal or dynamic)',
                      source: `${AP_POLICY}:184-189 ("include at least one userSet")`,
                    },
                  ],
                }),
                source: `${AP_POLICY}:154-199 (Optional list)`,
              },
            },
            conditions: [
              {
                check: (a) =>
                  a.approval_required === true && !(Array.isArray(a.approval_stage) && a.approval_stage.length > 0)
                    ? 'approval_required needs an approval_stage (who approves)'
                    : undefined,
                source: `${AP_POLICY}:154-199 (approval_stage: "the process to obtain an approval"; project rule)`,
              },
            ],
          },
          { max: 1 },
        ),
        source: `${AP_POLICY}:128-202 (Optional, MaxItems 1)`,
      },
      assignment_review_settings: {
        check: blocks(
          {
            arguments: {
              enabled: { check: isBool, source: `${AP_POLICY}:212-216` },
              review_frequency: {
                check: oneOf(['annual', 'halfyearly', 'monthly', 'quarterly', 'weekly']),
                source: `${AP_POLICY}:218-223 (StringInSlice possibleValuesForAccessReviewRecurrenceType, case-sensitive: ${IG}/constants.go:7-20)`,
              },
              review_type: {
                check: oneOf(['Manager', 'Reviewers', 'Self']),
                source: `${AP_POLICY}:225-230 (StringInSlice possibleValuesForAccessReviewReviewerType: ${IG}/constants.go:22-32)`,
              },
              duration_in_days: { check: isInt, source: `${AP_POLICY}:239-243 (int)` },
              reviewer: { check: blocks(USER_SET), source: `${AP_POLICY}:245-250 (list of schemaUserSet)` },
              dynamic: {
                check: dynamicBlocks({ reviewer: USER_SET }),
                source: `${AP_POLICY}:245-250 (reviewer as a dynamic block over the owners found)`,
              },
              approver_justification_required: { check: isBool, source: `${AP_POLICY}:258-262` },
              access_review_timeout_behavior: {
                check: oneOf(['acceptAccessRecommendation', 'keepAccess', 'removeAccess']),
                source: `${AP_POLICY}:264-269 (StringInSlice beta.PossibleValuesForAccessReviewTimeoutBehavior: vendor/github.com/hashicorp/go-azure-sdk/microsoft-graph/common-types/beta/constant_accessreviewtimeoutbehavior.go:14-26)`,
              },
            },
            conditions: [
              {
                check: (a) =>
                  a.review_type === 'Reviewers' && !hasBlocks(a, 'reviewer')
                    ? 'review_type Reviewers needs reviewer blocks'
                    : undefined,
                source: `${AP_POLICY}:245-250 (reviewer: "if the reviewerType is Reviewers, this collection specifies the users"; project rule)`,
              },
            ],
          },
          { max: 1 },
        ),
        source: `${AP_POLICY}:204-272 (Optional, MaxItems 1)`,
      },
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
export function checkBlock(rule: BlockRule, args: Record<string, unknown>, ctx?: StackContext): string[] {
  const errors: string[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (META.has(name)) continue;
    const arg = rule.arguments[name];
    if (!arg) {
      errors.push(`${name}: no rule for this argument (add one, citing the provider source)`);
      continue;
    }
    const err = arg.check(value, ctx);
    if (err) errors.push(`${name}: ${err} [${arg.source}]`);
  }
  for (const [name, arg] of Object.entries(rule.arguments)) {
    if (arg.required && !(name in args)) errors.push(`${name}: required argument missing [${arg.source}]`);
  }
  if (rule.exactlyOneOf) {
    const set = rule.exactlyOneOf.names.filter((n) => n in args);
    if (set.length !== 1)
      errors.push(
        `exactly one of ${rule.exactlyOneOf.names.join(', ')} must be set, got ${set.length} [${rule.exactlyOneOf.source}]`,
      );
  }
  if (rule.atLeastOneOf && !rule.atLeastOneOf.names.some((n) => n in args)) {
    errors.push(`at least one of ${rule.atLeastOneOf.names.join(', ')} must be set [${rule.atLeastOneOf.source}]`);
  }
  if (rule.lifecycle && args.lifecycle !== undefined) {
    const err = rule.lifecycle.check(args.lifecycle, args);
    if (err) errors.push(`${err} [${rule.lifecycle.source}]`);
  }
  for (const c of rule.conditions ?? []) {
    const err = c.check(args);
    if (err) errors.push(`${err} [${c.source}]`);
  }
  return errors;
}

/** Every violation in one synthesized stack's JSON, as `<address>: <problem>`. */
export function checkStack(stackJson: Record<string, any>): { checked: number; errors: string[] } {
  const errors: string[] = [];
  let checked = 0;
  const checkConditions = Object.values<{ assert?: { condition?: unknown }[] }>(stackJson.check ?? {}).flatMap((c) =>
    (c.assert ?? []).map((a) => String(a.condition)),
  );
  const ctx: StackContext = {
    checkConditions,
    block: (address) => {
      const data = address.startsWith('data.');
      const [type, name] = (data ? address.slice(5) : address).split('.');
      return (data ? stackJson.data : stackJson.resource)?.[type!]?.[name!];
    },
  };
  const visit = (kind: string, address: string, args: Record<string, unknown>) => {
    if (!kind.startsWith('azuread_') && !kind.startsWith('data.azuread_') && kind !== 'provider') return;
    const rule = AZUREAD_RULES[kind];
    checked++;
    if (!rule) {
      errors.push(`${address}: no rules for ${kind} (add them, citing the provider source)`);
      return;
    }
    for (const e of checkBlock(rule, args, ctx)) errors.push(`${address}: ${e}`);
  };
  for (const [type, byName] of Object.entries<Record<string, any>>(stackJson.resource ?? {})) {
    for (const [name, args] of Object.entries(byName)) visit(type, `${type}.${name}`, args);
  }
  for (const [type, byName] of Object.entries<Record<string, any>>(stackJson.data ?? {})) {
    for (const [name, args] of Object.entries(byName)) visit(`data.${type}`, `data.${type}.${name}`, args);
  }
  for (const config of [stackJson.provider?.azuread ?? []].flat()) visit('provider', 'provider.azuread', config);
  errors.push(...unreportedLookups(stackJson, checkConditions));
  return { checked, errors };
}
