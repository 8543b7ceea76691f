import { InvalidInputError } from './errors';

/** Trimmed text within bounds, or a field-named BAD_USER_INPUT. */
export function text(field: string, value: string, opts: { min?: number; max: number }): string {
  const trimmed = value.trim();
  const min = opts.min ?? 1;
  if (trimmed.length < min) {
    throw new InvalidInputError(field, min === 1 ? `${field} must not be empty.` : `${field} must be at least ${min} characters.`);
  }
  if (trimmed.length > opts.max) throw new InvalidInputError(field, `${field} must be at most ${opts.max} characters.`);
  return trimmed;
}

export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return text(field, trimmed, { max });
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Trimmed, lower-case, and shaped like an address. */
export function email(field: string, value: string): string {
  const normalised = value.trim().toLowerCase();
  if (normalised.length > 320 || !EMAIL.test(normalised)) {
    throw new InvalidInputError(field, `${field} must be an e-mail address like name@example.org.`);
  }
  return normalised;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO calendar date that exists (2027-02-29 does not). */
export function isCalendarDate(value: unknown): value is string {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function intInRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(field, `${field} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

export function numberInRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new InvalidInputError(field, `${field} must be between ${min} and ${max}.`);
  }
  return value;
}

/** The ISO 3166-1 alpha-2 codes (officially assigned). */
const ISO_3166 = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
    'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
    'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
    'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
    'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

export function countryCode(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!ISO_3166.has(code)) throw new InvalidInputError(field, `${field} must be an ISO 3166-1 alpha-2 country code such as SE, DK or NO.`);
  return code;
}

/** Fields whose text may span lines (tab and newline allowed); everything else is one line. */
const LONG_TEXT_FIELDS = new Set(['description', 'comment', 'message', 'body', 'note', 'notes', 'reason', 'text']);
const SHORT_TEXT_MAX = 2_000;
const LONG_TEXT_MAX = 20_000;
// C0 and C1 control characters and DEL; tab, newline and carriage return are decided below.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS = /[\t\n\r]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The one rule for every text a client sends, whatever the field: no NUL or other control
 * characters (tab and line breaks only in long text such as a description or comment), no
 * unpaired surrogates, and a length cap (per-field limits in the services are stricter).
 * Walks objects and lists; `path` names the field in the error (`input.title`, `input.tags.2`).
 */
export function assertCleanInput(path: string, value: unknown): void {
  if (typeof value === 'string') {
    const field =
      path
        .split('.')
        .filter((p) => !/^\d+$/.test(p))
        .pop() ?? path;
    const long = LONG_TEXT_FIELDS.has(field);
    if (LONE_SURROGATE.test(value)) throw new InvalidInputError(path, `${path} contains an incomplete character (an unpaired surrogate).`);
    if (CONTROL.test(value) || (!long && LINE_BREAKS.test(value))) {
      throw new InvalidInputError(path, `${path} contains a control character${long ? '' : ' or line break'}; remove it and try again.`);
    }
    const max = long ? LONG_TEXT_MAX : SHORT_TEXT_MAX;
    if (value.length > max) throw new InvalidInputError(path, `${path} must be at most ${max} characters.`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertCleanInput(`${path}.${i}`, item));
    return;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) assertCleanInput(path ? `${path}.${key}` : key, item);
  }
}
