import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { classifyCommand } from '../../src/cli/classify.ts';
import { loadConfig } from '../../src/config/index.ts';

async function run(input: string, args: string[] = []) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const { regions } = await loadConfig('config/feeds.yaml');
  stdin.end(input);
  const [code, out, err] = await Promise.all([
    classifyCommand(args, { stdin, stdout, stderr }, regions).finally(() => {
      stdout.end();
      stderr.end();
    }),
    text(stdout),
    text(stderr),
  ]);
  return {
    code,
    lines: out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
    err,
  };
}

describe('classifyCommand', () => {
  it('answers each line in order and keeps a malformed line in place', async () => {
    const input = [
      JSON.stringify({ id: 'a', title: 'Rates', body: 'TOKYO (Reuters) - The Bank of Japan held rates.' }),
      '{"id": "b", "title": ',
      JSON.stringify({ id: 'c', title: 'Plant closes', body: 'TROY, Mich. (Reuters) - A plant will close.' }),
    ].join('\n');
    const { code, lines, err } = await run(`${input}\n`);
    expect(lines).toEqual([
      { id: 'a', countries: ['JP'], regions: ['world', 'asia-pacific'] },
      { id: null, countries: [], regions: [] },
      { id: 'c', countries: ['US'], regions: ['world', 'americas'] },
    ]);
    expect(err).toMatch(/^classify: line 2: /);
    expect(code).toBe(1);
  });

  it('adds evidence on request and exits 0 when every line is good', async () => {
    const { code, lines } = await run(`${JSON.stringify({ id: 7, title: 'Paris talks', body: '' })}\n`, ['--evidence']);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ id: 7, countries: ['FR'], evidence: [{ country: 'FR', kind: 'title', match: 'Paris' }] });
  });

  it('explains a story with --explain: evidence, scores and the focus countries', async () => {
    const body = 'MOSCOW, Feb 7 (RIA Novosti) - Russian and Japanese diplomats met. The U.S. watched.';
    const stdin = `${JSON.stringify({ id: 'k', title: 'Russia and Japan talk', body })}\n`;
    const stdout = new PassThrough();
    const finished = text(stdout);
    const { regions } = await loadConfig('config/feeds.yaml');
    const code = await classifyCommand(['--explain'], { stdin: PassThrough.from([stdin]), stdout, stderr: new PassThrough() }, regions);
    stdout.end();
    const out = await finished;
    expect(code).toBe(0);
    expect(out).toContain('story "k": "Russia and Japan talk"');
    expect(out).toMatch(/RU dateline +5\.40 +"MOSCOW"/);
    expect(out).toMatch(/RU +\d+\.\d\d {2}focus/);
    expect(out).toMatch(/US +1\.50\n/);
    expect(out).toContain('  countries: RU JP\n');
  });

  it("reads a line's language for Latin-script foreign names", async () => {
    const { lines } = await run(`${JSON.stringify({ id: 'f', title: "L'Allemagne et le Japon", body: '', language: 'fr' })}\n`);
    expect(lines[0]).toMatchObject({ countries: ['DE', 'JP'] });
  });

  it('rejects unknown arguments', async () => {
    const { code, err } = await run('', ['--fast']);
    expect(code).toBe(2);
    expect(err).toContain('unknown argument --fast');
  });
});
