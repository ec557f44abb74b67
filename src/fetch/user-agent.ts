/** The User-Agent of every request: who polls, which version, and where a publisher can reach us. */
export function buildUserAgent(version: string, contactUrl: string): string {
  return `wirefeed/${version} (+${contactUrl})`;
}
