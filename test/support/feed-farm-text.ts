// The texts a feed farm serves (see feed-farm.ts): wire stories drawn from a generator seeded by
// their key, so different stories read nothing alike and the same key always reads the same.
import { createHash } from 'node:crypto';

const WORDS = `account action advice agency airport answer approach area army audit bank barrier basis battle
  beach board border bridge budget building cabinet campaign capital cargo ceiling chamber charge circuit
  claim climate coast coalition column committee company contract council court credit crop current damage
  debate debt decision defence deficit delegate demand deposit desk detail dispute district draft drought
  effort election energy engine estate evidence exchange export factory failure farm ferry figure finance
  fleet flood forecast forest fund garrison grain grant growth harbor harvest health highway hospital
  household income index industry inquiry interest island journal judge labour ladder lawmaker leader
  lending license loan lumber majority margin market measure merger mill minister mission motion network
  notice office operator orchard output panel parliament partner patrol payment pension permit pipeline
  plant platform pledge police policy port poverty power premium price program project protest province
  quarter railway rally ranch rate reactor record reform refinery region relief report reserve resort
  revenue review rival route ruling salary sample schedule school season sector senate session settlement
  shipment shortage signal site slope society speaker spending stadium station steel strike subsidy supply
  surplus survey tariff tax teacher terminal tender textile timber tower trade traffic transit treasury
  treaty tribunal tunnel union valley vendor vessel village visa vote wage warehouse water weather wheat
  yard yield agreed announced approved blocked boosted called cancelled cited closed cut delayed denied
  doubled eased expanded extended faced filed halted hired lifted lowered named opened ordered paused
  posted raised rejected renewed reopened restored revised rose seized signed slowed sought stalled
  suspended tightened urged voted warned widened amid after before despite during over under within
  against across toward beyond early late new rural urban coastal northern southern eastern western
  annual weekly sharp modest steady fragile narrow broad formal joint`.split(/\s+/);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DATELINES = ['MOSCOW', 'TOKYO', 'BERLIN', 'PARIS', 'CAIRO', 'NAIROBI', 'BRASILIA', 'OTTAWA', 'CANBERRA', 'NEW DELHI', 'MADRID', 'SEOUL'];

/** The text of one wire story, drawn from a generator seeded by its key: other keys read nothing alike. */
interface StoryText {
  title: string;
  lead: string[];
  body: string[];
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/**
 * xoshiro128**, its 128-bit state from the key's hash: unsigned 32-bit draws. A 32-bit generator
 * (mulberry32) is not enough here: among 200,000 stories, thousands of pairs drew overlapping runs of
 * one cycle, so one story's words were another's shifted by a few, and dedupe rightly merged some.
 */
export function seededRandom(key: string): () => number {
  const digest = createHash('sha256').update(key).digest();
  let [a, b, c, d] = [0, 4, 8, 12].map((offset) => digest.readInt32LE(offset)) as [number, number, number, number];
  if ((a | b | c | d) === 0) a = 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
}

function storyText(key: string, published: Date): StoryText {
  const draw = seededRandom(key);
  const capital = (text: string) => text[0]?.toUpperCase() + text.slice(1);
  const words = (min: number) => {
    let text = WORDS[draw() % WORDS.length] as string;
    while (text.length < min) text += ` ${WORDS[draw() % WORDS.length] as string}`;
    return text;
  };
  const sentences = (chars: number) => {
    const out: string[] = [];
    for (let length = 0; length < chars; length += (out.at(-1)?.length ?? 0) + 1) out.push(`${capital(words(60 + (draw() % 60)))}.`);
    return out;
  };
  const dateline = DATELINES[draw() % DATELINES.length] as string;
  const day = `${MONTHS[published.getUTCMonth()]} ${published.getUTCDate()}`;
  const lead = sentences(260);
  lead[0] = `${dateline}, ${day} (Farm Wire) - ${lead[0]}`;
  return { title: capital(words(74)), lead, body: sentences(1150) };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const titleCase = (text: string) => text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());

/** Which near copy an item is: variant 0 as filed, 1 with an outlet's suffix, 2 recased with its last sentence cut. */
export interface NearCopy {
  story: number;
  variant: number;
  /** The story's dateline date, the same in every copy. */
  filed: Date;
}

/** One `<item>` of feed `feed`: its own guid and link, a near copy's text if it is one. */
export function itemXml(feed: number, seq: number, published: Date, near?: NearCopy): string {
  const text = near ? storyText(`near-${near.story}`, near.filed) : storyText(`feed-${feed}-${seq}`, published);
  const { lead } = text;
  let { title, body } = text;
  if (near && near.variant % 3 === 1) title = `${title} | Outlet ${feed}`;
  if (near && near.variant % 3 === 2) [title, body] = [titleCase(title), body.slice(0, -1)];
  const link = `https://farm-${feed}.example/news/${seq}.html`;
  const paragraphs = [lead.join(' ')];
  for (let i = 0; i < body.length; i += 3) paragraphs.push(body.slice(i, i + 3).join(' '));
  const content = paragraphs.map((paragraph) => `<p>${escapeXml(paragraph)}</p>`).join('\n');
  const enclosure = seq % 3 === 0 ? `\n<enclosure url="https://farm-${feed}.example/img/${seq}.jpg" length="${20_000 + seq}" type="image/jpeg"/>` : '';
  return `<item>
<title>${escapeXml(title)}</title>
<link>${link}</link>
<guid isPermaLink="false">farm-${feed}-${seq}</guid>
<pubDate>${published.toUTCString()}</pubDate>
<dc:creator>Reporter ${(feed + seq) % 97}</dc:creator>
<description>${escapeXml(lead.join(' '))}</description>
<content:encoded><![CDATA[${content}]]></content:encoded>${enclosure}
</item>`;
}

/** A feed document around its items. */
export function channelXml(feed: number, lastModified: Date, items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Farm ${feed}</title>
<link>https://farm-${feed}.example/</link>
<description>Deterministic test feed ${feed}</description>
<lastBuildDate>${lastModified.toUTCString()}</lastBuildDate>
${items.join('\n')}
</channel>
</rss>
`;
}
