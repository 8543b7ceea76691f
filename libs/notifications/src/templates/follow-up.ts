import type { Locale } from '@brobygge/core';
import type { Template } from './template';

/**
 * The half-year follow-up (issue 15, point 7), written by libs/followup for each
 * coordinator of the region in their language: the numbers are in the payload already
 * computed (and the names already in the recipient's language); this only words them.
 */
export interface FollowUpPayload {
  followUpId: string;
  regionName: string;
  from: string;
  to: string;
  /** The period compared with (the schedule's previous one); null: nothing to compare with. */
  previousFrom: string | null;
  previousTo: string | null;
  /** Each headline as [this period, the previous one]; shares as fractions 0–1, null without data. */
  headline: Record<Headline, [number | null, number | null]>;
  targets: Array<{ measure: string; scope: string | null; value: number; actual: number; met: boolean }>;
  leastActive: { districts: Bucket[]; schoolLevels: Bucket[] };
  /** false when the CSV was too large to attach: the link has it. */
  csvAttached: boolean;
}

type Bucket = { label: string; activities: number; studentsReached: number };

const HEADLINES = ['activitiesCompleted', 'studentsReached', 'schoolsReached', 'fillRate', 'femaleShare'] as const;
type Headline = (typeof HEADLINES)[number];
const SHARES = new Set<string>(['fillRate', 'femaleShare', 'SCHOOLS_REACHED_SHARE', 'FEMALE_SHARE', 'FILL_RATE']);

interface Words {
  subject: (region: string, period: string) => string;
  intro: (region: string, period: string) => string;
  compared: (period: string) => string;
  nothingToCompare: string;
  headlines: Record<Headline, string>;
  measures: Record<string, string>;
  targets: string;
  noTargets: string;
  met: string;
  notMet: string;
  of: string;
  leastDistricts: string;
  leastLevels: string;
  activities: string;
  students: string;
  points: string;
  attached: string;
  notAttached: string;
  link: string;
}

const WORDS: Record<Locale, Words> = {
  sv: {
    subject: (r, p) => `Halvårsuppföljning för ${r}: ${p}`,
    intro: (r, p) => `Här är uppföljningen för ${r} för perioden ${p}.`,
    compared: (p) => `Förändringen jämförs med föregående period, ${p}.`,
    nothingToCompare: 'Det finns ingen föregående period att jämföra med.',
    headlines: {
      activitiesCompleted: 'Genomförda aktiviteter',
      studentsReached: 'Nådda elever',
      schoolsReached: 'Nådda skolor',
      fillRate: 'Andel matchad',
      femaleShare: 'Andel flickor',
    },
    measures: {
      SCHOOLS_REACHED_SHARE: 'Andel nådda skolor',
      STUDENTS_REACHED: 'Nådda elever',
      FEMALE_SHARE: 'Andel flickor',
      ACTIVITIES_COMPLETED: 'Genomförda aktiviteter',
      QUANTITY_MATCHED: 'Matchat antal',
      FILL_RATE: 'Andel matchad',
    },
    targets: 'Mål:',
    noTargets: 'Inga mål är satta för perioden.',
    met: 'uppnått',
    notMet: 'inte uppnått',
    of: 'av',
    leastDistricts: 'Områden med minst aktivitet:',
    leastLevels: 'Skolformer med minst aktivitet:',
    activities: 'genomförda aktiviteter',
    students: 'nådda elever',
    points: 'procentenheter',
    attached: 'Hela rapporten finns bifogad som CSV.',
    notAttached: 'Rapporten var för stor för att bifogas; hämta den via länken.',
    link: 'Öppna rapporten',
  },
  da: {
    subject: (r, p) => `Halvårsopfølgning for ${r}: ${p}`,
    intro: (r, p) => `Her er opfølgningen for ${r} for perioden ${p}.`,
    compared: (p) => `Ændringen er i forhold til den foregående periode, ${p}.`,
    nothingToCompare: 'Der er ingen foregående periode at sammenligne med.',
    headlines: {
      activitiesCompleted: 'Gennemførte aktiviteter',
      studentsReached: 'Elever nået',
      schoolsReached: 'Skoler nået',
      fillRate: 'Andel matchet',
      femaleShare: 'Andel piger',
    },
    measures: {
      SCHOOLS_REACHED_SHARE: 'Andel skoler nået',
      STUDENTS_REACHED: 'Elever nået',
      FEMALE_SHARE: 'Andel piger',
      ACTIVITIES_COMPLETED: 'Gennemførte aktiviteter',
      QUANTITY_MATCHED: 'Matchet antal',
      FILL_RATE: 'Andel matchet',
    },
    targets: 'Mål:',
    noTargets: 'Der er ikke sat mål for perioden.',
    met: 'nået',
    notMet: 'ikke nået',
    of: 'af',
    leastDistricts: 'Områder med mindst aktivitet:',
    leastLevels: 'Skoleformer med mindst aktivitet:',
    activities: 'gennemførte aktiviteter',
    students: 'elever nået',
    points: 'procentpoint',
    attached: 'Hele rapporten er vedhæftet som CSV.',
    notAttached: 'Rapporten var for stor til at blive vedhæftet; hent den via linket.',
    link: 'Åbn rapporten',
  },
  nb: {
    subject: (r, p) => `Halvårsoppfølging for ${r}: ${p}`,
    intro: (r, p) => `Her er oppfølgingen for ${r} for perioden ${p}.`,
    compared: (p) => `Endringen er sammenlignet med forrige periode, ${p}.`,
    nothingToCompare: 'Det finnes ingen forrige periode å sammenligne med.',
    headlines: {
      activitiesCompleted: 'Gjennomførte aktiviteter',
      studentsReached: 'Elever nådd',
      schoolsReached: 'Skoler nådd',
      fillRate: 'Andel matchet',
      femaleShare: 'Andel jenter',
    },
    measures: {
      SCHOOLS_REACHED_SHARE: 'Andel skoler nådd',
      STUDENTS_REACHED: 'Elever nådd',
      FEMALE_SHARE: 'Andel jenter',
      ACTIVITIES_COMPLETED: 'Gjennomførte aktiviteter',
      QUANTITY_MATCHED: 'Matchet antall',
      FILL_RATE: 'Andel matchet',
    },
    targets: 'Mål:',
    noTargets: 'Det er ikke satt mål for perioden.',
    met: 'nådd',
    notMet: 'ikke nådd',
    of: 'av',
    leastDistricts: 'Områder med minst aktivitet:',
    leastLevels: 'Skoleslag med minst aktivitet:',
    activities: 'gjennomførte aktiviteter',
    students: 'elever nådd',
    points: 'prosentpoeng',
    attached: 'Hele rapporten er vedlagt som CSV.',
    notAttached: 'Rapporten var for stor til å legges ved; hent den via lenken.',
    link: 'Åpne rapporten',
  },
  en: {
    subject: (r, p) => `Half-year follow-up for ${r}: ${p}`,
    intro: (r, p) => `Here is the follow-up for ${r} for ${p}.`,
    compared: (p) => `Changes are against the previous period, ${p}.`,
    nothingToCompare: 'There is no previous period to compare with.',
    headlines: {
      activitiesCompleted: 'Activities completed',
      studentsReached: 'Students reached',
      schoolsReached: 'Schools reached',
      fillRate: 'Fill rate',
      femaleShare: 'Female share',
    },
    measures: {
      SCHOOLS_REACHED_SHARE: 'Share of schools reached',
      STUDENTS_REACHED: 'Students reached',
      FEMALE_SHARE: 'Female share',
      ACTIVITIES_COMPLETED: 'Activities completed',
      QUANTITY_MATCHED: 'Quantity matched',
      FILL_RATE: 'Fill rate',
    },
    targets: 'Targets:',
    noTargets: 'No targets are set for the period.',
    met: 'met',
    notMet: 'not met',
    of: 'of',
    leastDistricts: 'Districts with the least activity:',
    leastLevels: 'School levels with the least activity:',
    activities: 'activities completed',
    students: 'students reached',
    points: 'percentage points',
    attached: 'The full report is attached as CSV.',
    notAttached: 'The report was too large to attach; download it from the link.',
    link: 'Open the report',
  },
};

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : locale);

