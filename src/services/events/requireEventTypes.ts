import { EVENT_TYPES, eventTypeInfo } from '../../gateway/events/eventTypes.js';
import { badInput } from '../../lib/DomainError.js';

/**
 * Event types named in input, checked against the catalogue and the scopes of whoever will see
 * them; BAD_USER_INPUT naming `field[i]` for an unknown type or one those scopes do not allow.
 * Duplicates collapse.
 */
export function requireEventTypes(types: readonly string[], scopes: ReadonlySet<string>, field: string, whose: string): string[] {
  types.forEach((t, i) => {
    const info = eventTypeInfo(t);
    if (!info) throw badInput(`unknown event type ${t}; known: ${EVENT_TYPES.map((e) => e.type).join(' ')}`, `${field}[${i}]`);
    if (!scopes.has(info.scope))
      throw badInput(`${t} needs the ${info.scope} scope, which ${whose} does not have`, `${field}[${i}]`, { missingScope: info.scope });
  });
  return [...new Set(types)];
}
