/**
 * YAML syntax errors in words: where the mistake is (not where the parser gave up) and what to fix.
 * The parser's own messages ("Nested mappings are not allowed in compact mappings", "Flow sequence in
 * block collection must be sufficiently indented and end with a ]") name grammar, and point at the
 * line after an unclosed `[` or quote, which is rarely where the mistake is.
 */

export interface YamlErrorInput {
  /** The yaml library's error code (`BAD_INDENT`, `MISSING_CHAR`, ...). */
  readonly code: string;
  readonly message: string;
  /** 1-based position the parser reported. */
  readonly line: number;
  readonly column: number;
}

export interface ExplainedYamlError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint?: string;
}

export function explainYamlError(error: YamlErrorInput, text: string): ExplainedYamlError {
  const lines = text.split(/\r?\n/);
  const at = { line: error.line, column: error.column };
  const first = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');

  const unclosed = /end with a ([\]}])/.exec(first);
  if (unclosed) {
    const open = unclosed[1] === ']' ? '[' : '{';
    const opener = findUnclosed(lines, error.line, open, unclosed[1]);
    const what = open === '[' ? 'list' : 'mapping';
    return {
      ...(opener ?? at),
      message: `the ${open} opened here is never closed: end the ${what} with ${unclosed[1]}${opener ? ` on line ${opener.line}` : ''} (a ${open}...${unclosed[1]} ${what} written over several lines must indent its continuation lines)`,
      hint: open === '[' ? 'e.g. access: [secrets-reader, logs-reader]' : 'e.g. tags: { cost-center: "4411" }',
    };
  }
  const quote = /^Missing closing (["'])quote/.exec(first);
  if (quote) {
    const opener = findUnclosedQuote(lines, error.line, quote[1]);
    return {
      ...(opener ?? at),
      message: `the ${quote[1]} opened here is never closed: end the value with ${quote[1]} on the same line`,
      hint: `e.g. description: ${quote[1]}Payments production${quote[1]}`,
    };
  }
  if (error.code === 'TAB_AS_INDENT' || /^Tabs are not allowed/.test(first)) {
    return {
      ...at,
      column: 1,
      message: 'this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces',
    };
  }
  if (/Nested mappings are not allowed in compact mappings|Implicit keys need to be on a single line/.test(first)) {
    const here = lines[error.line - 1] ?? '';
    // `description: Payments: production` — a second ": " in a plain value.
    const value = /^\s*(?:-\s+)?[^:#]+:\s+(.*)$/.exec(here)?.[1] ?? '';
    if (/:\s/.test(value.replace(/#.*$/, '')) && !/^["'[{]/.test(value)) {
      return {
        ...at,
        message: 'this value contains ": ", which YAML reads as the start of a nested key: put the value in quotes',
        hint: 'e.g. description: "Payments: production"',
      };
    }
    const next = nextContentLine(lines, error.line);
    if (
      next !== undefined &&
      indentOf(lines[next - 1]) > indentOf(here) &&
      /^\s*[^\s-][^:]*:(\s|$)/.test(here) &&
      !/:\s*(#.*)?$/.test(here)
    ) {
      return {
        line: next,
        column: 1,
        message: `this line is indented more than line ${error.line}, whose key already has a value: indent it like the keys around it (or, for a nested mapping, leave the key above without a value)`,
      };
    }
    return {
      ...at,
      message:
        'this line does not fit the lines around it: keys of one mapping start in the same column, list items (- ) under a key line up, and a value with ": " or " #" needs quotes',
    };
  }
  if (/A block sequence may not be used as an implicit map key/.test(first)) {
    return {
      ...at,
      message:
        'this list item is not lined up with the items above it: start every "- " of one list in the same column',
    };
  }
  if (error.code === 'BAD_INDENT') {
    return {
      ...at,
      message: `this line's indentation does not fit the lines above: keys of one mapping start in the same column, nested keys further right (${lowerFirst(first)})`,
    };
  }
  if (error.code === 'BAD_DQ_ESCAPE') {
    return {
      ...at,
      message: `${first}: inside "double quotes" a backslash starts an escape; write \\\\ for a backslash, or use 'single quotes'`,
    };
  }
  return { ...at, message: `${first}; check this line's indentation and that every [, { and quote opened is closed` };
}

/** The last line at or before `line` where `open` is not closed (outside quotes and comments). */
function findUnclosed(
  lines: readonly string[],
  line: number,
  open: string,
  close: string,
): { line: number; column: number } | undefined {
  let depth = 0;
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const chars = stripQuotesAndComment(lines[i]);
    for (let c = chars.length - 1; c >= 0; c--) {
      if (chars[c] === close) depth++;
      else if (chars[c] === open) {
        if (depth === 0) return { line: i + 1, column: c + 1 };
        depth--;
      }
    }
  }
  return undefined;
}

/** The last line before `line` with an odd number of `quote` characters: where the unclosed one opens. */
function findUnclosedQuote(
  lines: readonly string[],
  line: number,
  quote: string,
): { line: number; column: number } | undefined {
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const count = [...lines[i]].filter((ch) => ch === quote).length;
    if (count % 2 === 1) return { line: i + 1, column: lines[i].indexOf(quote) + 1 };
  }
  return undefined;
}

/** The line with quoted text blanked and the comment cut, so brackets inside either do not count. */
function stripQuotesAndComment(line: string): string {
  let out = '';
  let quote: string | undefined;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      out += ' ';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      out += ' ';
    } else if (ch === '#' && (out === '' || /\s$/.test(out))) break;
    else out += ch;
  }
  return out;
}

function nextContentLine(lines: readonly string[], line: number): number | undefined {
  for (let i = line; i < lines.length; i++)
    if (lines[i].trim() !== '' && !lines[i].trim().startsWith('#')) return i + 1;
  return undefined;
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
