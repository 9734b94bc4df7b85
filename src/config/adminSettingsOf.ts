import type { Config } from './Config.js';
import { limitDefaultsOf, type LimitValues } from './effectiveClientLimits.js';

/** The settings every admin service reads from the configuration, in one place for each process that builds them (server, CLI, webhook worker). */
export function adminSettingsOf(config: Config): { keyRotationGraceS: number; reportingPoolSize: number; limitDefaults: LimitValues } {
  return { keyRotationGraceS: config.auth.keyRotationGraceS, reportingPoolSize: config.db.poolReporting, limitDefaults: limitDefaultsOf(config) };
}
