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
  'match_item_withdrawn',
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
  /** match_item_withdrawn: what happened to the request or the offer, as the start of a sentence. */
  withdrawn: string;
  /** " (the time)" when the match is scheduled, else nothing. */
  at: string;
}

type Words = Record<MatchType, (f: Facts) => [subject: string, body: string]>;

const sv: Words = {
  match_reminder: (f) => [`Påminnelse: ${f.offer} — ${f.school}, ${f.when}`, `Snart dags: "${f.offer}" med ${f.school} och ${f.partner}, ${f.when}.`],
  match_proposed: (f) => [
    `Nytt förslag: ${f.offer} — ${f.school}`,
    `${f.partner} och ${f.school} har fått ett förslag om ett samarbete: "${f.offer}" för förfrågan "${f.request}" (${f.quantity} st). Svara genom att acceptera eller avböja.`,
  ],
  match_accepted: (f) => [
    `Accepterat, väntar på godkännande: ${f.offer} — ${f.school}`,
    `Förslaget om "${f.offer}" för "${f.request}" har accepterats av båda parter och väntar nu på regionens samordnare.`,
  ],
  match_approved: (f) => [`Godkänt: ${f.offer} — ${f.school}`, `Samarbetet "${f.offer}" med ${f.school} och ${f.partner} är godkänt. Nästa steg är att boka tid.`],
  match_rejected: (f) => [`Inte godkänt: ${f.offer} — ${f.school}`, `Samordnaren godkände inte samarbetet "${f.offer}" för "${f.request}". Motivering: ${f.reason}`],
  match_declined: (f) => [`Avböjt: ${f.offer} — ${f.school}`, `Förslaget om "${f.offer}" för "${f.request}" avböjdes. Motivering: ${f.reason}`],
  match_scheduled: (f) => [`Bokat: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} och ${f.partner} är bokat: ${f.when}.`],
  match_rescheduled: (f) => [`Ny tid: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} och ${f.partner} har fått en ny tid: ${f.when}.`],
  match_cancelled: (f) => [`Inställt: ${f.offer} — ${f.school}`, `Samarbetet "${f.offer}" för "${f.request}" är inställt. Motivering: ${f.reason}`],
  match_completed: (f) => [`Genomfört: ${f.offer} — ${f.school}`, `"${f.offer}" med ${f.school} och ${f.partner} är genomfört. Berätta gärna hur det gick.`],
  feedback_reminder: (f) => [
    `Hur gick det? ${f.offer} — ${f.school}`,
    `"${f.offer}" med ${f.school} och ${f.partner} är genomfört (${f.when}), men er återkoppling saknas fortfarande: ett betyg och några ord tar en minut och visar regionen vad samarbetet gav.`,
  ],
  match_item_withdrawn: (f) => [
    `Beslut behövs: ${f.offer} — ${f.school}`,
    `${f.withdrawn}, men samarbetet "${f.offer}" mellan ${f.school} och ${f.partner} var redan överenskommet${f.at} och har därför inte ställts in. Bestäm om det ska bli av eller ställas in: skolan, partnern och regionens samordnare kan ställa in det.`,
  ],
};

