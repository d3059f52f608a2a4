// Dates: absolute in UTC (YYYY-MM-DD) plus a relative hint.

export function isoDate(ts: string | null | undefined): string {
  if (!ts) return '—';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  return d.toISOString().slice(0, 10);
}

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

// "in 6 days", "in 3 hours", "in 5 minutes"; "expired" once the moment has passed.
export function untilExpiry(ts: string, now: number = Date.now()): string {
  const t = new Date(ts).getTime();
  if (Number.isNaN(t)) return '';
  const diff = t - now;
  if (diff <= 0) return 'expired';
  const min = 60_000;
  const hour = 60 * min;
  const day = 24 * hour;
  if (diff >= day) return rtf.format(Math.round(diff / day), 'day');
  if (diff >= hour) return rtf.format(Math.round(diff / hour), 'hour');
  return rtf.format(Math.max(1, Math.round(diff / min)), 'minute');
}

// A lifetime in the largest whole unit: "7 days", "12 hours", "15 minutes", "90 seconds".
export function formatDuration(seconds: number): string {
  const units: [number, string][] = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

// "2026-12-03 09:14 UTC"
export function isoDateTime(ts: string): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
