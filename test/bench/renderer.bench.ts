// The dashboard in Chromium (launched as the e2e tests do), the built renderer (dist/renderer) as a window loads it, 5,000 groups:
// - first render: from the moment the groups' snapshot is in the page (getGroups answers) until the first rows are
//   painted (rows in the DOM, then the frame that shows them ends: the task after that frame's rendering). Rows
//   added by a task are shown by the next frame (a requestAnimationFrame, then the task after it); rows added while a
//   frame is being rendered (virtua renders its first rows from a ResizeObserver callback, once it knows the
//   viewport's height) are shown by that same frame, so the end is the task after it. Waiting for the next frame's
//   rAF there counted a whole vsync interval (up to 16.7 ms) after the rows were already on screen;
// - one poll: a `groupsChanged` diff with 2 % of the groups changed and the `state` that comes with it, sent at the
//   start of a frame, until that frame is painted (same rAF + task). This is the cost of the update, not the wait
//   for the next vsync.
// Measured with performance marks in the page. The bridge lives in the page (getState, getGroups and the events,
// answered from data made by the FakeBridge in this process), so IPC and the binding are not counted; other
// requests go to the FakeBridge through a binding, as in the e2e tests. The dashboard's chunk is loaded and its
// shell painted before getGroups answers, so the first render is the table's, not the chunk download's.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { join } from 'node:path';
import type { Bench } from 'tinybench';
import { BRIDGE_EVENTS, BRIDGE_REQUESTS, type AppState, type BridgeRequests, type GroupsChange, type GroupsSnapshot } from '../../preload/contract.js';
import { FakeBridge, PROD_ID, SCENARIOS } from '../fakes/fake-bridge.js';
import { launchChromium } from '../e2e/support/chromium.js';
import { RENDERER_DIR, serveRenderer } from '../e2e/support/renderer-page.js';
import type { Figures } from './protocol.js';

const POLLS_PER_PAGE = 15;
/** `WT_BENCH_CPU_PROFILE=DIR npm run bench -- renderer` writes Chromium CPU profiles of both phases to DIR. */
const PROFILE_DIR = process.env['WT_BENCH_CPU_PROFILE'];
const CHANGED_SHARE = 0.02;

interface PageData {
  readonly state: AppState;
  readonly snapshot: GroupsSnapshot;
  readonly polls: readonly { readonly change: GroupsChange; readonly state: AppState }[];
}

/** The 5,000-group account, and a run of polls that each change 2 % of the groups (spread over the list). */
function makeData(polls: number): { readonly fake: FakeBridge; readonly data: PageData } {
  const fake = new FakeBridge(SCENARIOS.large());
  const state = fake.state();
  const snapshot = fake.handle('getGroups', [PROD_ID]);
  if (snapshot === null) throw new Error('the fake has no groups for the large scenario');
  const recorded: { change: GroupsChange; state: AppState }[] = [];
  let change: GroupsChange | null = null;
  fake.on('groupsChanged', (payload) => (change = payload));
  fake.on('state', (payload) => {
    if (change !== null) recorded.push({ change, state: payload });
    change = null;
  });
  for (let poll = 0; poll < polls; poll++) {
    fake.poll(PROD_ID, (groups) => {
      const changed = Math.round(groups.length * CHANGED_SHARE);
      for (let k = 0; k < changed; k++) {
        const index = (k * 131 + poll * 17) % groups.length;
        const group = groups[index];
        if (group === undefined) continue;
        // One session disconnects on even polls, and reconnects on odd ones: counts stay plausible.
        const step = poll % 2 === 0 ? 1 : -1;
        const inUse = group.in_use_num ?? 0;
        const disconnected = group.disconnected_num ?? 0;
        if (step > 0 && inUse === 0) continue;
        if (step < 0 && disconnected === 0) continue;
        groups[index] = { ...group, in_use_num: inUse - step, disconnected_num: disconnected + step };
      }
      return groups;
    });
  }
  if (recorded.length !== polls) throw new Error(`expected ${polls} polls, recorded ${recorded.length}`);
  return { fake, data: { state, snapshot, polls: recorded } };
}

