import { DomainError } from '../../lib/DomainError.js';
import { ErrorCode } from '../../lib/ErrorCode.js';

export type LimitName =
  | 'budget'
  | 'bodySize'
  | 'tokens'
  | 'depth'
  | 'aliases'
  | 'rootFields'
  | 'directives'
  | 'recursion'
  | 'inputList'
  | 'cost'
  | 'expandedSelections'
  | 'fragmentCycle'
  | 'introspectionDepth';

/** The one shape of every structural or cost rejection: QUERY_TOO_COMPLEX naming the limit, the value and the maximum. */
export const tooComplex = (limit: LimitName, value: number, maximum: number, what: string) =>
  new DomainError(ErrorCode.QUERY_TOO_COMPLEX, `${what}: ${value} exceeds the maximum of ${maximum}`, { details: { limit, value, maximum } });
