import type { Locale } from '@brobygge/core';
import type { Template } from './template';

/** The match notices of RULES.md, one wording per type and language. */
export const MATCH_TYPES = [
  'match_proposed',
  'match_accepted',
  'match_approved',
  'match_rejected',
  'match_declined',
  'match_scheduled',
  'match_rescheduled',
  'match_cancelled',
  'match_completed',
  'match_reminder',
  'feedback_reminder',
] as const;
export type MatchType = (typeof MATCH_TYPES)[number];

interface Facts {
  request: string;
  offer: string;
  school: string;
  partner: string;
  quantity: number;
  when: string;
  reason: string;
}

type Words = Record<MatchType, (f: Facts) => [subject: string, body: string]>;

const sv: Words = {
  match_reminder: (f) => [`Påminnelse: ${f.offer} — ${f.school}, ${f.when}`, `Snart dags: "${f.offer}" med ${f.school} och ${f.partner}, ${f.when}.`],
  match_proposed: (f) => [`Nytt förslag: ${f.offer} — ${f.school}`, `${f.partner} och ${f.school} har fått ett förslag om ett samarbete: "${f.offer}" för förfrågan "${f.request}" (${f.quantity} st). Svara genom att acceptera eller avböja.`],
  match_accepted: (f) => [`Accepterat, väntar på godkännande: ${f.offer} — ${f.school}`, `Förslaget om "${f.offer}" för "${f.request}" har accepterats av båda parter och väntar nu på regionens samordnare.`],
  match_approved: (f) => [`Godkänt: ${f.offer} — ${f.school}`, `Samarbetet "${f.offer}" med ${f.school} och ${f.partner} är godkänt. Nästa steg är att boka tid.`],
  match_rejected: (f) => [`Inte godkänt: ${f.offer} — ${f.school}`, `Samordnaren godkände inte samarbetet "${f.offer}" för "${f.request}". Motivering: ${f.reason}`],
  match_declined: (f) => [`Avböjt: ${f.offer} — ${f.school}`, `Förslaget om "${f.offer}" för "${f.request}" avböjdes. Motivering: ${f.reason}`],
  match_scheduled: (f) => [`Bokat: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} och ${f.partner} är bokat: ${f.when}.`],
  match_rescheduled: (f) => [`Ny tid: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} och ${f.partner} har fått en ny tid: ${f.when}.`],
  match_cancelled: (f) => [`Inställt: ${f.offer} — ${f.school}`, `Samarbetet "${f.offer}" för "${f.request}" är inställt. Motivering: ${f.reason}`],
  match_completed: (f) => [`Genomfört: ${f.offer} — ${f.school}`, `"${f.offer}" med ${f.school} och ${f.partner} är genomfört. Berätta gärna hur det gick.`],
  feedback_reminder: (f) => [`Hur gick det? ${f.offer} — ${f.school}`, `"${f.offer}" med ${f.school} och ${f.partner} är genomfört (${f.when}), men er återkoppling saknas fortfarande: ett betyg och några ord tar en minut och visar regionen vad samarbetet gav.`],
};

const da: Words = {
  match_reminder: (f) => [`Påmindelse: ${f.offer} — ${f.school}, ${f.when}`, `Snart tid: "${f.offer}" med ${f.school} og ${f.partner}, ${f.when}.`],
  match_proposed: (f) => [`Nyt forslag: ${f.offer} — ${f.school}`, `${f.partner} og ${f.school} har fået et forslag om et samarbejde: "${f.offer}" til forespørgslen "${f.request}" (${f.quantity} stk.). Svar ved at acceptere eller afslå.`],
  match_accepted: (f) => [`Accepteret, afventer godkendelse: ${f.offer} — ${f.school}`, `Forslaget om "${f.offer}" til "${f.request}" er accepteret af begge parter og afventer nu regionens koordinator.`],
  match_approved: (f) => [`Godkendt: ${f.offer} — ${f.school}`, `Samarbejdet "${f.offer}" med ${f.school} og ${f.partner} er godkendt. Næste skridt er at aftale tid.`],
  match_rejected: (f) => [`Ikke godkendt: ${f.offer} — ${f.school}`, `Koordinatoren godkendte ikke samarbejdet "${f.offer}" til "${f.request}". Begrundelse: ${f.reason}`],
  match_declined: (f) => [`Afslået: ${f.offer} — ${f.school}`, `Forslaget om "${f.offer}" til "${f.request}" blev afslået. Begrundelse: ${f.reason}`],
  match_scheduled: (f) => [`Aftalt: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} og ${f.partner} er aftalt: ${f.when}.`],
  match_rescheduled: (f) => [`Ny tid: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} og ${f.partner} har fået en ny tid: ${f.when}.`],
  match_cancelled: (f) => [`Aflyst: ${f.offer} — ${f.school}`, `Samarbejdet "${f.offer}" til "${f.request}" er aflyst. Begrundelse: ${f.reason}`],
  match_completed: (f) => [`Gennemført: ${f.offer} — ${f.school}`, `"${f.offer}" med ${f.school} og ${f.partner} er gennemført. Fortæl gerne, hvordan det gik.`],
  feedback_reminder: (f) => [`Hvordan gik det? ${f.offer} — ${f.school}`, `"${f.offer}" med ${f.school} og ${f.partner} er gennemført (${f.when}), men jeres tilbagemelding mangler stadig: en vurdering og et par ord tager et minut og viser regionen, hvad samarbejdet gav.`],
};

