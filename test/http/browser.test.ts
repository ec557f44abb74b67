// The pages for people in a real headless Chromium: they render, every link resolves, the embed works
// in another site's iframe and refreshes itself with conditional requests, and screenshots at desktop
// and phone sizes, light and dark, are saved under test-output/screenshots/ for a person to look at.
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/index.ts';
import type { Story } from '../../src/domain/index.ts';
import { fileStoriesAt, startTestApp, testConfig, type TestApp } from './test-app.ts';

// Debian's chromium package; CHROMIUM_PATH points elsewhere on other systems.
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = new URL('../../test-output/screenshots/', import.meta.url);
const MINUTE = 60_000;
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

const SOURCES = [
  ['tass', 'TASS'],
  ['ria', 'RIA Novosti'],
  ['bbc', 'BBC News'],
  ['aljazeera', 'Al Jazeera'],
  ['nhk', 'NHK World'],
  ['xinhua', 'Xinhua'],
  ['abc-au', 'ABC News (Australia)'],
  ['dw', 'DW'],
  ['france24', 'France 24'],
  ['yonhap', 'Yonhap'],
] as const;

// [minutes ago, source, headline, countries, regions besides world, other outlets, lead]
type Line = [number, string, string, string[], string[], string[], string];
const NEWS: Line[] = [
  [
    4,
    'tass',
    'Kremlin says grain corridor talks with Ankara will resume next week',
    ['RU', 'TR'],
    ['russia', 'europe', 'middle-east'],
    ['ria', 'aljazeera'],
    'Presidential spokesman Dmitry Peskov said delegations would meet in Istanbul to discuss shipping guarantees for Black Sea ports.',
  ],
  [
    12,
    'nhk',
    'Typhoon Shanshan makes landfall in southern Kyushu; 250,000 told to evacuate',
    ['JP'],
    ['asia-pacific'],
    ['yonhap', 'xinhua', 'abc-au'],
    'The Japan Meteorological Agency issued its highest warning for Kagoshima as winds of up to 250 km/h hit the coast.',
  ],
  [
    26,
    'bbc',
    'UK and France agree joint patrols in the Channel',
    ['GB', 'FR'],
    ['europe'],
    [],
    'Interior ministers signed the agreement in Calais, adding officers and drones along the northern French coast.',
  ],
  [
    38,
    'aljazeera',
    'Qatar hosts new round of Gaza ceasefire talks',
    ['QA', 'IL', 'PS'],
    ['middle-east'],
    ['france24', 'bbc', 'dw'],
    'Mediators from Qatar, Egypt and the United States met negotiators in Doha for a third day.',
  ],
  [
    51,
    'xinhua',
    "China's factory activity expands for a third straight month",
    ['CN'],
    ['asia-pacific'],
    ['abc-au'],
    "The official purchasing managers' index rose to 50.8 in November, above analysts' forecasts.",
  ],
  [
    80,
    'ria',
    'Кремль прокомментировал переговоры по зерновой сделке',
    ['RU'],
    ['russia', 'europe'],
    [],
    'Пресс-секретарь президента заявил, что переговоры продолжатся на следующей неделе.',
  ],
  [
    130,
    'abc-au',
    'Sydney ferries return to service after week-long strike',
    ['AU'],
    ['asia-pacific'],
    [],
    'Services on all routes resumed on Monday morning after the union accepted a revised pay offer.',
  ],
  [
    185,
    'yonhap',
    'Seoul and Tokyo agree to resume shuttle diplomacy',
    ['KR', 'JP'],
    ['asia-pacific'],
    ['nhk'],
    "The two leaders will visit each other's capitals at least once a year, their foreign ministries said.",
  ],
  [
    270,
    'dw',
    "Germany's coalition agrees on budget after marathon talks",
    ['DE'],
    ['europe'],
    ['france24'],
    'The three parties settled their dispute over spending after talks that lasted through the night in Berlin.',
  ],
  [
    330,
    'france24',
    'French farmers block motorways around Paris',
    ['FR'],
    ['europe'],
    [],
    'Tractors blocked the A1, A4 and A6 motorways as farmers protested against falling prices.',
  ],
  [
    400,
    'tass',
    'Russian central bank holds key rate at 16%',
    ['RU'],
    ['russia', 'europe'],
    ['ria'],
    'The Bank of Russia said inflation was slowing but remained above its 4% target.',
  ],
  [
    490,
    'aljazeera',
    'Iran and Saudi Arabia reopen consulates in Mashhad and Jeddah',
    ['IR', 'SA'],
    ['middle-east'],
    [],
    'Diplomats from both countries attended the ceremonies, the first since relations were restored.',
  ],
  [
    560,
    'xinhua',
    'Chengdu marathon draws 35,000 runners',
    ['CN'],
    ['asia-pacific'],
    [],
    'Runners from 40 countries took part in the race, which finished at the Sichuan provincial stadium.',
  ],
  [
    1620,
    'bbc',
    'AT&T & <NTT> sign transpacific cable deal',
    ['US', 'JP'],
    ['asia-pacific'],
    [],
    'The companies will build a 9,000 km cable linking California and Chiba by 2028.',
  ],
  [
    2900,
    'nhk',
    "Japan's cabinet approves record defence budget",
    ['JP'],
    ['asia-pacific'],
    [],
    'The draft budget for the next fiscal year includes a 9% rise in defence spending.',
  ],
  [
    4400,
    'tass',
    'Russia and Japan hold talks on Kuril Islands fishing quotas',
    ['RU', 'JP'],
    ['russia', 'asia-pacific'],
    ['nhk'],
    'Officials met in Moscow to set catch limits for Japanese boats in waters near the disputed islands.',
  ],
];

