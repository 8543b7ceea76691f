/**
 * The explanations of the score factors, one sentence each, in sv, da, nb and en. Written
 * for a teacher or a partner, not for an engineer: what fits, and why it counts.
 */
import type { Locale } from './facts';

export interface FactorMessages {
  focus(exact: string[], related: string[], total: number): string;
  remote(): string;
  distanceUnknown(): string;
  distance(km: number): string;
  dates(shared: number, wanted: number): string;
  /** `needIndex` 0–100 when known (mentioned then), else null. */
  equity(priority: boolean, activities: number, needIndex: number | null): string;
  spread(load: number): string;
  feedback(average: number, count: number): string;
}

const formats = new Map<string, Intl.NumberFormat>();
const format = (key: string, make: () => Intl.NumberFormat) => formats.get(key) ?? formats.set(key, make()).get(key)!;
const num = (locale: string, x: number, digits = 0) => format(`${locale}:${digits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(x);
const pct = (locale: string, x: number) => format(`${locale}:%`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(x);
const list = (items: string[]) => items.join(', ');

const sv: FactorMessages = {
  focus: (exact, related, total) =>
    exact.length
      ? `Matchar ${exact.length} av ${total} önskade fokusområden (${list(exact)})${related.length ? `; närliggande: ${list(related)}` : ''}.`
      : related.length
        ? `Inget exakt fokusområde, men närliggande: ${list(related)}.`
        : 'Inget av de önskade fokusområdena.',
  remote: () => 'Genomförs digitalt, så ingen behöver resa.',
  distanceUnknown: () => 'Avståndet är inte känt (adress saknas).',
  distance: (km) => `${num('sv', km)} km mellan skolan och partnern.`,
  dates: (shared, wanted) => `Tillgängligt ${shared} av de ${wanted} dagar ni önskar.`,
  equity: (priority, n, needIndex) =>
    `${priority ? 'Prioriterad skola; ' : ''}${needIndex === null ? '' : `behovsindex ${num('sv', needIndex, 1)} av 100; `}${n === 0 ? 'ingen aktivitet' : n === 1 ? '1 aktivitet' : `${n} aktiviteter`} de senaste 12 månaderna.`.replace(
      /^./,
      (c) => c.toUpperCase(),
    ),
  spread: (load) => `Partnern har redan bokat ${pct('sv', load)} av sina platser.`,
  feedback: (avg, n) => `Tidigare omdömen om partnern: ${num('sv', avg, 1)} av 5 (${n} svar).`,
};

const en: FactorMessages = {
  focus: (exact, related, total) =>
    exact.length
      ? `Matches ${exact.length} of the ${total} focus areas asked for (${list(exact)})${related.length ? `; related: ${list(related)}` : ''}.`
      : related.length
        ? `No exact focus area, but related ones: ${list(related)}.`
        : 'None of the focus areas asked for.',
  remote: () => 'Takes place online, so nobody needs to travel.',
  distanceUnknown: () => 'The distance is not known (an address is missing).',
  distance: (km) => `${num('en', km)} km between the school and the partner.`,
  dates: (shared, wanted) => `Available on ${shared} of the ${wanted} days you asked for.`,
  equity: (priority, n, needIndex) =>
    `${priority ? 'A priority school; ' : ''}${needIndex === null ? '' : `need index ${num('en', needIndex, 1)} of 100; `}${n === 0 ? 'no activities' : n === 1 ? '1 activity' : `${n} activities`} in the last 12 months.`.replace(
      /^./,
      (c) => c.toUpperCase(),
    ),
  spread: (load) => `The partner has already booked ${pct('en', load)} of its places.`,
  feedback: (avg, n) => `Earlier feedback on the partner: ${num('en', avg, 1)} out of 5 (${n} answers).`,
};

const da: FactorMessages = {
  focus: (exact, related, total) =>
    exact.length
      ? `Matcher ${exact.length} af de ${total} ønskede fokusområder (${list(exact)})${related.length ? `; beslægtede: ${list(related)}` : ''}.`
      : related.length
        ? `Intet præcist fokusområde, men beslægtede: ${list(related)}.`
        : 'Ingen af de ønskede fokusområder.',
  remote: () => 'Foregår online, så ingen skal rejse.',
  distanceUnknown: () => 'Afstanden er ikke kendt (en adresse mangler).',
  distance: (km) => `${num('da', km)} km mellem skolen og partneren.`,
  dates: (shared, wanted) => `Tilgængelig ${shared} af de ${wanted} dage, I ønsker.`,
  equity: (priority, n, needIndex) =>
    `${priority ? 'Prioriteret skole; ' : ''}${needIndex === null ? '' : `behovsindeks ${num('da', needIndex, 1)} ud af 100; `}${n === 0 ? 'ingen aktiviteter' : n === 1 ? '1 aktivitet' : `${n} aktiviteter`} de seneste 12 måneder.`.replace(
      /^./,
      (c) => c.toUpperCase(),
    ),
  spread: (load) => `Partneren har allerede booket ${pct('da', load)} af sine pladser.`,
  feedback: (avg, n) => `Tidligere vurderinger af partneren: ${num('da', avg, 1)} ud af 5 (${n} svar).`,
};

const nb: FactorMessages = {
  focus: (exact, related, total) =>
    exact.length
      ? `Treffer ${exact.length} av de ${total} ønskede fokusområdene (${list(exact)})${related.length ? `; beslektede: ${list(related)}` : ''}.`
      : related.length
        ? `Ingen eksakte fokusområder, men beslektede: ${list(related)}.`
        : 'Ingen av de ønskede fokusområdene.',
  remote: () => 'Foregår digitalt, så ingen trenger å reise.',
  distanceUnknown: () => 'Avstanden er ikke kjent (en adresse mangler).',
  distance: (km) => `${num('nb', km)} km mellom skolen og partneren.`,
  dates: (shared, wanted) => `Tilgjengelig ${shared} av de ${wanted} dagene dere ønsker.`,
  equity: (priority, n, needIndex) =>
    `${priority ? 'Prioritert skole; ' : ''}${needIndex === null ? '' : `behovsindeks ${num('nb', needIndex, 1)} av 100; `}${n === 0 ? 'ingen aktiviteter' : n === 1 ? '1 aktivitet' : `${n} aktiviteter`} de siste 12 månedene.`.replace(
      /^./,
      (c) => c.toUpperCase(),
    ),
  spread: (load) => `Partneren har allerede booket ${pct('nb', load)} av plassene sine.`,
  feedback: (avg, n) => `Tidligere vurderinger av partneren: ${num('nb', avg, 1)} av 5 (${n} svar).`,
};

export const MESSAGES: Record<Locale, FactorMessages> = { sv, da, nb, en };