const nb: Words = {
  match_reminder: (f) => [`Påminnelse: ${f.offer} — ${f.school}, ${f.when}`, `Snart tid: "${f.offer}" med ${f.school} og ${f.partner}, ${f.when}.`],
  match_proposed: (f) => [`Nytt forslag: ${f.offer} — ${f.school}`, `${f.partner} og ${f.school} har fått et forslag om samarbeid: "${f.offer}" for forespørselen "${f.request}" (${f.quantity} stk.). Svar ved å godta eller avslå.`],
  match_accepted: (f) => [`Godtatt, venter på godkjenning: ${f.offer} — ${f.school}`, `Forslaget om "${f.offer}" for "${f.request}" er godtatt av begge parter og venter nå på regionens koordinator.`],
  match_approved: (f) => [`Godkjent: ${f.offer} — ${f.school}`, `Samarbeidet "${f.offer}" med ${f.school} og ${f.partner} er godkjent. Neste steg er å avtale tid.`],
  match_rejected: (f) => [`Ikke godkjent: ${f.offer} — ${f.school}`, `Koordinatoren godkjente ikke samarbeidet "${f.offer}" for "${f.request}". Begrunnelse: ${f.reason}`],
  match_declined: (f) => [`Avslått: ${f.offer} — ${f.school}`, `Forslaget om "${f.offer}" for "${f.request}" ble avslått. Begrunnelse: ${f.reason}`],
  match_scheduled: (f) => [`Avtalt: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} og ${f.partner} er avtalt: ${f.when}.`],
  match_rescheduled: (f) => [`Ny tid: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} og ${f.partner} har fått ny tid: ${f.when}.`],
  match_cancelled: (f) => [`Avlyst: ${f.offer} — ${f.school}`, `Samarbeidet "${f.offer}" for "${f.request}" er avlyst. Begrunnelse: ${f.reason}`],
  match_completed: (f) => [`Gjennomført: ${f.offer} — ${f.school}`, `"${f.offer}" med ${f.school} og ${f.partner} er gjennomført. Fortell gjerne hvordan det gikk.`],
  feedback_reminder: (f) => [`Hvordan gikk det? ${f.offer} — ${f.school}`, `"${f.offer}" med ${f.school} og ${f.partner} er gjennomført (${f.when}), men tilbakemeldingen deres mangler fortsatt: en vurdering og noen ord tar et minutt og viser regionen hva samarbeidet ga.`],
};

