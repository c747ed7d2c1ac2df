import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as generated from './generated/schema-validators';
import { platformConfigSchema } from './platform-config-schema';
import { TEMPLATE_SEQUENCE, zoneFileSchema } from './zone-file-schema';
import { ruleOf } from './aws-rules';
import { didYouMean } from './suggest';
import type { Diagnostic } from './diagnostics';
import { keyPositionOf, positionOf, type PathSegment, type YamlSource } from './yaml-source';

/**
 * Runs a JSON Schema against a parsed YAML file and turns every failure into a Diagnostic that
 * names the field and points at its line. The schemas are compiled once per process, on first use.
 */

/** The options the validators are compiled with, ahead of time and at run time alike. */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictTypes: false, useDefaults: false } as const;

/** Validators generated ahead of time (`npm run schemas`), by schema `$id`. */
const PRECOMPILED: Readonly<Record<string, ValidateFunction>> = {
  [zoneFileSchema.$id]: generated.validateZoneFile as ValidateFunction,
  [platformConfigSchema.$id]: generated.validatePlatformConfig as ValidateFunction,
};

const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  const id = (schema as { $id?: string }).$id;
  if (id && PRECOMPILED[id]) return PRECOMPILED[id];
  // Any other schema (a test's, say) is compiled on first use; ajv is loaded only then.
  let fn = compiled.get(schema);
  if (!fn) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when needed (validate stays fast)
    const AjvClass: typeof Ajv = require('ajv').default;
    fn = new AjvClass(AJV_OPTIONS).compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

export function checkAgainstSchema(schema: object, source: YamlSource): Diagnostic[] {
  const validate = validatorFor(schema);
  if (validate(source.value)) return [];
  return toDiagnostics(validate.errors ?? [], source, schema);
}

