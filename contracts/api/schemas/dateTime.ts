import { z } from 'zod';

/**
 * ISO 8601 date-times in request bodies ("in UTC and can include the time zone
 * designation"), read the way Jackson's StdDateFormat reads them: a date, optionally a
 * time with optional seconds and fraction, and an optional `Z` or offset (none means
 * UTC). Anything else is not a date.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Epoch milliseconds of an ISO 8601 date-time, or undefined. */
export function parseIsoDateTime(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const nums = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = nums;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.padEnd(3, '0').slice(0, 3)));
  if (new Date(ms).getUTCDate() !== day) return undefined;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    ms -= sign * offset * 60_000;
  }
  return ms;
}

/**
 * A request date-time, delivered to handlers as epoch milliseconds. An unreadable value is
 * a custom issue, which the body validator reports as 400 INVALID_ATTRIBUTE naming the field.
 */
export const DateTimeInput = z.string().transform((text, ctx) => {
  const ms = parseIsoDateTime(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'not an ISO 8601 date-time', input: text });
    return z.NEVER;
  }
  return ms;
});
