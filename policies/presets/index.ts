import type { BuiltInPreset, BuiltInPresetDefinition } from './define';
import ecsDeployer from './ecs-deployer';
import ecsOperator from './ecs-operator';
import lambdaInvoker from './lambda-invoker';
import logsReader from './logs-reader';
import rdsOperator from './rds-operator';
import secretsEditor from './secrets-editor';
import secretsReader from './secrets-reader';
import sqsOperator from './sqs-operator';
import ssmSession from './ssm-session';

/**
 * The built-in presets: one file each in this folder, named here explicitly (a plain import list, so
 * bundlers and type checks see every preset and nothing is loaded by file name at run time). The
 * name is the file name; adding a preset is its file, its test and one line here (a test fails when
 * a preset file of this folder is not listed). Sorted by name; each name is what a zone file writes
 * in `access` (__tests__/policies/preset-list.test.ts checks both).
 */
const FILES: Readonly<Record<string, BuiltInPresetDefinition>> = {
  'ecs-deployer': ecsDeployer,
  'ecs-operator': ecsOperator,
  'lambda-invoker': lambdaInvoker,
  'logs-reader': logsReader,
  'rds-operator': rdsOperator,
  'secrets-editor': secretsEditor,
  'secrets-reader': secretsReader,
  'sqs-operator': sqsOperator,
  'ssm-session': ssmSession,
};

function collect(): ReadonlyMap<string, BuiltInPreset> {
  return new Map(Object.entries(FILES).map(([name, definition]) => [name, Object.freeze({ ...definition, name })]));
}

/** Every built-in preset, by name (sorted). */
export const BUILT_IN_PRESET_DEFINITIONS: ReadonlyMap<string, BuiltInPreset> = collect();
