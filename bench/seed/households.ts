import type { PersonFields } from '../../shared/contract/persons.js';
import { CCCD_PROVINCE_NAMES } from '../../shared/identifiers/cccd.js';
import type { Relation } from '../../shared/persons/relations.js';
import { foldVietnamese } from '../../shared/text/fold.js';
import { bhytCardCode, IdentifierBook, swapAdjacentDigits } from './identifiers.js';
import { ETHNIC_CODES, familyNameFor, personName, withoutDiacritics, type EthnicGroup } from './names.js';
import { addDaysIso, AgeSampler, ageOn, birthDateForAge, CENSUS_AGES, dayMs, isoDay, localTime, sampleConditions } from './population.js';
import { Rng, WeightedTable } from './rng.js';
import type { HouseholdPlan, PersonPlan, Shape, Task, World } from './types.js';

/**
 * Households and persons: the plan (sizes 1–8 with a mean near 3.6, family templates, ages from the census
 * pyramid, names, identifiers, BHYT cards) and the shape that registers them through `households.create` and
 * `persons.register` — the initial registration campaign before the visit window, newborns a few days after birth,
 * and a few intentional duplicates and typos.
 */

/** Household size 1–8; mean ≈ 3.63 (the 2019 census average was 3.5, rural communes a little more). */
export const HOUSEHOLD_SIZES: readonly (readonly [number, number])[] = [[1, 9], [2, 17], [3, 21], [4, 25], [5, 14], [6, 8], [7, 4], [8, 2]];

const DAY = 86_400_000;
/** Members of a household are entered a few seconds apart. */
const MEMBER_GAP_MS = 5_000;

interface Spec {
  relation: Relation;
  sex: 'M' | 'F';
  age: number;
  mother: number | null;
  father: number | null;
  group: EthnicGroup;
  /** Take the family name of this member (children from their father, the head's father from the head). */
  familyFrom: number | null;
  /** A family name for someone whose father is not in the household. */
  familyName?: string;
  bornElsewhere: boolean;
  /** Names of parents who do not live in the household. */
  motherName?: string;
  fatherName?: string;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** The family templates: who lives together, with feasible ages (mother 18–44 at each birth). */
class HouseholdBuilder {
  readonly specs: Spec[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly group: EthnicGroup,
    private readonly mix: WeightedTable<EthnicGroup>,
    private readonly ages: AgeSampler,
  ) {}

  private add(spec: Omit<Spec, 'bornElsewhere' | 'group'> & { group?: EthnicGroup; bornElsewhere?: boolean }): number {
    this.specs.push({ group: this.group, bornElsewhere: false, ...spec });
    return this.specs.length - 1;
  }

  private spouseGroup(): EthnicGroup {
    return this.rng.chance(0.9) ? this.group : this.mix.sample(this.rng);
  }

  /** Children of a mother aged `motherAge` (and optionally a father), ages drawn from the pyramid. */
  private children(k: number, motherAge: number | null, mother: number | null, father: number | null, relation: Relation, range: [number, number], absentFather?: string) {
    const ages: number[] = [];
    const lo = motherAge === null ? range[0] : Math.max(range[0], motherAge - 44);
    const hi = motherAge === null ? range[1] : Math.min(range[1], motherAge - 18);
    for (let i = 0; i < k; i++) {
      let age = this.ages.sample(this.rng, lo, hi);
      for (let tries = 0; tries < 3 && ages.includes(age) && !this.rng.chance(0.03); tries++) age = this.ages.sample(this.rng, lo, hi);
      ages.push(age);
    }
    ages.sort((a, b) => b - a);
    const familyName = father === null ? absentFather ?? familyNameFor(this.rng, this.group) : undefined;
    const group = father !== null ? this.specs[father]!.group : mother !== null ? this.specs[mother]!.group : this.group;
    for (const age of ages) {
      this.add({ relation, sex: this.rng.chance(0.512) ? 'M' : 'F', age, mother, father, familyFrom: father, group, ...(familyName ? { familyName } : {}) });
    }
  }

  /** A married couple; the wife's age drawn from [lo, hi]; the husband is the head in most households. */
  private couple(lo: number, hi: number, maleHead = this.rng.chance(0.82), tilt?: (age: number) => number): { husband: number; wife: number; wifeAge: number } {
    const wifeAge = this.ages.sample(this.rng, lo, hi, tilt);
    const husbandAge = clamp(Math.round(wifeAge + this.rng.normal(3.5, 3)), 18, 99);
    const spouseGroup = this.spouseGroup();
    if (maleHead) {
      const husband = this.add({ relation: 'head', sex: 'M', age: husbandAge, mother: null, father: null, familyFrom: null });
      const wife = this.add({ relation: 'spouse', sex: 'F', age: wifeAge, mother: null, father: null, familyFrom: null, group: spouseGroup, bornElsewhere: this.rng.chance(0.15) });
      return { husband, wife, wifeAge };
    }
    const wife = this.add({ relation: 'head', sex: 'F', age: wifeAge, mother: null, father: null, familyFrom: null });
    const husband = this.add({ relation: 'spouse', sex: 'M', age: husbandAge, mother: null, father: null, familyFrom: null, group: spouseGroup, bornElsewhere: this.rng.chance(0.1) });
    return { husband, wife, wifeAge };
  }

