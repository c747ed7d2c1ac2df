import { readFileSync, statSync } from 'node:fs';
import { Composer, Document, isMap, isNode, isPair, isScalar, Lexer, LineCounter, Parser, visit } from 'yaml';
import type { Diagnostic, DiagnosticCode } from './diagnostics';
import { explainYamlError } from './yaml-errors';

/**
 * Reads one YAML input file strictly and keeps enough of the parse to point at any field's line.
 *
 * Strict means: one document, no anchors/aliases (they buy nothing in a zone file and are the
 * vector for alias bombs), no custom tags, no duplicate keys, UTF-8 text only, bounded size.
 */

/** Zone files are a dozen lines; anything this large is a mistake or an attack. */
export const MAX_FILE_BYTES = 64 * 1024;

/**
 * Deepest collection nesting accepted. A zone file nests 3 levels, the platform config about 8.
 * The YAML composer recurses once per level: a few thousand levels (`[[[[…`, `- - - …`, well under
 * the size limit) overflow the stack, and V8 can then abort the whole process (a fatal "out of
 * memory" in its RegExp compiler) on the next file. So depth is checked on the iterative CST parser
 * before anything recursive runs.
 */
export const MAX_NESTING_DEPTH = 32;

/** YAML-level problems reported per file; the rest are summarized in one line. */
export const MAX_YAML_PROBLEMS = 20;

export interface YamlSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The plain JS value of the document. */
  readonly value: unknown;
}

export type PathSegment = string | number;

export function readYamlFile(file: string, displayName = file): { source?: YamlSource; diagnostics: Diagnostic[] } {
  let size: number;
  try {
    const stat = statSync(file);
    // A directory would throw EISDIR on read; a FIFO or device (/dev/zero) would block or never end.
    if (!stat.isFile()) {
      return fail(
        displayName,
        'not-a-file',
        `not a regular file (${stat.isDirectory() ? 'a directory' : 'a device, pipe or socket'})`,
      );
    }
    size = stat.size;
  } catch (err) {
    return fail(displayName, 'unreadable', `cannot read file: ${(err as Error).message}`);
  }
  if (size > MAX_FILE_BYTES) {
    return fail(displayName, 'file-too-large', `file is ${size} bytes; the limit is ${MAX_FILE_BYTES} bytes`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return fail(displayName, 'unreadable', `cannot read file: ${(err as Error).message}`);
  }
  // It may have grown since the stat.
  if (bytes.length > MAX_FILE_BYTES) {
    return fail(displayName, 'file-too-large', `file is ${bytes.length} bytes; the limit is ${MAX_FILE_BYTES} bytes`);
  }
  return parseYamlText(bytes, displayName);
}

export function parseYamlText(
  bytes: Buffer | string,
  file: string,
): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  if (buffer.includes(0)) {
    return fail(file, 'binary-file', 'file contains NUL bytes; expected UTF-8 YAML text');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return fail(file, 'not-utf8', 'file is not valid UTF-8 text');
  }
  if (text.trim() === '') {
    return fail(
      file,
      'empty-file',
      'file is empty',
      'a zone file needs at least zone, department, accounts and access',
    );
  }

  const lines = new LineCounter();
  const { docs, tooDeepAt } = parseDocuments(text, lines);
  if (tooDeepAt !== undefined) {
    const pos = lines.linePos(tooDeepAt);
    return {
      diagnostics: [
        {
          file,
          line: pos.line,
          column: pos.col,
          field: '',
          code: 'too-deep',
          message: `collections are nested more than ${MAX_NESTING_DEPTH} levels deep`,
          hint: 'a zone file needs no more than 3 levels; check for unbalanced [ or {',
        },
      ],
    };
  }
  if (docs.length === 0) {
    return fail(file, 'empty-file', 'file has no YAML document (only comments?)');
  }
  if (docs.length > 1) {
    const pos = lines.linePos(docs[1].range[0]);
    return {
      diagnostics: [
        {
          file,
          line: pos.line,
          column: pos.col,
          field: '',
          code: 'multiple-documents',
          message: `file holds ${docs.length} YAML documents; a zone file holds exactly one`,
          hint: 'put each zone in its own file',
        },
      ],
    };
  }
  const doc = docs[0];
  const diagnostics: Diagnostic[] = [];
  const explained = new Set<number>();
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const pos = problem.linePos?.[0] ?? lines.linePos(problem.pos[0]);
    if (problem.code === 'DUPLICATE_KEY') {
      diagnostics.push({
        file,
        line: pos.line,
        column: pos.col,
        field: '',
        code: 'duplicate-key',
        message: firstLine(problem.message),
      });
      continue;
    }
    // One mistake often trips several parser errors on its line; the first one explains it.
    const e = explainYamlError({ code: problem.code, message: problem.message, line: pos.line, column: pos.col }, text);
    if (explained.has(e.line) || explained.has(pos.line)) continue;
    explained.add(e.line).add(pos.line);
    diagnostics.push({
      file,
      line: e.line,
      column: e.column,
      field: '',
      code: 'yaml-syntax',
      message: e.message,
      ...(e.hint ? { hint: e.hint } : {}),
    });
  }
  visit(doc, {
    Alias(_, node) {
      diagnostics.push(
        at(file, lines, node.range?.[0], 'yaml-alias', 'YAML aliases (*name) are not allowed in zone input'),
      );
      return visit.SKIP;
    },
    Node(_, node) {
      if (node.anchor) {
        diagnostics.push(
          at(file, lines, node.range?.[0], 'yaml-anchor', 'YAML anchors (&name) are not allowed in zone input'),
        );
      }
      if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
        diagnostics.push(at(file, lines, node.range?.[0], 'yaml-tag', `custom YAML tag ${node.tag} is not allowed`));
      }
    },
    Pair(_, pair) {
      // A key the parser could not read is a consequence of a syntax error already reported on its line.
      if (isNode(pair.key) && !isScalar(pair.key) && !explained.has(lines.linePos(pair.key.range?.[0] ?? 0).line)) {
        diagnostics.push(
          at(file, lines, pair.key.range?.[0], 'yaml-complex-key', 'mapping keys must be plain strings'),
        );
      }
    },
  });
  if (diagnostics.length > MAX_YAML_PROBLEMS) {
    // A 64 KB file of `*a, *a, ...` or garbage yields thousands; the first ones say enough.
    diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    const more = diagnostics.length - MAX_YAML_PROBLEMS;
    const last = diagnostics[MAX_YAML_PROBLEMS];
    diagnostics.splice(MAX_YAML_PROBLEMS, more, {
      file,
      line: last.line,
      column: last.column,
      field: '',
      code: 'too-many-problems',
      message: `${more} more YAML problem${more === 1 ? '' : 's'} in this file not shown`,
    });
  }
  if (diagnostics.length > 0) return { diagnostics };

  // Aliases are rejected above, so toJS cannot expand anything; the count is a second fence.
  const value = doc.toJS({ maxAliasCount: 0 });
  return { source: { file, doc, lines, value }, diagnostics: [] };
}

