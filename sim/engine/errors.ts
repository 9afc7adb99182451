// Errors the engine raises instead of hanging or returning a silent wrong number.

export interface BlockedProcess {
  process: string;
  waitsOn: string;
}

/** No event is pending while processes still wait: a deadlock in the simulated system. */
export class StallError extends Error {
  constructor(
    readonly at: number,
    readonly blocked: BlockedProcess[],
  ) {
    super(
      `simulation stalled at cycle ${at}: no pending events while ${blocked.length} process(es) wait:\n` +
        blocked.map((b) => `  ${b.process} waits on ${b.waitsOn}`).join('\n'),
    );
    this.name = 'StallError';
  }
}

/** A run exceeded its event or simulated-time budget. */
export class LimitError extends Error {
  constructor(
    readonly limit: 'events' | 'time',
    readonly value: number,
    readonly at: number,
  ) {
    super(
      limit === 'events'
        ? `simulation stopped: more than ${value} events (at cycle ${at}); raise maxEvents or check for a livelock`
        : `simulation stopped: simulated time passed ${value} cycles; raise maxCycles or check for a livelock`,
    );
    this.name = 'LimitError';
  }
}