  single() {
    const age = this.ages.sample(this.rng, 18, 99, (a) => (a >= 60 ? 5 : a >= 45 ? 1.5 : 1));
    const sex = age >= 60 ? (this.rng.chance(0.72) ? 'F' : 'M') : this.rng.chance(0.55) ? 'M' : 'F';
    this.add({ relation: 'head', sex, age, mother: null, father: null, familyFrom: null });
  }

  coupleOnly() {
    this.couple(19, 95, undefined, (a) => (a >= 55 ? 3 : a <= 25 ? 1.5 : 0.6));
  }

  singleParent(k: number) {
    if (this.rng.chance(0.8)) {
      const age = this.ages.sample(this.rng, 22, 75);
      const mother = this.add({ relation: 'head', sex: 'F', age, mother: null, father: null, familyFrom: null });
      // The father lives elsewhere (divorced, working away) or died: children carry his family name.
      const absent = personName(this.rng, { sex: 'M', birthYear: 2023 - age, group: this.group });
      this.children(k, age, mother, null, 'child', [0, 40], absent.split(' ')[0]);
      if (this.rng.chance(0.6)) for (const s of this.specs.slice(1)) s.fatherName = absent;
    } else {
      const age = this.ages.sample(this.rng, 28, 80);
      const father = this.add({ relation: 'head', sex: 'M', age, mother: null, father: null, familyFrom: null });
      // No mother in the household: children are 6 or older (under-6s always live with their mother).
      this.children(k, null, null, father, 'child', [Math.max(6, age - 50), Math.max(6, age - 20)]);
    }
  }

  grandparentAndChild() {
    const age = this.ages.sample(this.rng, 50, 88);
    const grandparent = this.add({ relation: 'head', sex: this.rng.chance(0.7) ? 'F' : 'M', age, mother: null, father: null, familyFrom: null });
    void grandparent;
    // Parents working in the city; the child is of school age.
    const childAge = this.ages.sample(this.rng, 6, 17);
    const motherName = personName(this.rng, { sex: 'F', birthYear: 1990, group: this.group });
    this.add({ relation: 'grandchild', sex: this.rng.chance(0.51) ? 'M' : 'F', age: childAge, mother: null, father: null, familyFrom: null, motherName });
  }

  parentAndChild() {
    const motherHead = this.rng.chance(0.75);
    const age = this.ages.sample(this.rng, 25, 88, (a) => (a >= 55 ? 2 : 1));
    const parent = this.add({ relation: 'head', sex: motherHead ? 'F' : 'M', age, mother: null, father: null, familyFrom: null });
    if (motherHead) this.children(1, age, parent, null, 'child', [0, 50]);
    else this.children(1, null, null, parent, 'child', [Math.max(6, age - 50), Math.max(6, age - 20)]);
  }

  nuclear(k: number) {
    const { husband, wife, wifeAge } = this.couple(20, 68, undefined, (a) => (a > 55 ? 0.5 : 1));
    this.children(k, wifeAge, wife, husband, 'child', [0, 35]);
  }

  /** A couple, their children and one or two of the head's parents. */
  withParents(parents: number, k: number) {
    const { husband, wife, wifeAge } = this.couple(20, 55);
    const head = this.specs[0]!.sex === 'M' ? husband : wife;
    const headAge = this.specs[head]!.age;
    const fatherAge = clamp(headAge + this.rng.int(22, 40), headAge + 18, 99);
    const motherAge = clamp(fatherAge - this.rng.int(0, 6), headAge + 18, 99);
    const both = parents >= 2;
    const mum = both || this.rng.chance(0.7);
    let grandfather: number | null = null;
    let grandmother: number | null = null;
    if (both || !mum) grandfather = this.add({ relation: 'parent', sex: 'M', age: fatherAge, mother: null, father: null, familyFrom: head, group: this.specs[head]!.group });
    if (mum) grandmother = this.add({ relation: 'parent', sex: 'F', age: motherAge, mother: null, father: null, familyFrom: null, group: this.specs[head]!.group });
    this.specs[head]!.father = grandfather;
    this.specs[head]!.mother = grandmother;
    this.children(k, wifeAge, wife, husband, 'child', [0, 35]);
  }