// The page's bridge and the measuring code. Runs before the renderer's scripts.
const INIT_SCRIPT = (requests: readonly string[], events: readonly string[], dataJson: string) => `
(() => {
  const data = JSON.parse(${JSON.stringify(dataJson)});
  const listeners = new Map();
  const emit = (event, payload) => { for (const listener of listeners.get(event) ?? []) listener(payload); };
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  let getGroupsCalls = 0;
  let firstRenderDone;
  const firstRender = new Promise((resolve) => (firstRenderDone = resolve));
  // After the DOM holds what is awaited: a frame is painted once its rendering (rAF callbacks, ResizeObserver
  // callbacks, style, layout, paint) has run, so the task posted during it runs after the paint. A change made by a
  // task is painted by the next frame (rAF, then the task after it); a change made during a frame's rendering (by
  // a ResizeObserver callback, after this frame's rAF callbacks ran) is painted by that frame. \`rendering\` tells
  // which: a rAF loop sets it at the start of each frame's rendering and a task posted from there clears it.
  let rendering = false;
  let watching = true;
  const frameLoop = () => {
    if (!watching) return;
    rendering = true;
    setTimeout(() => (rendering = false), 0);
    requestAnimationFrame(frameLoop);
  };
  const afterPaint = (callback) => (rendering ? setTimeout(callback, 0) : requestAnimationFrame(() => setTimeout(callback, 0)));
  const watchRows = () => {
    requestAnimationFrame(frameLoop);
    const done = () => afterPaint(() => {
      watching = false;
      performance.mark('wt:first-render:end');
      firstRenderDone(performance.measure('wt:first-render', 'wt:first-render:start', 'wt:first-render:end').duration);
    });
    if (document.querySelector('[role=row][data-key]')) return done();
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[role=row][data-key]')) return;
      observer.disconnect();
      done();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  };
  const bridge = {
    on(event, listener) {
      if (!${JSON.stringify(events)}.includes(event)) throw new Error('unknown event ' + event);
      const set = listeners.get(event) ?? new Set(); listeners.set(event, set); set.add(listener);
      return () => set.delete(listener);
    },
  };
  for (const name of ${JSON.stringify(requests)}) bridge[name] = (...args) => window.__wtInvoke(name, args);
  bridge.getState = async () => structuredClone(data.state);
  bridge.getGroups = async () => {
    getGroupsCalls += 1;
    await gate;
    // As IPC would hand it over: a fresh copy, made before the clock starts.
    const snapshot = structuredClone(data.snapshot);
    performance.mark('wt:first-render:start');
    watchRows();
    return snapshot;
  };
  Object.defineProperty(window, 'workspaceTray', { value: Object.freeze(bridge) });
  Object.defineProperty(window, '__bench', { value: {
    release: () => release(),
    firstRender: () => firstRender,
    getGroupsCalls: () => getGroupsCalls,
    pollCount: data.polls.length,
    // One poll at the start of a frame: the diff, then the state main sends with it; until that frame is painted.
    poll: (index) => new Promise((resolve) => {
      const { change, state } = structuredClone(data.polls[index]);
      requestAnimationFrame(() => {
        performance.mark('wt:poll:start');
        emit('groupsChanged', change);
        emit('state', state);
        setTimeout(() => {
          performance.mark('wt:poll:end');
          resolve(performance.measure('wt:poll', 'wt:poll:start', 'wt:poll:end').duration);
        }, 0);
      });
    }),
  } });
})();`;

// The page's globals, as seen from the functions passed to page.evaluate (this file is typed without the DOM).
interface BenchWindow {
  requestAnimationFrame(callback: () => void): number;
  readonly __bench: { release(): void; firstRender(): Promise<number>; getGroupsCalls(): number; readonly pollCount: number; poll(index: number): Promise<number> };
}

interface DashboardTimings {
  /** Wall time from the marks, ms. */
  readonly firstRender: number;
  readonly polls: number[];
  /** CPU time of the page's main thread over the same spans (Chromium's ThreadTime), ms: what the code costs
   * whatever else the machine runs (on shared cores the wall time also holds the waits for a core). */
  readonly firstRenderCpu: number;
  readonly pollsCpu: number[];
}

