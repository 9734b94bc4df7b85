import { isInputObjectType, isNonNullType, isObjectType, isInterfaceType, parse, validate, type GraphQLSchema } from 'graphql';
import { collectUsage } from './collectUsage.js';

export type BreakKind = 'field removed' | 'type removed' | 'type changed' | 'argument removed' | 'argument now required' | 'invalid';

export interface Break {
  readonly kind: BreakKind;
  /** the schema coordinate, e.g. 'Patient.middleInitial' or 'Query.patients(clinicId:)' */
  readonly coordinate: string;
  readonly message: string;
}

/** A field's new type answers what clients read: the same, or the same made non-null. */
const outputStillFits = (before: string, after: string) => after === before || after === `${before}!`;
/** An argument's new type accepts what clients send: the same, or the same made nullable. */
const inputStillFits = (before: string, after: string) => after === before || before === `${after}!`;

/**
 * Why an operation document, valid against `current`, breaks against `next`: every field it
 * selects that was removed or changed type (beyond becoming non-null), every argument it gives that was removed or changed
 * type, every argument that became required where it gives none, and input types of its variables
 * that gained required fields. When validation fails for another reason, its messages. Empty =
 * the operation still runs and answers the same shape.
 */
export function explainBreaks(current: GraphQLSchema, next: GraphQLSchema, document: string): Break[] {
  const ast = parse(document);
  const usage = collectUsage(current, ast);
  const breaks: Break[] = [];
  const seen = new Set<string>();
  const add = (b: Break) => {
    const key = `${b.kind}|${b.coordinate}`;
    if (!seen.has(key)) {
      seen.add(key);
      breaks.push(b);
    }
  };

  for (const use of usage.fields) {
    const type = next.getType(use.parent);
    if (!type || !(isObjectType(type) || isInterfaceType(type))) {
      add({ kind: 'type removed', coordinate: use.parent, message: `type ${use.parent} was removed` });
      continue;
    }
    const field = type.getFields()[use.field];
    if (!field) {
      add({ kind: 'field removed', coordinate: use.coordinate, message: `${use.coordinate} was removed` });
      continue;
    }
    if (!outputStillFits(use.type, String(field.type))) {
      add({ kind: 'type changed', coordinate: use.coordinate, message: `${use.coordinate} changed type from ${use.type} to ${String(field.type)}` });
    }
    for (const arg of field.args) {
      if (isNonNullType(arg.type) && arg.defaultValue === undefined && !use.args.has(arg.name)) {
        add({
          kind: 'argument now required',
          coordinate: `${use.coordinate}(${arg.name}:)`,
          message: `${use.coordinate} now requires argument ${arg.name}: ${String(arg.type)}`,
        });
      }
    }
    for (const given of use.args) {
      const before = usage.args.get(`${use.coordinate}(${given}:)`);
      const after = field.args.find((a) => a.name === given);
      const coordinate = `${use.coordinate}(${given}:)`;
      if (!after) add({ kind: 'argument removed', coordinate, message: `argument ${coordinate} was removed` });
      else if (before !== undefined && !inputStillFits(before, String(after.type))) {
        add({ kind: 'type changed', coordinate, message: `argument ${coordinate} changed type from ${before} to ${String(after.type)}` });
      }
    }
  }
  for (const name of usage.inputTypes) {
    const was = current.getType(name);
    const now = next.getType(name);
    if (!now) {
      add({ kind: 'type removed', coordinate: name, message: `type ${name} was removed` });
      continue;
    }
    if (!isInputObjectType(now) || !isInputObjectType(was)) continue;
    const old = was.getFields();
    for (const f of Object.values(now.getFields())) {
      if (!old[f.name] && isNonNullType(f.type) && f.defaultValue === undefined) {
        add({ kind: 'argument now required', coordinate: `${name}.${f.name}`, message: `input ${name} now requires field ${f.name}: ${String(f.type)}` });
      }
    }
  }
  if (breaks.length === 0) for (const e of validate(next, ast)) add({ kind: 'invalid', coordinate: '', message: e.message });
  return breaks;
}
