/**
 * The AWS rules zone input must follow, each written once: its pattern and limits, the message for
 * a value that breaks it (what is wrong, what is right, an example), and the AWS page it comes from.
 *
 * Everything that checks input reads these: the JSON schemas (patterns and lengths, through
 * `textSchema`), the schema-error messages (model/schema-check.ts), the loaders' cross-field checks,
 * the limit checks on the built policy (policies/limits.ts) and the constructs' validation of props
 * given in code (constructs/props.ts). Rules that are ours rather than AWS's (zone and department
 * names, account names) are here too because they derive from AWS's (tag values, permission set
 * names) and share their messages.
 */

const DOCS = {
  createPermissionSet: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreatePermissionSet.html',
  tag: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_Tag.html',
  tagging: 'https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html',
  quotas: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html',
  sessionDuration: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosessionduration.html',
  accountId: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html',
  arns: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns',
  customerPolicy:
    'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CustomerManagedPolicyReference.html',
  inlinePolicy: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutInlinePolicyToPermissionSet.html',
} as const;

/** A rule on one string value. `pattern` is a JSON Schema pattern (compiled with the `u` flag). */
export interface TextRule {
  readonly id: string;
  readonly pattern: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** A valid value, shown in messages and schema descriptions. */
  readonly example: string;
  /** One line for the schema (editor hover). */
  readonly description: string;
  readonly doc: string;
  /** The message for a value that breaks the rule: what is wrong, what is right, with an example. */
  readonly explain: (value: string) => string;
}

/** A numeric AWS limit (a count or a size). */
export interface LimitRule {
  readonly id: string;
  readonly max: number;
  readonly doc: string;
}

const text = (rule: TextRule): TextRule => Object.freeze(rule);
const q = (v: string): string => JSON.stringify(v);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Lower-case DNS-label style: letters, digits and inner hyphens. */
const LABEL = '[a-z0-9]([a-z0-9-]*[a-z0-9])?';
/** A best-effort valid label from what the user wrote, for "did you mean" messages. */
function toLabel(v: string): string {
  return v
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}
/** The characters of `v` a single-character pattern rejects, for "contains ..." messages. */
function rejected(v: string, allowedChar: RegExp): string {
  return [...new Set([...v].filter((ch) => !allowedChar.test(ch)))].map((ch) => q(ch)).join(', ');
}

function labelRule(id: string, what: string, maxLength: number, example: string, doc: string, why: string): TextRule {
  const re = new RegExp(`^${LABEL}$`);
  return text({
    id,
    pattern: `^${LABEL}$`,
    minLength: 1,
    maxLength,
    example,
    description: `The ${what}: lower-case letters, digits and inner hyphens, at most ${maxLength} characters (${why}), e.g. ${example}.`,
    doc,
    explain(v) {
      if (v.length === 0)
        return `a ${what} must not be empty; use lower-case letters, digits and inner hyphens, e.g. ${example}`;
      // Characters first: the fix for them may well change the length.
      if (!re.test(v.toLowerCase())) {
        const suggestion = toLabel(v);
        return `${q(v)} is not a ${what}: use lower-case letters, digits and inner hyphens (no leading or trailing hyphen), e.g. ${suggestion && suggestion.length <= maxLength ? suggestion : example}`;
      }
      if (v.length > maxLength)
        return `${q(v)} is ${v.length} characters; a ${what} has at most ${maxLength} (${why}), e.g. ${example}`;
      return `${what}s are lower-case: ${v.toLowerCase()}`;
    },
  });
}

/** Longest permission set name Identity Center accepts. */
const PERMISSION_SET_NAME_MAX = 32;
/** The default permission set prefix; the zone name's length limit leaves room for it. */
export const DEFAULT_PERMISSION_SET_PREFIX = 'zone-';

const zoneName = labelRule(
  'zoneName',
  'zone name',
  PERMISSION_SET_NAME_MAX - DEFAULT_PERMISSION_SET_PREFIX.length,
  'logistics-staging-1',
  DOCS.createPermissionSet,
  `it becomes the permission set name "${DEFAULT_PERMISSION_SET_PREFIX}<zone>", which AWS limits to ${PERMISSION_SET_NAME_MAX}`,
);
const departmentName = labelRule(
  'departmentName',
  'department name',
  40,
  'logistics',
  DOCS.tag,
  "it names the department's stacks and folder",
);