/**
 * yaml's parseAllDocuments, unrolled so the parser's nesting depth can be watched on the way: the
 * composer recurses once per level, so a document nested thousands deep must never reach it (it
 * overflows the stack, and V8 may not recover). One pass over the text, not a second parse.
 */
function parseDocuments(text: string, lines: LineCounter): { docs: Document.Parsed[]; tooDeepAt?: number } {
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer({ uniqueKeys: true, strict: true });
  let tooDeepAt: number | undefined;
  function* tokens() {
    lines.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      const offset = parser.offset;
      yield* parser.next(lexeme);
      if (parser.stack.length > MAX_NESTING_DEPTH) {
        tooDeepAt = offset;
        return;
      }
    }
    yield* parser.end();
  }
  const docs = Array.from(composer.compose(tokens()));
  return tooDeepAt === undefined ? { docs } : { docs: [], tooDeepAt };
}

/** The 1-based line/column of the value at `path`, or of its nearest existing ancestor. */
export function positionOf(source: YamlSource, path: readonly PathSegment[]): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = source.doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return linePos(source.lines, node.range[0]);
  }
  return { line: 1, column: 1 };
}

/** The 1-based line/column of the key `key` in the map at `path` (for unknown-key errors). */
export function keyPositionOf(
  source: YamlSource,
  path: readonly PathSegment[],
  key: string,
): { line: number; column: number } {
  const parent = path.length === 0 ? source.doc.contents : source.doc.getIn(path, true);
  if (isMap(parent)) {
    for (const item of parent.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === key && item.key.range) {
        return linePos(source.lines, item.key.range[0]);
      }
    }
  }
  return positionOf(source, path);
}

/** Positions of the top-level keys of a mapping document. */
export function topLevelKeyPositions(source: YamlSource): Record<string, { line: number; column: number }> {
  const positions: Record<string, { line: number; column: number }> = {};
  const root = source.doc.contents;
  if (isMap(root)) {
    for (const item of root.items) {
      if (isPair(item) && isScalar(item.key) && item.key.range) {
        positions[String(item.key.value)] = linePos(source.lines, item.key.range[0]);
      }
    }
  }
  return positions;
}

function linePos(lines: LineCounter, offset: number): { line: number; column: number } {
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function at(
  file: string,
  lines: LineCounter,
  offset: number | undefined,
  code: DiagnosticCode,
  message: string,
): Diagnostic {
  const pos = offset === undefined ? { line: 1, column: 1 } : linePos(lines, offset);
  return { file, line: pos.line, column: pos.column, field: '', code, message };
}

function fail(file: string, code: DiagnosticCode, message: string, hint?: string): { diagnostics: Diagnostic[] } {
  return { diagnostics: [{ file, field: '', code, message, ...(hint ? { hint } : {}) }] };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
