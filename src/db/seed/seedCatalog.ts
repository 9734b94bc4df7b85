/** Reference data the generator draws from: CDT-style codes with fees, names, places. */
export interface CatalogCode {
  code: string;
  descript: string;
  abbr: string;
  /** time pattern, one char per 5 minutes */
  time: string;
  cat: string;
  hygiene: boolean;
  /** UCR fee in cents; fee schedules scale it */
  cents: number;
}

export const procedureCatalog: readonly CatalogCode[] = [
  { code: 'D0120', descript: 'periodic oral evaluation - established patient', abbr: 'PerEx', time: '/X/', cat: 'Exams & Xrays', hygiene: true, cents: 6500 },
  { code: 'D0150', descript: 'comprehensive oral evaluation - new or established patient', abbr: 'CompEx', time: '/XX/', cat: 'Exams & Xrays', hygiene: false, cents: 11000 },
  { code: 'D0140', descript: 'limited oral evaluation - problem focused', abbr: 'LimEx', time: '/X/', cat: 'Exams & Xrays', hygiene: false, cents: 8500 },
  { code: 'D0210', descript: 'intraoral - comprehensive series of radiographic images', abbr: 'FMX', time: '/XX/', cat: 'Exams & Xrays', hygiene: true, cents: 15500 },
  { code: 'D0274', descript: 'bitewings - four radiographic images', abbr: '4BW', time: '/X', cat: 'Exams & Xrays', hygiene: true, cents: 7500 },
  { code: 'D0330', descript: 'panoramic radiographic image', abbr: 'Pano', time: '/X', cat: 'Exams & Xrays', hygiene: false, cents: 12500 },
  { code: 'D1110', descript: 'prophylaxis - adult', abbr: 'Pro', time: '/XXXXXX/', cat: 'Cleanings', hygiene: true, cents: 11500 },
  { code: 'D1120', descript: 'prophylaxis - child', abbr: 'ProChild', time: '/XXXX/', cat: 'Cleanings', hygiene: true, cents: 8000 },
  { code: 'D1206', descript: 'topical application of fluoride varnish', abbr: 'FlVarn', time: '/X', cat: 'Cleanings', hygiene: true, cents: 4500 },
  { code: 'D4341', descript: 'periodontal scaling and root planing - four or more teeth per quadrant', abbr: 'SRP4+', time: '/XXXXXXX/', cat: 'Periodontics', hygiene: true, cents: 26000 },
  { code: 'D4910', descript: 'periodontal maintenance', abbr: 'PerioMaint', time: '/XXXXXX/', cat: 'Periodontics', hygiene: true, cents: 16000 },
  { code: 'D2140', descript: 'amalgam - one surface, primary or permanent', abbr: 'A1', time: '/XXX/', cat: 'Restorative', hygiene: false, cents: 14000 },
  { code: 'D2391', descript: 'resin-based composite - one surface, posterior', abbr: 'C1P', time: '/XXX/', cat: 'Restorative', hygiene: false, cents: 17500 },
  { code: 'D2392', descript: 'resin-based composite - two surfaces, posterior', abbr: 'C2P', time: '/XXXX/', cat: 'Restorative', hygiene: false, cents: 22500 },
  { code: 'D2330', descript: 'resin-based composite - one surface, anterior', abbr: 'C1A', time: '/XXX/', cat: 'Restorative', hygiene: false, cents: 16000 },
  { code: 'D2740', descript: 'crown - porcelain/ceramic', abbr: 'CrnPorc', time: '/XXXXXXXX/', cat: 'Crown & Bridge', hygiene: false, cents: 125000 },
  { code: 'D2750', descript: 'crown - porcelain fused to high noble metal', abbr: 'PFM', time: '/XXXXXXXX/', cat: 'Crown & Bridge', hygiene: false, cents: 118000 },
  { code: 'D2950', descript: 'core buildup, including any pins when required', abbr: 'BU', time: '/XX/', cat: 'Crown & Bridge', hygiene: false, cents: 26500 },
  { code: 'D3310', descript: 'endodontic therapy, anterior tooth', abbr: 'RCTAnt', time: '/XXXXXXXX/', cat: 'Endodontics', hygiene: false, cents: 82000 },
  { code: 'D3330', descript: 'endodontic therapy, molar tooth', abbr: 'RCTMolar', time: '/XXXXXXXXXXXX/', cat: 'Endodontics', hygiene: false, cents: 115000 },
  { code: 'D7140', descript: 'extraction, erupted tooth or exposed root', abbr: 'Ext', time: '/XXX/', cat: 'Oral Surgery', hygiene: false, cents: 17500 },
  { code: 'D7210', descript: 'extraction, erupted tooth requiring removal of bone and/or sectioning of tooth', abbr: 'SurgExt', time: '/XXXXX/', cat: 'Oral Surgery', hygiene: false, cents: 29500 },
  { code: 'D6010', descript: 'surgical placement of implant body: endosteal implant', abbr: 'Implant', time: '/XXXXXXXXXXXX/', cat: 'Implants', hygiene: false, cents: 210000 },
  { code: 'D9110', descript: 'palliative treatment of dental pain - per visit', abbr: 'Palliative', time: '/XX/', cat: 'Adjunctive', hygiene: false, cents: 9500 },
  { code: 'D9944', descript: 'occlusal guard - hard appliance, full arch', abbr: 'NightGuard', time: '/XXX/', cat: 'Adjunctive', hygiene: false, cents: 52000 },
];

