// The detector skips the evaluation of a group whose count and desktops have not moved since it last settled at
// its baseline (spikes.ts, `settled`). This holds it to the detector that evaluated every group on every
// observation (spikes-reference.ts, the implementation before the skip) on generated histories built to repeat
// values often: the same notification for every observation and the same active alerts after each.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupStatus } from '../../../../main/core/api/fields.js';
import { DEFAULT_SPIKE_CONFIG, type SpikeConfig } from '../../../../main/core/engine/spike-config.js';
import { SpikeDetector } from '../../../../main/core/engine/spikes.js';
import { group, MINUTE, observation } from './spike-fixtures.js';
import { ReferenceSpikeDetector } from './spikes-reference.js';

const NAMES = ['A', 'B', 'C', 'D', 'E', null] as const;

/** What happens before an observation, besides the clock moving on. */
const event = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('snooze' as const), forMinutes: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancel-snooze' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('configure' as const),
      config: fc.record({
        enabled: fc.boolean(),
        groupMinRise: fc.integer({ min: 1, max: 12 }),
        groupMinShare: fc.constantFrom(0, 0.1, 0.2, 0.5),
        fleetMinRise: fc.integer({ min: 1, max: 40 }),
        fleetMinShare: fc.constantFrom(0, 0.05, 0.1),
        baselineWindowMinutes: fc.integer({ min: 1, max: 15 }),
        cooldownMinutes: fc.integer({ min: 0, max: 40 }),
        recoveryNotice: fc.boolean(),
      }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

/**
 * Per group and step: keep the last count (most often, so the skip is exercised) or take a new one, and now and
 * then change the desktops alone (the thresholds' share moves under a count that does not).
 */
const move = fc.record({
  keep: fc.integer({ min: 0, max: 9 }).map((n) => n < 6),
  disconnected: fc.option(fc.integer({ min: 0, max: 40 }), { freq: 8 }),
  resize: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  desktops: fc.constantFrom(5, 10, 10, 20, 40),
  present: fc.integer({ min: 0, max: 19 }).map((n) => n > 0),
});

const step = fc.record({
  // Mostly a poll a minute, sometimes several at once or a gap longer than any window.
  gapMinutes: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 4, max: 40 }) }),
  event,
  moves: fc.array(move, { minLength: NAMES.length, maxLength: NAMES.length }),
});

describe('SpikeDetector: skipping settled groups', () => {
  it('notifies and keeps alerts exactly as evaluating every group every time did (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => {
        const detector = new SpikeDetector(DEFAULT_SPIKE_CONFIG);
        const reference = new ReferenceSpikeDetector(DEFAULT_SPIKE_CONFIG);
        const state = NAMES.map(() => ({ disconnected: 0 as number | null, desktops: 10 }));
        let minute = 0;
        for (const { gapMinutes, event, moves } of steps) {
          minute += gapMinutes;
          const at = observation(minute, []).at;
          if (event.kind === 'snooze') {
            detector.snooze(at + event.forMinutes * MINUTE);
            reference.snooze(at + event.forMinutes * MINUTE);
          } else if (event.kind === 'cancel-snooze') {
            detector.cancelSnooze();
            reference.cancelSnooze();
          } else if (event.kind === 'configure') {
            const config: SpikeConfig = { ...DEFAULT_SPIKE_CONFIG, ...event.config };
            detector.configure(config);
            reference.configure(config);
          } else if (event.kind === 'reset') {
            detector.reset();
            reference.reset();
          }
          const groups: GroupStatus[] = [];
          NAMES.forEach((name, index) => {
            const current = state[index] as { disconnected: number | null; desktops: number };
            const change = moves[index] as (typeof moves)[number];
            if (!change.keep) current.disconnected = change.disconnected;
            if (!change.keep || change.resize) current.desktops = change.desktops;
            const disconnected = current.disconnected === null ? null : Math.min(current.disconnected, current.desktops);
            if (change.present) groups.push(group(name, disconnected, current.desktops));
          });
          const obs = observation(minute, groups);
          expect(detector.observe(obs)).toEqual(reference.observe(obs));
          expect(detector.activeAlerts()).toEqual(reference.activeAlerts());
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('still sees a spike in a group that sat still for a long time (the skip renews its baseline sample)', () => {
    const detector = new SpikeDetector(DEFAULT_SPIKE_CONFIG);
    const quiet = (minute: number) => observation(minute, [group('A', 2, 40), group('B', 1, 40)]);
    for (let minute = 0; minute < 60; minute++) expect(detector.observe(quiet(minute))).toBeNull();
    const storm = detector.observe(observation(60, [group('A', 30, 40), group('B', 1, 40)]));
    expect(storm?.title).toBe('Disconnected sessions spiked in A (+28)');
  });

  // An alert's escalation is judged against the desktops and thresholds of the moment: a count that sat still
  // above its alerted peak escalates when the group shrinks or the settings tighten, so neither may be skipped.
  // A 40-desktop group spikes 0 → 10 (cooldown until minute 31), creeps to 16 (+6 over the peak: less than
  // 20 % of 40, no escalation) and sits there until it is its own baseline (minute 12).
  const creep = (minute: number, desktops = 40) => observation(minute, [group('A', minute === 0 ? 0 : minute === 1 ? 10 : 16, desktops), group('B', 1, 40)]);
  const settledAfterSpike = (detectors: { observe: SpikeDetector['observe'] }[]) => {
    for (let minute = 0; minute <= 12; minute++) {
      const notes = detectors.map((d) => d.observe(creep(minute)));
      expect(notes[0]).toEqual(notes[1]);
      if (minute === 1) expect(notes[0]?.title).toBe('Disconnected sessions spiked in A (+10)');
      else expect(notes[0]).toBeNull();
    }
  };

  it('escalates a still count when the group’s desktops shrink', () => {
    const detector = new SpikeDetector(DEFAULT_SPIKE_CONFIG);
    const reference = new ReferenceSpikeDetector(DEFAULT_SPIKE_CONFIG);
    settledAfterSpike([detector, reference]);
    const note = detector.observe(creep(13, 20));
    expect(note).toEqual(reference.observe(creep(13, 20)));
    expect(note?.title).toBe('Disconnected sessions spiked in A (+16)');
  });

  it('escalates a still count when the thresholds are lowered', () => {
    const detector = new SpikeDetector(DEFAULT_SPIKE_CONFIG);
    const reference = new ReferenceSpikeDetector(DEFAULT_SPIKE_CONFIG);
    settledAfterSpike([detector, reference]);
    const lower = { ...DEFAULT_SPIKE_CONFIG, groupMinShare: 0.1 };
    detector.configure(lower);
    reference.configure(lower);
    const note = detector.observe(creep(13));
    expect(note).toEqual(reference.observe(creep(13)));
    expect(note?.title).toBe('Disconnected sessions spiked in A (+16)');
  });
});
