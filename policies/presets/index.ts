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
 * a preset file of this folder is not listed). Sorted by name.
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

/** A preset name is a zone-file `access` entry: lower-case words joined by hyphens. */
const PRESET_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function collect(): ReadonlyMap<string, BuiltInPreset> {
  const presets = new Map<string, BuiltInPreset>();
  for (const name of Object.keys(FILES).sort()) {
    if (!PRESET_NAME.test(name))
      throw new Error(`policies/presets/${name}: a preset file name must be lower-case words joined by hyphens`);
    presets.set(name, Object.freeze({ ...FILES[name], name }));
  }
  return presets;
}

/** Every built-in preset, by name (sorted). */
export const BUILT_IN_PRESET_DEFINITIONS: ReadonlyMap<string, BuiltInPreset> = collect();
