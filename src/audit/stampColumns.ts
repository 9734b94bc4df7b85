import type { Stamp } from './Stamp.js';

/** Stamp columns of a new row: created and last changed by the same user, program and time. */
export function entryStamp(stamp: Stamp) {
  return {
    SecUserNumEntry: stamp.userNum,
    SecProgramNumEntry: stamp.programNum,
    SecUserNumEdit: stamp.userNum,
    SecProgramNumEdit: stamp.programNum,
    SecDateTEntry: stamp.at,
    DateTStamp: stamp.at,
    RowVersion: 1,
  };
}

/** Stamp columns of an update: the entry stamps are never touched; RowVersion goes up by one. */
export function editStamp(stamp: Stamp, currentVersion: number) {
  return {
    SecUserNumEdit: stamp.userNum,
    SecProgramNumEdit: stamp.programNum,
    DateTStamp: stamp.at,
    RowVersion: Number(currentVersion) + 1,
  };
}