const ACCOUNT_ID = /^[0-9]{12}$/;
const accountId = text({
  id: 'accountId',
  pattern: '^[0-9]{12}$',
  example: '123456789012',
  description: 'A 12-digit AWS account id, quoted so YAML keeps leading zeros, e.g. "123456789012".',
  doc: DOCS.accountId,
  explain(v) {
    const digits = /^[0-9]+$/.test(v) ? ` has ${plural(v.length, 'digit')};` : '';
    return `account id ${q(v)}${digits} must be 12 digits, e.g. "123456789012"`;
  },
});

/** An account name from the platform config; never all digits, so a mistyped id is not taken for a name. */
const ACCOUNT_NAME = `(?![0-9]+$)${LABEL}`;
const accountName = text({
  id: 'accountName',
  pattern: `^${ACCOUNT_NAME}$`,
  minLength: 1,
  maxLength: 64,
  example: 'shared-prod',
  description:
    'An account name: lower-case letters, digits and inner hyphens, not only digits (that is an account id), e.g. shared-prod.',
  doc: DOCS.accountId,
  explain(v) {
    if (/^[0-9]+$/.test(v)) return accountId.explain(v);
    if (v.length > 64) return `account name ${q(v)} is ${v.length} characters; at most 64, e.g. shared-prod`;
    if (new RegExp(`^${ACCOUNT_NAME}$`).test(v.toLowerCase()))
      return `account names are lower-case: ${v.toLowerCase()}`;
    return `${q(v)} is not an account name: use lower-case letters, digits and inner hyphens, e.g. shared-prod`;
  },
});

/** What a zone file's `accounts:` lists: an id or a name from the platform config. */
const accountRef = text({
  id: 'accountRef',
  pattern: `^([0-9]{12}|${ACCOUNT_NAME})$`,
  example: '123456789012',
  description:
    'A 12-digit account id in quotes, e.g. "123456789012", or an account name from the platform config, e.g. shared-prod.',
  doc: DOCS.accountId,
  explain(v) {
    if (/^[0-9]+$/.test(v)) return accountId.explain(v);
    return `${q(v)} is neither an account id (12 digits, e.g. "123456789012") nor an account name (lower-case letters, digits and inner hyphens, e.g. shared-prod)`;
  },
});

const TAG_CHARS = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]';
const TAG_CHAR = new RegExp(`^${TAG_CHARS}$`, 'u');
const TAG_CHARS_TEXT = 'letters, digits, spaces and _ . : / = + - @';
/** `aws:` in any case is reserved by AWS for its own tags. */
const NOT_AWS_PREFIX = '(?![aA][wW][sS]:)';
const tagKey = text({
  id: 'tagKey',
  pattern: `^${NOT_AWS_PREFIX}${TAG_CHARS}{1,128}$`,
  example: 'cost-center',
  description: `A tag key: 1 to 128 ${TAG_CHARS_TEXT}, not starting with aws:, e.g. cost-center.`,
  doc: DOCS.tag,
  explain(v) {
    if (v.length === 0) return 'a tag key must not be empty; e.g. cost-center';
    if (/^aws:/i.test(v))
      return `tag key ${q(v)} starts with "aws:", which AWS reserves for its own tags; use another prefix, e.g. cost-center`;
    if ([...v].length > 128)
      return `tag key ${q(v.slice(0, 20) + '...')} is ${[...v].length} characters; AWS allows 1 to 128, e.g. cost-center`;
    return `tag key ${q(v)} contains ${rejected(v, TAG_CHAR)}; AWS allows ${TAG_CHARS_TEXT}, e.g. cost-center`;
  },
});
const tagValue = text({
  id: 'tagValue',
  pattern: `^${TAG_CHARS}{0,256}$`,
  example: 'payments-4411',
  description: `A tag value: 0 to 256 ${TAG_CHARS_TEXT}, e.g. payments-4411.`,
  doc: DOCS.tag,
  explain(v) {
    if ([...v].length > 256)
      return `tag value is ${[...v].length} characters; AWS allows at most 256, e.g. payments-4411`;
    return `tag value ${q(v)} contains ${rejected(v, TAG_CHAR)}; AWS allows ${TAG_CHARS_TEXT}, e.g. payments-4411`;
  },
});
/**
 * The zone tag key: an AWS tag key limited to ASCII, because it is also written into IAM condition
 * keys (`aws:ResourceTag/<key>`), and the inline policy accepts only tab, LF, CR and U+0020..U+00FF.
 */
