import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/**
 * The documentation fields of a built-in preset file (`summary`, `doc`, `links`, the statements'
 * `why`) are prose, not policy: README's preset tables are generated from them and a test compares
 * README with the generated text, so a changed character is noticed there. Mutating each string of
 * them would only rerun every preset proof (preset files are data, loaded with the catalog, so their
 * mutants cannot be narrowed to the tests that use them) to learn what that test already says.
 */
const DOC_FIELDS = new Set(['summary', 'doc', 'links', 'why']);

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'preset-docs', {
    shouldIgnore(path) {
      if (
        !path.isObjectProperty() ||
        path.node.computed ||
        path.node.key.type !== 'Identifier' ||
        !DOC_FIELDS.has(path.node.key.name)
      )
        return undefined;
      // Only inside a preset definition: the argument of a `definePreset({...})` call.
      const inDefinition = path.findParent(
        (p) => p.isCallExpression() && p.node.callee.type === 'Identifier' && p.node.callee.name === 'definePreset',
      );
      if (inDefinition) {
        return `documentation field "${path.node.key.name}" of a preset (README's preset tables are generated from it and compared by a test)`;
      }
      return undefined;
    },
  }),
];
