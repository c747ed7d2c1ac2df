import { withoutTokenCreationStacks } from '../../pipeline/synthesize';

describe('withoutTokenCreationStacks', () => {
  it('formats captures into plain objects (cdktf token creation stacks) to nothing', () => {
    const captured = withoutTokenCreationStacks(() => {
      const target = { stack: '' };
      Error.captureStackTrace(target);
      return target.stack;
    });
    expect(captured).toBe('');
  });

  it('leaves real errors with their stack trace, inside and outside', () => {
    const inside = withoutTokenCreationStacks(() => new Error('boom').stack ?? '');
    expect(inside).toMatch(/^Error: boom\n\s+at /);
    const target = { stack: '' };
    Error.captureStackTrace(target);
    expect(target.stack).toMatch(/\n\s+at /);
  });

  it('restores the previous prepareStackTrace, also when the work throws', () => {
    const before = Error.prepareStackTrace;
    expect(() => withoutTokenCreationStacks(() => { throw new Error('x'); })).toThrow('x');
    expect(Error.prepareStackTrace).toBe(before);
  });
});
