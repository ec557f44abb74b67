import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { dedupeCommand } from '../../src/cli/dedupe.ts';

interface Line {
  id: string;
  title: string;
  body: string;
  url?: string;
  source?: string;
  published: string;
}

async function run(lines: (Line | string)[], windowHours = 72) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdin.end(lines.map((l, i) => (typeof l === 'string' ? l : JSON.stringify({ url: `https://w.example/${i}`, source: 'wire', ...l }))).join('\n'));
  const [code, out, err] = await Promise.all([
    dedupeCommand([], { stdin, stdout, stderr }, { windowHours }).finally(() => {
      stdout.end();
      stderr.end();
    }),
    text(stdout),
    text(stderr),
  ]);
  return {
    code,
    out: out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; duplicateOf: string | null }),
    err,
  };
}

const LEAD =
  'Harbor Mills Corp said it agreed to buy the flour milling unit of Pell Grain Co for 42 mln dlrs in cash, ' +
  'adding four plants in Kansas and Nebraska to its network of eleven mills.';
const SECOND = 'The company said the purchase would be financed from existing credit lines and should close by the end of June.';
const THIRD = 'Pell Grain said it would use the proceeds to cut debt and to expand its rice export business in Texas.';
const ORIGINAL: Line = {
  id: 'w1',
  title: 'HARBOR MILLS <HMC> TO BUY PELL GRAIN MILLING UNIT',
  body: `KANSAS CITY, April 7 - ${LEAD.replace('Harbor Mills Corp', 'U.S.-based Harbor Mills Corp')}\n    ${SECOND}\n    ${THIRD}\n Reuter`,
  published: '2026-04-07T14:00:00Z',
};
const at = (hours: number) => new Date(Date.parse(ORIGINAL.published) + hours * 3_600_000).toISOString();

describe('dedupeCommand finds copies despite outlet edits', () => {
  const copies: [string, Line][] = [
    [
      'a recased headline with an outlet suffix, a trimmed lead and a credits line',
      {
        id: 'c1',
        source: 'outlet-a',
        published: at(2),
        title: 'Harbor Mills to Buy Pell Grain Milling Unit | Outlet A',
        body: `<p>KANSAS CITY, April 7 (Reuters) — ${LEAD}</p><p class="credit">(Reporting by Ana Ruiz; Editing by Tom Lee)</p>`,
      },
    ],
    [
      'HTML wrappers, smart quotes, spelled-out shorthand and a copyright line',
      {
        id: 'c2',
        source: 'outlet-b',
        published: at(5),
        title: 'Harbor Mills to buy Pell Grain milling unit - Reuters',
        body: `<div><img src="x.jpg" alt="mill"><p>${LEAD.replace('42 mln dlrs', '42 million dollars')}</p><p>${SECOND.replace('company said', 'company\u2019s chief said')}</p><p>${THIRD}</p><p>\u00a9 2026 Outlet B. This article may not be republished without permission.</p></div>`,
      },
    ],
    [
      'an "UPDATE 1-" re-issue by the same source with a new id and no dateline',
      {
        id: 'c3',
        source: 'wire',
        published: at(30),
        title: 'UPDATE 1-HARBOR MILLS <HMC> TO BUY PELL GRAIN MILLING UNIT',
        body: `${LEAD}\n${SECOND}\n${THIRD}\nReuter`,
      },
    ],
    [
      'a small correction: one figure changed and a note',
      {
        id: 'c4',
        source: 'outlet-c',
        published: at(8),
        title: 'Harbor Mills to Buy Pell Grain Milling Unit',
        body: `(Corrects figure in paragraph 2)\nKANSAS CITY, April 7 - ${LEAD}\n${SECOND.replace('end of June', 'end of July')}\n${THIRD}`,
      },
    ],
    [
      'an outlet page wrapped in main, abbr and mark, spelling "U.S.-based" as "US-based"',
      {
        id: 'c5',
        source: 'outlet-e',
        published: at(3),
        title: 'Harbor Mills to buy Pell Grain milling unit',
        body: `<main><article><abbr title="Kansas City">KANSAS CITY</abbr>, April 7 (Reuters) - <mark>${LEAD.replace('Harbor Mills Corp', 'US-based Harbor Mills Corp')}</mark></article></main>`,
      },
    ],
    [
      'a word-for-word re-issue the next day, its dateline moved on a day',
      {
        id: 'c6',
        source: 'wire',
        published: at(20),
        title: ORIGINAL.title,
        body: ORIGINAL.body.replace('April 7', 'April 8'),
      },
    ],
  ];
  it.each(copies)('%s', async (_name, copy) => {
    const { code, out } = await run([ORIGINAL, copy]);
    expect(code).toBe(0);
    expect(out).toEqual([
      { id: 'w1', duplicateOf: null },
      { id: copy.id, duplicateOf: 'w1' },
    ]);
  });

  it('links to the story even past the first copy, and tracking parameters do not matter', async () => {
    const { out } = await run([
      { ...ORIGINAL, url: 'https://w.example/harbor' },
      { ...ORIGINAL, id: 'again', source: 'outlet-d', url: 'https://w.example/harbor?utm_source=rss', published: at(1) },
    ]);
    expect(out[1]).toEqual({ id: 'again', duplicateOf: 'w1' });
  });
});

