import { arnOf, resourceTagContext, simulate } from '../simulate';
import { actionsByScope, policyFor, provePreset } from './prove-preset';

provePreset('lambda-invoker');

describe('lambda-invoker', () => {
  test('invoke and read the configuration of functions of the zone; nothing unscoped', () => {
    expect(actionsByScope('lambda-invoker')).toEqual({
      none: [],
      resourceTag: ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'],
      requestTag: [],
      tagOnCreate: [],
    });
  });

  test("invoking a version or alias of a zone function is judged by the function's tag", async () => {
    const policy = policyFor('prod', ['lambda-invoker']);
    const invoke = async (name: string, zone: string | undefined) =>
      simulate(
        [policy],
        'lambda:InvokeFunction',
        await arnOf('lambda', 'function', name),
        await resourceTagContext('lambda', 'function', 'entigo:zone', zone),
      );
    expect(await invoke('app:live', 'prod')).toBe('Allowed');
    expect(await invoke('app:7', 'prod-1')).not.toBe('Allowed');
    expect(await invoke('app:live', undefined)).not.toBe('Allowed');
  });

  // ListFunctions has no resource type and returns every function's configuration, environment
  // variables included (ListFunctions API reference): another zone's settings and secrets.
  test("ListFunctions (every function's environment variables) is not allowed", async () => {
    expect(await simulate([policyFor('prod', ['lambda-invoker'])], 'lambda:ListFunctions', '*', {})).toBe(
      'ImplicitlyDenied',
    );
  });
});
