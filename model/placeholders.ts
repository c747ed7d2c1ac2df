import type { Diagnostic } from './diagnostics';
import { fieldName } from './schema-check';
import { positionOf, type PathSegment, type YamlSource } from './yaml-source';

/**
 * The value `zone-access init` writes where only the platform team knows what belongs (an instance
 * ARN, an object id, an account id). It fails every pattern it stands in for, and the loader reports
 * it as a `placeholder` (instead of a pattern error), so `validate` in a new repository lists exactly
 * what is left to fill, each with its file and line.
 */
export const PLACEHOLDER = 'FILL_IN';

/** Every value of the file that is still a placeholder, with what belongs there (the schema's description). */
export function findPlaceholders(source: YamlSource, schema: object): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (typeof value === 'string') {
      if (value.trim() === PLACEHOLDER) {
        const description = describeField(schema, path);
        out.push({
          file: source.file,
          ...positionOf(source, path),
          field: fieldName(path),
          code: 'placeholder',
          message: `${PLACEHOLDER} is a placeholder: replace it with the real value`,
          ...(description ? { hint: description } : {}),
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) walk(v, [...path, key]);
    }
  };
  walk(source.value, []);
  return out;
}

/**
 * Drops the schema's complaints about a placeholder's value (and the summary of an `anyOf` around
 * it): the placeholder diagnostic already says what to do there, and says it better.
 */
export function withoutPlaceholderNoise(
  diagnostics: readonly Diagnostic[],
  placeholders: readonly Diagnostic[],
): Diagnostic[] {
  const fields = placeholders.map((p) => p.field);
  const covers = (d: Diagnostic) =>
    (d.code === 'invalid-value' || d.code === 'invalid-length' || d.code === 'wrong-type') &&
    fields.some(
      (f) => f === d.field || (d.field !== '' && (f.startsWith(`${d.field}.`) || f.startsWith(`${d.field}[`))),
    );
  return diagnostics.filter((d) => !covers(d));
}

/** The `description` of the schema node that describes the value at `path` (first `anyOf` branch that has one). */
export function describeField(schema: object, path: readonly PathSegment[]): string | undefined {
  const nodes = nodesAt(schema, path);
  for (const node of nodes) {
    const d = (node as { description?: unknown }).description;
    if (typeof d === 'string') return d;
  }
  return undefined;
}

function nodesAt(schema: unknown, path: readonly PathSegment[]): object[] {
  let nodes: object[] = expand(schema);
  for (const seg of path) {
    const next: object[] = [];
    for (const node of nodes) {
      const n = node as { properties?: Record<string, unknown>; additionalProperties?: unknown; items?: unknown };
      if (typeof seg === 'number') {
        if (n.items && typeof n.items === 'object') next.push(...expand(n.items));
      } else if (n.properties && Object.prototype.hasOwnProperty.call(n.properties, seg)) {
        next.push(...expand(n.properties[seg]));
      } else if (n.additionalProperties && typeof n.additionalProperties === 'object') {
        next.push(...expand(n.additionalProperties));
      }
    }
    nodes = next;
  }
  return nodes;
}

function expand(node: unknown): object[] {
  if (node === null || typeof node !== 'object') return [];
  const anyOf = (node as { anyOf?: unknown[] }).anyOf;
  return anyOf ? [node, ...anyOf.flatMap(expand)] : [node];
}
