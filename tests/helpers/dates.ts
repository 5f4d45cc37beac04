import { addDays, addMonths } from "@/server/compliance/dates";
import { todayInChina } from "@/server/schemas/accounts";

export { addDays, addMonths };

/**
 * One clock for the suite: every date a fixture compares with "now" is taken from the test's today, which is
 * the server's own todayInChina() (so a faked Date moves both). Fixed dates stay only for facts that do not age
 * (a birth date, a past filing, a pure rule called with its own `today`).
 */
export const today = () => todayInChina();
export const daysFromToday = (n: number) => addDays(today(), n);
export const thisYear = () => Number(today().slice(0, 4));

/** Day `day` of the month `offset` months from this one; a day the month lacks becomes its last day (31 → 30/28/29). */
export function monthDay(offset: number, day: number): string {
  return addMonths(`${today().slice(0, 7)}-${String(day).padStart(2, "0")}`, offset);
}
export const monthStart = (offset: number) => monthDay(offset, 1);
export const monthEnd = (offset: number) => monthDay(offset, 31);
/** YYYY-MM, `offset` months from this one. */
export const monthOf = (offset: number) => monthStart(offset).slice(0, 7);

/** The Monday of the week a date falls in. */
export function mondayOf(iso: string): string {
  const weekday = (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(iso, -weekday);
}
/** The first `weekday` (1 Monday … 7 Sunday) on or after a date. */
export function nextWeekday(iso: string, weekday: number): string {
  const current = ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return addDays(iso, (weekday - current + 7) % 7);
}

/** An intake (enrolment year) still in year one on `date`: the school year starts on 1 September. */
export const firstYearIntake = (date: string) => Number(date.slice(0, 4)) - (date.slice(5) >= "09-01" ? 0 : 1);
/** The latest intake past year one on `date`. */
export const pastFirstYearIntake = (date: string) => firstYearIntake(date) - 1;
/** A birth date on which a student turns `age` exactly on `date` (shift it by a day for one day short). */
export const birthDateTurning = (age: number, date: string) => `${Number(date.slice(0, 4)) - age}${date.slice(4)}`;

const RealDate = globalThis.Date;
let offsetMs = 0;
/** Date with the clock shifted by `offsetMs`: `new Date()` and `Date.now()` move, everything else is Date's own. */
class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...(args as [string | number | Date]));
  }
  static now() {
    return RealDate.now() + offsetMs;
  }
}

/**
 * Moves the clock of the code under test to `instant`, from where it runs on at the real pace. Date only:
 * timers, performance.now() and SQLite's unixepoch() defaults keep real time (no comparison in the app mixes
 * the two: the rows it compares with "now" are written from the JS clock). Not vi.useFakeTimers: its Date
 * stands still while synchronous code runs, so consecutive writes share one millisecond, which the real
 * clock does not do (and which hides, or fakes, ordering by time).
 */
export function setClock(instant: string | Date) {
  offsetMs = new RealDate(instant).getTime() - RealDate.now();
  if (Number.isNaN(offsetMs)) throw new Error(`setClock: not a date: ${String(instant)}`);
  globalThis.Date = ShiftedDate as DateConstructor;
}
/** Puts the clock back: to FAKE_TODAY when the whole run is at another date, else to real time. */
export function resetClock() {
  offsetMs = 0;
  globalThis.Date = RealDate;
  applyFakeToday();
}

/**
 * FAKE_TODAY=YYYY-MM-DD runs the whole suite at that date (10:00 in China), to show that no fixture is tied
 * to the day it was written (tests/helpers/clock-setup.ts applies it to every test file).
 */
export function applyFakeToday() {
  const fake = process.env.FAKE_TODAY;
  if (!fake) return;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fake)) throw new Error(`FAKE_TODAY must be YYYY-MM-DD, not ${fake}`);
  setClock(`${fake}T10:00:00+08:00`);
}
