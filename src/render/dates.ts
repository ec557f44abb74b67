/** An RFC 822 date-time (RSS 2.0), in GMT: `Sat, 03 May 2025 09:00:00 GMT`. */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/** An RFC 3339 date-time (Atom, JSON Feed), in UTC to the millisecond. */
export function rfc3339(date: Date): string {
  return date.toISOString();
}

/**
 * RFC 3339 stamps of `dates` (one per entry of `ids`), all different. Atom readers tell entries'
 * revisions apart by `updated`, and stories filed in one poll share an instant to the millisecond
 * (all the store keeps). Among entries that share one, the first by id keeps it and the others get
 * microseconds after it (1, 2, … by id): the time stays exact to the millisecond, and an entry's stamp
 * depends only on which stories share its instant, not on where they sit in the feed.
 */
export function distinctStamps(dates: readonly Date[], ids: readonly string[]): string[] {
  const stamps = dates.map(rfc3339);
  const groups = new Map<string, string[]>();
  stamps.forEach((stamp, index) => {
    const group = groups.get(stamp);
    if (group) group.push(ids[index] ?? '');
    else groups.set(stamp, [ids[index] ?? '']);
  });
  const ranks = new Map<string, number>();
  for (const group of groups.values()) {
    if (group.length > 1) group.sort().forEach((id, rank) => ranks.set(id, rank));
  }
  return stamps.map((stamp, index) => {
    const rank = ranks.get(ids[index] ?? '') ?? 0;
    return rank === 0 ? stamp : `${stamp.slice(0, -1)}${String(rank).padStart(3, '0')}Z`;
  });
}