  /** Grandparents at the head, a married child with spouse, grandchildren, maybe unmarried children. */
  threeGenerations(size: number) {
    const widowed = this.rng.chance(0.3);
    const grandmotherAge = this.ages.sample(this.rng, 45, 88);
    let grandmother: number | null;
    let grandfather: number | null = null;
    if (widowed) {
      const sex = this.rng.chance(0.75) ? 'F' : 'M';
      const head = this.add({ relation: 'head', sex, age: sex === 'F' ? grandmotherAge : clamp(grandmotherAge + 3, 18, 99), mother: null, father: null, familyFrom: null });
      grandmother = sex === 'F' ? head : null;
      grandfather = sex === 'M' ? head : null;
    } else {
      const g = this.couple(grandmotherAge, grandmotherAge, true);
      grandmother = g.wife;
      grandfather = g.husband;
    }
    const motherAgeForChildren = grandmother !== null ? this.specs[grandmother]!.age : grandmotherAge;
    const sonLine = this.rng.chance(0.8);
    const childAge = this.ages.sample(this.rng, Math.max(20, motherAgeForChildren - 44), Math.max(20, Math.min(60, motherAgeForChildren - 18)));
    const inLawAge = clamp(Math.round(childAge + (sonLine ? -this.rng.normal(2.5, 3) : this.rng.normal(3, 3))), 18, 99);
    const child = this.add({ relation: 'child', sex: sonLine ? 'M' : 'F', age: childAge, mother: grandmother, father: grandfather, familyFrom: grandfather });
    const inLaw = this.add({
      relation: 'child_in_law',
      sex: sonLine ? 'F' : 'M',
      age: inLawAge,
      mother: null,
      father: null,
      familyFrom: null,
      group: this.spouseGroup(),
      bornElsewhere: this.rng.chance(0.2),
    });
    const youngMother = sonLine ? inLaw : child;
    const youngFather = sonLine ? child : inLaw;
    const youngMotherAge = this.specs[youngMother]!.age;
    const remaining = size - this.specs.length;
    const canHaveKids = youngMotherAge >= 19;
    const grandkids = canHaveKids ? Math.min(remaining, this.rng.chance(0.8) ? remaining : Math.max(1, remaining - 1)) : 0;
    this.children(grandkids, youngMotherAge, youngMother, youngFather, 'grandchild', [0, 30]);
    const unmarried = size - this.specs.length;
    if (unmarried > 0) this.children(unmarried, motherAgeForChildren, grandmother, grandfather, 'child', [16, 40]);
  }
}

function buildHousehold(rng: Rng, size: number, group: EthnicGroup, mix: WeightedTable<EthnicGroup>, ages: AgeSampler): Spec[] {
  const b = new HouseholdBuilder(rng, group, mix, ages);
  if (size === 1) b.single();
  else if (size === 2) {
    const t = rng.weighted([['couple', 55], ['parent', 30], ['grand', 15]] as const);
    if (t === 'couple') b.coupleOnly();
    else if (t === 'parent') b.parentAndChild();
    else b.grandparentAndChild();
  } else {
    const t = rng.weighted(
      size === 3
        ? ([['nuclear', 66], ['single', 12], ['parents', 22]] as const)
        : size === 4
          ? ([['nuclear', 50], ['single', 4], ['parents', 18], ['three', 28]] as const)
          : size === 5
            ? ([['nuclear', 25], ['parents', 30], ['three', 45]] as const)
            : ([['parents', 30], ['three', 70]] as const),
    );
    if (t === 'nuclear') b.nuclear(size - 2);
    else if (t === 'single') b.singleParent(size - 1);
    else if (t === 'parents') {
      const parents = size >= 5 && rng.chance(0.55) ? 2 : 1;
      b.withParents(parents, size - 2 - parents);
    } else b.threeGenerations(size);
  }
  return b.specs;
}

/** What the household plan needs from the card rules. */
interface Card {
  group: string;
  level: number;
  /** Card validity: 'child' until the 6th birthday, 'long' several years, 'year' 12 months renewed. */
  term: 'child' | 'long' | 'year';
  renewRate: number;
}

const OCCUPATIONS_PLAINS: readonly (readonly [string, number])[] = [
  ['Làm ruộng', 28], ['Công nhân', 22], ['Buôn bán', 9], ['Lao động tự do', 12], ['Nội trợ', 5], ['Giáo viên', 3], ['Cán bộ', 2],
  ['Thợ xây', 5], ['Thợ may', 3], ['Lái xe', 2], ['Kinh doanh', 3], ['Nhân viên văn phòng', 3], ['Nuôi trồng thủy sản', 2],
  ['Bộ đội', 0.5], ['Công an', 0.5], ['Làm việc ở nước ngoài', 1],
];
const OCCUPATIONS_MOUNTAIN: readonly (readonly [string, number])[] = [
  ['Làm nương', 40], ['Làm ruộng', 20], ['Lao động tự do', 12], ['Công nhân', 8], ['Trồng rừng', 4], ['Buôn bán', 4], ['Nội trợ', 4],
  ['Giáo viên', 3], ['Cán bộ', 2], ['Chăn nuôi', 3], ['Bộ đội', 0.5], ['Công an', 0.5],
];

/** Occupation and BHYT card of a person (null card: not insured). */
function occupationAndCard(rng: Rng, age: number, poor: boolean, minority: boolean, mountain: boolean): { occupation?: string; card: Card | null } {
  const year = (group: string, level: number, renewRate: number): Card => ({ group, level, term: 'year', renewRate });
  const long = (group: string, level: number): Card => ({ group, level, term: 'long', renewRate: 1 });
  const householdCard = (): Card | null => (poor ? year('HN', 2, 0.97) : mountain && minority ? year('DT', 2, 0.95) : null);
  if (age < 6) return { card: rng.chance(0.985) ? { group: 'TE', level: 1, term: 'child', renewRate: 1 } : null };
  if (age < 18) {
    const occupation = age >= 15 && rng.chance(0.12) ? 'Lao động tự do' : 'Học sinh';
    const card = householdCard() ?? (occupation === 'Học sinh' ? (rng.chance(0.93) ? year('HS', 4, 0.95) : null) : rng.chance(0.5) ? year('GD', 4, 0.85) : null);
    return { occupation, card };
  }
  if (age <= 22 && rng.chance(mountain ? 0.12 : 0.35)) return { occupation: 'Sinh viên', card: householdCard() ?? (rng.chance(0.9) ? year('SV', 4, 0.92) : null) };
  if (age < 60) {
    const occupation = rng.weighted(mountain ? OCCUPATIONS_MOUNTAIN : OCCUPATIONS_PLAINS);
    let card: Card | null;
    if (occupation === 'Bộ đội') card = long('QN', 5);
    else if (occupation === 'Công an') card = long('CA', 5);
    else if (occupation === 'Giáo viên' || occupation === 'Cán bộ') card = year('HC', 4, 1);
    else if (occupation === 'Công nhân' || occupation === 'Nhân viên văn phòng' || occupation === 'Thợ may') card = rng.chance(0.9) ? year('DN', 4, 0.97) : householdCard() ?? (rng.chance(0.6) ? year('GD', 4, 0.85) : null);
    else if (occupation === 'Làm việc ở nước ngoài') card = null;
    else card = householdCard() ?? (rng.chance(0.03) ? year('CN', 3, 0.9) : rng.chance(0.8) ? year('GD', 4, 0.85) : null);
    return { occupation, card };
  }
  // 60 and over.
  if (rng.chance(mountain ? 0.08 : 0.22)) return { occupation: 'Hưu trí', card: long('HT', 3) };
  if (rng.chance(0.02)) return { occupation: age >= 75 ? 'Già yếu' : 'Làm ruộng', card: long('CK', 2) };
  if (rng.chance(0.005)) return { occupation: 'Già yếu', card: long('CC', 1) };
  if (age >= 75) return { occupation: 'Già yếu', card: householdCard() ?? (rng.chance(0.93) ? long('BT', 2) : null) };
  return { occupation: mountain ? 'Làm nương' : rng.chance(0.7) ? 'Làm ruộng' : 'Nội trợ', card: householdCard() ?? (rng.chance(0.85) ? year('GD', 4, 0.9) : null) };
}

function addMonthsIso(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** A working-hours instant on a date (07:30–16:30 local). */
function workingTime(rng: Rng, iso: string): number {
  return localTime(iso, 7, 30) + rng.int(0, 9 * 60 - 1) * 60_000 + rng.int(0, 59) * 1000;
}

/** Card validity at registration, and the renewal (12-month cards) that makes it current on `today`. */
function cardValidity(rng: Rng, card: Card, birthDate: string, registeredOn: string, today: string): { from: string; to: string; renewal: { on: string; from: string; to: string } | null } {
  if (card.term === 'child') {
    const sixth = `${Number(birthDate.slice(0, 4)) + 6}${birthDate.slice(4)}`;
    return { from: birthDate.length === 10 ? birthDate : `${birthDate}-01-01`, to: addDaysIso(sixth.length === 10 ? sixth : `${sixth}-01-01`, -1), renewal: null };
  }
  if (card.term === 'long') {
    const fromYear = Number(registeredOn.slice(0, 4)) - rng.int(0, 2);
    return { from: `${fromYear}-01-01`, to: `${Number(today.slice(0, 4)) + rng.int(1, 4)}-12-31`, renewal: null };
  }
  // 12 months from the first of a month within the year before registration.
  const firstOfMonth = `${registeredOn.slice(0, 7)}-01`;
  const from = addMonthsIso(firstOfMonth, -rng.int(0, 11));
  const to = addDaysIso(addMonthsIso(from, 12), -1);
  if (!rng.chance(card.renewRate)) return { from, to, renewal: null };
  // Renewed every year (contributions paid on time): the last renewal before today is what the record shows.
  let k = 0;
  while (addMonthsIso(from, 12 * (k + 1)) <= today) k++;
  if (k === 0) return { from, to, renewal: null };
  const renewedFrom = addMonthsIso(from, 12 * k);
  return { from, to, renewal: { on: renewedFrom, from: renewedFrom, to: addDaysIso(addMonthsIso(renewedFrom, 12), -1) } };
}

function cccdIssueDate(rng: Rng, birthDate: string, before: string): string | undefined {
  const turned14 = addDaysIso(`${Number(birthDate.slice(0, 4)) + 14}${birthDate.length === 10 ? birthDate.slice(4) : '-07-01'}`, 0);
  const lo = turned14 > '2016-01-01' ? turned14 : '2016-01-01';
  const hi = addDaysIso(before, -1);
  if (lo > hi) return undefined;
  // Most chip cards were issued in the 2021–2022 campaign.
  const campaign = ['2021-03-01', '2022-06-30'];
  const [a, b] = lo <= campaign[0]! && hi >= campaign[1]! && rng.chance(0.7) ? campaign : [lo, hi];
  const span = Math.max(0, Math.round((dayMs(b!) - dayMs(a!)) / DAY));
  return addDaysIso(a!, rng.int(0, span));
}

const MOBILE_AGE = (age: number) => (age >= 70 ? 0.4 : age >= 18 ? 0.86 : age >= 15 ? 0.4 : 0);

/** Plans the households and persons of the station (pure: no database). */
export function planPopulation(world: World, rng: Rng): void {
  const { options, profile } = world;
  const today = options.today;
  const ids = new IdentifierBook();
  const mix = new WeightedTable(profile.ethnicMix);
  const sizes = new WeightedTable(HOUSEHOLD_SIZES);
  const mountain = options.ethnicMix === 'mountain';
  const hamletRng = rng.fork('hamlets');
  const hamletWeights = new WeightedTable(world.hamletNames.map((_, i) => [i, 0.5 + hamletRng.next()] as const));
  const religions = new WeightedTable(profile.religions);
  const campaignDays = 45;

  // Calibrate the age weights so that the whole population, not each template, follows the census pyramid.
  let ages = CENSUS_AGES;
  for (let round = 0; round < 3; round++) {
    const calRng = new Rng(`calibration-${round}`);
    const sample: number[] = [];
    while (sample.length < 30_000) for (const s of buildHousehold(calRng, sizes.sample(calRng), 'kinh', mix, ages)) sample.push(s.age);
    ages = ages.calibrated(sample);
  }

  // Households first (sizes and members), then the campaign schedule.
  const plans: { household: HouseholdPlan; specs: Spec[] }[] = [];
  let total = 0;
  while (total < options.persons) {
    const size = Math.min(sizes.sample(rng), options.persons - total);
    const group = mix.sample(rng);
    const specs = buildHousehold(rng, size, group, mix, ages);
    const key = plans.length;
    const hamletIndex = hamletWeights.sample(rng);
    const hamlet = world.hamletNames[hamletIndex]!;
    const address = mountain && rng.chance(0.4) ? hamlet : rng.chance(0.65) ? `Số nhà ${rng.int(1, 260)}, ${hamlet}` : `Xóm ${rng.int(1, 9)}, ${hamlet}`;
    const poor = rng.chance(profile.poorRate * (mountain && group !== 'kinh' ? 1.3 : mountain ? 0.4 : 1));
    plans.push({
      household: { key, code: `H${String(key + 1).padStart(5, '0')}`, hamletIndex, address, memberKeys: [], poor, registerAt: 0, id: null },
      specs,
    });
    total += specs.length;
  }

  const campaignStart = world.campaignStart;
  for (const { household, specs } of plans) {
    // Spread over the campaign's working hours (07:30–16:30), in household-code order.
    const pos = (household.key / plans.length) * campaignDays;
    const day = Math.floor(pos);
    household.registerAt = localTime(isoDay(campaignStart + day * DAY), 7, 30) + Math.floor((pos - day) * 9 * 3_600_000);
    const religion = religions.sample(rng);
    const base = world.persons.length;
    const names: string[] = [];
    const familyNames: string[] = [];
    specs.forEach((spec, i) => {
      const birthDate0 = birthDateForAge(rng, today, spec.age);
      const birthYear = Number(birthDate0.slice(0, 4));
      const family = spec.familyName ?? (spec.familyFrom !== null ? familyNames[spec.familyFrom] : undefined);
      const fullName = personName(rng, { sex: spec.sex, birthYear, group: spec.group, familyName: family });
      names.push(fullName);
      familyNames.push(fullName.split(' ')[0]!);
      // Some elderly people only know their year of birth.
      const yearOnly = birthYear < 1945 ? rng.chance(0.4) : birthYear < 1956 ? rng.chance(0.1) : false;
      const birthDate = yearOnly ? String(birthYear) : birthDate0;
      const registeredOn = isoDay(household.registerAt + VN7);
      const newborn = birthDate0 >= registeredOn;
      const registerAt = newborn ? workingTime(rng, minIso(addDaysIso(birthDate0, rng.int(3, 45)), addDaysIso(today, -1))) : household.registerAt + i * MEMBER_GAP_MS;
      const regDay = isoDay(registerAt + VN7);
      const age = ageOn(birthDate0, today);
      const minority = spec.group !== 'kinh';

      const birthPrefix = spec.bornElsewhere ? rng.weighted(profile.otherBirthPrefixes) : profile.localCccdPrefix;
      const hasCccd = age >= 14 ? rng.chance(age >= 80 ? 0.75 : 0.93) : rng.chance(birthYear >= 2016 ? 0.55 : 0.2);
      let cccd: string | undefined;
      let confirmCccdWarnings = false;
      if (hasCccd) {
        cccd = ids.cccd(rng, birthPrefix, spec.sex, birthYear);
        // A few numbers typed with a digit of the birth year slipped (YY no longer matches): the core warns.
        if (age >= 18 && rng.chance(0.003)) {
          const typo = swapAdjacentDigits(rng, cccd, 4).slice(0, 6) + cccd.slice(6);
          if (typo !== cccd && ids.claimCccd(typo)) {
            cccd = typo;
            confirmCccdWarnings = true;
          }
        }
      }
      const issue = cccd && age >= 14 ? cccdIssueDate(rng, birthDate0, regDay) : undefined;
      const assigned = occupationAndCard(rng, age, household.poor, minority, mountain);
      const card = assigned.card;
      // Housework is recorded for women; a man at home is usually a farmer or day labourer.
      const occupation = assigned.occupation === 'Nội trợ' && spec.sex === 'M' ? (mountain ? 'Làm nương' : 'Làm ruộng') : assigned.occupation;
      let bhyt: Partial<PersonFields> = {};
      let renewal: PersonPlan['renewal'] = null;
      if (card) {
        const bhxh = ids.socialInsuranceNumber(rng, profile.bhytProvince);
        const validity = cardValidity(rng, card, birthDate, regDay, today);
        const dkbd = rng.weighted([[profile.facility.code, 86], [profile.districtHospitalCode, 11], [`${profile.bhytProvince}001`, 3]] as const);
        bhyt = {
          bhxhNumber: bhxh,
          bhytCardCode: bhytCardCode(card.group, card.level, profile.bhytProvince, bhxh),
          bhytBenefitLevel: card.level,
          bhytValidFrom: validity.from,
          bhytValidTo: validity.to,
          bhytRegistrationFacility: dkbd,
        };
        if (validity.renewal) renewal = { at: workingTime(rng, maxIso(validity.renewal.on, addDaysIso(regDay, 1))), validFrom: validity.renewal.from, validTo: validity.renewal.to };
      }
      const phone = rng.chance(MOBILE_AGE(age)) ? ids.phone(rng) : undefined;
      const fields: PersonFields = {
        fullName,
        sex: spec.sex,
        birthDate,
        ethnicityCode: ETHNIC_CODES[spec.group],
        nationality: 'Việt Nam',
        religion: religion ?? undefined,
        occupation,
        cccd,
        cccdIssueDate: issue,
        cccdIssuePlace: issue ? (issue >= '2021-01-01' ? 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' : `Công an tỉnh ${CCCD_PROVINCE_NAMES[birthPrefix] ?? profile.localBirthProvince}`) : undefined,
        ...bhyt,
        birthProvince: CCCD_PROVINCE_NAMES[birthPrefix] ?? profile.localBirthProvince,
        permanentAddress: rng.chance(0.92) ? `${household.address}, ${profile.facility.communeName}, ${profile.facility.provinceName}` : undefined,
        phone,
        email: phone && age >= 18 && age <= 40 && rng.chance(0.04) ? emailFor(rng, fullName) : undefined,
      } as PersonFields;
      if (rng.chance(0.25)) {
        fields.bloodAbo = rng.weighted([['O', 42], ['B', 31], ['A', 21], ['AB', 6]] as const);
        fields.bloodRh = rng.chance(0.999) ? '+' : '-';
      }
      if (spec.relation === 'head' && phone && rng.chance(0.05)) fields.phone2 = ids.phone(rng);
      world.persons.push({
        key: base + i,
        householdKey: household.key,
        relation: spec.relation,
        group: spec.group,
        fields,
        birthYear,
        registerAt,
        motherKey: spec.mother === null ? null : base + spec.mother,
        fatherKey: spec.father === null ? null : base + spec.father,
        conditions: sampleConditions(rng, age, spec.sex),
        renewal,
        leaves: null,
        duplicateOf: null,
        confirmCccdWarnings,
        id: null,
      });
      household.memberKeys.push(base + i);
    });
    // Parents' names, carers of children, a shared family phone (sometimes typed with two digits swapped).
    specs.forEach((spec, i) => {
      const p = world.persons[base + i]!;
      const motherName = spec.mother !== null ? names[spec.mother] : spec.motherName;
      const fatherName = spec.father !== null ? names[spec.father] : spec.fatherName;
      const age = ageOn(p.fields.birthDate, today);
      if (motherName && (age < 40 || spec.mother !== null)) p.fields.motherName = motherName;
      if (fatherName && (age < 40 || spec.father !== null)) p.fields.fatherName = fatherName;
      if (age < 16) {
        const carer = spec.mother !== null ? world.persons[base + spec.mother]! : spec.father !== null ? world.persons[base + spec.father]! : world.persons[base]!;
        p.fields.carerName = carer.fields.fullName;
        p.fields.carerRelation = spec.mother !== null ? 'Mẹ' : spec.father !== null ? 'Bố' : spec.relation === 'grandchild' ? (carer.fields.sex === 'F' ? 'Bà' : 'Ông') : 'Người thân';
        if (carer.fields.phone) p.fields.carerPhone = carer.fields.phone;
      }
      if (spec.relation === 'spouse' && !p.fields.phone && world.persons[base]!.fields.phone && rng.chance(0.5)) {
        const shared = world.persons[base]!.fields.phone!;
        p.fields.phone = rng.chance(0.04) ? swapAdjacentDigits(rng, shared, 3) : shared;
      }
    });
    world.households.push(household);
  }

  planDuplicates(world, rng.fork('duplicates'));
  checkPlan(world);
}

/**
 * The date rules the core checks against the registration day (birth date, card start and CCCD issue not in the
 * future), verified on the whole plan first: a slip shows in a second instead of after minutes of generation.
 */
function checkPlan(world: World): void {
  const problems: string[] = [];
  for (const p of world.persons) {
    const day = isoDay(p.registerAt);
    const f = p.fields;
    if (f.birthDate.length === 10 ? f.birthDate > day : f.birthDate > day.slice(0, 4)) problems.push(`${f.fullName}: born ${f.birthDate}, registered ${day}`);
    if (f.bhytValidFrom && f.bhytValidFrom > day) problems.push(`${f.fullName}: card from ${f.bhytValidFrom}, registered ${day}`);
    if (f.cccdIssueDate && f.cccdIssueDate > day) problems.push(`${f.fullName}: CCCD issued ${f.cccdIssueDate}, registered ${day}`);
    if (p.renewal && p.renewal.validFrom > isoDay(p.renewal.at)) problems.push(`${f.fullName}: renewal from ${p.renewal.validFrom} applied ${isoDay(p.renewal.at)}`);
    if (p.registerAt >= world.windowEnd) problems.push(`${f.fullName}: registered ${day}, after the window`);
  }
  if (problems.length) throw new Error(`the population plan breaks the core's date rules (${problems.length}):\n${problems.slice(0, 10).join('\n')}`);
}

const VN7 = 7 * 3_600_000;
function minIso(a: string, b: string): string {
  return a < b ? a : b;
}
function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

function emailFor(rng: Rng, name: string): string {
  const parts = foldVietnamese(name).split(' ');
  return `${parts[parts.length - 1]}${parts[0]}${rng.int(1, 99)}@gmail.com`;
}

/** A few adults registered a second time, later, with the name typed without diacritics and no CCCD. */
function planDuplicates(world: World, rng: Rng): void {
  const n = Math.max(1, Math.round(world.persons.length * 0.0015));
  const candidates = world.persons.filter((p) => p.relation !== 'head' && ageOn(p.fields.birthDate, world.options.today) >= 18 && p.registerAt < world.windowStart);
  for (let i = 0; i < n && candidates.length > 0; i++) {
    const original = candidates.splice(rng.int(0, candidates.length - 1), 1)[0]!;
    const { cccd: _c, cccdIssueDate: _d, cccdIssuePlace: _p, ...rest } = original.fields;
    const fields: PersonFields = { ...rest, fullName: withoutDiacritics(original.fields.fullName) };
    if (rng.chance(0.4) && fields.birthDate.length === 10) fields.birthDate = fields.birthDate.slice(0, 4);
    if (rng.chance(0.5)) {
      delete fields.bhxhNumber;
      delete fields.bhytCardCode;
      delete fields.bhytBenefitLevel;
      delete fields.bhytValidFrom;
      delete fields.bhytValidTo;
      delete fields.bhytRegistrationFacility;
    }
    const household = world.households[original.householdKey]!;
    const span = world.windowEnd - world.windowStart;
    const key = world.persons.length;
    world.persons.push({
      ...original,
      key,
      relation: 'other',
      fields,
      registerAt: workingTime(rng, isoDay(world.windowStart + rng.int(0, Math.floor(span / DAY) - 2) * DAY)),
      conditions: [],
      renewal: null,
      leaves: null,
      duplicateOf: original.key,
      confirmCccdWarnings: false,
      id: null,
    });
    household.memberKeys.push(key);
  }
}

/** Folded name + birth year: what the core's duplicate check compares. */
export function homonymKey(p: PersonPlan): string {
  return `${foldVietnamese(p.fields.fullName)}|${p.birthYear}`;
}

/** Registers the planned households and persons through `households.create` and `persons.register`. */
export const householdsShape: Shape = {
  name: 'households',
  plan: (world, rng) => planPopulation(world, rng),
  tasks(world) {
    // Folded name + birth year of everyone registered so far: a homonym is a different person the clerk confirms.
    const known = new Set<string>();
    const register = (env: Parameters<Task['run']>[0], p: PersonPlan) => {
      const household = world.households[p.householdKey]!;
      const key = homonymKey(p);
      const confirmNotDuplicate = known.has(key);
      known.add(key);
      const { person } = env.call('persons.register', {
        person: p.fields,
        householdId: household.id!,
        relationToHead: p.relation,
        confirmCccdWarnings: p.confirmCccdWarnings,
        confirmNotDuplicate,
      });
      p.id = person.id;
    };
    const tasks: Task[] = [];
    for (const household of world.households) {
      const campaign = household.memberKeys.map((k) => world.persons[k]!).filter((p) => p.registerAt < household.registerAt + 60_000 && p.duplicateOf === null);
      tasks.push({
        at: household.registerAt,
        run(env) {
          const [head, ...members] = campaign;
          const key = homonymKey(head!);
          const confirmNotDuplicate = known.has(key);
          known.add(key);
          const r = env.call('households.create', {
            code: household.code,
            hamletId: world.hamletIds[household.hamletIndex]!,
            address: household.address,
            head: head!.fields,
            confirmCccdWarnings: head!.confirmCccdWarnings,
            confirmNotDuplicate,
          });
          household.id = r.household.id;
          head!.id = r.head.id;
          members.forEach((m, i) => {
            env.setClock(m.registerAt);
            register(env, m);
          });
        },
      });
      for (const k of household.memberKeys) {
        const p = world.persons[k]!;
        if (campaign.includes(p)) continue;
        tasks.push({ at: p.registerAt, run: (env) => register(env, p) });
      }
    }
    return tasks;
  },
  summary(world) {
    const sizes = world.households.map((h) => h.memberKeys.length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    const dups = world.persons.filter((p) => p.duplicateOf !== null).length;
    const typos = world.persons.filter((p) => p.confirmCccdWarnings).length;
    return `${world.households.length} households (mean size ${mean.toFixed(2)}), ${world.persons.length} person records (${dups} intentional duplicates, ${typos} CCCD typos)`;
  },
};

/** Yearly BHYT cards renewed: the person's card fields updated through `persons.update` when the new year starts. */
export const bhytRenewalsShape: Shape = {
  name: 'bhyt-renewals',
  tasks(world) {
    const tasks: Task[] = [];
    const homonyms = new Map<string, number>();
    for (const p of world.persons) homonyms.set(homonymKey(p), (homonyms.get(homonymKey(p)) ?? 0) + 1);
    for (const p of world.persons) {
      const renewal = p.renewal;
      if (!renewal || renewal.at <= p.registerAt || renewal.at >= world.windowEnd) continue;
      if (p.leaves && renewal.at >= dayMs(p.leaves.date)) continue;
      // The record already exists: only a person with a known homonym needs the "different person" confirmation.
      const confirmNotDuplicate = (homonyms.get(homonymKey(p)) ?? 0) > 1;
      tasks.push({
        at: renewal.at,
        run(env) {
          p.fields = { ...p.fields, bhytValidFrom: renewal.validFrom, bhytValidTo: renewal.validTo };
          env.call('persons.update', { id: p.id!, person: p.fields, confirmCccdWarnings: p.confirmCccdWarnings, confirmNotDuplicate });
        },
      });
    }
    return tasks;
  },
  summary: (world) => `${world.persons.filter((p) => p.renewal).length} BHYT cards renewed during the window`,
};
