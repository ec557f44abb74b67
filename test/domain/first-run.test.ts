import { describe, expect, it } from 'vitest';
import { firstRunGuidance, firstRunMessage, type SourceState } from '../../src/domain/index.ts';

const SOURCES = [
  { id: 'tass', title: 'TASS' },
  { id: 'lab', title: 'Lab feed' },
  { id: 'bbc', title: 'BBC' },
];

function states(...list: Partial<SourceState>[]): Map<string, SourceState> {
  return new Map(list.map((state) => [state.sourceId as string, { consecutiveFailures: 1, itemsSeen: 0, ...state } as SourceState]));
}

const POLLED = '2026-02-07T12:00:00.000Z';
const FAILED = states(
  { sourceId: 'tass', lastFetchedAt: POLLED, lastError: 'fetch: getaddrinfo ENOTFOUND tass.com from tass.com' },
  { sourceId: 'lab', lastFetchedAt: POLLED, lastError: 'fetch: lab.local is at 192.168.1.20, a private or local address (fetch.allowPrivateNetworks is off)' },
  { sourceId: 'bbc', lastFetchedAt: POLLED, lastError: 'fetch: getaddrinfo ENOTFOUND feeds.bbci.co.uk from feeds.bbci.co.uk' },
);

describe('firstRunGuidance', () => {
  it('names every source, why it failed, and what to check for each kind of failure, once', () => {
    const guidance = firstRunGuidance(SOURCES, FAILED);
    expect(guidance?.sources.map(({ sourceId, label }) => `${sourceId}: ${label}`)).toEqual(['tass: DNS', 'lab: private address', 'bbc: DNS']);
    expect(guidance?.advice).toEqual([
      "this machine cannot resolve or reach the feeds' hosts: check its network and DNS; wirefeed connects directly and does not use HTTP_PROXY or HTTPS_PROXY",
      'the feeds are on private or local addresses: to poll feeds on your own network, set fetch.allowPrivateNetworks: true in the config',
    ]);
    expect(firstRunMessage(guidance!, 2)).toBe(
      'no source has answered yet: all 3 sources failed: tass (DNS), lab (private address), and 1 more. Check: ' + guidance!.advice.join('; '),
    );
  });

  it('says nothing while a source has not been polled yet, or once any source has ever answered', () => {
    const unpolled = new Map(FAILED);
    unpolled.delete('bbc');
    expect(firstRunGuidance(SOURCES, unpolled)).toBeUndefined();
    const answeredOnce = new Map(FAILED).set('bbc', { ...(FAILED.get('bbc') as SourceState), lastSuccessAt: '2026-01-01T00:00:00.000Z' });
    expect(firstRunGuidance(SOURCES, answeredOnce)).toBeUndefined();
    expect(firstRunGuidance([], new Map())).toBeUndefined();
  });
});
