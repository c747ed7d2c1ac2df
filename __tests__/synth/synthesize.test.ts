import { withoutTokenCreationStacks } from '../../pipeline/synthesize';

describe('withoutTokenCreationStacks', () => {
  it('skips captures into plain objects (cdktf token creation stacks)', () => {
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

  it('restores Error.captureStackTrace, also when the work throws', () => {
    const before = Error.captureStackTrace;
    expect(() =>
      withoutTokenCreationStacks(() => {
        throw new Error('x');
      }),
    ).toThrow('x');
    expect(Error.captureStackTrace).toBe(before);
  });

  it('keeps stack traces of Error subclasses that capture explicitly', () => {
    class Custom extends Error {
      constructor() {
        super('custom');
        Error.captureStackTrace(this, Custom);
      }
    }
    expect(withoutTokenCreationStacks(() => new Custom().stack)).toMatch(/Error: custom\n\s+at /);
  });
});