function toDiagnostics(errors: readonly ErrorObject[], source: YamlSource, schema: object): Diagnostic[] {
  // anyOf reports every branch's failure; when one branch failed only on type, the other
  // branches' messages are the useful ones, so drop branch noise and keep one summary per anyOf.
  // An anyOf of objects told apart by `type` (the backend) is judged by the branch the value names:
  // its errors are the useful ones ("bucket: ... is not an S3 bucket name"), not "{...} is not valid".
  const chosen = new Map<string, string>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf') continue;
    const branch = discriminatedBranch(schema, e.schemaPath, valueAt(source.value, pointerToPath(e.instancePath)));
    if (branch !== undefined) chosen.set(e.instancePath, `${e.schemaPath}/${branch}/`);
  }
  errors = errors.filter((e) => {
    if (e.keyword === 'anyOf') return !chosen.has(e.instancePath);
    const prefix = [...chosen.values()].find((p) => e.schemaPath.startsWith(p.replace(/\/\d+\/$/, '/')));
    return prefix === undefined || e.schemaPath.startsWith(prefix);
  });
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  // A value that breaks a field's pattern and length gets one message (the rule explains both).
  const patternPaths = new Set(errors.filter((e) => e.keyword === 'pattern').map((e) => e.instancePath));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if ((error.keyword === 'maxLength' || error.keyword === 'minLength') && patternPaths.has(error.instancePath))
      continue;
    const insideAnyOf = [...anyOfPaths].some(
      (p) => error.instancePath.startsWith(p) && error.keyword !== 'anyOf' && error.schemaPath.includes('/anyOf/'),
    );
    if (insideAnyOf) continue;
    // A failing key name yields a 'pattern' error plus a 'propertyNames' summary; keep the summary.
    if (error.propertyName !== undefined && error.keyword !== 'propertyNames') continue;
    const path = pointerToPath(error.instancePath);
    const d = describe(error, path, source, schema);
    const key = `${d.field}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function describe(error: ErrorObject, path: PathSegment[], source: YamlSource, schema: object): Diagnostic {
  const base = { file: source.file, field: fieldName(path) };
  const pos = positionOf(source, path);
  const description = schemaDescription(schema, error.schemaPath);
  // A field checked by an AWS rule gets the rule's message: what is wrong, what is right, an example.
  const rule = ruleOf(walk(schema, schemaSegments(error.schemaPath).slice(0, -1)));
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const keyPos = keyPositionOf(source, path, key);
      const allowed = allowedKeys(schema, error.schemaPath);
      return {
        ...base,
        field: fieldName([...path, key]),
        line: keyPos.line,
        column: keyPos.column,
        code: 'unknown-key',
        message: `unknown key "${key}"${didYouMean(key, allowed)}`,
        ...(allowed.length ? { hint: `allowed keys: ${allowed.join(', ')}` } : {}),
      };
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return {
        ...base,
        field: fieldName([...path, missing]),
        line: pos.line,
        column: pos.column,
        code: 'missing-key',
        message: `required key "${missing}" is missing`,
      };
    }
    case 'type': {
      const expected = (error.params as { type: string }).type;
      const value = valueAt(source.value, path);
      const actual = typeName(value);
      const quoteHint =
        expected === 'string' && typeof value === 'number'
          ? 'quote it ("...") so YAML keeps it a string, leading zeros included'
          : undefined;
      return {
        ...base,
        ...pos2(pos),
        code: 'wrong-type',
        message: `must be ${article(expected)}, not ${actual}`,
        ...(quoteHint ? { hint: quoteHint } : description ? { hint: description } : {}),
      };
    }
    case 'pattern':
    case 'format':
    case 'anyOf': {
      const value = valueAt(source.value, path);
      if (rule && typeof value === 'string')
        return { ...base, ...pos2(pos), code: 'invalid-value', message: rule.explain(value) };
      if (error.keyword === 'anyOf') {
        const alternatives = explainAlternatives(walk(schema, schemaSegments(error.schemaPath)), value);
        if (alternatives)
          return {
            ...base,
            ...pos2(alternatives.typeKey ? keyPositionOf(source, path, 'type') : pos),
            ...(alternatives.typeKey ? { field: fieldName([...path, 'type']) } : {}),
            code: 'invalid-value',
            message: alternatives.message,
          };
      }
      return {
        ...base,
        ...pos2(pos),
        code: 'invalid-value',
        message: description
          ? `${show(value)} is not valid: ${lowerFirst(description)}`
          : `${show(value)} is not valid here`,
      };
    }
    case 'propertyNames': {
      const name = (error.params as { propertyName: string }).propertyName;
      const keyPos = keyPositionOf(source, path, name);
      // The rule sits on the propertyNames node itself (the failing keyword is its `pattern`).
      const keyRule = ruleOf(walk(schema, schemaSegments(error.schemaPath)));
      return {
        ...base,
        field: fieldName([...path, name]),
        line: keyPos.line,
        column: keyPos.column,
        code: 'invalid-key',
        message: keyRule ? keyRule.explain(name) : `key ${show(name)} is not allowed here`,
        ...(!keyRule && description ? { hint: description } : {}),
      };
    }
    case 'dependencies': {
      const { property, missingProperty } = error.params as { property: string; missingProperty: string };
      return {
        ...base,
        field: fieldName([...path, missingProperty]),
        line: pos.line,
        column: pos.column,
        code: 'missing-key',
        message: `"${missingProperty}" is required when "${property}" is set`,
      };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      const value = valueAt(source.value, path);
      // A near miss (membership: files) names the value meant, as unknown keys do.
      const suggestion =
        typeof value === 'string'
          ? didYouMean(
              value,
              allowed.filter((v): v is string => typeof v === 'string'),
            )
          : '';
      return {
        ...base,
        ...pos2(pos),
        code: 'invalid-value',
        message: `must be one of ${allowed.map(show).join(', ')}${suggestion}`,
      };
    }
    case 'const':
      return {
        ...base,
        ...pos2(pos),
        code: 'invalid-value',
        message: `must be ${show((error.params as { allowedValue: unknown }).allowedValue)}`,
      };
    case 'minimum': {
      const limit = (error.params as { limit: number }).limit;
      const fallback = (
        walk(schema, schemaSegments(error.schemaPath).slice(0, -1)) as { default?: unknown } | undefined
      )?.default;
      return {
        ...base,
        ...pos2(pos),
        code: 'invalid-value',
        message: `must be at least ${limit}${fallback === undefined ? '' : `, e.g. ${show(fallback)} (the default)`}`,
      };
    }
    case 'minItems':
      return {
        ...base,
        ...pos2(pos),
        code: 'empty-list',
        message: `must list at least ${(error.params as { limit: number }).limit} item(s)`,
      };
    case 'maxLength':
    case 'minLength': {
      const v = valueAt(source.value, path);
      const len = typeof v === 'string' ? v.length : 0;
      const limit = (error.params as { limit: number }).limit;
      if (rule && typeof v === 'string')
        return { ...base, ...pos2(pos), code: 'invalid-length', message: rule.explain(v) };
      return {
        ...base,
        ...pos2(pos),
        code: 'invalid-length',
        message: error.keyword === 'maxLength' ? `is ${len} characters; at most ${limit} allowed` : `must not be empty`,
        ...(description ? { hint: description } : {}),
      };
    }
    default:
      return { ...base, ...pos2(pos), code: 'invalid-value', message: error.message ?? 'is not valid' };
  }
}

/**
 * What an anyOf accepts, said in words: for mappings told apart by `type` (the backend), the types
 * there are; for a string where one branch has a rule (a boundary ARN, or a mapping), the rule's
 * message and the mapping's keys.
 */
function explainAlternatives(branches: unknown, value: unknown): { message: string; typeKey?: boolean } | undefined {
  if (!Array.isArray(branches)) return undefined;
  type Branch = { type?: string; properties?: Record<string, { const?: unknown }>; required?: string[] };
  const list = branches as Branch[];
  const types = list.map((b) => b.properties?.type?.const).filter((t) => t !== undefined);
  if (types.length === list.length && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { message: `must be one of ${types.map(show).join(', ')}`, typeKey: true };
  }
  if (typeof value === 'string') {
    const rule = list.map((b) => ruleOf(b)).find((r) => r !== undefined);
    const mapping = list.find((b) => b.type === 'object' && b.properties);
    if (rule) {
      const keys = mapping ? `; or a mapping { ${Object.keys(mapping.properties!).join(', ')} }` : '';
      return { message: `${rule.explain(value)}${keys}` };
    }
  }
  return undefined;
}

/** The index of the anyOf branch whose `type` const is the value's `type`, if the anyOf is told apart that way. */
function discriminatedBranch(schema: object, schemaPath: string, value: unknown): number | undefined {
  const branches = walk(schema, schemaSegments(schemaPath));
  if (!Array.isArray(branches) || value === null || typeof value !== 'object' || !('type' in value)) return undefined;
  const index = branches.findIndex(
    (b) =>
      (b as { properties?: { type?: { const?: unknown } } })?.properties?.type?.const ===
      (value as { type: unknown }).type,
  );
  return index < 0 ? undefined : index;
}

function pos2(pos: { line: number; column: number }): { line: number; column: number } {
  return { line: pos.line, column: pos.column };
}

function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `accounts[1]`, `tags.cost-center`, `access.presets.x.statements[0].actions` */
export function fieldName(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return `a ${typeof v}`;
}

function article(type: string): string {
  return (
    (
      {
        object: 'a mapping',
        array: 'a list',
        string: 'a string',
        boolean: 'true or false',
        number: 'a number',
      } as Record<string, string>
    )[type] ?? type
  );
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** The `description` of the schema node an error came from (or its parent), used as a hint. */
function schemaDescription(schema: object, schemaPath: string): string | undefined {
  const segments = schemaSegments(schemaPath);
  // Walk up from the failing keyword to the nearest node with a description.
  for (let depth = segments.length - 1; depth >= 0; depth--) {
    const node = walk(schema, segments.slice(0, depth));
    if (node && typeof node === 'object' && typeof (node as { description?: unknown }).description === 'string') {
      return (node as { description: string }).description;
    }
  }
  return undefined;
}

function schemaSegments(schemaPath: string): string[] {
  return schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function allowedKeys(schema: object, schemaPath: string): string[] {
  const segments = schemaSegments(schemaPath);
  const node = walk(schema, segments.slice(0, -1)) as { properties?: Record<string, unknown> } | undefined;
  return node?.properties ? Object.keys(node.properties) : [];
}

function walk(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const seg of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/**
 * Every string (key or value) of the file that contains a Terraform template sequence. Input
 * strings are written into the synthesized Terraform JSON as they are, where Terraform would
 * evaluate `${file("...")}` or `${data...}`: a description could read files on the CI runner or
 * other resources' attributes into AWS and Entra. Rejected rather than escaped, so what is deployed
 * is always exactly what the file says.
 */
export function checkNoTemplateSequences(source: YamlSource, hint?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (typeof value === 'string') {
      if (TEMPLATE_SEQUENCE.test(value)) out.push(templateDiagnostic(source, path, value, hint));
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (TEMPLATE_SEQUENCE.test(key)) out.push(templateDiagnostic(source, [...path, key], key, hint));
        walk(v, [...path, key]);
      }
    }
  };
  walk(source.value, []);
  return out;
}

function templateDiagnostic(source: YamlSource, path: PathSegment[], value: string, hint?: string): Diagnostic {
  const problem = templateSequenceProblem(value, hint);
  return {
    file: source.file,
    ...pos2(positionOf(source, path)),
    field: fieldName(path),
    code: 'template-sequence',
    ...problem,
  };
}

/** The message for a value holding `${` or `%{`, for zone files and zones given in code alike. */
export function templateSequenceProblem(value: string, hint?: string): { message: string; hint: string } {
  const sequence = TEMPLATE_SEQUENCE.exec(value)?.[0] ?? '${';
  return {
    message: `contains "${sequence}", which Terraform would evaluate as an expression`,
    hint: hint ?? `zone input is copied into Terraform as it is; remove the "${sequence}"`,
  };
}