const en: Words = {
  match_reminder: (f) => [`Reminder: ${f.offer} — ${f.school}, ${f.when}`, `Coming up: "${f.offer}" with ${f.school} and ${f.partner}, ${f.when}.`],
  match_proposed: (f) => [`New proposal: ${f.offer} — ${f.school}`, `${f.partner} and ${f.school} have a proposal to collaborate: "${f.offer}" for the request "${f.request}" (${f.quantity}). Please accept or decline it.`],
  match_accepted: (f) => [`Accepted, awaiting approval: ${f.offer} — ${f.school}`, `The proposal of "${f.offer}" for "${f.request}" has been accepted by both sides and now awaits the region's coordinator.`],
  match_approved: (f) => [`Approved: ${f.offer} — ${f.school}`, `The collaboration "${f.offer}" between ${f.school} and ${f.partner} is approved. The next step is to schedule it.`],
  match_rejected: (f) => [`Not approved: ${f.offer} — ${f.school}`, `The coordinator did not approve the collaboration "${f.offer}" for "${f.request}". Reason: ${f.reason}`],
  match_declined: (f) => [`Declined: ${f.offer} — ${f.school}`, `The proposal of "${f.offer}" for "${f.request}" was declined. Reason: ${f.reason}`],
  match_scheduled: (f) => [`Scheduled: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" with ${f.school} and ${f.partner} is scheduled: ${f.when}.`],
  match_rescheduled: (f) => [`New time: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" with ${f.school} and ${f.partner} has a new time: ${f.when}.`],
  match_cancelled: (f) => [`Cancelled: ${f.offer} — ${f.school}`, `The collaboration "${f.offer}" for "${f.request}" is cancelled. Reason: ${f.reason}`],
  match_completed: (f) => [`Completed: ${f.offer} — ${f.school}`, `"${f.offer}" with ${f.school} and ${f.partner} is completed. Tell us how it went.`],
  feedback_reminder: (f) => [`How did it go? ${f.offer} — ${f.school}`, `"${f.offer}" with ${f.school} and ${f.partner} took place (${f.when}), and your feedback is still missing: a rating and a few words take a minute and show the region what the collaboration achieved.`],
};

const WORDS: Record<Locale, Words> = { sv, da, nb, en };
const LINK: Record<Locale, string> = { sv: 'Öppna samarbetet', da: 'Åbn samarbejdet', nb: 'Åpne samarbeidet', en: 'Open the collaboration' };
/** Reasons the system gives, in the reader's language (payload.reasonKey). */
const SYSTEM_REASONS: Record<string, Record<Locale, string>> = {
  lapsed: {
    sv: 'förfrågans eller erbjudandets sista dag har passerat',
    da: 'forespørgslens eller tilbuddets sidste dag er overskredet',
    nb: 'siste dag for forespørselen eller tilbudet er passert',
    en: 'the last day of the request or the offer has passed',
  },
};
const FEEDBACK_LINK: Record<Locale, string> = { sv: 'Ge återkoppling', da: 'Giv tilbagemelding', nb: 'Gi tilbakemelding', en: 'Give feedback' };
/** Notices whose link leads to the feedback form of the match rather than to the match. */
const ASKS_FOR_FEEDBACK: ReadonlySet<MatchType> = new Set(['match_completed', 'feedback_reminder']);
const TIME_ZONE: Record<Locale, string> = { sv: 'Europe/Stockholm', da: 'Europe/Copenhagen', nb: 'Europe/Oslo', en: 'Europe/Stockholm' };

function when(p: Record<string, unknown>, locale: Locale): string {
  if (typeof p.startsAt !== 'string') return '';
  const fmt = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE[locale] });
  const start = fmt.format(new Date(p.startsAt));
  return typeof p.endsAt === 'string' ? `${start} – ${fmt.format(new Date(p.endsAt))}` : start;
}

export function matchTemplate(type: MatchType): Template {
  return (p, locale, ctx) => {
    const f: Facts = {
      request: String(p.requestTitle ?? ''),
      offer: String(p.offerTitle ?? ''),
      school: String(p.schoolName ?? ''),
      partner: String(p.partnerName ?? ''),
      quantity: Number(p.quantity ?? 0),
      when: when(p, locale),
      reason: SYSTEM_REASONS[String(p.reasonKey)]?.[locale] ?? String(p.reason ?? p.comment ?? '—'),
    };
    const [subject, body] = WORDS[locale][type](f);
    const paragraphs = [body, ...(typeof p.message === 'string' && p.message ? [`“${p.message}”`] : [])];
    const url = `${ctx.publicUrl.replace(/\/$/, '')}/matches/${encodeURIComponent(String(p.matchId ?? ''))}`;
    return ASKS_FOR_FEEDBACK.has(type)
      ? { subject, paragraphs, link: { label: FEEDBACK_LINK[locale], url: `${url}/feedback` } }
      : { subject, paragraphs, link: { label: LINK[locale], url } };
  };
}
