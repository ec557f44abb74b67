import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAtom, renderRss, type FeedView } from '../../src/render/index.ts';
import { hasValidator, validateFeed } from '../support/w3c-validator.ts';
import { fixtureView } from './fixture-stories.ts';
import { sampleView } from './sample-stories.ts';
import { trickyView } from './tricky-stories.ts';

const views: Record<string, () => FeedView> = {
  'the sample stories': sampleView,
  'tricky stories (no summary, no author, audio, non-Latin, undated, no link; paging, hub, icon, ttl)': () => trickyView(),
  "real publishers' stories (the parse fixtures, parsed, normalized and sanitized)": () => fixtureView(),
  'no stories': () => ({ ...trickyView([]), next: undefined, hub: undefined, iconUrl: undefined, language: undefined }),
};
const renderers = { rss: renderRss, atom: renderAtom } as const;

describe.runIf(hasValidator)('W3C Feed Validator (runs only where ../shared/tools/validate-feed and /usr/bin/python3 with lxml and html5lib exist)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wirefeed-validate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const validate = (name: string, body: string, selfUrl: string) => validateFeed(dir, name, body, selfUrl);

  for (const [label, makeView] of Object.entries(views)) {
    for (const [format, render] of Object.entries(renderers)) {
      it(`${format} of ${label} is valid with no error and no warning`, { timeout: 30_000 }, async () => {
        const view = makeView();
        const fileName = `${label.split(' ')[0]}-${label.length}.${format}`;
        expect(await validate(fileName, render(view), view.selfUrls[format as 'rss' | 'atom'])).toBe('valid');
      });
    }
  }

  it('reports a name in an RSS <author>, so a "valid" above is the validator speaking', { timeout: 30_000 }, async () => {
    const view = sampleView();
    const broken = renderRss(view).replace('<dc:creator>Ivan Petrov</dc:creator>', '<author>Ivan Petrov</author>');
    expect(await validate('broken.rss', broken, view.selfUrls.rss)).toMatch(/^error: .*Invalid email address/m);
  });
});
