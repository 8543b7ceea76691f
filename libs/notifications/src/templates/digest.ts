import type { Template } from './template';

interface Item {
  kind: 'request' | 'offer' | 'conversation';
  id: string;
  title: string;
  organization: string;
  /** A conversation's new messages. */
  count?: number;
}

/**
 * The daily or weekly digest: new requests that fit a partner's offers, new offers that fit a
 * school's requests, and (issue 16) the matches with messages the reader has not read, each
 * with its link — digest subscribers get no message e-mail of their own.
 */
export const digest: Template = (p, locale, ctx) => {
  const items = (Array.isArray(p.items) ? p.items : []) as Item[];
  const more = Number(p.more ?? 0);
  const total = items.filter((i) => i.kind !== 'conversation').length + more;
  const weekly = p.period === 'WEEKLY';
  const w = {
    sv: {
      subject: `${weekly ? 'Veckans' : 'Dagens'} nyheter på Brobygge: ${total} som passar er`,
      intro: `Det här är nytt sedan ${weekly ? 'förra veckan' : 'i går'} och passar era erbjudanden eller förfrågningar:`,
      request: 'Förfrågan',
      offer: 'Erbjudande',
      more: `… och ${more} till.`,
      link: 'Öppna Brobygge',
      messages: 'Nya meddelanden i era samarbeten:',
      conversation: (n: number, t: string) => `${n} ${n === 1 ? 'nytt meddelande' : 'nya meddelanden'} om ${t || 'ett samarbete'}`,
      onlyMessages: `${weekly ? 'Veckans' : 'Dagens'} nyheter på Brobygge: nya meddelanden`,
    },
    da: {
      subject: `${weekly ? 'Ugens' : 'Dagens'} nyt på Brobygge: ${total} der passer til jer`,
      intro: `Dette er nyt siden ${weekly ? 'sidste uge' : 'i går'} og passer til jeres tilbud eller forespørgsler:`,
      request: 'Forespørgsel',
      offer: 'Tilbud',
      more: `… og ${more} mere.`,
      link: 'Åbn Brobygge',
      messages: 'Nye beskeder i jeres samarbejder:',
      conversation: (n: number, t: string) => `${n} ${n === 1 ? 'ny besked' : 'nye beskeder'} om ${t || 'et samarbejde'}`,
      onlyMessages: `${weekly ? 'Ugens' : 'Dagens'} nyt på Brobygge: nye beskeder`,
    },
    nb: {
      subject: `${weekly ? 'Ukens' : 'Dagens'} nytt på Brobygge: ${total} som passer for dere`,
      intro: `Dette er nytt siden ${weekly ? 'forrige uke' : 'i går'} og passer til deres tilbud eller forespørsler:`,
      request: 'Forespørsel',
      offer: 'Tilbud',
      more: `… og ${more} til.`,
      link: 'Åpne Brobygge',
      messages: 'Nye meldinger i samarbeidene deres:',
      conversation: (n: number, t: string) => `${n} ${n === 1 ? 'ny melding' : 'nye meldinger'} om ${t || 'et samarbeid'}`,
      onlyMessages: `${weekly ? 'Ukens' : 'Dagens'} nytt på Brobygge: nye meldinger`,
    },
    en: {
      subject: `${weekly ? 'This week' : 'Today'} on Brobygge: ${total} that fit you`,
      intro: `New since ${weekly ? 'last week' : 'yesterday'}, and fitting your offers or requests:`,
      request: 'Request',
      offer: 'Offer',
      more: `… and ${more} more.`,
      link: 'Open Brobygge',
      messages: 'New messages on your collaborations:',
      conversation: (n: number, t: string) => `${n} new ${n === 1 ? 'message' : 'messages'} on ${t || 'a collaboration'}`,
      onlyMessages: `${weekly ? 'This week' : 'Today'} on Brobygge: new messages`,
    },
  }[locale];
  const base = ctx.publicUrl.replace(/\/$/, '');
  const fitting = items.filter((i) => i.kind !== 'conversation');
  const conversations = items.filter((i) => i.kind === 'conversation');
  const lines = fitting.map((i) => `• ${i.kind === 'request' ? w.request : w.offer}: ${i.title} — ${i.organization}`);
  const talk = conversations.map((i) => `• ${w.conversation(Number(i.count ?? 0), i.title)}: ${base}/matches/${encodeURIComponent(i.id)}/messages`);
  return {
    subject: fitting.length || more > 0 ? w.subject : w.onlyMessages,
    paragraphs: [...(conversations.length ? [w.messages, talk.join('\n')] : []), ...(fitting.length ? [w.intro, lines.join('\n')] : []), ...(more > 0 ? [w.more] : [])],
    link: { label: w.link, url: `${base}/` },
  };
};