function demoConfig(): Config {
  const base = testConfig();
  const region = (id: string, title: string, description: string, countries: string[]) => ({
    id,
    title,
    description,
    countries: new Set(countries),
    everything: countries.length === 0,
    includeKeywords: [],
    excludeKeywords: [],
  });
  return {
    ...base,
    regions: [
      region('world', 'World', 'Every story, from every wire', []),
      region('europe', 'Europe', 'Europe, from the Atlantic to the Urals', ['GB', 'FR', 'DE', 'UA', 'PL', 'IT', 'ES', 'RU', 'TR']),
      region('russia', 'Russia', 'Stories about Russia', ['RU']),
      region('middle-east', 'Middle East', 'The Gulf, the Levant, Iran and Turkey', ['IL', 'PS', 'IR', 'SA', 'QA', 'AE', 'TR', 'EG']),
      region('asia-pacific', 'Asia-Pacific', 'East, South-East and South Asia and Oceania', ['JP', 'CN', 'KR', 'AU', 'NZ', 'IN']),
    ],
    sources: SOURCES.map(([id, title]) => ({
      id,
      title,
      url: `https://${id}.example/rss`,
      language: 'en',
      defaultCountries: [],
      defaultRegions: [],
      pollIntervalMinutes: 10,
    })),
  };
}

/** The demo news, dated relative to `now`, linking to pages of `publisher` (so that every link can be fetched). */
function demoStories(publisher: string, now: number, lines: Line[] = NEWS): Story[] {
  return lines.map(([ago, sourceId, title, countries, regions, others, lead], n) => {
    const published = new Date(now - ago * MINUTE).toISOString();
    const id = `${sourceId}-${n}`;
    return {
      id,
      item: {
        id,
        sourceId,
        title,
        published,
        link: `${publisher}/${sourceId}/${n}`,
        url: `${publisher}/${sourceId}/${n}`,
        summary: lead,
        categories: [],
        enclosures: [],
        ...(sourceId === 'ria' ? { language: 'ru' } : {}),
        // One story its publisher did not date: the page says when wirefeed first saw it.
        ...(ago === 560 ? { dateFallback: 'first-seen' as const } : {}),
      },
      countries,
      regions: ['world', ...regions],
      evidence: [],
      copies: others.map((other, k) => ({
        itemId: `${other}-${n}`,
        sourceId: other,
        link: `${publisher}/${other}/${n}`,
        published: new Date(now - (ago - k - 1) * MINUTE).toISOString(),
      })),
      firstSeen: published,
    };
  });
}

