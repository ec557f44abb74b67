import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAtom, renderRss, type FeedView } from '../../src/render/index.ts';
import { fixtureView } from './fixture-stories.ts';
import { sampleView } from './sample-stories.ts';
import { trickyView } from './tricky-stories.ts';

// The W3C Feed Validator (its MIT code and a wrapper) lives beside the repository in the shared tools,
// which a user's clone does not have; feed-rules.test.ts checks the same rules everywhere. The
// validator reads XML only (it answers "valid" to any input that is not XML), so JSON Feed is checked
// by jsonFeedProblems there, not here.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const validator = resolve(repoRoot, '../shared/tools/validate-feed');
const python = '/usr/bin/python3';
const hasValidator =
  existsSync(validator) && existsSync(python) && spawnSync(python, ['-c', 'import lxml, html5lib']).status === 0;

const run = promisify(execFile);

const views: Record<string, () => FeedView> = {
  'the sample stories': sampleView,
  'tricky stories (no summary, no author, audio, non-Latin, undated, no link; paging, hub, icon, ttl)': () => trickyView(),
  "real publishers' stories (the parse fixtures, parsed, normalized and sanitized)": () => fixtureView(),
  'no stories': () => ({ ...trickyView([]), next: undefined, hub: undefined, iconUrl: undefined, language: undefined }),
};
const renderers = { rss: renderRss, atom: renderAtom } as const;

describe.runIf(hasValidator)(
  'W3C Feed Validator (runs only where ../shared/tools/validate-feed and /usr/bin/python3 with lxml and html5lib exist)',
  () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'wirefeed-validate-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    // The file is validated as if fetched from its own self link, so the self link is checked too.
    async function validate(name: string, body: string, selfUrl: string): Promise<string> {
      const file = join(dir, name);
      await writeFile(file, body);
      try {
        return (await run(validator, [file, selfUrl])).stdout.trim();
      } catch (error) {
        return String((error as { stdout?: string }).stdout ?? error).trim();
      }
    }

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
  },
);
