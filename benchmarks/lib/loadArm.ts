import type { BodySpec } from '../driver/BodySpec.js';
import type { Driver } from '../driver/createDriver.js';
import type { Arm } from './interleave.js';

/** An interleave arm that sends `body` with autocannon over `connections` keep-alive connections. */
export function loadArm(driver: Driver, name: string, url: string, headers: Record<string, string>, body: BodySpec, connections: number): Arm {
  return {
    name,
    run: (durationS) => driver.run({ type: 'autocannon', url, headers, body, connections, durationS }),
  };
}
