/** Structural and cost limits of one request (global defaults, per-client overrides). */
export interface GovernorLimits {
  /** deepest selection; default 12 */
  maxDepth: number;
  /** aliases per operation; default 30 */
  maxAliases: number;
  /** root fields per operation; default 10 */
  maxRootFields: number;
  /** directive uses per operation; default 20 */
  maxDirectives: number;
  /** a field nested inside itself (Patient.guarantor under Patient.guarantor...); default 3 */
  maxRecursion: number;
  /** longest list in arguments and variables; default 100 */
  maxInputList: number;
  /** static cost ceiling; default 5000 */
  maxCost: number;
  /** selections after fragment expansion, checked linearly before any walk; default 20000 */
  maxExpandedSelections: number;
}

export const defaultGovernorLimits: Readonly<GovernorLimits> = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 10,
  maxDirectives: 20,
  maxRecursion: 3,
  maxInputList: 100,
  maxCost: 5000,
  maxExpandedSelections: 20_000,
});
