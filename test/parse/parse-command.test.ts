import { fileURLToPath, pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/parse.ts';

const NOW = new Date('2026-03-01T12:00:00Z');

function fixturePath(path: string): string {
  return fileURLToPath(new URL(`../fixtures/feeds/${path}`, import.meta.url));
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await parseCommand(args, { stdout, stderr }, NOW);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

describe('wirefeed parse', () => {
  it('prints the feed and its normalized items as JSON', async () => {
    const file = fixturePath('atom/feed-rs__relative-urls.atom');
    const { code, stdout, stderr } = await run([file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.feed).toEqual({ title: 'Example Feed with Relative URLs', link: '/blog/', format: 'atom', warnings: [] });
    expect(output.items).toEqual([
      expect.objectContaining({
        // Relative links resolve against the file:// URL when the feed's own link is relative too.
        link: new URL('/blog/2003/12/13/atom03', pathToFileURL(file)).href,
        sourceId: 'feed-rs__relative-urls',
        guid: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
        title: 'Atom-Powered Robots Run Amok',
        published: '2003-12-13T18:30:02.000Z',
        summary: 'Some text.',
        author: 'Jane Doe',
        language: 'und',
      }),
    ]);
    expect(output.items[0].id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('exits 1 with a clear message on a document that is not a feed', async () => {
    const { code, stdout, stderr } = await run([fixturePath('malformed/newsboat__empty.xml')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^wirefeed parse: .*newsboat__empty\.xml: parse: empty document at file:\/\/.*newsboat__empty\.xml \[empty\]\n$/);
  });

  it('prints the class of a recognised document it does not read', async () => {
    const { code, stdout, stderr } = await run([fixturePath('unsupported/subscriptions.opml')]);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(
      /^wirefeed parse: .*subscriptions\.opml: parse: unsupported document \(an OPML outline, which lists feeds: add the feeds it lists as sources\) at file:\/\/.*subscriptions\.opml \[unsupported\]\n$/,
    );
  });

  it('exits 2 with usage when no file is given', async () => {
    expect(await run([])).toEqual({ code: 2, stdout: '', stderr: 'usage: wirefeed parse FILE\n' });
  });
});
