/**
 * Reference tables of the zone file and the platform config, rendered from the JSON Schemas the
 * validator compiles (model/*-schema.ts), so the documented keys, requirements, defaults and
 * descriptions are the ones the loader enforces. `npm run schemas` writes them between generated
 * markers in docs/; a test fails when a committed page differs.
 */

interface SchemaNode {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

interface Row {
  key: string;
  required: boolean;
  type: Set<string>;
  description: Set<string>;
  defaults: Set<string>;
}

/** Table cells may not contain a pipe or a line break. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (s: string) => `\`${s}\``;

function typeOf(node: SchemaNode): string {
  if (node.const !== undefined) return code(JSON.stringify(node.const));
  if (node.enum) return `one of ${node.enum.map((v) => code(String(v))).join(', ')}`;
  const type = Array.isArray(node.type)
    ? node.type.join(' or ')
    : (node.type ?? (node.anyOf || node.oneOf ? 'one of the forms below' : 'any'));
  const bounds: string[] = [];
  if (type === 'array') {
    const item = node.items ? typeOf(node.items) : 'any';
    if (node.minItems !== undefined && node.minItems > 0) bounds.push(`at least ${node.minItems}`);
    if (node.maxItems !== undefined) bounds.push(`at most ${node.maxItems}`);
    return `list of ${item}${bounds.length ? ` (${bounds.join(', ')})` : ''}`;
  }
  if (
    type === 'object' &&
    node.additionalProperties &&
    typeof node.additionalProperties === 'object' &&
    !node.properties
  )
    return 'map: name → value';
  if (node.minLength !== undefined && node.minLength > 1) bounds.push(`≥ ${node.minLength} characters`);
  if (node.maxLength !== undefined) bounds.push(`≤ ${node.maxLength} characters`);
  if (node.minimum !== undefined && node.maximum !== undefined) bounds.push(`${node.minimum}–${node.maximum}`);
  else if (node.minimum !== undefined) bounds.push(`≥ ${node.minimum}`);
  else if (node.maximum !== undefined) bounds.push(`≤ ${node.maximum}`);
  return `${type}${bounds.length ? ` (${bounds.join(', ')})` : ''}`;
}

function collect(node: SchemaNode, prefix: string, rows: Map<string, Row>): void {
  for (const alternative of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) collect(alternative, prefix, rows);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const key = `${prefix}${name}`;
    const required = (node.required ?? []).includes(name);
    const row = rows.get(key) ?? { key, required, type: new Set(), description: new Set(), defaults: new Set() };
    row.required = row.required || required;
    row.type.add(typeOf(child));
    if (child.description) row.description.add(child.description);
    if (child.default !== undefined) row.defaults.add(code(JSON.stringify(child.default)));
    rows.set(key, row);
    descend(child, key, rows);
  }
}

function descend(node: SchemaNode, key: string, rows: Map<string, Row>): void {
  if (node.properties || node.anyOf || node.oneOf) collect(node, `${key}.`, rows);
  if (node.additionalProperties && typeof node.additionalProperties === 'object')
    descend(node.additionalProperties, `${key}.<name>`, rows);
  if (node.items && (node.items.properties || node.items.anyOf)) collect(node.items, `${key}[].`, rows);
}

/**
 * One row per key (nested keys dotted, map entries as `<name>`, list items as `[]`); "required" is
 * within the key's parent (a key of an optional object is required only when the object is given).
 */
export function schemaReferenceTable(schema: object): string {
  const rows = new Map<string, Row>();
  collect(schema as SchemaNode, '', rows);
  const lines = ['| key | required | type | default | meaning |', '|---|---|---|---|---|'];
  for (const row of rows.values()) {
    const description = [...row.description].join(' ');
    lines.push(
      `| ${code(row.key)} | ${row.required ? 'yes' : 'no'} | ${cell([...row.type].join(' or '))} | ${[...row.defaults].join(', ')} | ${cell(description)} |`,
    );
  }
  return lines.join('\n');
}
