// "Now", ticking once a second, so "updated 20 s ago" moves on its own.
export class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | undefined;

  start(intervalMs = 1000): () => void {
    this.now = Date.now();
    this.#timer = setInterval(() => {
      this.now = Date.now();
    }, intervalMs);
    return () => clearInterval(this.#timer);
  }
}
