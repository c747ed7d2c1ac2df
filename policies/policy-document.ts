/**
 * An IAM policy document as the zone policies use it, and its one rendering. A leaf module: no
 * imports, so the preset files (data) can name statement and condition types without depending on
 * the policy writer (`./zone-policy`), which depends on them.
 */

export type ConditionValue = string | string[];
/** operator → context key → value(s). */
export type PolicyCondition = Record<string, Record<string, ConditionValue>>;

export interface PolicyStatement {
  /** Stable and unique within the document: `<PresetName><index>` for allows, `Guard...` for denies. */
  Sid: string;
  Effect: 'Allow' | 'Deny';
  /** One action is rendered as a string, several as a sorted array. */
  Action: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: PolicyCondition;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/**
 * The exact string deployed as the permission set's inline policy: minified JSON with a fixed key
 * order (statement keys in IAM's conventional order, condition operators and keys sorted), so the
 * same document always renders to the same bytes.
 */
export function renderPolicy(doc: PolicyDocument): string {
  return JSON.stringify({ Version: doc.Version, Statement: doc.Statement.map(canonicalStatement) });
}

function canonicalStatement(s: PolicyStatement): PolicyStatement {
  return {
    Sid: s.Sid,
    Effect: s.Effect,
    Action: s.Action,
    ...(s.Resource !== undefined ? { Resource: s.Resource } : {}),
    ...(s.NotResource !== undefined ? { NotResource: s.NotResource } : {}),
    ...(s.Condition !== undefined ? { Condition: canonicalCondition(s.Condition) } : {}),
  };
}

/** Condition operators and their keys in sorted order (how the document is rendered and compared). */
export function canonicalCondition(c: PolicyCondition): PolicyCondition {
  const out: PolicyCondition = {};
  for (const op of Object.keys(c).sort()) {
    const inner: Record<string, ConditionValue> = {};
    for (const k of Object.keys(c[op]).sort()) inner[k] = c[op][k];
    out[op] = inner;
  }
  return out;
}
