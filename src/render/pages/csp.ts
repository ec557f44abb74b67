import { createHash } from 'node:crypto';
import { PAGE_CSS } from '../index-css.ts';
import { EMBED_CSS, EMBED_SCRIPT } from './embed-assets.ts';

function hashOf(inline: string): string {
  return `'sha256-${createHash('sha256').update(inline, 'utf8').digest('base64')}'`;
}

/** Content-Security-Policy of the HTML pages: their one inline stylesheet and same-origin images, nothing else; never framed. */
export const PAGE_CSP = `default-src 'none'; style-src ${hashOf(PAGE_CSS)}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/**
 * Content-Security-Policy of the embed: its inline stylesheet and script, fetches of its own origin.
 * No frame-ancestors: any site may frame it, which is its purpose.
 */
export const EMBED_CSP = `default-src 'none'; style-src ${hashOf(EMBED_CSS)}; script-src ${hashOf(EMBED_SCRIPT)}; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'`;
