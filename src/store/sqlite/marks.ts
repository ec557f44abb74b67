import type { Conn } from './connection.ts';

/** Notes `name` at `at` (ms), keeping the later of it and the time already noted. */
export function writeMark(conn: Conn, name: string, at: number): void {
  conn.sql('INSERT INTO marks (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = max(at, excluded.at)').run(name, at);
}

/** The time noted for `name`, if any. */
export function readMark(conn: Conn, name: string): Date | undefined {
  const at = conn.sql('SELECT at FROM marks WHERE name = ?').pluck().get(name) as number | undefined;
  return at === undefined ? undefined : new Date(at);
}
