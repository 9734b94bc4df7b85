import type { Random } from './createRandom.js';
import type { RowSink } from './createRowSink.js';
import { procedureCatalog, towns } from './seedCatalog.js';
import { money } from './seedCalendar.js';

export interface SeedProvider {
  provNum: number;
  clinicNum: number;
  hygienist: boolean;
  feeSched: number;
}
export interface SeedOperatory {
  opNum: number;
  clinicNum: number;
  hygiene: boolean;
  dentist: number;
  hygienist: number;
}
export interface PracticeReference {
  clinics: number[];
  providers: SeedProvider[];
  operatories: SeedOperatory[];
  /** fee in cents by `${feeSched}:${codeNum}` */
  fees: Map<string, number>;
}

const DENTISTS = [
  ['Ruth', 'Albers'],
  ['Marcus', 'Bell'],
  ['Anita', 'Chopra'],
  ['Devon', 'Fischer'],
  ['Helen', 'Ito'],
  ['Omar', 'Khan'],
  ['Sara', 'Lindqvist'],
  ['Paul', 'Moreau'],
];
const HYGIENISTS = [
  ['Jenna', 'Ortiz'],
  ['Kayla', 'Price'],
  ['Tom', 'Quinn'],
  ['Lena', 'Sato'],
  ['Nina', 'Vance'],
  ['Rosa', 'Wells'],
  ['Ivy', 'Young'],
  ['Beth', 'Zane'],
];

/** Clinics, providers (dentists and hygienists with fee schedules), operatories, staff users, codes and fees. */
export async function seedReference(sink: RowSink, rnd: Random, clinicCount: number, stamp: Record<string, unknown>): Promise<PracticeReference> {
  const ref: PracticeReference = { clinics: [], providers: [], operatories: [], fees: new Map() };
  await sink.add('userod', { UserNum: 1, UserName: 'Admin', ProvNum: 0, ClinicNum: 0, IsHidden: 0, IsServiceUser: 0, ...stamp });
  let provNum = 0;
  let opNum = 0;
  let userNum = 1;
  for (let c = 1; c <= clinicCount; c++) {
    const town = towns[(c - 1) % towns.length]!;
    ref.clinics.push(c);
    await sink.add('clinic', {
      ClinicNum: c,
      Description: `${town.city} Family Dental`,
      Abbr: town.city.slice(0, 3).toUpperCase() + c,
      Address: `${100 + c * 11} ${town.city} Blvd`,
      City: town.city,
      State: town.state,
      Zip: town.zip,
      Phone: `(555) 01${c}-20${c}0`,
      IsHidden: 0,
      ...stamp,
    });
    const dentists: number[] = [];
    const hygienists: number[] = [];
    for (const [i, hyg] of [
      [0, false],
      [1, false],
      [0, true],
      [1, true],
    ] as const) {
      if (i === 1 && !hyg && rnd.chance(0.3)) continue; // some clinics have one dentist
      provNum++;
      const [first, last] = (hyg ? HYGIENISTS : DENTISTS)[(c * 2 + i - 2) % 8]!;
      await sink.add('provider', {
        ProvNum: provNum,
        Abbr: `${hyg ? 'HYG' : 'DOC'}${provNum}`,
        LName: last,
        FName: first,
        Suffix: hyg ? 'RDH' : 'DDS',
        IsSecondary: hyg ? 1 : 0,
        Specialty: hyg ? 'Hygienist' : 'General',
        FeeSched: 1 + ((c - 1) % 3),
        ClinicNum: c,
        IsHidden: 0,
        ...stamp,
      });
      ref.providers.push({ provNum, clinicNum: c, hygienist: hyg, feeSched: 1 + ((c - 1) % 3) });
      (hyg ? hygienists : dentists).push(provNum);
    }
    const ops = 3 + ((c - 1) % 3);
    for (let o = 0; o < ops; o++) {
      opNum++;
      const hygiene = o >= ops - hygienists.length;
      const dentist = dentists[o % dentists.length]!;
      const hygienist = hygiene ? hygienists[(o - (ops - hygienists.length)) % hygienists.length]! : 0;
      await sink.add('operatory', {
        OperatoryNum: opNum,
        OpName: `${hygiene ? 'Hyg' : 'Op'} ${o + 1}`,
        Abbrev: `${hygiene ? 'H' : 'O'}${o + 1}`,
        ClinicNum: c,
        ProvDentist: dentist,
        ProvHygienist: hygienist,
        IsHygiene: hygiene ? 1 : 0,
        IsHidden: 0,
        ItemOrder: o,
        ...stamp,
      });
      ref.operatories.push({ opNum, clinicNum: c, hygiene, dentist, hygienist });
    }
    for (const role of ['FrontDesk', 'Billing', 'Manager']) {
      userNum++;
      await sink.add('userod', { UserNum: userNum, UserName: `${role}${c}`, ProvNum: 0, ClinicNum: c, IsHidden: 0, IsServiceUser: 0, ...stamp });
    }
  }
  for (const [i, code] of procedureCatalog.entries()) {
    const codeNum = i + 1;
    await sink.add('procedurecode', {
      CodeNum: codeNum,
      ProcCode: code.code,
      Descript: code.descript,
      AbbrDesc: code.abbr,
      ProcTime: code.time,
      ProcCat: code.cat,
      IsHygiene: code.hygiene ? 1 : 0,
    });
    // three fee schedules: UCR, a PPO at 80%, a PPO at 65%, rounded to whole dollars
    for (const [sched, factor] of [
      [1, 1],
      [2, 0.8],
      [3, 0.65],
    ] as const) {
      const cents = Math.round((code.cents * factor) / 100) * 100;
      ref.fees.set(`${sched}:${codeNum}`, cents);
      await sink.add('fee', { FeeSched: sched, CodeNum: codeNum, Amount: money(cents) });
    }
  }
  return ref;
}
