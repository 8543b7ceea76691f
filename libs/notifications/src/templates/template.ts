import type { Locale } from '@brobygge/core';
import { escapeHtml } from './escape';

export interface RenderContext {
  publicUrl: string;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** The message without the link and signature, for the in-app notification. */
  body: string;
  link: string | null;
}

/** What one locale of a template says: a subject, paragraphs, and an optional link. */
export interface Wording {
  subject: string;
  paragraphs: string[];
  link?: { label: string; url: string };
}

export type Template = (payload: Record<string, unknown>, locale: Locale, ctx: RenderContext) => Wording;

/** One layout for every e-mail: plain text and HTML carry the same words. */
export function layout(w: Wording): Rendered {
  const text = [...w.paragraphs, ...(w.link ? [`${w.link.label}: ${w.link.url}`] : []), '', '— Brobygge'].join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    ...w.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    w.link ? `<p><a href="${escapeHtml(w.link.url)}">${escapeHtml(w.link.label)}</a></p>` : '',
    '<p style="color:#666">— Brobygge</p></body></html>',
  ].join('\n');
  return { subject: w.subject, text, html, body: w.paragraphs.join('\n\n'), link: w.link?.url ?? null };
}
