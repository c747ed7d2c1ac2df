import { arnOf, resourceTagContext, simulate } from '../simulate';
import { actionsByScope, policyFor, provePreset } from './prove-preset';

provePreset('logs-reader');

describe('logs-reader', () => {
  test('list unscoped; read, filter and query log groups of the zone', () => {
    expect(actionsByScope('logs-reader')).toEqual({
      none: ['logs:DescribeLogGroups'],
      resourceTag: [
        'logs:DescribeLogStreams',
        'logs:FilterLogEvents',
        'logs:GetLogEvents',
        'logs:GetLogGroupFields',
        'logs:GetLogRecord',
        'logs:GetQueryResults',
        'logs:StartQuery',
      ],
      requestTag: [],
      tagOnCreate: [],
    });
  });

  test("events of a stream are read by the log group's zone tag", async () => {
    const policy = policyFor('prod', ['logs-reader']);
    const read = async (zone: string | undefined) =>
      simulate(
        [policy],
        'logs:GetLogEvents',
        await arnOf('logs', 'log-stream', 'app'),
        await resourceTagContext('logs', 'log-stream', 'entigo:zone', zone),
      );
    expect(await read('prod')).toBe('Allowed');
    expect(await read('prod-1')).toBe('ImplicitlyDenied');
    expect(await read('Prod')).toBe('ImplicitlyDenied');
    expect(await read(undefined)).toBe('ImplicitlyDenied');
  });
});
