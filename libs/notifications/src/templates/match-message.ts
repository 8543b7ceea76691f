import type { Locale } from '@brobygge/core';
import type { Template } from './template';

interface Words {
  subject: (offer: string, school: string) => string;
  wrote: (who: string, offer: string, school: string, partner: string) => string;
  coordinator: string;
  hidden: string;
  unverifiedOrg: string;
  unverifiedItem: string;
  link: string;
}

const WORDS: Record<Locale, Words> = {
  sv: {
    subject: (o, s) => `Nytt meddelande: ${o} — ${s}`,
    wrote: (w, o, s, p) => `${w} har skrivit i samtalet om "${o}" mellan ${s} och ${p}:`,
    coordinator: 'Regionens samordnare',
    hidden: '(Meddelandet visas i Brobygge.)',
    unverifiedOrg: 'en ännu inte verifierad organisation',
    unverifiedItem: '(titeln visas i Brobygge)',
    link: 'Svara i Brobygge',
  },
  da: {
    subject: (o, s) => `Ny besked: ${o} — ${s}`,
    wrote: (w, o, s, p) => `${w} har skrevet i samtalen om "${o}" mellem ${s} og ${p}:`,
    coordinator: 'Regionens koordinator',
    hidden: '(Beskeden vises i Brobygge.)',
    unverifiedOrg: 'en endnu ikke verificeret organisation',
    unverifiedItem: '(titlen vises i Brobygge)',
    link: 'Svar i Brobygge',
  },
  nb: {
    subject: (o, s) => `Ny melding: ${o} — ${s}`,
    wrote: (w, o, s, p) => `${w} har skrevet i samtalen om "${o}" mellom ${s} og ${p}:`,
    coordinator: 'Regionens koordinator',
    hidden: '(Meldingen vises i Brobygge.)',
    unverifiedOrg: 'en ennå ikke verifisert organisasjon',
    unverifiedItem: '(tittelen vises i Brobygge)',
    link: 'Svar i Brobygge',
  },
  en: {
    subject: (o, s) => `New message: ${o} — ${s}`,
    wrote: (w, o, s, p) => `${w} wrote in the conversation on "${o}" between ${s} and ${p}:`,
    coordinator: "The region's coordinator",
    hidden: '(The message is shown in Brobygge.)',
    unverifiedOrg: 'an organisation not yet verified',
    unverifiedItem: '(the title is shown in Brobygge)',
    link: 'Reply in Brobygge',
  },
};

/**
 * A message on a match's conversation (issue 16): who wrote it — their side, the school's
 * or the partner's name or "the region's coordinator", never the person (the notice stays
 * right when their account is erased) — and the message itself as plain text: the layout
 * escapes it in the HTML part. Where what an unverified organisation wrote is held back
 * (match-conversation.ts), the notice says it is shown in Brobygge.
 */
export const matchMessage: Template = (p, locale, ctx) => {
  const w = WORDS[locale];
  const named = (value: unknown, placeholder: string) => (p.unverifiedText && (value === null || value === undefined) ? placeholder : String(value ?? ''));
  const school = named(p.schoolName, w.unverifiedOrg);
  const partner = named(p.partnerName, w.unverifiedOrg);
  const offer = named(p.offerTitle, w.unverifiedItem);
  const who = p.side === 'SCHOOL' ? school : p.side === 'PARTNER' ? partner : w.coordinator;
  const message = typeof p.message === 'string' && p.message ? p.message : w.hidden;
  const url = `${ctx.publicUrl.replace(/\/$/, '')}/matches/${encodeURIComponent(String(p.matchId ?? ''))}/messages`;
  return {
    subject: w.subject(offer, school),
    paragraphs: [w.wrote(who.charAt(0).toUpperCase() + who.slice(1), offer, school, partner), message],
    link: { label: w.link, url },
  };
};