/** A news site of its own origin: every article path is a page, and /sidebar frames a URL given as ?src=. */
async function startPublisher(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    if (url.pathname !== '/sidebar') return response.end('<!doctype html><title>article</title><p>An article.');
    const src = (url.searchParams.get('src') ?? '').replaceAll('"', '&quot;');
    response.end(`<!doctype html><meta name="viewport" content="width=device-width"><title>Daily News</title>
<body style="margin:0;font-family:serif;display:flex;gap:24px;padding:24px;background:#fff;color:#111">
<article style="flex:1"><h1>Daily News</h1><p>The site's own article column.</p></article>
<iframe src="${src}" title="Headlines" width="320" height="480" style="border:0" loading="lazy"></iframe></body>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let app: TestApp;
let publisher: Awaited<ReturnType<typeof startPublisher>>;
let browser: Browser;
beforeAll(async () => {
  publisher = await startPublisher();
  app = await startTestApp({ config: demoConfig(), stories: demoStories(publisher.url, Date.now()) });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await publisher?.close();
});

async function openPage(path: string, options: { size?: keyof typeof SIZES; dark?: boolean; javaScript?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: SIZES[options.size ?? 'desktop'],
    colorScheme: options.dark ? 'dark' : 'light',
    javaScriptEnabled: options.javaScript ?? false,
  });
  const page = await context.newPage();
  const response = await page.goto(`${app.baseUrl}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

/** Every URL a page links to or loads from its head, resolved against the page. */
async function linksOf(page: Page): Promise<string[]> {
  return page.locator('a[href], link[href]').evaluateAll((links) => links.map((link) => (link as unknown as { href: string }).href));
}

describe('the pages in Chromium', () => {
  it('shows every region on / with its headlines, outlets, times, countries and subscribe buttons', async () => {
    const page = await openPage('/');
    expect(await page.title()).toBe('wirefeed');
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['World', 'Europe', 'Russia', 'Middle East', 'Asia-Pacific']);
    const asia = page.getByRole('region', { name: 'Asia-Pacific' });
    const typhoon = asia.getByRole('listitem').filter({ hasText: 'Typhoon Shanshan' });
    await expect.poll(() => typhoon.locator('time').textContent()).toBe('12 min ago');
    expect(await typhoon.locator('.source').textContent()).toBe('NHK World');
    expect(await typhoon.locator('time').getAttribute('title')).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);
    expect(await typhoon.getByRole('list', { name: 'Countries' }).getByRole('link').allTextContents()).toEqual(['Japan']);
    expect(await typhoon.locator('.also').textContent()).toBe('Also reported by 3 outlets: Yonhap, Xinhua, ABC News (Australia)');
    expect(await asia.getByRole('list', { name: 'Subscribe to Asia-Pacific' }).getByRole('link').allTextContents()).toEqual(['RSS', 'Atom', 'JSON Feed']);
    const alternates = await page.locator('link[rel="alternate"]').evaluateAll((links) => links.map((l) => l.getAttribute('type')));
    expect(alternates).toHaveLength(5 * 3);
    await page.context().close();
  });

  it("leads from a story's country to the country page, which offers its feeds", async () => {
    const page = await openPage('/regions/asia-pacific');
    // A headline with & and < shows as the text it is.
    expect(await page.getByRole('heading', { name: 'AT&T & <NTT> sign transpacific cable deal', exact: true }).count()).toBe(1);
    await page.getByRole('listitem').filter({ hasText: 'Typhoon Shanshan' }).getByRole('link', { name: 'Japan' }).click();
    await page.waitForURL(`${app.baseUrl}/countries/jp`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Japan');
    await page.getByRole('list', { name: 'Subscribe to Japan' }).getByRole('link', { name: 'JSON Feed' }).click();
    await page.waitForURL(`${app.baseUrl}/feeds/country/jp.json`);
    const feed = JSON.parse((await page.locator('body').innerText()).trim());
    expect(feed.items[0].title).toBe('Typhoon Shanshan makes landfall in southern Kyushu; 250,000 told to evacuate');
    await page.context().close();
  });

  it('resolves every link of /, a region page, a country page and the embed (200 each)', async () => {
    const hrefs = new Set<string>();
    for (const path of ['/', '/regions/asia-pacific', '/countries/jp', '/embed/europe']) {
      const page = await openPage(path);
      for (const href of await linksOf(page)) hrefs.add(href.replace(/#.*$/, ''));
      await page.context().close();
    }
    expect(hrefs.size).toBeGreaterThan(40);
    const failed: string[] = [];
    for (const href of hrefs) {
      const response = await fetch(href);
      await response.arrayBuffer();
      if (response.status !== 200) failed.push(`${response.status} ${href}`);
    }
    expect(failed).toEqual([]);
  });

  it('break no rule of their own Content-Security-Policy (styles, the embed script and its fetch all allowed)', async () => {
    const refused: string[] = [];
    for (const path of ['/', '/regions/asia-pacific', '/countries/jp', '/embed/europe']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(`${path}: ${message.text()}`);
      });
      await page.goto(`${app.baseUrl}${path}`);
      // Styled as the stylesheet says: an inline style the policy refused would leave the browser's default margin.
      expect(await page.evaluate('getComputedStyle(document.body).margin')).toBe('0px');
      await context.close();
    }
    expect(refused).toEqual([]);
  });

  it('draws the favicon, as an icon and as SVG', async () => {
    // Chromium titles an image it decoded with its size; one it cannot decode is not titled so.
    const ico = await openPage('/favicon.ico');
    expect(await ico.title()).toBe('favicon.ico (32×32)');
    const svg = await openPage('/favicon.svg');
    expect(await svg.locator('svg circle').count()).toBe(1);
    await Promise.all([ico.context().close(), svg.context().close()]);
  });

  it('saves screenshots of /, a region page and a country page at desktop and phone sizes, light and dark', async () => {
    for (const [name, path] of [
      ['home', '/'],
      ['region', '/regions/asia-pacific'],
      ['country', '/countries/jp'],
    ] as const) {
      for (const size of ['desktop', 'phone'] as const) {
        for (const dark of [false, true]) {
          const page = await openPage(path, { size, dark });
          // Nothing is wider than the screen: a phone reader never scrolls sideways.
          expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(SIZES[size].width);
          await page.screenshot({ path: new URL(`${name}-${size}-${dark ? 'dark' : 'light'}.png`, SCREENSHOTS).pathname, fullPage: true });
          await page.context().close();
        }
      }
    }
  });
});

describe("the embed in another site's iframe", () => {
  it('renders in the frame, light and dark, while the other pages refuse to be framed', async () => {
    for (const dark of [false, true]) {
      const context = await browser.newContext({ viewport: { width: 760, height: 540 }, colorScheme: dark ? 'dark' : 'light' });
      const page = await context.newPage();
      await page.goto(`${publisher.url}/sidebar?src=${encodeURIComponent(`${app.baseUrl}/embed/europe`)}`);
      const frame = page.frameLocator('iframe');
      await expect.poll(() => frame.locator('#stories li').count()).toBe(6);
      expect(await frame.locator('header a').textContent()).toBe('Europe');
      expect(await frame.locator('#stories a').first().getAttribute('target')).toBe('_blank');
      await page.screenshot({ path: new URL(`embed-sidebar-${dark ? 'dark' : 'light'}.png`, SCREENSHOTS).pathname });
      await context.close();
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
    await page.goto(`${publisher.url}/sidebar?src=${encodeURIComponent(`${app.baseUrl}/`)}`);
    await refused;
    await context.close();
  });

  it('asks again every 5 minutes with If-None-Match: 304 while nothing changed, the new list when a story arrives', async () => {
    // Stories days old, so their wording ("2 days ago") cannot change while the test runs.
    const now = Date.now();
    const quiet = await startTestApp({
      config: demoConfig(),
      stories: demoStories(
        publisher.url,
        now,
        NEWS.map(([ago, ...rest]) => [ago + 3 * 24 * 60, ...rest]),
      ),
    });
    try {
      const embedUrl = `${quiet.baseUrl}/embed/russia`;
      const context = await browser.newContext();
      await context.clock.install();
      const page = await context.newPage();
      const polls: { status: number; ifNoneMatch: string | undefined; etag: string | undefined }[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'fetch') return;
        polls.push({ status: response.status(), ifNoneMatch: response.request().headers()['if-none-match'], etag: response.headers()['etag'] });
      });
      await page.goto(`${publisher.url}/sidebar?src=${encodeURIComponent(embedUrl)}`);
      const list = page.frameLocator('iframe').locator('#stories li');
      await expect.poll(() => list.count()).toBe(4);
      const poll = async (count: number) => {
        await context.clock.runFor(5 * MINUTE);
        await expect.poll(() => polls.length).toBe(count);
      };
      await poll(1);
      await poll(2);
      expect(polls[1]).toMatchObject({ status: 304, ifNoneMatch: polls[0]?.etag });

      const [breaking] = demoStories(`${publisher.url}/breaking`, Date.now(), [
        [0, 'tass', 'Breaking: Moscow announces prisoner exchange', ['RU'], ['russia'], [], 'Lead.'],
      ]);
      if (!breaking) throw new Error('no breaking story');
      await fileStoriesAt(quiet.store, [{ ...breaking, id: 'breaking', item: { ...breaking.item, id: 'breaking' } }], new Date());
      await poll(3);
      expect(polls[2]).toMatchObject({ status: 200, ifNoneMatch: polls[0]?.etag });
      await expect.poll(() => list.first().textContent()).toMatch(/^Breaking: Moscow announces prisoner exchangeTASS · just now$/);
      expect(await list.count()).toBe(5);
      await context.close();
    } finally {
      await quiet.close();
    }
  });
});
