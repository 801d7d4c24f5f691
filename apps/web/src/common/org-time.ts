/**
 * The one date formatter of the web app: every time shown to people is in the organisation's time
 * zone (ORG_TIMEZONE, which the api writes into index.html), as `YYYY-MM-DD HH:mm`.
 */
export function orgTimeZone(): string {
  const meta = typeof document === 'undefined' ? null : document.querySelector('meta[name="qf-org-timezone"]');
  return meta?.getAttribute('content') || 'Asia/Shanghai';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface LocalParts {
  date: string;
  time: string;
  seconds: string;
  weekday: number;
}

function parts(instant: string | Date, zone = orgTimeZone()): LocalParts {
  const p = Object.fromEntries(formatter(zone).formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, seconds: p.second, weekday };
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** `2026-12-04 15:00` */
export function formatDateTime(instant: string | Date | null | undefined, zone?: string): string {
  if (!instant) return '—';
  const p = parts(instant, zone);
  return `${p.date} ${p.time}`;
}

/** `2026-12-04 15:00（周五）` */
export function formatDateTimeWeekday(instant: string | Date, zone?: string): string {
  const p = parts(instant, zone);
  return `${p.date} ${p.time}（${WEEKDAYS[p.weekday]}）`;
}

/** `15:00:42` */
export function formatClock(instant: string | Date, zone?: string): string {
  const p = parts(instant, zone);
  return `${p.time}:${p.seconds}`;
}

/** `15:00` */
export function formatTime(instant: string | Date, zone?: string): string {
  return parts(instant, zone).time;
}

/** Today's calendar date in the organisation's time zone, `2026-12-04`. */
export function orgToday(now: Date = new Date(), zone?: string): string {
  return parts(now, zone).date;
}

/** `剩余 2 天 3 小时` / `已逾期 5 小时`: time left until `due`. */
export function timeLeft(due: string | Date, now: Date = new Date()): string {
  const ms = new Date(due).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const span = days > 0 ? `${days} 天 ${hours} 小时` : hours > 0 ? `${hours} 小时 ${minutes} 分` : `${Math.max(minutes, ms >= 0 ? 0 : 1)} 分钟`;
  return ms >= 0 ? `剩余 ${span}` : `已逾期 ${span}`;
}

/**
 * The instant of a wall-clock time in the organisation's zone: `orgInstant('2026-12-04', '15:00')`
 * is 07:00Z in Asia/Shanghai, whatever zone the browser is in. For date and time pickers.
 */
export function orgInstant(date: string, time: string, zone = orgTimeZone()): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (instant: number) => {
    const p = parts(new Date(instant), zone);
    const [py, pmo, pd] = p.date.split('-').map(Number);
    const [ph, pmi] = p.time.split(':').map(Number);
    return Date.UTC(py, pmo - 1, pd, ph, pmi) - Math.floor(instant / 60_000) * 60_000;
  };
  // Two passes settle the offset across a daylight-saving change.
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant);
}