const da: Words = {
  match_reminder: (f) => [`Påmindelse: ${f.offer} — ${f.school}, ${f.when}`, `Snart tid: "${f.offer}" med ${f.school} og ${f.partner}, ${f.when}.`],
  match_proposed: (f) => [
    `Nyt forslag: ${f.offer} — ${f.school}`,
    `${f.partner} og ${f.school} har fået et forslag om et samarbejde: "${f.offer}" til forespørgslen "${f.request}" (${f.quantity} stk.). Svar ved at acceptere eller afslå.`,
  ],
  match_accepted: (f) => [
    `Accepteret, afventer godkendelse: ${f.offer} — ${f.school}`,
    `Forslaget om "${f.offer}" til "${f.request}" er accepteret af begge parter og afventer nu regionens koordinator.`,
  ],
  match_approved: (f) => [`Godkendt: ${f.offer} — ${f.school}`, `Samarbejdet "${f.offer}" med ${f.school} og ${f.partner} er godkendt. Næste skridt er at aftale tid.`],
  match_rejected: (f) => [
    `Ikke godkendt: ${f.offer} — ${f.school}`,
    `Koordinatoren godkendte ikke samarbejdet "${f.offer}" til "${f.request}". Begrundelse: ${f.reason}`,
  ],
  match_declined: (f) => [`Afslået: ${f.offer} — ${f.school}`, `Forslaget om "${f.offer}" til "${f.request}" blev afslået. Begrundelse: ${f.reason}`],
  match_scheduled: (f) => [`Aftalt: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} og ${f.partner} er aftalt: ${f.when}.`],
  match_rescheduled: (f) => [`Ny tid: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} og ${f.partner} har fået en ny tid: ${f.when}.`],
  match_cancelled: (f) => [`Aflyst: ${f.offer} — ${f.school}`, `Samarbejdet "${f.offer}" til "${f.request}" er aflyst. Begrundelse: ${f.reason}`],
  match_completed: (f) => [`Gennemført: ${f.offer} — ${f.school}`, `"${f.offer}" med ${f.school} og ${f.partner} er gennemført. Fortæl gerne, hvordan det gik.`],
  feedback_reminder: (f) => [
    `Hvordan gik det? ${f.offer} — ${f.school}`,
    `"${f.offer}" med ${f.school} og ${f.partner} er gennemført (${f.when}), men jeres tilbagemelding mangler stadig: en vurdering og et par ord tager et minut og viser regionen, hvad samarbejdet gav.`,
  ],
  match_item_withdrawn: (f) => [
    `Beslutning nødvendig: ${f.offer} — ${f.school}`,
    `${f.withdrawn}, men samarbejdet "${f.offer}" mellem ${f.school} og ${f.partner} var allerede aftalt${f.at} og er derfor ikke aflyst. Beslut, om det skal gennemføres eller aflyses: skolen, partneren og regionens koordinator kan aflyse det.`,
  ],
};

const nb: Words = {
  match_reminder: (f) => [`Påminnelse: ${f.offer} — ${f.school}, ${f.when}`, `Snart tid: "${f.offer}" med ${f.school} og ${f.partner}, ${f.when}.`],
  match_proposed: (f) => [
    `Nytt forslag: ${f.offer} — ${f.school}`,
    `${f.partner} og ${f.school} har fått et forslag om samarbeid: "${f.offer}" for forespørselen "${f.request}" (${f.quantity} stk.). Svar ved å godta eller avslå.`,
  ],
  match_accepted: (f) => [
    `Godtatt, venter på godkjenning: ${f.offer} — ${f.school}`,
    `Forslaget om "${f.offer}" for "${f.request}" er godtatt av begge parter og venter nå på regionens koordinator.`,
  ],
  match_approved: (f) => [`Godkjent: ${f.offer} — ${f.school}`, `Samarbeidet "${f.offer}" med ${f.school} og ${f.partner} er godkjent. Neste steg er å avtale tid.`],
  match_rejected: (f) => [
    `Ikke godkjent: ${f.offer} — ${f.school}`,
    `Koordinatoren godkjente ikke samarbeidet "${f.offer}" for "${f.request}". Begrunnelse: ${f.reason}`,
  ],
  match_declined: (f) => [`Avslått: ${f.offer} — ${f.school}`, `Forslaget om "${f.offer}" for "${f.request}" ble avslått. Begrunnelse: ${f.reason}`],
  match_scheduled: (f) => [`Avtalt: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} og ${f.partner} er avtalt: ${f.when}.`],
  match_rescheduled: (f) => [`Ny tid: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" med ${f.school} og ${f.partner} har fått ny tid: ${f.when}.`],
  match_cancelled: (f) => [`Avlyst: ${f.offer} — ${f.school}`, `Samarbeidet "${f.offer}" for "${f.request}" er avlyst. Begrunnelse: ${f.reason}`],
  match_completed: (f) => [`Gjennomført: ${f.offer} — ${f.school}`, `"${f.offer}" med ${f.school} og ${f.partner} er gjennomført. Fortell gjerne hvordan det gikk.`],
  feedback_reminder: (f) => [
    `Hvordan gikk det? ${f.offer} — ${f.school}`,
    `"${f.offer}" med ${f.school} og ${f.partner} er gjennomført (${f.when}), men tilbakemeldingen deres mangler fortsatt: en vurdering og noen ord tar et minutt og viser regionen hva samarbeidet ga.`,
  ],
  match_item_withdrawn: (f) => [
    `Beslutning trengs: ${f.offer} — ${f.school}`,
    `${f.withdrawn}, men samarbeidet "${f.offer}" mellom ${f.school} og ${f.partner} var allerede avtalt${f.at} og er derfor ikke avlyst. Bestem om det skal gjennomføres eller avlyses: skolen, partneren og regionens koordinator kan avlyse det.`,
  ],
};

