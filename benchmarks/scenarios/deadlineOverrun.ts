import type { BenchContext } from '../lib/BenchContext.js';
import type { PartialOutput } from './Scenario.js';

/** Filled in once the governor's deadline settings exist (see below). */
export async function measureDeadlineOverrun(_ctx: BenchContext, out: PartialOutput): Promise<void> {
  out.figures.push({ key: 'deadline.overrun', label: 'deadline: wall time / deadline (worst)', value: null, unit: 'x', target: { op: '<=', value: 1.2 }, note: 'not measured yet' });
}
