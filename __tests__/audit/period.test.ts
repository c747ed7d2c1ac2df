import { lookupEventsProblem, parsePeriod, PeriodError } from '../../audit/period';

const NOW = new Date('2026-11-30T12:00:00Z');

describe('--since / --until', () => {
  it('default: the last 30 days up to now', () => {
    const p = parsePeriod(undefined, undefined, NOW);
    expect(p).toEqual({ since: new Date('2026-10-31T12:00:00Z'), until: NOW });
  });

  it('durations in days and hours count back from --until', () => {
    expect(parsePeriod('12h', undefined, NOW).since).toEqual(new Date('2026-11-30T00:00:00Z'));
    expect(parsePeriod('7d', '2026-11-20', NOW)).toEqual({
      since: new Date('2026-11-14T00:00:00Z'),
      until: new Date('2026-11-21T00:00:00Z'),
    });
  });

  it('a date is the start of its day for --since and the end of it for --until (UTC); times with a zone are exact', () => {
    expect(parsePeriod('2026-11-01', '2026-11-01', NOW)).toEqual({
      since: new Date('2026-11-01T00:00:00Z'),
      until: new Date('2026-11-02T00:00:00Z'),
    });
    expect(parsePeriod('2026-11-01T08:00:00+02:00', undefined, NOW).since).toEqual(new Date('2026-11-01T06:00:00Z'));
  });

  it('an --until after now is cut at now', () => {
    expect(parsePeriod('1d', '2026-12-31', NOW).until).toEqual(NOW);
  });

  it.each([
    ['2026-12-01', undefined, /in the future/],
    ['tomorrow', undefined, /is not a duration \(30d, 12h\) or a date/],
    ['2026-02-30', undefined, /is not a duration/],
    ['2026-11-01T08:00:00', undefined, /is not a duration/], // no zone: ambiguous
    ['0d', undefined, /empty period/],
    ['2026-11-10', '2026-11-01', /is not before --until/],
    [undefined, 'soon', /--until "soon" is not a date/],
  ])('--since %s --until %s is rejected', (since, until, message) => {
    expect(() => parsePeriod(since, until, NOW)).toThrow(PeriodError);
    expect(() => parsePeriod(since, until, NOW)).toThrow(message);
  });

  it('LookupEvents reaches back 90 days; older starts are refused for that source', () => {
    expect(lookupEventsProblem(parsePeriod('90d', undefined, NOW), NOW)).toBeUndefined();
    expect(lookupEventsProblem(parsePeriod('91d', undefined, NOW), NOW)).toMatch(/more than 90 days ago/);
  });
});
