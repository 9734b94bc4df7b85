/** One timer for many deadlines: armed for the earliest, so a queue of waiters costs one timer, not one each. */
export interface SweepTimer {
  /** makes sure a sweep runs no later than `at` (Date.now() time) */
  arm(at: number): void;
}

/**
 * Calls `sweep` at the earliest armed time; `sweep` answers what is due and returns the next
 * deadline still waiting (Infinity: none), for which the timer is armed again. Unref'd: a queue
 * never keeps the process alive.
 */
export function createSweepTimer(sweep: (now: number) => number): SweepTimer {
  let timer: NodeJS.Timeout | null = null;
  let at = Number.POSITIVE_INFINITY;
  const arm = (when: number) => {
    if (when >= at) return;
    if (timer) clearTimeout(timer);
    at = when;
    timer = setTimeout(fire, Math.max(0, when - Date.now()));
    timer.unref();
  };
  function fire(): void {
    timer = null;
    at = Number.POSITIVE_INFINITY;
    const next = sweep(Date.now());
    if (next < Number.POSITIVE_INFINITY) arm(next);
  }
  return { arm };
}
