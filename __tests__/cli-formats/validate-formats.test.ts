import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatGithub } from '../../cli/format-diagnostics';
import { main } from '../../cli/zone-access';
import type { Diagnostic } from '../../model/diagnostics';
import { boundConfig, captureIO, REPO_ROOT, withoutBindingWarning, writeTree, zoneDoc } from '../support/tree';

/**
 * `zone-access validate --format human|json|github` on fixture trees, through the real dispatcher.
 * The invalid tree has a file whose name holds the characters GitHub's workflow-command properties
 * must escape (so it cannot be named after its zone either: two problems, a schema one and the file
 * name) and one semantic problem in another file.
 */

const BAD_FILE = 'pay/a,b:c%.yaml';

function invalidTree() {
  const tree = writeTree({
    config: boundConfig(),
    zones: {
      [BAD_FILE]: 'zone: zone-a\ndepartment: pay\naccounts: [123456789012]\naccess: [secrets-reader]\n',
      'pay/zone-b.yaml': zoneDoc('zone-b', 'pay', { accounts: ['nope'] }),
      'ops/zone-c.yaml': zoneDoc('zone-c', 'ops'),
    },
  });
  // validate shows paths relative to the process's directory (the repository root in CI).
  const shown = (p: string) => relative(process.cwd(), join(tree.zonesDir, p));
  return { ...tree, bad: shown(BAD_FILE), unknown: shown('pay/zone-b.yaml') };
}

function validTree() {
  return writeTree({
    config: boundConfig(),
    zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay'), 'ops/zone-c.yaml': zoneDoc('zone-c', 'ops') },
  });
}

async function validate(root: string, ...args: string[]) {
  const { io, out, err } = captureIO(root);
  const code = await main(['validate', '--zones', 'zones', '--config', 'platform.yaml', ...args], io);
  return { code, out: out(), err: err() };
}

describe('--format human (the default)', () => {
  it('invalid: exit 1; file:line:col: field: message [code], a hint line, and a count, on stderr', async () => {
    const t = invalidTree();
    const r = await validate(t.root);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `${t.bad}:1:7: zone: zone "zone-a" does not match the file name "a,b:c%.yaml": name the file zone-a.yaml [file-name-mismatch]\n` +
        `${t.bad}:3:12: accounts[0]: must be a string, not a number [wrong-type]\n` +
        `    hint: quote it ("...") so YAML keeps it a string, leading zeros included\n` +
        `${t.unknown}:4:5: accounts[0]: unknown account name "nope" [unknown-account]\n` +
        `    hint: known names: shared-prod; or give the 12-digit id in quotes, e.g. "123456789012"\n` +
        `\n3 problems in 2 files.\n`,
    );
  });

  it('--format human is the same as no --format', async () => {
    const t = invalidTree();
    const implicit = await validate(t.root);
    const explicit = await validate(t.root, '--format', 'human');
    expect(explicit).toEqual(implicit);
  });

  it('valid: exit 0 and a one-line summary on stdout', async () => {
    const r = await validate(validTree().root);
    expect(r).toEqual({ code: 0, out: 'ok: 2 zones in 2 departments are valid\n', err: '' });
  });
});

describe('--format json', () => {
  it('invalid: exit 1; every problem with file, line, column, field, code, message and hint', async () => {
    const t = invalidTree();
    const r = await validate(t.root, '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({
      valid: false,
      problems: [
        {
          file: t.bad,
          line: 1,
          column: 7,
          field: 'zone',
          code: 'file-name-mismatch',
          message: 'zone "zone-a" does not match the file name "a,b:c%.yaml": name the file zone-a.yaml',
        },
        {
          file: t.bad,
          line: 3,
          column: 12,
          field: 'accounts[0]',
          code: 'wrong-type',
          message: 'must be a string, not a number',
          hint: expect.stringMatching(/^quote it/),
        },
        {
          file: t.unknown,
          line: 4,
          column: 5,
          field: 'accounts[0]',
          code: 'unknown-account',
          message: 'unknown account name "nope"',
          hint: expect.stringMatching(/^known names/),
        },
      ],
    });
  });

  it('valid: exit 0; valid, counts, the day membership was checked for (--at) and no problems', async () => {
    const r = await validate(validTree().root, '--format', 'json', '--at', '2026-06-30');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ valid: true, zones: 2, departments: 2, at: '2026-06-30', problems: [] });
  });

  it('the output is one JSON document with a trailing newline, identical across runs', async () => {
    const t = invalidTree();
    const a = await validate(t.root, '--format', 'json');
    const b = await validate(t.root, '--format', 'json');
    expect(a.out).toBe(b.out);
    expect(a.out.endsWith('}\n')).toBe(true);
  });
});

