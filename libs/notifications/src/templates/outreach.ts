import type { Locale } from '@brobygge/core';
import type { Template } from './template';

interface Words {
  subject: (school: string) => string;
  intro: (school: string, region: string) => string;
  message: string;
  offers: string;
  noOffers: string;
  claim: (school: string) => string;
  claimLink: string;
  open: string;
}

const WORDS: Record<Locale, Words> = {
  sv: {
    subject: (s) => `${s}: samarbeten med arbetslivet via Brobygge`,
    intro: (s, r) => `En samordnare för Brobygge i ${r} har skrivit till ${s}.`,
    message: 'Meddelande från samordnaren:',
    offers: 'Erbjudanden som kan passa er:',
    noOffers: 'Se vad företag och organisationer i er region erbjuder i katalogen.',
    claim: (s) =>
      `${s} finns redan på Brobygge men ingen från skolan har tagit hand om den än. Ta emot inbjudan så blir du ägare: du kan lägga förfrågningar och bjuda in kollegor. Logga in eller skapa ett konto med den här e-postadressen och öppna länken. Den gäller i 7 dagar och kan användas en gång.`,
    claimLink: 'Ta emot inbjudan',
    open: 'Öppna Brobygge',
  },
  da: {
    subject: (s) => `${s}: samarbejde med erhvervslivet via Brobygge`,
    intro: (s, r) => `En koordinator for Brobygge i ${r} har skrevet til ${s}.`,
    message: 'Besked fra koordinatoren:',
    offers: 'Tilbud, der kan passe til jer:',
    noOffers: 'Se, hvad virksomheder og organisationer i jeres region tilbyder, i kataloget.',
    claim: (s) =>
      `${s} findes allerede på Brobygge, men ingen fra skolen har taget sig af den endnu. Tag imod invitationen, så bliver du ejer: du kan oprette forespørgsler og invitere kolleger. Log ind eller opret en konto med denne e-mailadresse, og åbn linket. Det gælder i 7 dage og kan bruges én gang.`,
    claimLink: 'Tag imod invitationen',
    open: 'Åbn Brobygge',
  },
  nb: {
    subject: (s) => `${s}: samarbeid med arbeidslivet via Brobygge`,
    intro: (s, r) => `En koordinator for Brobygge i ${r} har skrevet til ${s}.`,
    message: 'Melding fra koordinatoren:',
    offers: 'Tilbud som kan passe for dere:',
    noOffers: 'Se hva bedrifter og organisasjoner i regionen deres tilbyr, i katalogen.',
    claim: (s) =>
      `${s} finnes allerede på Brobygge, men ingen fra skolen har tatt seg av den ennå. Godta invitasjonen, så blir du eier: du kan opprette forespørsler og invitere kolleger. Logg inn eller opprett en konto med denne e-postadressen, og åpne lenken. Den gjelder i 7 dager og kan brukes én gang.`,
    claimLink: 'Godta invitasjonen',
    open: 'Åpne Brobygge',
  },
  en: {
    subject: (s) => `${s}: working with employers through Brobygge`,
    intro: (s, r) => `A Brobygge coordinator for ${r} has written to ${s}.`,
    message: 'A message from the coordinator:',
    offers: 'Offers that could suit you:',
    noOffers: 'See in the catalogue what companies and organisations in your region offer.',
    claim: (s) =>
      `${s} is already on Brobygge, but nobody from the school has taken it over yet. Accept the invitation and you become its owner: you can post requests and invite colleagues. Sign in or create an account with this e-mail address and open the link. It works for 7 days, once.`,
    claimLink: 'Accept the invitation',
    open: 'Open Brobygge',
  },
};

interface SuggestedOffer {
  id: string;
  title: string;
  partner: string | null;
}

/**
 * A coordinator's outreach to a school (issue 15): their message (as plain text — the
 * layout escapes it in the HTML part), up to five offers, and for an unclaimed school the
 * one-time invitation to claim it (`secretToken`; dropped from the row once sent, and never
 * copied in-app). No person is named: the e-mail stays right when the coordinator's account
 * is erased before it goes out.
 */
export const outreach: Template = (p, locale, ctx) => {
  const w = WORDS[locale];
  const base = ctx.publicUrl.replace(/\/$/, '');
  const school = String(p.organizationName ?? '');
  const offers = Array.isArray(p.offers) ? (p.offers as SuggestedOffer[]) : [];
  const message = typeof p.message === 'string' && p.message.trim() ? p.message : null;
  const paragraphs = [w.intro(school, String(p.regionName ?? ''))];
  if (message) paragraphs.push(w.message, message);
  if (offers.length) {
    paragraphs.push(w.offers);
    for (const o of offers) paragraphs.push(`• ${o.title}${o.partner ? ` (${o.partner})` : ''}: ${base}/offers/${encodeURIComponent(o.id)}`);
  } else paragraphs.push(w.noOffers);
  if (typeof p.secretToken === 'string') {
    paragraphs.push(w.claim(school));
    return { subject: w.subject(school), paragraphs, link: { label: w.claimLink, url: `${base}/invitations/accept?token=${encodeURIComponent(p.secretToken)}` } };
  }
  return { subject: w.subject(school), paragraphs, link: { label: w.open, url: `${base}/organizations/${encodeURIComponent(String(p.organizationId ?? ''))}` } };
};
