/**
 * The demo's clock, which is the bot's clock: real time plus an offset that only the demo's controls
 * move (an hour, a day, to the next reminder). It keeps running in real time from wherever it stands.
 */
export class DemoClock {
  constructor(
    private offsetMs = 0,
    private readonly realNow: () => number = Date.now,
  ) {}

  nowMs(): number {
    return this.realNow() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the clock by `ms` (forward in the demo's controls; seeding also sets it back for what lies in the past). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** From now on, "now" is `at`. */
  set(at: Date | number): void {
    this.offsetMs = (typeof at === 'number' ? at : at.getTime()) - this.realNow();
  }
}