describe('--format github', () => {
  it('invalid: exit 1; one ::error workflow command per problem, with file, line, col and title', async () => {
    const t = invalidTree();
    const r = await validate(t.root, '--format', 'github');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const escapedBad = t.bad.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');
    expect(r.out).toBe(
      `::error file=${escapedBad},line=1,col=7,title=zone-access%3A zone [file-name-mismatch]::zone "zone-a" does not match the file name "a,b:c%25.yaml": name the file zone-a.yaml\n` +
        `::error file=${escapedBad},line=3,col=12,title=zone-access%3A accounts[0] [wrong-type]::must be a string, not a number (hint: quote it ("...") so YAML keeps it a string, leading zeros included)\n` +
        `::error file=${t.unknown},line=4,col=5,title=zone-access%3A accounts[0] [unknown-account]::unknown account name "nope" (hint: known names: shared-prod; or give the 12-digit id in quotes, e.g. "123456789012")\n`,
    );
    // The escaped file name holds no raw separator the runner would split on.
    expect(escapedBad).toContain('a%2Cb%3Ac%25.yaml');
  });

  it('every line is a well-formed annotation: ::error <props>::<message>, props split cleanly on ","', async () => {
    const r = await validate(invalidTree().root, '--format', 'github');
    for (const line of r.out.trimEnd().split('\n')) {
      const m = /^::error ([^:]*)::(.*)$/.exec(line);
      expect(m).not.toBeNull();
      const props = Object.fromEntries(m![1].split(',').map((kv) => kv.split('=', 2) as [string, string]));
      expect(Object.keys(props)).toEqual(['file', 'line', 'col', 'title']);
      expect(decodeURIComponent(props.file)).toMatch(/\.yaml$/);
    }
  });

  it('valid: exit 0 and no output (nothing to annotate)', async () => {
    expect(await validate(validTree().root, '--format', 'github')).toEqual({ code: 0, out: '', err: '' });
  });

  it('the repository itself validates in every format', async () => {
    for (const format of ['human', 'json', 'github']) {
      const { io, err } = captureIO(REPO_ROOT);
      expect(await main(['validate', '--format', format], io)).toBe(0);
      // The human format writes warnings to stderr (json and github carry them on stdout).
      expect(withoutBindingWarning(err())).toBe('');
    }
  });

  it('warnings (accepted risks) do not fail validation and show in every format', async () => {
    const t = writeTree({ zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') } });
    const human = await validate(t.root);
    expect(human.code).toBe(0);
    expect(human.err).toMatch(
      /^\S*platform\.yaml:\d+:1: warning: identityCenter\.externalIdIssuer: not set: .* \[group-bound-by-name\]\n {4}hint: .*\n\n1 warning in 1 file\.\n$/,
    );
    // A key that is not set is shown on the line of its section, as every other problem has a line.
    const sectionLine = readFileSync(t.configPath, 'utf8').split('\n').indexOf('identityCenter:') + 1;
    expect(sectionLine).toBeGreaterThan(0);
    expect(human.err).toContain(`platform.yaml:${sectionLine}:1: warning: identityCenter.externalIdIssuer`);
    expect(withoutBindingWarning(human.err)).toBe('');
    const json = await validate(t.root, '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({
      valid: true,
      problems: [
        {
          severity: 'warning',
          field: 'identityCenter.externalIdIssuer',
          code: 'group-bound-by-name',
          line: sectionLine,
        },
      ],
    });
    const github = await validate(t.root, '--format', 'github');
    expect(github.code).toBe(0);
    expect(github.out).toMatch(
      /^::warning file=[^,]*platform\.yaml,line=\d+,col=1,title=zone-access%3A identityCenter\.externalIdIssuer \[group-bound-by-name\]::not set: /,
    );
  });
});

describe('GitHub escaping, as the runner expects', () => {
  const d = (over: Partial<Diagnostic>): Diagnostic => ({
    file: 'zones/pay/a.yaml',
    field: 'description',
    code: 'invalid-value',
    message: 'm',
    ...over,
  });

  it('message: % → %25, CR → %0D, LF → %0A; ":" and "," stay', () => {
    expect(formatGithub([d({ message: '100% sure:\r\nnext, line' })])).toBe(
      '::error file=zones/pay/a.yaml,title=zone-access%3A description [invalid-value]::100%25 sure:%0D%0Anext, line\n',
    );
  });

  it('properties: additionally ":" → %3A and "," → %2C', () => {
    expect(formatGithub([d({ file: 'z/a,b:c%\n.yaml', field: 'tags.a:b,c', line: 2, column: 3 })])).toBe(
      '::error file=z/a%2Cb%3Ac%25%0A.yaml,line=2,col=3,title=zone-access%3A tags.a%3Ab%2Cc [invalid-value]::m\n',
    );
  });

  it('% is escaped first, so an input that already looks escaped stays literal', () => {
    expect(formatGithub([d({ message: '%0A is not a newline', hint: 'x%2Cy' })])).toBe(
      '::error file=zones/pay/a.yaml,title=zone-access%3A description [invalid-value]::%250A is not a newline (hint: x%252Cy)\n',
    );
  });

  it('a problem without a field is titled by its code; without a position it has no line/col', () => {
    expect(formatGithub([d({ field: '', code: 'misplaced-file' })])).toBe(
      '::error file=zones/pay/a.yaml,title=zone-access%3A misplaced-file::m\n',
    );
  });

  it('an unknown --format is a usage error (exit 2)', async () => {
    const { io, err } = captureIO(REPO_ROOT);
    expect(await main(['validate', '--format', 'sarif'], io)).toBe(2);
    expect(err()).toMatch(/--format must be one of human, json, github/);
  });
});
