import type { Random } from './createRandom.js';
import type { RowSink } from './createRowSink.js';
import type { PracticeReference } from './seedReference.js';
import { firstNames, lastNames, streets, towns } from './seedCatalog.js';
import { addDays } from './seedCalendar.js';

export interface SeedPatient {
  patNum: number;
  clinicNum: number;
  priProv: number;
  secProv: number;
  child: boolean;
}

/** Families of one to five sharing a guarantor (the head), a surname, an address and a home clinic. */
export async function seedPatients(
  sink: RowSink,
  rnd: Random,
  ref: PracticeReference,
  count: number,
  baseDate: string,
  stamp: (date: string) => Record<string, unknown>,
): Promise<SeedPatient[]> {
  const patients: SeedPatient[] = [];
  let patNum = 0;
  while (patNum < count) {
    const size = Math.min(count - patNum, rnd.pick([1, 1, 1, 2, 2, 3, 4, 5]));
    const clinicNum = rnd.pick(ref.clinics);
    const dentists = ref.providers.filter((p) => p.clinicNum === clinicNum && !p.hygienist);
    const hygienists = ref.providers.filter((p) => p.clinicNum === clinicNum && p.hygienist);
    const town = towns[(clinicNum - 1) % towns.length]!;
    const lastName = rnd.pick(lastNames);
    const address = `${rnd.int(10, 9999)} ${rnd.pick(streets)}`;
    const phone = `(555) ${rnd.int(200, 999)}-${String(rnd.int(0, 9999)).padStart(4, '0')}`;
    const guarantor = patNum + 1;
    const firstVisit = addDays(baseDate, -rnd.int(30, 365 * 6));
    for (let m = 0; m < size; m++) {
      patNum++;
      const child = m >= 2;
      const ageYears = child ? rnd.int(3, 17) : rnd.int(19, 85);
      const firstName = rnd.pick(firstNames);
      const status = rnd.chance(0.04) ? 2 : rnd.chance(0.01) ? 3 : 0;
      const priProv = rnd.pick(dentists).provNum;
      const secProv = hygienists.length > 0 ? rnd.pick(hygienists).provNum : 0;
      await sink.add('patient', {
        PatNum: patNum,
        LName: lastName,
        FName: firstName,
        MiddleI: rnd.chance(0.4) ? String.fromCharCode(65 + rnd.int(0, 25)) : '',
        Preferred: rnd.chance(0.1) ? firstName.slice(0, 3) : '',
        PatStatus: status,
        Gender: rnd.chance(0.02) ? 2 : rnd.int(0, 1),
        Birthdate: addDays(baseDate, -(ageYears * 365 + rnd.int(0, 364))),
        Email: rnd.chance(0.7) ? `${firstName}.${lastName}${patNum}@example.com`.toLowerCase() : '',
        HmPhone: m === 0 ? phone : '',
        WirelessPhone: rnd.chance(0.8) ? `(555) ${rnd.int(200, 999)}-${String(rnd.int(0, 9999)).padStart(4, '0')}` : '',
        Address: address,
        City: town.city,
        State: town.state,
        Zip: town.zip,
        Guarantor: guarantor,
        PriProv: priProv,
        SecProv: secProv,
        ClinicNum: clinicNum,
        DateFirstVisit: firstVisit,
        ...stamp(firstVisit),
      });
      patients.push({ patNum, clinicNum, priProv, secProv, child });
    }
  }
  return patients;
}
