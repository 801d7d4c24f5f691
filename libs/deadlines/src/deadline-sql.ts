import { Warning } from './warning';

/** SQL expressions naming a feature's deadline columns (over whatever aliases its query uses). */
export interface DeadlineColumns {
  /** A boolean condition: the thing is still open (only open things have a colour). */
  open: string;
  /** Window start (timestamptz). */
  start: string;
  /** Due time (timestamptz), extension included. */
  due: string;
  /** Thresholds (double precision), or literals. */
  yellow: string;
  orange: string;
}

export interface DeadlineSql {
  /** `CASE … END`: the colour, computed from the clock (`now()`). */
  warning: string;
  /** A WHERE condition selecting one colour (red is index-friendly: open and due). */
  filter(w: Warning): string;
  /** A WHERE condition: the thing has reached at least this colour (for the notify-once sweep). */
  reached(colour: 'yellow' | 'red'): string;
}

/** The same rule as `warningOf`, in SQL. */
export function deadlineSql(c: DeadlineColumns): DeadlineSql {
  const open = `(${c.open})`;
  const left = `extract(epoch FROM ${c.due} - now())`;
  const window = `greatest(extract(epoch FROM ${c.due} - ${c.start}), 0.001)`;
  return {
    warning: `CASE
    WHEN NOT ${open} THEN 'none'
    WHEN ${c.due} < now() THEN 'red'
    WHEN ${left} <= ${c.orange} * ${window} THEN 'orange'
    WHEN ${left} <= ${c.yellow} * ${window} THEN 'yellow'
    ELSE 'none' END`,
    filter(w: Warning): string {
      switch (w) {
        case 'red':
          return `(${open} AND ${c.due} < now())`;
        case 'orange':
          return `(${open} AND ${c.due} >= now() AND ${left} <= ${c.orange} * ${window})`;
        case 'yellow':
          return `(${open} AND ${c.due} >= now() AND ${left} > ${c.orange} * ${window} AND ${left} <= ${c.yellow} * ${window})`;
        case 'none':
          return `(NOT ${open} OR ${left} > ${c.yellow} * ${window})`;
      }
    },
    reached(colour: 'yellow' | 'red'): string {
      return colour === 'red' ? `${c.due} < now()` : `${c.due} >= now() AND ${left} <= ${c.yellow} * ${window}`;
    },
  };
}