export const firstNames: readonly string[] = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Isabella', 'William', 'Mia', 'Benjamin',
  'Charlotte', 'Lucas', 'Amelia', 'Henry', 'Harper', 'Theodore', 'Evelyn', 'Jack', 'Abigail', 'Levi', 'Emily', 'Alexander',
  'Ella', 'Jackson', 'Elizabeth', 'Mateo', 'Camila', 'Daniel', 'Luna', 'Michael', 'Sofia', 'Mason', 'Avery', 'Sebastian',
  'Mila', 'Ethan', 'Aria', 'Logan', 'Scarlett', 'Owen', 'Penelope', 'Samuel', 'Layla', 'Jacob', 'Chloe', 'Asher', 'Victoria',
  'Aiden', 'Madison', 'John', 'Eleanor', 'Joseph', 'Grace', 'Wyatt', 'Nora', 'David', 'Riley', 'Leo', 'Zoey', 'Luke', 'Hannah',
  'Julian', 'Hazel', 'Hudson', 'Lily', 'Grayson', 'Ellie', 'Matthew', 'Violet', 'Ezra', 'Lillian', 'Gabriel', 'Zoe', 'Carter',
  'Stella', 'Isaac', 'Aurora', 'Jayden', 'Natalie', 'Maya', 'Priya', 'Wei', 'Mohammed', 'Fatima', 'Hiroshi', 'Yuki', 'Carlos', 'Lucia',
];

export const lastNames: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez',
  'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White',
  'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres',
  'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart', 'Morris', 'Morales',
  'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos',
  'Kim', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez', 'Okafor', 'Kowalski', 'Tanaka',
];

export const towns: readonly { city: string; state: string; zip: string }[] = [
  { city: 'Portland', state: 'OR', zip: '97201' }, { city: 'Salem', state: 'OR', zip: '97301' }, { city: 'Eugene', state: 'OR', zip: '97401' },
  { city: 'Boise', state: 'ID', zip: '83702' }, { city: 'Spokane', state: 'WA', zip: '99201' }, { city: 'Tacoma', state: 'WA', zip: '98402' },
  { city: 'Bend', state: 'OR', zip: '97701' }, { city: 'Medford', state: 'OR', zip: '97501' },
];

export const streets: readonly string[] = ['Oak St', 'Maple Ave', 'Cedar Ln', 'Pine St', 'Elm Dr', 'Birch Rd', 'Willow Way', 'Main St', 'Park Ave', 'Lake Dr'];
