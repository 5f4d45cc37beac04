import fc from "fast-check";
import type { z } from "zod";

/**
 * Inputs generated from a procedure's own zod schema (zod 4, walked through `_zod.def`), for the fuzz in
 * tests/integration/fuzz.test.ts. Only the shapes this codebase uses are understood: object, string (min/max,
 * uuid, email, regex), number (int, min/max, coerce), boolean, enum, literal, array (min/max),
 * optional/default/nullable, union/discriminatedUnion, preprocess/pipe/transform, date.
 *
 * Refinements (a USCC's check digit, a strong password, dates in order) cannot be derived from the schema, so
 * every field named in `samples` (valid values taken from the fixture: real ids, real codes) is drawn from
 * those samples most of the time and generated from the schema otherwise.
 */

/** Valid values per field name, e.g. postingId → the fixture's posting ids. Repeats weigh a value more. */
export type Samples = Record<string, readonly unknown[]>;

type Def = {
  type: string;
  shape?: Record<string, Schema>;
  checks?: { _zod: { def: CheckDef } }[];
  format?: string;
  coerce?: boolean;
  entries?: Record<string, string | number>;
  values?: unknown[];
  element?: Schema;
  innerType?: Schema;
  options?: Schema[];
  in?: Schema;
  out?: Schema;
};
type CheckDef = { check: string; minimum?: number; maximum?: number; value?: number; inclusive?: boolean; format?: string; pattern?: RegExp };
type Schema = z.ZodType | { _zod: { def: Def } };

const defOf = (schema: Schema): Def => schema._zod.def;
const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def);

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** Real calendar days around the fixture's years (the fixture runs placements in 2026–2027). */
const day = fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2029-12-31T00:00:00Z"), noInvalidDate: true }).map(isoDay);
const month = day.map((d) => d.slice(0, 7));

/** The formats a string schema checks (uuid, email, regex…); none for other schemas. */
function stringFormats(def: Def): (string | undefined)[] {
  return def.type === "string" ? [def.format, ...checksOf(def).filter((c) => c.check === "string_format").map((c) => c.format)] : [];
}

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const min = Math.max(0, ...checks.filter((c) => c.check === "min_length").map((c) => c.minimum ?? 0));
  const max = Math.min(10_000, ...checks.filter((c) => c.check === "max_length").map((c) => c.maximum ?? 10_000));
  const formats = stringFormats(def);
  if (formats.includes("uuid")) return fc.uuid({ version: 4 });
  if (formats.includes("email")) return fc.stringMatching(/^[a-z]{3,10}\.[a-z0-9]{2,6}$/).map((local) => `${local}@example.cn`);
  const pattern = checks.find((c) => c.check === "string_format" && c.pattern)?.pattern;
  if (pattern) {
    if (pattern.source === String.raw`^\d{4}-\d{2}-\d{2}$`) return day;
    if (pattern.source === String.raw`^\d{4}-\d{2}$`) return month;
    return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= max);
  }
  // Text: mostly Chinese-looking and ASCII words, sometimes any unicode; never shorter than the minimum after trim.
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom(..."实习岗位学校企业合作软件开发测试报酬说明"), minLength: min, maxLength: Math.min(max, 30) }),
    fc.string({ minLength: min, maxLength: Math.min(max, 30) }),
    fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 12) }),
  );
  return text;
}

function numberArbitrary(def: Def): fc.Arbitrary<number | string> {
  const checks = checksOf(def);
  const int = checks.some((c) => c.check === "number_format" && (c.format === "safeint" || c.format === "int32"));
  const lower = checks.filter((c) => c.check === "greater_than").map((c) => ({ v: c.value ?? 0, inclusive: c.inclusive ?? true }))[0];
  const upper = checks.filter((c) => c.check === "less_than").map((c) => ({ v: c.value ?? 0, inclusive: c.inclusive ?? true }))[0];
  const min = lower ? lower.v + (lower.inclusive ? 0 : int ? 1 : 0.5) : int ? -1000 : -1000;
  const max = upper ? upper.v - (upper.inclusive ? 0 : int ? 1 : 0.5) : Math.max(min, 0) + 100_000;
  const base: fc.Arbitrary<number> = int
    ? fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(Math.ceil(min), Math.floor(max)))
    : fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }).map((n) => n), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: Math.ceil(min * 2), max: Math.floor(max * 2) }).map((n) => n / 2));
  // A coerced number also arrives as the string a form sends.
  return def.coerce ? fc.oneof({ weight: 3, arbitrary: base }, { weight: 1, arbitrary: base.map(String) }) : base;
}

