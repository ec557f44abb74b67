// The index page in a real headless Chromium: headings render and a feed link leads to the feed.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test-app.ts';

// Debian's chromium package; CHROMIUM_PATH points elsewhere on other systems.
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  app = await startTestApp();
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the index page in Chromium', () => {
  it('shows every region and its JSON feed link leads to a feed listing the story', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const response = await page.goto(`${app.baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('wirefeed');
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['World', 'Russia', 'Asia-Pacific']);

    const russia = page.getByRole('region', { name: 'Russia' });
    await russia.getByRole('link', { name: 'JSON Feed' }).click();
    await page.waitForURL(`${app.baseUrl}/feeds/russia.json`);
    const feed = JSON.parse((await page.locator('body').innerText()).trim());
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.map((item: { title: string }) => item.title)).toEqual(['Kremlin comments on grain talks']);
  });
});