const ZONE_TAG_CHAR = /^[A-Za-z0-9_.:/=+\-@]$/;
const zoneTagKey = text({
  id: 'zoneTagKey',
  pattern: `^${NOT_AWS_PREFIX}[A-Za-z0-9_.:/=+\\-@]{1,128}$`,
  example: 'entigo:zone',
  description:
    "The tag key that marks a resource's zone: 1 to 128 ASCII letters, digits and _ . : / = + - @, not starting with aws:, e.g. entigo:zone.",
  doc: DOCS.tagging,
  explain(v) {
    if (v.length === 0) return 'the zone tag key must not be empty; e.g. entigo:zone';
    if (/^aws:/i.test(v))
      return `zone tag key ${q(v)} starts with "aws:", which AWS reserves for its own tags; e.g. entigo:zone`;
    if (v.length > 128) return `zone tag key is ${v.length} characters; AWS allows 1 to 128, e.g. entigo:zone`;
    return `zone tag key ${q(v)} contains ${rejected(v, ZONE_TAG_CHAR)}; it goes into IAM condition keys, so only ASCII letters, digits and _ . : / = + - @, e.g. entigo:zone`;
  },
});

/** Identity Center session durations: 1 to 12 hours. */
export const SESSION_MINUTES = Object.freeze({ min: 60, max: 12 * 60 });
const SESSION_DURATION = /^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?$/;
/** Minutes in an ISO 8601 `PT#H#M` duration (the only form accepted); NaN for anything else. */
export function durationMinutes(iso: string): number {
  const m = SESSION_DURATION.exec(iso);
  return m ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : Number.NaN;
}
const SESSION_RIGHT = 'must be an ISO 8601 duration from PT1H to PT12H, e.g. PT4H';
const sessionDuration = text({
  id: 'sessionDuration',
  // The 1..12 hour range is checked with `durationMinutes` (a pattern for it would be unreadable).
  pattern: '^PT(?=\\d)(\\d+H)?(\\d+M)?$',
  example: 'PT4H',
  description: 'ISO 8601 duration from PT1H to PT12H, e.g. PT4H or PT1H30M.',
  doc: DOCS.sessionDuration,
  explain(v) {
    const minutes = durationMinutes(v);
    if (Number.isNaN(minutes)) return `${q(v)} ${SESSION_RIGHT}`;
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    const length = [h ? plural(h, 'hour') : '', m || !h ? plural(m, 'minute') : ''].filter(Boolean).join(' ');
    return `${v} is ${length}; ${SESSION_RIGHT.replace('must be', 'a session duration is')}`;
  },
});

// AWS's documented character class, tab and line breaks included.
// eslint-disable-next-line no-control-regex
const DESCRIPTION_CHAR = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]$/;
const description = text({
  id: 'description',
  pattern: '^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*$',
  minLength: 1,
  maxLength: 700,
  example: 'Payments team, production databases',
  description:
    'Shown on the group and the permission set: 1 to 700 characters of printable ASCII or Latin-1, tab and line breaks, e.g. "Payments team, production databases".',
  doc: DOCS.createPermissionSet,
  explain(v) {
    if (v.length === 0)
      return 'a description must not be empty; leave the key out for the default, or write one, e.g. "Payments team, production databases"';
    if (v.length > 700)
      return `description is ${v.length} characters; AWS allows at most 700 in a permission set description`;
    return `description contains ${rejected(v, DESCRIPTION_CHAR)}; AWS allows printable ASCII and Latin-1 characters, tab and line breaks, e.g. "Payments team, production databases"`;
  },
});

const RELAY_STATE_CHAR = /^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]$/;
const relayState = text({
  id: 'relayState',
  pattern: '^[a-zA-Z0-9&$@#\\\\/%?=~\\-_\'"|!:,.;*+\\[\\] (){}]+$',
  minLength: 1,
  maxLength: 240,
  example: 'https://console.aws.amazon.com/rds/home?region=eu-north-1',
  description:
    'Console URL users land on after sign-in: at most 240 characters, e.g. https://console.aws.amazon.com/rds/home?region=eu-north-1.',
  doc: DOCS.createPermissionSet,
  explain(v) {
    if (v.length === 0)
      return 'relay state must not be empty; leave the key out, or give a console URL, e.g. https://console.aws.amazon.com/rds/home?region=eu-north-1';
    if (v.length > 240)
      return `relay state is ${v.length} characters; AWS allows at most 240, e.g. https://console.aws.amazon.com/rds/home?region=eu-north-1`;
    return `relay state contains ${rejected(v, RELAY_STATE_CHAR)}, which AWS does not accept (percent-encode it in the URL), e.g. https://console.aws.amazon.com/rds/home?region=eu-north-1`;
  },
});