/**
 * An arbitrary of values shaped like `schema`. `key` is the field name the schema sits under, looked up in
 * `samples` (arrays and objects too: a whole valid posting is a sample of "posting").
 */
export function arbitraryFor(schema: Schema, samples: Samples = {}, key?: string): fc.Arbitrary<unknown> {
  const generated = fromSchema(schema, samples, key);
  // Only the samples this field accepts: the same name means other things elsewhere ("kind", "action").
  const known = key !== undefined ? samples[key]?.filter((value) => (schema as z.ZodType).safeParse(value).success) : undefined;
  if (!known || known.length === 0) return generated;
  // An id that names no record is refused before anything is done: a real one far more often.
  const weight = stringFormats(defOf(schema)).includes("uuid") ? 12 : 6;
  return fc.oneof({ weight, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generated });
}

function fromSchema(schema: Schema, samples: Samples, key?: string): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const shape = def.shape ?? {};
      return fc.record(Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, arbitraryFor(field, samples, name)])));
    }
    case "string":
      return stringArbitrary(def);
    case "number":
      return numberArbitrary(def);
    case "boolean":
      return fc.boolean();
    case "date":
      return fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true });
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case "literal":
      return fc.constantFrom(...(def.values ?? [undefined]));
    case "array": {
      const checks = checksOf(def);
      const min = Math.max(0, ...checks.filter((c) => c.check === "min_length").map((c) => c.minimum ?? 0));
      const max = Math.min(min + 4, ...checks.filter((c) => c.check === "max_length").map((c) => c.maximum ?? 1000));
      // Elements are drawn from the samples of the field's own name too (specialtyCodes → specialty codes).
      const element = key && samples[`${key}[]`] ? fc.constantFrom(...samples[`${key}[]`]!) : arbitraryFor(def.element!, samples);
      return fc.array(element, { minLength: min, maxLength: Math.max(min, max) });
    }
    case "optional":
      return fc.option(arbitraryFor(def.innerType!, samples, key), { nil: undefined, freq: 4 });
    case "nullable":
      return fc.option(arbitraryFor(def.innerType!, samples, key), { nil: null, freq: 4 });
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return def.type === "default" || def.type === "prefault"
        ? fc.option(arbitraryFor(def.innerType!, samples, key), { nil: undefined, freq: 4 })
        : arbitraryFor(def.innerType!, samples, key);
    case "union":
      return fc.oneof(...(def.options ?? []).map((option) => arbitraryFor(option, samples, key)));
    case "pipe": {
      // z.preprocess(fn, schema) is a pipe from a transform: generate for what the transform hands on.
      // A pipe into a transform (`.transform(...)`) or a narrower schema: generate for its input side.
      const from = defOf(def.in!);
      return from.type === "transform" ? arbitraryFor(def.out!, samples, key) : arbitraryFor(def.in!, samples, key);
    }
    case "transform":
      return fc.constant(undefined);
    case "undefined":
    case "void":
      return fc.constant(undefined);
    case "null":
      return fc.constant(null);
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

/** A hostile value for one field: wrong types, out-of-range numbers, numbers as strings, and hostile strings. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "'; drop table users; --",
    "' or '1'='1",
    "\" or 1=1 --",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "=cmd|' /C calc'!A0",
    "../../etc/passwd",
    "%",
    "_",
    "\\",
    "𠮷野家",
    "\u202Eevil",
    "\uFEFF",
    "\uD800",
    "Ω≈ç√∫",
    "9".repeat(400),
    "x".repeat(100_000),
    "2027-02-30",
    "0000-00-00",
    "1",
    "-1",
    "1e309",
    "NaN",
    "true",
    "null",
  ),
  fc.constantFrom(-1, 0, 1, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 2 ** 63, 0.5, -0),
  fc.constantFrom(null, undefined, true, false, [], {}, [[]], { __proto__: { admin: true } }, JSON.parse('{"__proto__":{"admin":true}}'), { constructor: { prototype: { x: 1 } } }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.integer().map(String),
  fc.uuid(),
  fc.anything({ maxDepth: 2 }),
);

/** Every path into a value (objects and arrays), the empty path (the whole input) included. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, Array.isArray(value) ? Number(k) : k]))];
}

/** A copy of `value` with the field at `path` replaced (or added) — the rest left as it was. */
export function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...(value as unknown[])];
    copy[head as number] = replaceAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy: Record<string, unknown> = value !== null && typeof value === "object" ? { ...(value as Record<string, unknown>) } : {};
  copy[head as string] = replaceAt(copy[head as string], rest, replacement);
  return copy;
}
