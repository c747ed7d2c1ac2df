import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { App } from 'cdktf';
import { stringify } from 'yaml';
import { main } from '../../cli/zone-access';
import { RESERVED_ZONE_NAMES } from '../../model/names';
import { MAX_FILE_BYTES, MAX_NESTING_DEPTH, MAX_YAML_PROBLEMS } from '../../model/yaml-source';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { loadTree } from '../../pipeline/load';
import { captureIO, makeTempDir, writeTree, zoneDoc } from '../support/tree';

/**
 * Bad input never crashes the pipeline and never reaches Terraform. Every case runs
 * through the real CLI in-process (`zone-access synth`) and must exit 1, name the offending file
 * (with `:line:` where the problem has one) on stderr, and leave no synthesized output behind;
 * `validate --format json` must report the expected problem code for that file.
 *
 * The corpus lives in __tests__/fixtures/bad-input/<case>/: a tiny tree (zones/<dept>/<file>.yaml,
 * optionally its own platform.yaml, else the shared one) and case.json with `why`, the `file`
 * (relative to the case folder), the `line` when there is one, and the diagnostic `code`.
 * Cases that cannot be stored as text (binary, huge, links, pipes) are generated below.
 */

const CORPUS = join(__dirname, '..', 'fixtures', 'bad-input');
const SHARED_CONFIG = join(CORPUS, 'platform.yaml');

interface Expectation {
  /** Absolute path of the file the error must name. */
  readonly file: string;
  readonly line?: number;
  readonly code: string;
}

interface CaseFile {
  readonly why: string;
  readonly file: string;
  readonly line?: number;
  readonly code: string;
}

async function expectRejected(paths: { zonesDir: string; configPath: string }, expected: Expectation): Promise<string> {
  const outDir = join(makeTempDir('bad-out-'), 'out');
  const synth = captureIO();
  const code = await main(
    ['synth', '--zones', paths.zonesDir, '--config', paths.configPath, '--out', outDir],
    synth.io,
  );
  const stderr = synth.err();
  expect({ code, stdout: synth.out() }).toEqual({ code: 1, stdout: '' });
  expect(stderr).toContain(expected.line === undefined ? `${expected.file}:` : `${expected.file}:${expected.line}:`);
  expect(stderr).toContain('nothing was synthesized');
  expect(stderr).not.toMatch(/internal error|^\s+at /m);
  expect(existsSync(outDir)).toBe(false);

  const validate = captureIO();
  expect(
    await main(['validate', '--zones', paths.zonesDir, '--config', paths.configPath, '--format', 'json'], validate.io),
  ).toBe(1);
  const report = JSON.parse(validate.out()) as {
    valid: boolean;
    problems: { file: string; line?: number; code: string; message: string }[];
  };
  expect(report.valid).toBe(false);
  const matching = report.problems.filter((p) => p.file === expected.file && p.code === expected.code);
  expect({ matching: matching.length > 0, problems: report.problems }).toEqual({
    matching: true,
    problems: report.problems,
  });
  if (expected.line !== undefined) expect(matching.map((p) => p.line)).toContain(expected.line);
  for (const p of report.problems) expect(p.message.length).toBeGreaterThan(5);
  return stderr;
}

