/**
 * Dates as people in Jiangsu read them: Asia/Shanghai, UTC+8 all year (no daylight saving, so a fixed offset is
 * exact). Shared by the server and the browser.
 */

/** Asia/Shanghai's offset from UTC. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai (no daylight saving, so a fixed offset is exact). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2023年3月24日" of an instant in Asia/Shanghai. */
export function shanghaiDateLabel(at: Date): string {
  const [y, m, d] = shanghaiDate(at).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** "2023年3月24日 17:05" of an instant in Asia/Shanghai. */
export function shanghaiDateTimeLabel(at: Date): string {
  const iso = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${shanghaiDateLabel(at)} ${iso.slice(11, 16)}`;
}