describe('dedupeCommand keeps look-alike stories apart', () => {
  const earnings = (id: string, company: string, figures: [string, string, string], hour: number): Line => ({
    id,
    title: `${company.toUpperCase()} 1ST QTR NET`,
    published: at(hour),
    body: `CHICAGO, April 7 - Shr ${figures[0]} cts vs ${figures[1]} cts\n    Net ${figures[2]} vs 1,200,000\n    Revs 14.1 mln vs 12.9 mln\n Reuter`,
  });

  it('earnings tables of two companies', async () => {
    const { out } = await run([earnings('e1', 'Alder Tool Inc', ['10', '12', '980,000'], 0), earnings('e2', 'Birch Paper Co', ['31', '27', '2,400,000'], 1)]);
    expect(out.map((o) => o.duplicateOf)).toEqual([null, null]);
  });

  it('dividend notices of two companies whose bodies are word for word the same', async () => {
    const notice = (id: string, headline: string, hour: number): Line => ({
      id,
      title: headline,
      published: at(hour),
      body: 'CHICAGO, April 7 - Qtly div 10 cts vs 10 cts prior\n Pay May 1\n Record April 15\n Reuter',
    });
    const { out } = await run([notice('d1', 'ALDER TOOL <ATI> SETS QUARTERLY DIVIDEND', 0), notice('d2', 'BIRCH PAPER <BPC> SETS QUARTERLY DIVIDEND', 1)]);
    expect(out.map((o) => o.duplicateOf)).toEqual([null, null]);
  });

  it('a daily report the next day, with new figures under the same headline', async () => {
    const daily = (id: string, day: number, figures: [string, string]): Line => ({
      id,
      title: 'TAIWAN ISSUES MORE CERTIFICATES OF DEPOSITS',
      published: at((day - 7) * 24),
      body: `TAIPEI, April ${day} - The central bank issued ${figures[0]} billion dlrs worth of certificates of deposits (CDs), bringing the value of CDs issued so far this year to ${figures[1]} billion dlrs, a bank spokesman said. The new CDs have maturities of six months to two years and carry interest rates of 4.05 to 5.25 pct.\n Reuter`,
    });
    const { out } = await run([daily('t1', 7, ['5.65', '215.22']), daily('t2', 8, ['4.10', '219.32'])]);
    expect(out.map((o) => o.duplicateOf)).toEqual([null, null]);
  });

  it('a same-day story on the same subject and a next-day follow-up', async () => {
    const sameDay: Line = {
      id: 's1',
      published: at(3),
      title: 'PELL GRAIN SHARES RISE ON HARBOR MILLS DEAL',
      body: 'NEW YORK, April 7 - Shares of Pell Grain Co rose 2-1/4 to 31 after Harbor Mills Corp agreed to buy its flour milling unit, traders said, as analysts called the price of 42 mln dlrs generous for a business with thin margins.\n Reuter',
    };
    const followUp: Line = {
      id: 'f1',
      published: at(26),
      title: 'HARBOR MILLS <HMC> TO BUY PELL GRAIN MILLING UNIT',
      body: `KANSAS CITY, April 8 - Harbor Mills Corp said it completed financing for its purchase of the flour milling unit of Pell Grain Co, a day after it announced the 42 mln dlr deal, and named a new head for the four plants.\n Reuter`,
    };
    const { out } = await run([ORIGINAL, sameDay, followUp]);
    expect(out.map((o) => o.duplicateOf)).toEqual([null, null, null]);
  });

  it('a copy outside the window starts a story of its own', async () => {
    const late = { ...ORIGINAL, id: 'late', source: 'outlet-a', url: 'https://a.example/late', published: at(80) };
    const { out } = await run([ORIGINAL, late]);
    expect(out[1]).toEqual({ id: 'late', duplicateOf: null });
  });
});

describe('dedupeCommand input', () => {
  it('answers a malformed line in place and exits 1', async () => {
    const { code, out, err } = await run([ORIGINAL, '{"id": "x", ', { ...ORIGINAL, id: 'w2', url: 'https://w.example/w2' }]);
    expect(code).toBe(1);
    expect(out).toEqual([
      { id: 'w1', duplicateOf: null },
      { id: null, duplicateOf: null },
      { id: 'w2', duplicateOf: 'w1' },
    ]);
    expect(err).toMatch(/^dedupe: line 2: /);
  });
});