const en: Words = {
  match_reminder: (f) => [`Reminder: ${f.offer} — ${f.school}, ${f.when}`, `Coming up: "${f.offer}" with ${f.school} and ${f.partner}, ${f.when}.`],
  match_proposed: (f) => [
    `New proposal: ${f.offer} — ${f.school}`,
    `${f.partner} and ${f.school} have a proposal to collaborate: "${f.offer}" for the request "${f.request}" (${f.quantity}). Please accept or decline it.`,
  ],
  match_accepted: (f) => [
    `Accepted, awaiting approval: ${f.offer} — ${f.school}`,
    `The proposal of "${f.offer}" for "${f.request}" has been accepted by both sides and now awaits the region's coordinator.`,
  ],
  match_approved: (f) => [
    `Approved: ${f.offer} — ${f.school}`,
    `The collaboration "${f.offer}" between ${f.school} and ${f.partner} is approved. The next step is to schedule it.`,
  ],
  match_rejected: (f) => [
    `Not approved: ${f.offer} — ${f.school}`,
    `The coordinator did not approve the collaboration "${f.offer}" for "${f.request}". Reason: ${f.reason}`,
  ],
  match_declined: (f) => [`Declined: ${f.offer} — ${f.school}`, `The proposal of "${f.offer}" for "${f.request}" was declined. Reason: ${f.reason}`],
  match_scheduled: (f) => [`Scheduled: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" with ${f.school} and ${f.partner} is scheduled: ${f.when}.`],
  match_rescheduled: (f) => [`New time: ${f.offer} — ${f.school}, ${f.when}`, `"${f.offer}" with ${f.school} and ${f.partner} has a new time: ${f.when}.`],
  match_cancelled: (f) => [`Cancelled: ${f.offer} — ${f.school}`, `The collaboration "${f.offer}" for "${f.request}" is cancelled. Reason: ${f.reason}`],
  match_completed: (f) => [`Completed: ${f.offer} — ${f.school}`, `"${f.offer}" with ${f.school} and ${f.partner} is completed. Tell us how it went.`],
  feedback_reminder: (f) => [
    `How did it go? ${f.offer} — ${f.school}`,
    `"${f.offer}" with ${f.school} and ${f.partner} took place (${f.when}), and your feedback is still missing: a rating and a few words take a minute and show the region what the collaboration achieved.`,
  ],
  match_item_withdrawn: (f) => [
    `Decision needed: ${f.offer} — ${f.school}`,
    `${f.withdrawn}, but the collaboration "${f.offer}" between ${f.school} and ${f.partner} was already agreed${f.at}, so it has not been cancelled. Decide whether it goes ahead or is cancelled: the school, the partner and the region's coordinator can cancel it.`,
  ],
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
  request_cancelled: {
    sv: 'skolan har ställt in förfrågan',
    da: 'skolen har annulleret forespørgslen',
    nb: 'skolen har avlyst forespørselen',
    en: 'the school has cancelled the request',
  },
  offer_paused: { sv: 'erbjudandet har pausats', da: 'tilbuddet er sat på pause', nb: 'tilbudet er satt på pause', en: 'the offer has been paused' },
  offer_archived: { sv: 'erbjudandet har arkiverats', da: 'tilbuddet er arkiveret', nb: 'tilbudet er arkivert', en: 'the offer has been archived' },
};
/** match_item_withdrawn: what happened to the match's request or offer (payload.reasonKey). */
const WITHDRAWN: Record<string, Record<Locale, (f: Pick<Facts, 'request' | 'offer'>) => string>> = {
  request_cancelled: {
    sv: (f) => `Förfrågan "${f.request}" har ställts in`,
    da: (f) => `Forespørgslen "${f.request}" er annulleret`,
    nb: (f) => `Forespørselen "${f.request}" er avlyst`,
    en: (f) => `The request "${f.request}" has been cancelled`,
  },
  offer_paused: {
    sv: (f) => `Erbjudandet "${f.offer}" har pausats`,
    da: (f) => `Tilbuddet "${f.offer}" er sat på pause`,
    nb: (f) => `Tilbudet "${f.offer}" er satt på pause`,
    en: (f) => `The offer "${f.offer}" has been paused`,
  },
  offer_archived: {
    sv: (f) => `Erbjudandet "${f.offer}" har arkiverats`,
    da: (f) => `Tilbuddet "${f.offer}" er arkiveret`,
    nb: (f) => `Tilbudet "${f.offer}" er arkivert`,
    en: (f) => `The offer "${f.offer}" has been archived`,
  },
};
const WITHDRAWN_UNKNOWN: Record<Locale, string> = {
  sv: 'Förfrågan eller erbjudandet har dragits tillbaka',
  da: 'Forespørgslen eller tilbuddet er trukket tilbage',
  nb: 'Forespørselen eller tilbudet er trukket tilbake',
  en: 'The request or the offer has been withdrawn',
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

/** In place of what an unverified organisation wrote (match-notifications.ts withoutUnverifiedText). */
const UNVERIFIED: Record<Locale, { item: string; org: string }> = {
  sv: { item: '(titeln visas i Brobygge)', org: 'en ännu inte verifierad organisation' },
  da: { item: '(titlen vises i Brobygge)', org: 'en endnu ikke verificeret organisation' },
  nb: { item: '(tittelen vises i Brobygge)', org: 'en ennå ikke verifisert organisasjon' },
  en: { item: '(the title is shown in Brobygge)', org: 'an organisation not yet verified' },
};

export function matchTemplate(type: MatchType): Template {
  return (p, locale, ctx) => {
    const hidden = UNVERIFIED[locale];
    const text = (value: unknown, placeholder: string) => (p.unverifiedText && (value === null || value === undefined) ? placeholder : String(value ?? ''));
    const request = text(p.requestTitle, hidden.item);
    const offer = text(p.offerTitle, hidden.item);
    const time = when(p, locale);
    const f: Facts = {
      request,
      offer,
      school: text(p.schoolName, hidden.org),
      partner: text(p.partnerName, hidden.org),
      quantity: Number(p.quantity ?? 0),
      when: time,
      reason: SYSTEM_REASONS[String(p.reasonKey)]?.[locale] ?? String(p.reason ?? p.comment ?? '—'),
      withdrawn: WITHDRAWN[String(p.reasonKey)]?.[locale]({ request, offer }) ?? WITHDRAWN_UNKNOWN[locale],
      at: p.status === 'SCHEDULED' && time ? ` (${time})` : '',
    };
    const [subject, body] = WORDS[locale][type](f);
    const paragraphs = [body, ...(typeof p.message === 'string' && p.message ? [`“${p.message}”`] : [])];
    const url = `${ctx.publicUrl.replace(/\/$/, '')}/matches/${encodeURIComponent(String(p.matchId ?? ''))}`;
    return ASKS_FOR_FEEDBACK.has(type)
      ? { subject, paragraphs, link: { label: FEEDBACK_LINK[locale], url: `${url}/feedback` } }
      : { subject, paragraphs, link: { label: LINK[locale], url } };
  };
}