const PERMISSION_SET_NAME_CHAR = /^[\w+=,.@-]$/;
const permissionSetName = text({
  id: 'permissionSetName',
  pattern: '^[\\w+=,.@-]+$',
  minLength: 1,
  maxLength: PERMISSION_SET_NAME_MAX,
  example: 'zone-logistics-staging-1',
  description: `A permission set name: 1 to ${PERMISSION_SET_NAME_MAX} letters, digits and _+=,.@-, e.g. zone-logistics-staging-1.`,
  doc: DOCS.createPermissionSet,
  explain(v) {
    if (v.length > PERMISSION_SET_NAME_MAX || v.length === 0) {
      return `permission set name ${q(v)} is ${plural(v.length, 'character')}; AWS allows 1 to ${PERMISSION_SET_NAME_MAX}, e.g. zone-logistics-staging-1`;
    }
    return `permission set name ${q(v)} contains ${rejected(v, PERMISSION_SET_NAME_CHAR)}; AWS allows letters, digits and _+=,.@-, e.g. zone-logistics-staging-1`;
  },
});

const managedPolicyArn = text({
  id: 'managedPolicyArn',
  pattern: '^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$',
  example: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  description: 'An AWS-managed policy ARN, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess.',
  doc: DOCS.arns,
  explain: (v) => `${q(v)} is not an AWS-managed policy ARN; e.g. arn:aws:iam::aws:policy/ReadOnlyAccess`,
});
const policyName = text({
  id: 'policyName',
  pattern: '^[\\w+=,.@-]{1,128}$',
  example: 'team-admin',
  description: 'A customer-managed policy name: 1 to 128 letters, digits and _+=,.@-, e.g. team-admin.',
  doc: DOCS.customerPolicy,
  explain: (v) => `${q(v)} is not an IAM policy name: 1 to 128 letters, digits and _+=,.@-, e.g. team-admin`,
});
const policyPath = text({
  id: 'policyPath',
  pattern: '^/([\\x21-\\x7E]{0,510}/)?$',
  example: '/zone-access/',
  description: 'An IAM path: starts and ends with /, `/` by default, e.g. /zone-access/.',
  doc: DOCS.customerPolicy,
  explain: (v) => `${q(v)} is not an IAM path: it starts and ends with / and has no spaces, e.g. /zone-access/`,
});

/**
 * A zone file is named after its zone: `zones/<department>/<zone>.yaml` (or `.yml`). Ours, not AWS's:
 * a reader finds a zone's file by its name, and a rename in one place only would leave the other
 * telling a different story. It applies to files only; a zone given in code (the `ZoneAccess`
 * construct) has no file to match.
 */
export const ZONE_FILE_EXTENSIONS = Object.freeze(['.yaml', '.yml'] as const);
export const zoneFileName = Object.freeze({
  id: 'zoneFileName',
  /** The extension of a zone file's name, or undefined when it is not a zone file's name. */
  extension(fileName: string): string | undefined {
    return ZONE_FILE_EXTENSIONS.find((ext) => fileName.endsWith(ext));
  },
  /** True when `fileName` (a base name, no folder) is `<zone>.yaml` or `<zone>.yml`. */
  matches(zone: string, fileName: string): boolean {
    return ZONE_FILE_EXTENSIONS.some((ext) => fileName === `${zone}${ext}`);
  },
  /** What is wrong, what is right: the file name the zone needs, or the zone the file name implies. */
  explain(zone: string, fileName: string): string {
    const ext = zoneFileName.extension(fileName) ?? ZONE_FILE_EXTENSIONS[0];
    const stem = fileName.endsWith(ext) ? fileName.slice(0, -ext.length) : fileName;
    // Offer the other way round only when the file name is itself a valid zone name.
    const rename = follows(zoneName, stem) ? `, or change zone: to ${stem}` : '';
    return `zone ${q(zone)} does not match the file name ${q(fileName)}: name the file ${zone}${ext}${rename}`;
  },
});