const fixtureCases = readdirSync(CORPUS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('bad-input corpus (fixtures)', () => {
  it('holds at least 30 cases, each with its expectation', () => {
    expect(fixtureCases.length).toBeGreaterThanOrEqual(30);
    for (const name of fixtureCases) expect(existsSync(join(CORPUS, name, 'case.json'))).toBe(true);
  });

  it.each(fixtureCases)('%s', async (name) => {
    const dir = join(CORPUS, name);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseFile;
    const ownConfig = join(dir, 'platform.yaml');
    await expectRejected(
      { zonesDir: join(dir, 'zones'), configPath: existsSync(ownConfig) ? ownConfig : SHARED_CONFIG },
      { file: join(dir, spec.file), ...(spec.line !== undefined ? { line: spec.line } : {}), code: spec.code },
    );
  });
});

const VALID = 'zone: billing\ndepartment: pay\naccounts: ["111111111111"]\naccess: [secrets-reader]\n';

/** A tree with the shared config and the given zone files; returns its paths and the absolute path of `file`. */
function tree(zones: Record<string, string | Buffer>, file = 'pay/billing.yaml') {
  const paths = writeTree({ config: readFileSync(SHARED_CONFIG, 'utf8'), zones });
  return { paths, file: join(paths.zonesDir, file) };
}

describe('bad-input corpus (generated)', () => {
  it('an empty file', async () => {
    const { paths, file } = tree({ 'pay/billing.yaml': '' });
    await expectRejected(paths, { file, code: 'empty-file' });
  });

  it('a file of blank lines and spaces', async () => {
    const { paths, file } = tree({ 'pay/billing.yaml': '\n   \n\n' });
    await expectRejected(paths, { file, code: 'empty-file' });
  });

  it('random binary bytes', async () => {
    const bytes = Buffer.concat([Buffer.from(VALID), randomBytes(4096), Buffer.from([0])]);
    const { paths, file } = tree({ 'pay/billing.yaml': bytes });
    await expectRejected(paths, { file, code: 'binary-file' });
  });

  it('a UTF-16 file (BOM and NUL bytes)', async () => {
    const { paths, file } = tree({ 'pay/billing.yaml': Buffer.from(`\ufeff${VALID}`, 'utf16le') });
    await expectRejected(paths, { file, code: 'binary-file' });
  });

  it('Latin-1 text that is not UTF-8', async () => {
    const { paths, file } = tree({ 'pay/billing.yaml': Buffer.from(`${VALID}description: caf\xe9\n`, 'latin1') });
    await expectRejected(paths, { file, code: 'not-utf8' });
  });

  it('a huge file (just over the size limit)', async () => {
    const huge = `${VALID}description: "${'x'.repeat(MAX_FILE_BYTES)}"\n`;
    const { paths, file } = tree({ 'pay/billing.yaml': huge });
    const stderr = await expectRejected(paths, { file, code: 'file-too-large' });
    expect(stderr.length).toBeLessThan(2000);
  });

  it('a huge file (10 MB) is refused without being read', async () => {
    const { paths, file } = tree({ 'pay/billing.yaml': Buffer.alloc(10 * 1024 * 1024, 'a') });
    await expectRejected(paths, { file, code: 'file-too-large' });
  });

  it('a file of 15,000 aliases reports a bounded number of problems', async () => {
    const text = `zone: &z billing\nx: [${Array(15_000).fill('*z').join(', ')}]\n`;
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_FILE_BYTES);
    const { paths, file } = tree({ 'pay/billing.yaml': text });
    const stderr = await expectRejected(paths, { file, line: 1, code: 'yaml-anchor' });
    expect(stderr.split('\n').length).toBeLessThan(MAX_YAML_PROBLEMS * 2 + 10);
    expect(stderr).toMatch(/\d+ more YAML problems in this file not shown/);
  });

  it('30,000 unclosed [ (stack-overflow bait)', async () => {
    const { paths, file } = tree({ 'pay/billing.yaml': '['.repeat(30_000) });
    await expectRejected(paths, { file, line: 1, code: 'too-deep' });
  });

  it('two deeply nested files in one run (used to abort node on the second)', async () => {
    const { paths, file } = tree(
      {
        'pay/a.yaml': '['.repeat(30_000),
        'pay/b.yaml': `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
        'pay/c.yaml': '- '.repeat(20_000),
      },
      'pay/c.yaml',
    );
    const stderr = await expectRejected(paths, { file, line: 1, code: 'too-deep' });
    for (const name of ['a', 'b']) expect(stderr).toContain(`${join(paths.zonesDir, 'pay', name)}.yaml:1:`);
  });

  it('deep block nesting by indentation', async () => {
    const text = Array.from({ length: MAX_NESTING_DEPTH + 5 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    const { paths, file } = tree({ 'pay/billing.yaml': text });
    await expectRejected(paths, { file, code: 'too-deep' });
  });

  it('a zone file that is a symbolic link', async () => {
    const { paths, file } = tree({});
    const target = join(paths.root, 'elsewhere.yaml');
    writeFileSync(target, VALID);
    mkdirSync(join(paths.zonesDir, 'pay'));
    symlinkSync(target, file);
    await expectRejected(paths, { file, code: 'not-a-file' });
  });

  it('a broken symbolic link named like a zone file', async () => {
    const { paths, file } = tree({});
    mkdirSync(join(paths.zonesDir, 'pay'));
    symlinkSync(join(paths.root, 'missing.yaml'), file);
    await expectRejected(paths, { file, code: 'not-a-file' });
  });

  it('a department folder that is a symbolic link', async () => {
    const { paths } = tree({});
    mkdirSync(join(paths.root, 'real-pay'));
    writeFileSync(join(paths.root, 'real-pay', 'billing.yaml'), VALID);
    symlinkSync(join(paths.root, 'real-pay'), join(paths.zonesDir, 'pay'));
    await expectRejected(paths, { file: join(paths.zonesDir, 'pay'), code: 'not-a-file' });
  });

  it('a named pipe named like a zone file', async () => {
    const { paths, file } = tree({});
    mkdirSync(join(paths.zonesDir, 'pay'));
    execFileSync('mkfifo', [file]);
    await expectRejected(paths, { file, code: 'not-a-file' });
  });

  it('a config path that is a directory', async () => {
    const { paths } = tree({ 'pay/billing.yaml': VALID });
    await expectRejected({ ...paths, configPath: paths.zonesDir }, { file: paths.zonesDir, code: 'not-a-file' });
  });

  it('a config path that is a device (/dev/zero)', async () => {
    const { paths } = tree({ 'pay/billing.yaml': VALID });
    await expectRejected({ ...paths, configPath: '/dev/zero' }, { file: '/dev/zero', code: 'not-a-file' });
  });

  it('a config file that does not exist', async () => {
    const { paths } = tree({ 'pay/billing.yaml': VALID });
    const configPath = join(paths.root, 'nope.yaml');
    await expectRejected({ ...paths, configPath }, { file: configPath, code: 'unreadable' });
  });

  it('a zones directory that does not exist', async () => {
    const { paths } = tree({});
    const zonesDir = join(paths.root, 'no-zones');
    await expectRejected({ ...paths, zonesDir }, { file: zonesDir, code: 'no-zones-dir' });
  });

  it('a zones path that is a file', async () => {
    const { paths } = tree({});
    await expectRejected({ ...paths, zonesDir: paths.configPath }, { file: paths.configPath, code: 'no-zones-dir' });
  });

  it('one bad file among many good ones blocks the whole synth', async () => {
    const zones: Record<string, string> = {};
    for (let i = 0; i < 40; i++)
      zones[`d${i % 4}/z${i}.yaml`] = stringify(zoneDoc(`z${i}`, `d${i % 4}`, { accounts: ['111111111111'] }));
    zones['d1/z21.yaml'] = 'zone: z21\ndepartment: d1\naccounts: ["111111111111"]\naccess: [secrets-reader, admin]\n';
    const { paths, file } = tree(zones, 'd1/z21.yaml');
    await expectRejected(paths, { file, line: 4, code: 'unknown-preset' });
  });
});

describe('names the stacks reserve', () => {
  it('are exactly the ids the stacks give their own children, so a zone can never collide with them', () => {
    const { tree: loaded } = loadTree({ zonesDir: makeTempDir('empty-zones-'), configPath: SHARED_CONFIG });
    const config = loaded!.config;
    const ids = new Set<string>();
    for (const backend of [
      { type: 'local' as const },
      { type: 's3' as const, bucket: 'state-bucket', region: 'eu-north-1', keyPrefix: 'za/' },
    ]) {
      const app = new App({ outdir: makeTempDir('app-') });
      const stacks = addZoneStacks(app, {
        config: { ...config, backend },
        zones: [],
        departments: ['pay'],
        at: '2026-01-01',
      });
      for (const pair of stacks.shards.values()) {
        for (const stack of [pair.entra, pair.aws]) for (const child of stack.node.children) ids.add(child.node.id);
      }
    }
    expect([...ids].sort()).toEqual([...RESERVED_ZONE_NAMES].sort());
  });

  it.each([...RESERVED_ZONE_NAMES])('zone "%s" is rejected before synthesis', async (name) => {
    const { paths, file } = tree({ [`pay/${name}.yaml`]: VALID.replace('billing', name) }, `pay/${name}.yaml`);
    await expectRejected(paths, { file, line: 1, code: 'reserved-zone-name' });
  });
});

it('the corpus paths in messages are the ones given on the command line', () => {
  // Sanity for the assertions above: relative --zones/--config give relative file names.
  const rel = relative(process.cwd(), join(CORPUS, 'type-zone-number'));
  const { diagnostics } = loadTree({
    zonesDir: join(rel, 'zones'),
    configPath: relative(process.cwd(), SHARED_CONFIG),
  });
  expect(diagnostics[0].file).toBe(join(rel, 'zones', 'pay', 'billing.yaml'));
});
