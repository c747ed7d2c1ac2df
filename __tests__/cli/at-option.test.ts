import { COMMANDS, main } from '../../cli/zone-access';
import { docsPage } from '../support/readme';
import { captureIO, REPO_ROOT, SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';

async function cli(args: string[]) {
  const c = captureIO(REPO_ROOT);
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

/** Every command whose output depends on the date takes --at YYYY-MM-DD. */
describe('--at', () => {
  const tree = ['--zones', SAMPLE_ZONES, '--config', SAMPLE_CONFIG];
  it.each([
    ['validate', ['validate', ...tree]],
    ['synth', ['synth', ...tree, '--out', '/nonexistent/never-written']],
    ['report', ['report', '--base', REPO_ROOT, '--head', REPO_ROOT]],
  ])('%s refuses a date that is not on the calendar with exit 2', async (_name, args) => {
    const r = await cli([...args, '--at', '2026-02-30']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--at must be a date, YYYY-MM-DD (got "2026-02-30")');
  });

  it('is accepted by validate, and named in every usage', async () => {
    expect((await cli(['validate', ...tree, '--at', '2026-06-30'])).code).toBe(0);
    for (const command of ['validate', 'synth', 'report']) {
      expect((await cli([command, '--help'])).out).toContain('[--at YYYY-MM-DD]');
    }
  });

  it('docs/membership.md lists exactly the commands whose usage names it', async () => {
    const taking: string[] = [];
    for (const command of Object.keys(COMMANDS))
      if ((await cli([command, '--help'])).out.includes('--at YYYY-MM-DD')) taking.push(command);
    const sentence = /takes `--at YYYY-MM-DD`[^:]*:([^;]+);/.exec(docsPage('membership.md').replace(/\s+/g, ' '));
    expect(sentence).not.toBeNull();
    const listed = [...sentence![1]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual(taking.sort());
  });
});
