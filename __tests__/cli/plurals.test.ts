import { join } from 'node:path';
import { main } from '../../cli/zone-access';
import { captureIO, makeTempDir, writeTree, zoneDoc } from '../support/tree';

/** People read the CLI's summaries, so they count in the right number ("1 zone in 1 department is valid", "validated 1 zone"). */
describe('summaries count in the right number', () => {
  it('validate: 1 zone in 1 department is valid', async () => {
    const { zonesDir, configPath } = writeTree({ zones: { 'pay/billing.yaml': zoneDoc('billing', 'pay') } });
    const c = captureIO();
    expect(await main(['validate', '--zones', zonesDir, '--config', configPath], c.io)).toBe(0);
    expect(c.out()).toBe('ok: 1 zone in 1 department is valid\n');
  });

  it('validate: 2 zones in 2 departments are valid', async () => {
    const { zonesDir, configPath } = writeTree({
      zones: { 'pay/billing.yaml': zoneDoc('billing', 'pay'), 'ops/logs.yaml': zoneDoc('logs', 'ops') },
    });
    const c = captureIO();
    expect(await main(['validate', '--zones', zonesDir, '--config', configPath], c.io)).toBe(0);
    expect(c.out()).toBe('ok: 2 zones in 2 departments are valid\n');
  });

  it('validate: 1 problem in 1 file; 2 problems in 2 files', async () => {
    const one = writeTree({ zones: { 'pay/billing.yaml': zoneDoc('billing', 'pay', { access: ['nope'] }) } });
    const c1 = captureIO();
    expect(await main(['validate', '--zones', one.zonesDir, '--config', one.configPath], c1.io)).toBe(1);
    expect(c1.err()).toMatch(/\n\n1 problem in 1 file\.\n$/);
    const two = writeTree({
      zones: {
        'pay/billing.yaml': zoneDoc('billing', 'pay', { access: ['nope'] }),
        'ops/logs.yaml': zoneDoc('logs', 'ops', { access: ['nope'] }),
      },
    });
    const c2 = captureIO();
    expect(await main(['validate', '--zones', two.zonesDir, '--config', two.configPath], c2.io)).toBe(1);
    expect(c2.err()).toMatch(/\n\n2 problems in 2 files\.\n$/);
  });

  it('synth: validated 1 zone', async () => {
    const { zonesDir, configPath } = writeTree({ zones: { 'pay/billing.yaml': zoneDoc('billing', 'pay') } });
    const c = captureIO();
    expect(
      await main(
        ['synth', '--zones', zonesDir, '--config', configPath, '--out', join(makeTempDir('out-'), 'out')],
        c.io,
      ),
    ).toBe(0);
    expect(c.err()).toContain('validated 1 zone; synthesizing...\n');
    expect(c.err()).toMatch(/wrote 3 stacks \(aws-pay, entra-app-roles, entra-pay\) for 1 zone to /);
  });
});
