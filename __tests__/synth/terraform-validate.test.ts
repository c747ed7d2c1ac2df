import { join } from 'node:path';
import { loadTree } from '../../pipeline/load';
import { synthesizeTree } from '../../pipeline/synthesize';
import { assertTerraformAvailable, initAndValidate } from '../support/terraform';
import { makeTempDir, SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';

/**
 * The AWS stacks against the real aws provider 5.100.0 from the offline mirror. Entra stacks are
 * not validated here: the azuread provider binary is not available offline, which is exactly why
 * no azuread resource may ever appear in an AWS stack.
 */
describe('terraform validate (offline, real aws provider)', () => {
  it('accepts every AWS stack of the sample zones', async () => {
    await assertTerraformAvailable();
    const { tree, diagnostics } = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG });
    expect(diagnostics).toEqual([]);
    const out = makeTempDir('tf-validate-');
    const { shards } = synthesizeTree(tree!, out);
    const awsStacks = [...shards.values()].map((p) => p.aws.node.id);
    expect(awsStacks.length).toBe(3);
    // Two at a time: the provider's schema load dominates and the machine has two cores.
    const results: string[] = [];
    for (let i = 0; i < awsStacks.length; i += 2) {
      results.push(
        ...(await Promise.all(awsStacks.slice(i, i + 2).map((s) => initAndValidate(join(out, 'stacks', s))))),
      );
    }
    for (const json of results) expect(JSON.parse(json)).toMatchObject({ valid: true, error_count: 0 });
  }, 180_000);
});