function days(from: string, to: string, locale: Locale): string {
  const fmt = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' });
  return fmt.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`));
}

function number(value: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }).format(value);
}

/** A share as a percentage with one decimal ("62,5 %"). */
const percent = (value: number, locale: Locale) => new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 }).format(value);

/** "+3", "−2", "±0"; shares in percentage points. */
function change(now: number, before: number, share: boolean, locale: Locale, w: Words): string {
  const diff = share ? Math.round((now - before) * 1000) / 10 : now - before;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  return `${sign}${number(Math.abs(diff), locale, 1)}${share ? ` ${w.points}` : ''}`;
}

function headline(key: Headline, [now, before]: [number | null, number | null], locale: Locale, w: Words, compare: boolean): string {
  const share = SHARES.has(key);
  const shown = now === null ? '–' : share ? percent(now, locale) : number(now, locale);
  const delta = compare && now !== null && before !== null ? ` (${change(now, before, share, locale, w)})` : '';
  return `${w.headlines[key]}: ${shown}${delta}`;
}

function buckets(title: string, list: Bucket[], locale: Locale, w: Words): string[] {
  if (!list.length) return [];
  // "Hyllie: activities completed 0, students reached 0" (no plural to get wrong).
  return [title, ...list.map((b) => `${b.label}: ${w.activities} ${number(b.activities, locale)}, ${w.students} ${number(b.studentsReached, locale)}`)];
}

export const followUp: Template = (raw, locale, ctx) => {
  const p = raw as unknown as FollowUpPayload;
  const w = WORDS[locale];
  const period = days(p.from, p.to, locale);
  const compare = !!(p.previousFrom && p.previousTo);
  const targets = (p.targets ?? []).map((t) => {
    const share = SHARES.has(t.measure);
    const fmt = (x: number) => (share ? percent(x, locale) : number(x, locale, 2));
    const name = `${w.measures[t.measure] ?? t.measure}${t.scope ? ` (${t.scope})` : ''}`;
    return `${name}: ${fmt(t.actual)} ${w.of} ${fmt(t.value)} — ${t.met ? w.met : w.notMet}`;
  });
  const paragraphs = [
    w.intro(p.regionName, period),
    compare ? w.compared(days(p.previousFrom!, p.previousTo!, locale)) : w.nothingToCompare,
    ...HEADLINES.map((key) => headline(key, p.headline?.[key] ?? [null, null], locale, w, compare)),
    ...(targets.length ? [w.targets, ...targets] : [w.noTargets]),
    ...buckets(w.leastDistricts, p.leastActive?.districts ?? [], locale, w),
    ...buckets(w.leastLevels, p.leastActive?.schoolLevels ?? [], locale, w),
    p.csvAttached ? w.attached : w.notAttached,
  ];
  const url = `${ctx.publicUrl.replace(/\/$/, '')}/reports/follow-ups/${encodeURIComponent(String(p.followUpId ?? ''))}`;
  return { subject: w.subject(p.regionName, period), paragraphs, link: { label: w.link, url } };
};
