import { batching } from './batching.js';
import { consoleUi } from './consoleUi.js';
import { floorRatio } from './floorRatio.js';
import { governorOverhead } from './governorOverhead.js';
import { isolation } from './isolation.js';
import { killSwitch } from './killSwitch.js';
import { practice } from './practice.js';
import { scan } from './scan.js';
import type { Scenario } from './Scenario.js';
import { webhooks } from './webhooks.js';
import { writes } from './writes.js';

/** Every scenario, in the order a run takes them. */
export const SCENARIOS: readonly Scenario[] = [floorRatio, governorOverhead, batching, isolation, practice, scan, killSwitch, writes, webhooks, consoleUi];