/** Every rule on a single value, by id. */
export const TEXT_RULES = Object.freeze({
  zoneName,
  departmentName,
  accountId,
  accountName,
  accountRef,
  tagKey,
  tagValue,
  zoneTagKey,
  sessionDuration,
  description,
  relayState,
  permissionSetName,
  managedPolicyArn,
  policyName,
  policyPath,
});
export type TextRuleId = keyof typeof TEXT_RULES;

/** AWS's numeric limits on one permission set. */
export const LIMIT_RULES = Object.freeze({
  /** Tags per permission set, the zone tag included (Identity Center quota). */
  tagsPerPermissionSet: { id: 'tagsPerPermissionSet', max: 50, doc: DOCS.quotas },
  /** AWS-managed + customer-managed policies per permission set (the role's quota must allow more than 10). */
  managedPoliciesPerPermissionSet: { id: 'managedPoliciesPerPermissionSet', max: 20, doc: DOCS.quotas },
  /** "Maximum size of non-whitespace characters in the inline policy per permission set". */
  inlinePolicyNonWhitespaceBytes: { id: 'inlinePolicyNonWhitespaceBytes', max: 10_240, doc: DOCS.quotas },
  /** "Maximum size of inline policy per permission set". */
  inlinePolicyBytes: { id: 'inlinePolicyBytes', max: 32_768, doc: DOCS.inlinePolicy },
} satisfies Record<string, LimitRule>);

/** PutInlinePolicyToPermissionSet's InlinePolicy pattern. */
// eslint-disable-next-line no-control-regex -- AWS's pattern, tab and line breaks included.
export const INLINE_POLICY_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;
export const INLINE_POLICY_DOC = DOCS.inlinePolicy;

/** Tags a zone may give: the permission set's quota minus the zone tag Zone Access adds. */
export const MAX_ZONE_TAGS = LIMIT_RULES.tagsPerPermissionSet.max - 1;

export function explainTooManyTags(given: number): string {
  return `${plural(given, 'tag')} given; a permission set has at most ${LIMIT_RULES.tagsPerPermissionSet.max} tags and the zone tag is one of them, so at most ${MAX_ZONE_TAGS} here`;
}

const compiled = new Map<string, RegExp>();
/** True when `value` follows the rule (pattern and lengths; for session durations also the range). */
export function follows(rule: TextRule, value: string): boolean {
  let re = compiled.get(rule.pattern);
  if (!re) compiled.set(rule.pattern, (re = new RegExp(rule.pattern, 'u')));
  if (rule.minLength !== undefined && value.length < rule.minLength) return false;
  if (rule.maxLength !== undefined && value.length > rule.maxLength) return false;
  if (!re.test(value)) return false;
  if (rule === sessionDuration) return isSessionDurationInRange(value);
  return true;
}

export function isSessionDurationInRange(iso: string): boolean {
  const minutes = durationMinutes(iso);
  return minutes >= SESSION_MINUTES.min && minutes <= SESSION_MINUTES.max;
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** The JSON Schema node for a rule; model/schema-check.ts finds the rule again from the node. */
export interface TextSchema {
  readonly type: 'string';
  readonly pattern: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly description: string;
  readonly default?: string;
}

const ruleOfNode = new WeakMap<object, TextRule>();

/**
 * A schema node checking `rule`. `extra.description` replaces the rule's own for this field;
 * `extra.default` documents the default the loader applies.
 */
export function textSchema(rule: TextRule, extra: { description?: string; default?: string } = {}): TextSchema {
  const node: TextSchema = {
    type: 'string',
    pattern: rule.pattern,
    ...(rule.minLength !== undefined ? { minLength: rule.minLength } : {}),
    ...(rule.maxLength !== undefined ? { maxLength: rule.maxLength } : {}),
    description: extra.description ?? rule.description,
    ...(extra.default !== undefined ? { default: extra.default } : {}),
  };
  ruleOfNode.set(node, rule);
  return node;
}

/** A key schema (`propertyNames`) checking `rule`. */
export function keySchema(rule: TextRule): { readonly pattern: string; readonly description: string } {
  const node = { pattern: rule.pattern, description: rule.description };
  ruleOfNode.set(node, rule);
  return node;
}

/** The rule a schema node was made from, if any. */
export function ruleOf(node: unknown): TextRule | undefined {
  return node !== null && typeof node === 'object' ? ruleOfNode.get(node) : undefined;
}