/** Opens the dashboard on 5,000 groups; returns the first render's and `polls` polls' costs. */
async function measureDashboard(polls: number): Promise<DashboardTimings> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer/index.html is missing: run `npm run build` first');
  const { fake, data } = makeData(polls);
  const server = await serveRenderer();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.exposeBinding('__wtInvoke', (_source, name: keyof BridgeRequests, args: unknown[]) => structuredClone(fake.handle(name, args)));
    await page.addInitScript(INIT_SCRIPT(BRIDGE_REQUESTS, BRIDGE_EVENTS, JSON.stringify(data)));
    await page.goto(`${server.url}#/dashboard`);
    // The dashboard's shell is mounted and painted (waiting for its groups) before they are handed over.
    await page.locator('.dashboard').waitFor();
    await page.evaluate(() => new Promise((resolve) => {
      const page = globalThis as unknown as BenchWindow;
      page.requestAnimationFrame(() => page.requestAnimationFrame(() => resolve(undefined)));
    }));
    const profiler = PROFILE_DIR === undefined ? undefined : await startProfiler(page);
    const cpu = await threadTime(page);
    let cpuBefore = await cpu();
    const firstRender = await page.evaluate(() => {
      const bench = (globalThis as unknown as BenchWindow).__bench;
      bench.release();
      return bench.firstRender();
    });
    const firstRenderCpu = (await cpu()) - cpuBefore;
    await profiler?.save(`first-render-${Date.now()}`);
    const costs: number[] = [];
    const costsCpu: number[] = [];
    for (let index = 0; index < polls; index++) {
      cpuBefore = await cpu();
      costs.push(await page.evaluate((at) => (globalThis as unknown as BenchWindow).__bench.poll(at), index));
      costsCpu.push((await cpu()) - cpuBefore);
    }
    await profiler?.save(`polls-${Date.now()}`);
    // Every poll was applied as a diff: a refetch would measure something else.
    const fetches = await page.evaluate(() => (globalThis as unknown as BenchWindow).__bench.getGroupsCalls());
    if (fetches !== 1) throw new Error(`the dashboard fetched the groups ${fetches} times: a poll was not applied as a diff`);
    const rows = await page.locator('[role=row][data-key]').count();
    if (rows === 0) throw new Error('no rows in the dashboard');
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    await context.close();
    return { firstRender, polls: costs, firstRenderCpu, pollsCpu: costsCpu };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Reads the CPU time (ms) the page's main thread has used so far (CDP Performance metric `ThreadTime`, s). */
async function threadTime(page: Page): Promise<() => Promise<number>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  return async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    const value = metrics.find((metric) => metric.name === 'ThreadTime')?.value;
    if (value === undefined) throw new Error('Chromium reports no ThreadTime metric');
    return value * 1000;
  };
}

/** Chromium's sampling profiler on the page; `save` writes what was sampled since the last save and restarts. */
async function startProfiler(page: Page): Promise<{ save(name: string): Promise<void> }> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.start');
  return {
    async save(name) {
      const { profile } = await session.send('Profiler.stop');
      mkdirSync(PROFILE_DIR as string, { recursive: true });
      writeFileSync(join(PROFILE_DIR as string, `${name}.cpuprofile`), JSON.stringify(profile));
      await session.send('Profiler.start');
    },
  };
}

export function register(_bench: Bench, figures: Figures): void {
  // The targets are wall times (issue 11); each is followed by the main thread's CPU time over the same span.
  let firstRenderCpu: number[] = [];
  let pollsCpu: number[] = [];
  figures.measure(
    'renderer: dashboard first render, 5,000 groups (Chromium)',
    'ms',
    { max: 150 },
    async () => {
      const timings = await measureDashboard(1);
      firstRenderCpu.push(timings.firstRenderCpu);
      return timings.firstRender;
    },
    7,
  );
  figures.measure('renderer: dashboard first render, 5,000 groups, main-thread CPU time', 'ms', null, () => {
    const samples = firstRenderCpu;
    firstRenderCpu = [];
    return samples;
  }, 1);
  figures.measure(
    'renderer: applying one poll (2 % of 5,000 groups changed) until painted (Chromium)',
    'ms',
    { max: 16 },
    async () => {
      const timings = await measureDashboard(POLLS_PER_PAGE);
      pollsCpu.push(...timings.pollsCpu);
      return timings.polls;
    },
    3,
  );
  figures.measure('renderer: applying one poll, main-thread CPU time', 'ms', null, () => {
    const samples = pollsCpu;
    pollsCpu = [];
    return samples;
  }, 1);
}
