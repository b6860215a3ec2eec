// The history chart's time axis: which tick step to use and how to write a tick, in the window's language. Pure
// (the label widths are measured by the caller, on the chart's canvas), so the choice is tested without a browser.
//
// uPlot's own choice keeps ticks `space` pixels apart whatever the labels say, so on a short span (an hour, or a
// group with a few minutes of history) labels with seconds, or en's "10:45 PM", ran into each other. Here a step
// is allowed only when the label it produces fits between two ticks, measured in the current language.

/** Tick steps in seconds, each a divisor of the next larger unit so ticks land on round local times. */
export const TIME_INCREMENTS: readonly number[] = [
  1, 5, 10, 15, 30,
  60, 2 * 60, 5 * 60, 10 * 60, 15 * 60, 30 * 60,
  3_600, 2 * 3_600, 3 * 3_600, 4 * 3_600, 6 * 3_600, 12 * 3_600,
  86_400, 2 * 86_400, 3 * 86_400, 7 * 86_400, 14 * 86_400, 28 * 86_400,
];

/** How fine a tick label is: with seconds, hours and minutes, or the day. */
export type TickFormat = 'second' | 'minute' | 'day';
export const TICK_FORMATS: readonly TickFormat[] = ['second', 'minute', 'day'];

/** Room left between two labels, in CSS pixels, so neighbours never touch. */
export const LABEL_GAP = 14;

export function tickFormatFor(increment: number): TickFormat {
  return increment < 60 ? 'second' : increment < 86_400 ? 'minute' : 'day';
}

/**
 * The steps whose labels fit a plot `plotWidth` CSS pixels wide showing `spanSeconds`: a step's ticks are
 * `increment * plotWidth / spanSeconds` apart and must hold the widest label of its format plus LABEL_GAP. Minute
 * steps also label midnight with the day, so they need room for that too. Ascending; uPlot takes the first one
 * at least its `space` apart. Never empty: the largest step is kept when nothing fits (one or two ticks).
 */
export function fittingIncrements(spanSeconds: number, plotWidth: number, labelWidth: (format: TickFormat) => number): number[] {
  const last = TIME_INCREMENTS[TIME_INCREMENTS.length - 1] as number;
  if (!(spanSeconds > 0) || !(plotWidth > 0)) return [last];
  const pixelsPerSecond = plotWidth / spanSeconds;
  const fitting = TIME_INCREMENTS.filter((increment) => {
    const format = tickFormatFor(increment);
    const widest = format === 'minute' ? Math.max(labelWidth('minute'), labelWidth('day')) : labelWidth(format);
    return increment * pixelsPerSecond >= widest + LABEL_GAP;
  });
  return fitting.length > 0 ? fitting : [last];
}

/** The Intl formatters for tick labels in one language (the system's time zone, as uPlot's ticks). */
export interface TickFormatters {
  readonly second: Intl.DateTimeFormat;
  readonly minute: Intl.DateTimeFormat;
  readonly day: Intl.DateTimeFormat;
}

export function tickFormatters(language: string): TickFormatters {
  return {
    second: new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    minute: new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }),
    day: new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' }),
  };
}

/** A tick at `at` (ms) for a step of `increment` seconds; a minute tick at local midnight names the day instead. */
export function tickLabel(at: number, increment: number, formatters: TickFormatters): string {
  const format = tickFormatFor(increment);
  if (format === 'minute') {
    const date = new Date(at);
    if (date.getHours() === 0 && date.getMinutes() === 0) return formatters.day.format(at);
  }
  return formatters[format].format(at);
}

/**
 * Sample times whose labels are the widest a format produces (two-digit hours, morning and evening, a two-digit
 * day in a long month name): the caller measures them to get each format's label width.
 */
export function widestSamples(format: TickFormat): number[] {
  const year = new Date().getFullYear();
  return format === 'day'
    ? [0, 1, 4, 8, 11].map((month) => new Date(year, month, 28).getTime())
    : [10, 12, 22, 23].map((hour) => new Date(year, 11, 28, hour, 58, 58).getTime());
}

/**
 * Whether the tooltip and the table must give points' times with seconds to tell them apart and to agree with an
 * axis in seconds: points less than a minute apart, or all of them within ten minutes (a new group's history).
 */
export function timesNeedSeconds(times: readonly number[]): boolean {
  if (times.length < 2) return false;
  const first = times[0] as number;
  const last = times[times.length - 1] as number;
  if (last - first < 10 * 60_000) return true;
  for (let index = 1; index < times.length; index++) {
    if ((times[index] as number) - (times[index - 1] as number) < 60_000) return true;
  }
  return false;
}
