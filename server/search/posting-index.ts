import type { Db } from "../../db/create";
import { industries, specialties } from "../../db/schema";
import { postingKinds, type PostingKind } from "../../db/schema-enums";
import type { Eligibility } from "../matching/eligibility";
import { barredKeyOffset, kindPoints, neighbouringProvinces, rankKey, scoreTenthsOfKey, weights, type MatchProfile } from "../matching/score";
import { LruMap } from "../../db/collections";
import { keepSnapshots, loadWithSnapshots } from "./index-snapshot";
import { sourceFor, type ChangeFeed, type PostingRow } from "./source";
import { ftsQueryParts, searchTokens } from "./text";

/**
 * An in-memory index of published postings (typed arrays), for search and matching at national scale.
 * The database stays the source of truth; the index loads once per process, then before every query reads the
 * rows changed since it last looked (an indexed `updated_at` range), so writes from any process show up.
 * It reads through a source per engine (server/search/source.ts): SQLite's synchronous statements and
 * FTS5 table, or PostgreSQL's cursors and bigram GIN index.
 * A query visits candidates in typed arrays: the most selective filter (a text term, a region, a specialty,
 * an industry, a kind, an organisation) supplies them from its position list, every other filter is a
 * lookup table over code dictionaries, counts and facets are gathered on the way, and only the page is
 * kept (a bounded insertion list on a keyset). Positions of text terms are cached and kept up to date.
 * Ranking by relevance reads, step by step, only the lists that can lift a score (rankByStages).
 */

const dayMs = 86_400_000;
const perDay = 1 / dayMs;
const mostFreshnessAndSeats = weights.freshness.max + weights.seats.max;
/** How far (in tenths of a point) a barred posting's rank key sits below an allowed one's of the same score. */
const barredTenths = scoreTenthsOfKey(barredKeyOffset);
/** Int32 slots per posting in the packed `head` and `place` arrays. */
const stride = 4;
/** Specialties kept per posting (the count shares an int with other fields; postings list a handful). */
const maxSpecialties = 127;
const toDay = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / dayMs);
/** The day number (as toDay counts) of an instant in China (UTC+8). */
const chinaDay = (ms: number) => Math.floor((ms + 8 * 3600_000) / dayMs);

class Dictionary {
  readonly codes: string[] = [];
  private readonly index = new Map<string, number>();
  id(code: string): number {
    let i = this.index.get(code);
    if (i === undefined) {
      i = this.codes.length;
      this.codes.push(code);
      this.index.set(code, i);
    }
    return i;
  }
  get(code: string) {
    return this.index.get(code);
  }
  get size() {
    return this.codes.length;
  }
  /** A lookup table: 1 for every code the predicate accepts. */
  table(accept: (code: string) => boolean): Uint8Array {
    const t = new Uint8Array(this.codes.length);
    this.codes.forEach((c, i) => (t[i] = accept(c) ? 1 : 0));
    return t;
  }
}

/** A growable list of positions, appended in increasing order. */
class PositionList {
  data = new Int32Array(4);
  length = 0;
  push(position: number) {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1);
    this.data[this.length++] = position;
  }
}

/** The domain code under which `byGroup` lists postings naming no specialty (no specialty has it). */
const noGroup = "-";

function listAt(lists: PositionList[], id: number): PositionList {
  return (lists[id] ??= new PositionList());
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2, 1024));
  next.set(array);
  return next;
}

export interface SearchFilters {
  query?: string;
  regionCode?: string;
  industryCode?: string;
  specialtyCode?: string;
  kinds?: PostingKind[];
  payMin?: number;
  payMax?: number;
  startFrom?: string;
  startTo?: string;
  minSeats?: number;
  organisationId?: string;
}

/** applyBy: the nearest 申请截止 first (the key is minus the apply-by day, as every order here is by key descending). */
export type SortOrder = "relevance" | "newest" | "pay" | "applyBy";

/** A student's eligibility, compiled from the compliance rules (server/matching/eligibility.ts). */
export type { Eligibility } from "../matching/eligibility";

export interface Cursor {
  key: number;
  rowid: number;
}

export interface SearchResult {
  hits: { rowid: number; key: number; score: number | null }[];
  total: number;
  nextCursor: Cursor | null;
  facets: {
    kind: Record<string, number>;
    province: Record<string, number>;
    division: Record<string, number>;
    /** Asked for by `buckets.region`: by the county and the city a posting lies in (once when they are the same). */
    region?: Record<string, number>;
    /** Asked for by `buckets.group`: by every specialty group (domain key) a posting names, once each. */
    group?: Record<string, number>;
  };
  /** How the page was ranked: by stages of likely candidates, or by a pass over every candidate. */
  plan: "stages" | "scan";
}

const kindIndex = new Map(postingKinds.map((k, i) => [k, i]));

/** One field of a snapshot: plain values and dictionaries in the header, typed arrays and position lists in the data. */
export type SnapshotField =
  | { name: string; kind: "value"; value: number | string | boolean }
  | { name: string; kind: "array"; type: string; length: number }
  | { name: string; kind: "dictionary"; value: string[] }
  | { name: string; kind: "map"; value: [string, string][] }
  | { name: string; kind: "lists"; length: number };

export interface IndexSnapshot {
  fields: SnapshotField[];
  parts: Uint8Array[];
  /** The change feed's checkpoint at the snapshot (ChangeFeed.checkpoint), null for an index that follows none. */
  feed: unknown;
}

/** Caches, derived counts and the wiring to the database: not part of a snapshot. */
const notSnapshotted = new Set(["termCache", "termCacheBytes", "textCounts", "spareMarks", "refreshing", "feed", "commonTermsRead", "openByDay", "version", "compaction", "byGroup", "latestStart"]);

export class PostingIndex {
  private size = 0;
  readonly regions = new Dictionary();
  readonly industries = new Dictionary();
  readonly specialties = new Dictionary();
  readonly organisations = new Dictionary();
  /** rowid → current position (-1: not in the index). */
  private posOfRowid = new Int32Array(0);

  private rowid = new Int32Array(0);
  /**
   * What the search loop reads for every candidate, packed by posting so that a candidate costs a few
   * cache lines rather than one per column (candidates from position lists are scattered):
   *   head  [apply-by day (0 once dead), kind | minors forbidden << 8 | specialty count << 9, first specialty, start day]
   *   place [county, city, province, industry division] (dictionary ids)
   *   time  [published at (ms), the seats part of the matching score]
   */
  private head = new Int32Array(0);
  private place = new Int32Array(0);
  private time = new Float64Array(0);
  private industry = new Int32Array(0);
  private org = new Int32Array(0);
  private pay = new Int32Array(0);
  private seats = new Int32Array(0);
  private updated = new Float64Array(0);
  private specStore = new Int32Array(0);
  private specUsed = 0;
  /** Per specialty dictionary entry: its level-independent class and group, as dictionary ids. */
  private specClass = new Int32Array(0);
  private specGroup = new Int32Array(0);
  readonly domains = new Dictionary();

  /** Positions by value, for the filters that can supply candidates (dead positions stay, open until day 0). */
  private readonly byRegion: PositionList[] = [];
  private readonly bySpecialty: PositionList[] = [];
  private readonly byIndustry: PositionList[] = [];
  private readonly byDivision: PositionList[] = [];
  private readonly byKind: PositionList[] = [];
  private readonly byOrganisation: PositionList[] = [];
  /**
   * Positions by the specialty groups they name (each group once, by its domain id), and under `noGroup` those
   * naming no specialty: a student's eligible postings under the group rule. Derived, not snapshotted.
   */
  private readonly byGroup: PositionList[] = [];
  /** Per kind, the latest start day of any posting listed (an upper bound for the live ones). Derived, not snapshotted. */
  private readonly latestStart = new Int32Array(postingKinds.length);
  /** Open postings by apply-by day, with their facets: the unfiltered total without a scan. */
  private readonly openByDay = new Map<number, { total: number; kind: Int32Array; province: Map<number, number>; division: Map<number, number> }>();
  /**
   * The positions of the load, newest first (published at, then rowid, descending): the unfiltered
   * search by date reads the first page's worth instead of every posting. Positions from `newestUpTo` on
   * came later and are read apart.
   */
  private newest = new Int32Array(0);
  private newestUpTo = 0;
  /**
   * Spare per-position mark arrays (text matches, visited, region points, repeats in a union): a query needs up to four,
   * a megabyte each at a million postings, and allocating them afresh every time fed the garbage
   * collector. One lost to an exception is merely not reused.
   */
  private spareMarks: Uint8Array[] = [];

  /** FTS part → its postings' positions (ascending), valid for positions below `covered`; least recently used first. */
  private readonly termCache = new Map<string, { positions: Int32Array; covered: number }>();
  private termCacheBytes = 0;
  static termCacheLimitBytes = 64 * 2 ** 20;
  /**
   * Total and facets of a text-only search (a keyword, no other filter), by its FTS parts: a common
   * term's count visits a quarter of the index. Valid while nothing was applied since and the day is the
   * same (a posting's apply-by day passing is the only other way a count changes).
   */
  private readonly textCounts = new LruMap<string, { version: number; today: number; counts: Counts }>(256);
  /** Bumped by every posting applied: cached counts from before are stale. */
  private version = 0;
  /** Below this many postings every first search is quick: no common words are read at load. */
  static commonTermsFrom = 20_000;
  /** Ranking by stages gives up beyond this share of the candidates (the index, when no filter supplies them): past it, one pass is cheaper. */
  static stagedReadShare = 0.25;

  /** industry code → 门类 (section) letter; specialty code → level-independent domain key (from the reference tables). */
  private sectionOfIndustry = new Map<string, string>();
  private domainOfSpecialty = new Map<string, string>();

  /** Builds the index from the database. */
  static async load(db: Db): Promise<PostingIndex> {
    const index = new PostingIndex();
    index.sectionOfIndustry = new Map((await db.select({ code: industries.code, section: industries.sectionCode }).from(industries)).map((r) => [r.code, r.section]));
    index.domainOfSpecialty = new Map((await db.select({ code: specialties.code, domain: specialties.domainCode }).from(specialties)).map((r) => [r.code, r.domain]));
    await index.loadPublished(db);
    index.orderByDate();
    await index.refresh(db);
    // Common words are a cache's warm-up, not part of being ready: read in the background while the index
    // already answers (a search meanwhile reads its words itself, as any first search of a word does).
    index.readCommonTermsInBackground(db);
    return index;
  }

  /** Settles when the common words read after the load are in the term cache (benchmarks wait for it). */
  commonTermsRead: Promise<void> = Promise.resolve();

  /** Starts reading the common words (after a load or a restore); a failure is logged, the index answers regardless. */
  private readCommonTermsInBackground(db: Db) {
    this.commonTermsRead = this.readCommonTerms(db).catch((error: unknown) => console.error("search index: reading common words failed:", error));
  }

  /**
   * Reads the positions of common words into the term cache. The first search of a word found in a
   * tenth of a million postings reads 100,000 rowids out of FTS5 (20 ms); later ones come from the
   * cache. Which words are common is estimated from an even sample of postings; the cache stays a
   * least-recently-used one, so these may leave it like any other term.
   */
  private async readCommonTerms(db: Db, sampleSize = 2000, share = 0.08) {
    if (this.size < PostingIndex.commonTermsFrom) return;
    const texts = await sourceFor(db).sampleTexts(sampleSize);
    // Postings per indexed token (a Han bigram or a word): what searching that token alone would read.
    const postingsWith = new Map<string, number>();
    for (const text of texts) for (const token of new Set(searchTokens(text).split(" "))) postingsWith.set(token, (postingsWith.get(token) ?? 0) + 1);
    // Words in over half of all postings narrow nothing (企业, 实习 in every description here); each
    // would take 4 MB of the cache at a million postings. Among the rest, the commonest cost most cold.
    const common = [...postingsWith].filter(([, n]) => n >= texts.length * share && n <= texts.length / 2).sort((a, b) => b[1] - a[1]);
    // At most three quarters of the cache: the rest is for what people actually search.
    let bytes = 0;
    for (const [token, n] of common) {
      bytes += (n / texts.length) * this.size * 4;
      if (bytes > PostingIndex.termCacheLimitBytes * 0.75) break;
      const part = ftsQueryParts(token)?.[0];
      if (part) await this.termPositions(db, part);
    }
  }

  get count() {
    return this.size;
  }

  /**
   * First load, in one read transaction (a consistent snapshot). Positions are given in region order
   * (province, city, county), so a region's postings sit together: ranking reads a city's or a county's
   * postings as one stretch of memory instead of scattered rows. Specialties are read first, in rowid
   * order, into flat arrays (a million rows never sit in memory as row objects).
   */
  private async loadPublished(db: Db) {
    // rowid → its specialties: first[rowid] .. first[rowid] + count[rowid] in `pairOf`, each an interned [code, class].
    let first = new Int32Array(0);
    let count = new Uint8Array(0);
    let pairOf = new Int32Array(1024);
    let used = 0;
    const pairs: [string, string][] = [];
    const pairIds = new Map<string, number>();
    await sourceFor(db).load({
      begin: (maxRowid) => {
        first = new Int32Array(maxRowid + 1);
        count = new Uint8Array(maxRowid + 1);
      },
      specialty: (rowid, code, classDomain) => {
        let pair = pairIds.get(code);
        if (pair === undefined) {
          pairIds.set(code, (pair = pairs.length));
          pairs.push([code, classDomain]);
        }
        if (count[rowid] === 0) first[rowid] = used;
        if (count[rowid]! < 255) count[rowid]!++;
        pairOf = grow(pairOf, used + 1);
        pairOf[used++] = pair;
      },
      posting: (r) => {
        const rowid = r[0] as number;
        const list: [string, string][] = [];
        for (let k = first[rowid]!, end = k + count[rowid]!; k < end; k++) list.push(pairs[pairOf[k]!]!);
        this.apply(r, list);
      },
      // Later writes come from the feed, which also refreshes the index when another process writes (PostgreSQL).
      follow: (feed) => {
        this.feed = feed;
        feed.keepFresh(this);
      },
    });
  }

  /** The refresh in progress (refreshes run one after another: each applies what the previous one left). */
  private refreshing: Promise<void> = Promise.resolve();
  /** The change feed from the load on (set by the load). */
  private feed: ChangeFeed | null = null;

  /** Positions left dead by postings changed or unpublished since they were written (each change adds one). */
  private deadPositions = 0;
  /** Compaction starts at this many positions (below, the waste costs nothing worth a reload)… */
  static compactFrom = 10_000;
  /** …when dead positions, or positions written after the load (out of region order), pass this share of all. */
  static compactShare = 0.1;
  /** The background rebuild started for this index, if any (postingIndexFor swaps the rebuilt one in). */
  compaction: Promise<void> | null = null;

  /**
   * Whether the index has drifted far enough from a fresh load's shape to rebuild: every change leaves a dead position
   * (still visited by the lists that hold it) and appends one out of region order (read apart from its region's stretch).
   */
  needsCompaction(): boolean {
    if (this.size < PostingIndex.compactFrom) return false;
    const limit = this.size * PostingIndex.compactShare;
    return this.deadPositions > limit || this.size - this.newestUpTo > limit;
  }

  /** Replaced by a rebuilt index: reads the change feed no more (the watcher lets go of it once it is collected). */
  retire() {
    this.feed = null;
  }

  /** Brings the index up to date before a query, when its feed cannot vouch that it already is. */
  refreshBeforeQuery(db: Db): Promise<void> {
    return this.feed && !this.feed.mustReadBeforeQuery() ? Promise.resolve() : this.refresh(db);
  }

  /** Applies every posting written since the last look; cheap when nothing changed. */
  refresh(db: Db): Promise<void> {
    const run = this.refreshing.then(() => this.applyChanges(db));
    this.refreshing = run.catch(() => {});
    return run;
  }

  private async applyChanges(db: Db) {
    const rows = this.feed ? await this.feed.read() : [];
    if (rows.length === 0) return;
    // A row not in the index and not admitted changes nothing (an engine may hand over rows seen before).
    const changed = rows.filter((r) => {
      const pos = this.positionOf(r[0] as number);
      return pos < 0 ? admitted(r) : this.updated[pos] !== (r[15] as number);
    });
    if (changed.length) {
      const specs = await this.specialtiesOf(db, changed.map((r) => r[1] as string));
      for (const r of changed) this.apply(r, specs.get(r[1] as string) ?? []);
    }
  }

  /**
   * The index as a snapshot (server/search/index-snapshot.ts): every field but the caches, in one JSON header and
   * binary parts, and the change feed's cursor. Taken between two refreshes (a link of the refresh chain), so the
   * fields and the cursor describe the same moment. Fields are found by walking the object, so a field added later
   * is carried without a change here; one of a kind this does not know stops the snapshot (the load stays the way in).
   */
  snapshot(): Promise<IndexSnapshot> {
    const run = this.refreshing.then(() => {
      const fields: SnapshotField[] = [];
      const parts: Uint8Array[] = [];
      const bytes = (view: ArrayBufferView) => parts.push(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
      for (const [name, value] of Object.entries(this) as [string, unknown][]) {
        if (notSnapshotted.has(name)) continue;
        if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") fields.push({ name, kind: "value", value });
        else if (value instanceof Int32Array || value instanceof Float64Array || value instanceof Uint8Array) {
          fields.push({ name, kind: "array", type: value.constructor.name, length: value.length });
          bytes(value);
        } else if (value instanceof Dictionary) fields.push({ name, kind: "dictionary", value: value.codes });
        else if (value instanceof Map && [...(value as Map<unknown, unknown>).entries()].every(([k, v]) => typeof k === "string" && typeof v === "string"))
          fields.push({ name, kind: "map", value: [...(value as Map<string, string>)] });
        else if (Array.isArray(value) && value.every((l) => l === undefined || l instanceof PositionList)) {
          const lengths = Int32Array.from(value as (PositionList | undefined)[], (l) => (l ? l.length : -1));
          fields.push({ name, kind: "lists", length: lengths.length });
          bytes(lengths);
          for (const l of value as (PositionList | undefined)[]) if (l) bytes(l.data.subarray(0, l.length));
        } else throw new Error(`search index snapshot: field ${name} is of a kind the snapshot does not know`);
      }
      return { fields, parts, feed: this.feed?.checkpoint() ?? null };
    });
    this.refreshing = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  /**
   * An index from a snapshot: its fields, then the change feed resumed at the snapshot's checkpoint, read up to now;
   * the common words are read in the background as after a load.
   */
  static async fromSnapshot(db: Db, fields: SnapshotField[], data: Uint8Array, checkpoint: unknown): Promise<PostingIndex> {
    const index = PostingIndex.fromSnapshotFields(fields, data);
    index.feed = sourceFor(db).resumeFeed(checkpoint);
    index.feed.keepFresh(index);
    await index.refresh(db);
    index.readCommonTermsInBackground(db);
    return index;
  }

  private static fromSnapshotFields(fields: SnapshotField[], data: Uint8Array): PostingIndex {
    const index = new PostingIndex();
    const target = index as unknown as Record<string, unknown>;
    let offset = 0;
    // Typed arrays need aligned offsets: each one is copied out of the data (a snapshot is read once).
    const take = <T extends Int32Array | Float64Array | Uint8Array>(type: new (buffer: ArrayBufferLike) => T, bytesPer: number, length: number): T => {
      const copy = new Uint8Array(data.subarray(offset, offset + length * bytesPer));
      offset += length * bytesPer;
      return new type(copy.buffer);
    };
    const types: Record<string, [new (buffer: ArrayBufferLike) => Int32Array | Float64Array | Uint8Array, number]> = { Int32Array: [Int32Array, 4], Float64Array: [Float64Array, 8], Uint8Array: [Uint8Array, 1] };
    for (const field of fields) {
      if (!(field.name in target) || notSnapshotted.has(field.name)) throw new Error(`search index snapshot: unknown field ${field.name}`);
      if (field.kind === "value") target[field.name] = field.value;
      else if (field.kind === "array") {
        const [type, size] = types[field.type] ?? [];
        if (!type || !size) throw new Error(`search index snapshot: unknown array type ${field.type}`);
        target[field.name] = take(type, size, field.length);
      } else if (field.kind === "dictionary") {
        const dictionary = new Dictionary();
        for (const code of field.value) dictionary.id(code);
        target[field.name] = dictionary;
      } else if (field.kind === "map") target[field.name] = new Map(field.value);
      else {
        const lengths = take(Int32Array, 4, field.length);
        target[field.name] = Array.from(lengths, (length) => {
          if (length < 0) return undefined;
          const list = new PositionList();
          list.data = take(Int32Array, 4, length);
          list.length = length;
          return list;
        });
      }
    }
    if (offset !== data.length) throw new Error(`search index snapshot: ${data.length - offset} bytes left over`);
    // Open counts by day, the group lists and latest starts are derived: counted again from the live positions.
    for (let i = 0; i < index.size; i++) {
      if (!index.isAlive(i)) continue;
      index.countOpen(i, 1);
      index.deriveFor(i);
    }
    return index;
  }

  /** Dead positions (postings changed or unpublished since) are open until day 0. */
  private isAlive(i: number) {
    return this.head[i * stride] !== 0;
  }

  /** How many open postings of these kinds each organisation has, read from its position list. */
  openPostingCounts(organisationIds: string[], kinds: readonly PostingKind[], now: number): Map<string, number> {
    const today = chinaDay(now);
    const wanted = new Set(kinds.map((k) => kindIndex.get(k)));
    const counts = new Map<string, number>();
    for (const id of organisationIds) {
      const list = this.byOrganisation[this.organisations.get(id) ?? -1];
      let n = 0;
      for (let k = 0; list && k < list.length; k++) {
        const h = list.data[k]! * stride;
        if (this.head[h]! >= today && wanted.has(this.head[h + 1]! & 255)) n++;
      }
      counts.set(id, n);
    }
    return counts;
  }

  private positionOf(rowid: number) {
    return rowid < this.posOfRowid.length ? this.posOfRowid[rowid]! : -1;
  }

  private async specialtiesOf(db: Db, ids: string[]) {
    const out = new Map<string, [string, string][]>();
    const rows = await sourceFor(db).specialtiesOf(ids);
    for (const [id, code, classDomain] of rows) {
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push([code, classDomain]);
    }
    return out;
  }

  private apply(r: PostingRow, specs: [string, string][]) {
    const rowid = r[0] as number;
    this.version++;
    const old = this.positionOf(rowid);
    if (old >= 0) {
      this.countOpen(old, -1);
      this.head[old * stride] = 0;
      this.posOfRowid[rowid] = -1;
      this.deadPositions++;
    }
    if (!admitted(r)) return;
    const i = this.size++;
    this.ensure(this.size);
    if (rowid >= this.posOfRowid.length) {
      const previous = this.posOfRowid.length;
      this.posOfRowid = grow(this.posOfRowid, rowid + 1);
      this.posOfRowid.fill(-1, previous);
    }
    this.posOfRowid[rowid] = i;
    this.rowid[i] = rowid;
    this.org[i] = this.organisations.id(r[2] as string);
    const county = this.regions.id(r[5] as string);
    const city = this.regions.id(r[6] as string);
    const province = this.regions.id(r[7] as string);
    const division = this.industries.id(r[9] as string);
    const kind = kindIndex.get(r[3] as PostingKind) ?? 0;
    const specCount = Math.min(specs.length, maxSpecialties);
    this.industry[i] = this.industries.id(r[8] as string);
    this.pay[i] = (r[10] as number | null) ?? -1;
    this.seats[i] = r[11] as number;
    this.updated[i] = r[15] as number;
    this.head.set([toDay(r[12] as string), kind | ((r[16] ? 1 : 0) << 8) | (specCount << 9), this.specUsed, toDay(r[13] as string)], i * stride);
    this.place.set([county, city, province, division], i * stride);
    this.time[i * 2] = (r[14] as number | null) ?? 0;
    this.time[i * 2 + 1] = seatPoints(r[11] as number);
    this.countOpen(i, 1);
    this.specStore = grow(this.specStore, this.specUsed + specs.length);
    for (const [code, classDomain] of specs.slice(0, specCount)) {
      const s = this.specialties.id(code);
      this.specClass = grow(this.specClass, s + 1);
      this.specGroup = grow(this.specGroup, s + 1);
      this.specClass[s] = this.domains.id(classDomain);
      this.specGroup[s] = this.domains.id(classDomain.slice(0, 2));
      this.specStore[this.specUsed++] = s;
      listAt(this.bySpecialty, s).push(i);
    }
    // A posting filed at city or province level has the same code in several columns: list it once.
    listAt(this.byRegion, county).push(i);
    if (city !== county) listAt(this.byRegion, city).push(i);
    if (province !== city && province !== county) listAt(this.byRegion, province).push(i);
    listAt(this.byIndustry, this.industry[i]).push(i);
    listAt(this.byDivision, division).push(i);
    listAt(this.byKind, kind).push(i);
    listAt(this.byOrganisation, this.org[i]).push(i);
    this.deriveFor(i);
  }

  /**
   * What eligibility-aware ranking reads, for one position: it is listed under each specialty group it names, once
   * (under `noGroup` when it names none), and its start day raises its kind's latest start.
   */
  private deriveFor(i: number) {
    const kind = this.head[i * stride + 1]! & 255;
    this.latestStart[kind] = Math.max(this.latestStart[kind]!, this.head[i * stride + 3]!);
    const [s0, s1] = this.specialtySpan(i);
    if (s0 === s1) listAt(this.byGroup, this.domains.id(noGroup)).push(i);
    for (let s = s0; s < s1; s++) {
      const group = this.specGroup[this.specStore[s]!]!;
      let first = true;
      for (let t = s0; t < s; t++) if (this.specGroup[this.specStore[t]!] === group) first = false;
      if (first) listAt(this.byGroup, group).push(i);
    }
  }

  /** Where a position's specialties lie in specStore: [first, end). (The scan inlines this, for speed.) */
  private specialtySpan(i: number): [number, number] {
    const s0 = this.head[i * stride + 2]!;
    return [s0, s0 + (this.head[i * stride + 1]! >>> 9)];
  }

  private ensure(n: number) {
    if (this.rowid.length >= n) return;
    this.rowid = grow(this.rowid, n);
    // Every per-posting array gets the same capacity as rowid.
    const capacity = this.rowid.length;
    this.head = grow(this.head, capacity * stride);
    this.place = grow(this.place, capacity * stride);
    this.time = grow(this.time, capacity * 2);
    this.industry = grow(this.industry, capacity);
    this.org = grow(this.org, capacity);
    this.pay = grow(this.pay, capacity);
    this.seats = grow(this.seats, capacity);
    this.updated = grow(this.updated, capacity);
  }

  /** Positions (ascending) of the postings whose text matches every FTS part of the query. */
  private async textPositions(db: Db, parts: string[]): Promise<Int32Array> {
    const lists: Int32Array[] = [];
    for (const part of parts) lists.push(await this.termPositions(db, part));
    return lists.sort((a, b) => a.length - b.length).reduce(intersectSorted);
  }

  /**
   * The specialties ([code, class]) of these postings as the index holds them (what it ranked them by), for their
   * cards; null when one is no longer in the index (unpublished since the search), for the caller to read instead.
   */
  specialtiesOfRowids(rowids: number[]): Map<number, [string, string][]> | null {
    const out = new Map<number, [string, string][]>();
    for (const rowid of rowids) {
      const i = this.positionOf(rowid);
      if (i < 0) return null;
      const [s0, s1] = this.specialtySpan(i);
      const list: [string, string][] = [];
      for (let s = s0; s < s1; s++) {
        const specialty = this.specStore[s]!;
        list.push([this.specialties.codes[specialty]!, this.domains.codes[this.specClass[specialty]!]!]);
      }
      out.set(rowid, list);
    }
    return out;
  }

  /** Whether a text part's positions are already in memory (the benchmark's first-search case avoids those). */
  hasCachedTerm(part: string): boolean {
    return this.termCache.has(part);
  }

  /**
   * The positions of one FTS part. Reading a common term's hits out of FTS5 takes tens of milliseconds
   * at a million postings, so each part's positions are kept (least recently used ones dropped beyond
   * the memory limit). Postings written later get new positions above `covered`; only those are asked
   * about, so a cached list stays exact.
   */
  private async termPositions(db: Db, part: string): Promise<Int32Array> {
    const source = sourceFor(db);
    // What the answer covers: positions below this. Postings applied while the database answers (another
    // search's refresh) are left to the next look, as postings written later always are.
    const covered = this.size;
    const cached = this.termCache.get(part);
    let positions: Int32Array;
    if (!cached) {
      positions = this.positionsOfRowids(await source.termRowids(part), covered);
    } else {
      positions = cached.positions;
      if (cached.covered < covered) {
        const newer: number[] = [];
        for (let i = cached.covered; i < covered; i++) if (this.isAlive(i)) newer.push(this.rowid[i]!);
        const found = newer.length ? await source.termRowidsAmong(part, newer) : [];
        const added = this.positionsOfRowids(found, covered).filter((pos) => pos >= cached.covered);
        if (added.length) {
          const merged = new Int32Array(positions.length + added.length);
          merged.set(positions);
          merged.set(added, positions.length);
          positions = merged;
        }
      }
    }
    const current = this.termCache.get(part);
    // Another search kept a list for the term while this one waited: keep the one that covers more.
    if (current && current !== cached && current.covered >= covered) return positions;
    if (current) {
      this.termCache.delete(part);
      this.termCacheBytes -= current.positions.byteLength;
    }
    this.termCache.set(part, { positions, covered });
    this.termCacheBytes += positions.byteLength;
    for (const [key, entry] of this.termCache) {
      if (this.termCacheBytes <= PostingIndex.termCacheLimitBytes || key === part) break;
      this.termCache.delete(key);
      this.termCacheBytes -= entry.positions.byteLength;
    }
    return positions;
  }

  /**
   * The rowids' positions below `below`, in ascending order, each once (whatever the source repeats): positions
   * follow region, not rowid, so the order has to be made.
   */
  private positionsOfRowids(rowids: number[], below: number): Int32Array {
    const out = new Int32Array(rowids.length);
    const marks = this.takeMarks();
    let n = 0;
    for (const rowid of rowids) {
      const pos = this.positionOf(rowid);
      if (pos >= 0 && pos < below && marks[pos] === 0) {
        marks[pos] = 1;
        out[n++] = pos;
      }
    }
    return this.inOrder(out, n, marks);
  }

  /**
   * The positions out[0..n), each set in `marks`, in ascending order: sorted when few; when many, read
   * off the marks in order, which is cheaper than sorting. The marks go back to the pool.
   */
  private inOrder(out: Int32Array, n: number, marks: Uint8Array): Int32Array {
    if (n * 16 < this.size) out.subarray(0, n).sort();
    else {
      n = 0;
      for (let pos = 0; pos < this.size; pos++) if (marks[pos] === 1) out[n++] = pos;
    }
    this.spareMarks.push(marks);
    return out.subarray(0, n);
  }

  /**
   * One pass over the candidates. With a profile, every match gets the matching score (the same sum as
   * scoreMatch, computed from lookup tables); with an eligibility, postings the student may not
   * take (by the compliance rules) or has applied to are left out. Returns the page after `cursor` in the chosen order, the total and facet counts.
   */
  async search(
    db: Db,
    args: {
      filters: SearchFilters;
      sort: SortOrder;
      profile?: MatchProfile | null;
      eligibility?: Eligibility | null;
      now: number;
      cursor?: Cursor | null;
      limit: number;
      counts?: boolean;
      /**
       * Also count by region and by specialty group in the same pass, each value as if it were the filter (the search
       * page's facets). Such counts are neither kept nor known without a pass: asking for them makes one.
       */
      buckets?: { region?: boolean; group?: boolean };
      /** Rank organisations by their best posting: the page holds one posting per organisation. */
      distinctOrganisations?: boolean;
    },
  ): Promise<SearchResult> {
    const { filters, limit, now } = args;
    const today = chinaDay(now);
    const facets: SearchResult["facets"] = { kind: {}, province: {}, division: {} };
    // Null parts: a query with nothing searchable left in it, which nothing matches.
    const parts = filters.query?.trim() ? ftsQueryParts(filters.query) : undefined;
    if (parts === null) return { hits: [], total: 0, nextCursor: null, facets, plan: "scan" };
    const text = parts ? await this.textPositions(db, parts) : null;

    const regionId = filters.regionCode ? (this.regions.get(filters.regionCode) ?? -2) : -1;
    const industryFilter = filters.industryCode;
    const industryTable = industryFilter
      ? this.industries.table((c) => (/^[A-T]$/.test(industryFilter) ? this.sectionOfIndustry.get(c) === industryFilter : c.startsWith(industryFilter)))
      : null;
    const specialtyTable = filters.specialtyCode ? this.specialtyFilter(filters.specialtyCode) : null;
    const kindTable = filters.kinds?.length ? new Uint8Array(postingKinds.map((k) => (filters.kinds!.includes(k) ? 1 : 0))) : null;
    const orgId = filters.organisationId ? (this.organisations.get(filters.organisationId) ?? -2) : -1;

    // The candidates: the shortest position list among the filters, or every position.
    const sources: { lists: PositionList[] }[] = [];
    const accepted = (lists: PositionList[], table: Uint8Array) => lists.filter((_, id) => table[id] === 1);
    if (regionId !== -1) sources.push({ lists: this.byRegion[regionId] ? [this.byRegion[regionId]] : [] });
    if (specialtyTable) sources.push({ lists: accepted(this.bySpecialty, specialtyTable) });
    if (industryTable) sources.push({ lists: accepted(this.byIndustry, industryTable) });
    if (kindTable) sources.push({ lists: accepted(this.byKind, kindTable) });
    if (orgId !== -1) sources.push({ lists: this.byOrganisation[orgId] ? [this.byOrganisation[orgId]] : [] });
    // Recommendations where every kind asked for is under the group rule: only the student's group and postings naming none can pass.
    const e = args.eligibility;
    if (e && e.barred !== "last" && kindTable && postingKinds.every((k, i) => kindTable[i] === 0 || e.byKind[k]?.sameGroup)) {
      sources.push({ lists: [this.byGroup[this.domains.get(e.group) ?? -1], this.byGroup[this.domains.get(noGroup) ?? -1]].filter((l) => l !== undefined) });
    }
    const lengthOf = (source: { lists: PositionList[] }) => source.lists.reduce((n, l) => n + l.length, 0);
    const shortest = sources.map((source) => ({ source, length: lengthOf(source) })).sort((a, b) => a.length - b.length)[0];
    let candidates: Int32Array | null = null;
    let textMask: Uint8Array | null = null;
    if (text && (!shortest || text.length <= shortest.length)) candidates = text;
    // Visiting scattered positions costs several times a visit in order: worth it for a quarter or less.
    else if (shortest && shortest.length * 4 < this.size) candidates = this.union(shortest.source.lists, shortest.length);
    // Ranking by relevance may visit other candidates than the text's own positions: give it the mask.
    if (text && (candidates !== text || (args.profile && args.sort === "relevance"))) {
      textMask = this.takeMarks();
      for (let k = 0; k < text.length; k++) textMask[text[k]!] = 1;
    }

    const payMin = filters.payMin ?? -Infinity;
    const payMax = filters.payMax ?? Infinity;
    const payFiltered = filters.payMin !== undefined || filters.payMax !== undefined;
    const startFrom = filters.startFrom ? toDay(filters.startFrom) : -Infinity;
    const startTo = filters.startTo ? toDay(filters.startTo) : Infinity;
    const minSeats = filters.minSeats ?? 0;
    const scorer = args.profile ? this.scoreTables(args.profile) : null;
    const elig = args.eligibility ? this.eligibilityTables(args.eligibility) : null;
    const sort = args.sort === "relevance" && !scorer ? "newest" : args.sort;
    const cursor = args.cursor ?? null;

    const query: ScanQuery = {
      candidates,
      size: this.size,
      regionCount: this.regions.size,
      industryCount: this.industries.size,
      today,
      now,
      textMask,
      kindTable,
      regionId,
      industryTable,
      orgId,
      payFiltered,
      payMin,
      payMax,
      startFrom,
      startTo,
      minSeats,
      specialtyTable,
      elig,
      scorer,
      sort,
      cursor,
      limit,
      count: args.counts !== false,
      regionBuckets: args.buckets?.region ? this.regions.size : 0,
      groupBuckets: args.buckets?.group ? this.domains.size : 0,
      rank: true,
      distinctOrganisations: args.distinctOrganisations ?? false,
    };
    const columns = this.columns();
    // Barred postings ranked last rather than left out change no count: a signed-in student's keyword counts are kept too.
    const bucketed = query.regionBuckets + query.groupBuckets > 0;
    const onlyText = !bucketed && sources.length === 0 && !payFiltered && startFrom === -Infinity && startTo === Infinity && minSeats === 0 && (!elig || elig.demote);
    const unfiltered = !text && onlyText;
    // Counts of a keyword search are kept by its FTS parts (the same parts, the same postings).
    const countsKey = parts && onlyText ? parts.join(" ") : null;
    // The page without a pass over every candidate: ranked in stages, or the unfiltered one by date.
    const ranked = scorer && sort === "relevance" && !bucketed ? this.rankByStages(columns, query, scorer) : null;
    const page = ranked ?? (unfiltered && query.count && !scorer && sort === "newest" ? this.newestPage(columns, query) : null);
    // Counts that need no pass either: every open posting's (per-day counts), or a keyword's kept ones.
    const known = !query.count ? null : unfiltered ? this.openCounts(today) : this.cachedCounts(countsKey, today);
    let result: Counts & Partial<ScanResult> & Pick<ScanResult, "page">;
    if (page) {
      // The total and facets still cover every match (without a cursor).
      const counted = !query.count ? noCounts : (known ?? this.keepCounts(countsKey, today, scan(columns, { ...query, scorer: null, sort: "newest", cursor: null, rank: false })));
      result = { ...counted, page };
    } else if (known) {
      result = { ...known, page: scan(columns, { ...query, count: false }).page };
    } else {
      // One pass for both the page and the counts.
      result = scan(columns, query);
      if (query.count) this.keepCounts(countsKey, today, result);
    }
    if (textMask) this.spareMarks.push(textMask);
    const { kindCounts, provinceCounts, divisionCounts } = result;
    // Without counts the total is 0 whichever plan ranked the page (a full pass counts it on the way; stages do not).
    const total = query.count ? result.total : 0;

    postingKinds.forEach((k, i) => kindCounts[i] && (facets.kind[k] = kindCounts[i]!));
    provinceCounts.forEach((count, i) => count && (facets.province[this.regions.codes[i]!] = count));
    divisionCounts.forEach((count, i) => count && (facets.division[this.industries.codes[i]!] = count));
    if (query.regionBuckets) facets.region = bucketsOf(result.regionCounts!, this.regions.codes);
    if (query.groupBuckets) facets.group = bucketsOf(result.groupCounts!, this.domains.codes);
    const more = result.page.length > limit;
    const hits = result.page.slice(0, limit);
    const last = hits.at(-1);
    return { hits: hits.map(({ key, rowid, score }) => ({ key, rowid, score })), total, nextCursor: more && last ? { key: last.key, rowid: last.rowid } : null, facets, plan: ranked ? "stages" : "scan" };
  }

  /**
   * The lists that can lift a score, grouped into steps by the points they give: specialty steps (a
   * specialty's postings; an industry division's, by its industry points, which it also carries as
   * `industry`) and region steps (the profile's preferred regions, the school's county, city, province and
   * the provinces bordering it), each sorted by points, best first.
   */
  private relevanceSteps(scorer: ScoreTables) {
    const specialty = new Map<number, RankStep>();
    const region = new Map<number, RankStep>();
    const add = (steps: Map<number, RankStep>, list: PositionList | undefined, points: number, industry = 0) => {
      if (!list || points <= 0) return;
      let step = steps.get(points);
      if (!step) steps.set(points, (step = { points, industry: 0, lists: [], length: 0 }));
      step.lists.push(list);
      step.length += list.length;
      step.industry = Math.max(step.industry, industry);
    };
    scorer.specialty.forEach((points, s) => add(specialty, this.bySpecialty[s], points));
    // A division step's postings may still have an unvisited specialty: its points bound that (steps go best first).
    scorer.divisionIndustry.forEach((points, d) => add(specialty, this.byDivision[d], points, points));
    add(region, this.byRegion[scorer.county], weights.region.county);
    add(region, this.byRegion[scorer.city], weights.region.city);
    add(region, this.byRegion[scorer.province], weights.region.province);
    scorer.neighbours.forEach((id) => add(region, this.byRegion[id], weights.region.neighbourProvince));
    scorer.preferred.forEach((on, id) => on && add(region, this.byRegion[id], weights.region.preferred));
    const byPoints = (steps: Map<number, RankStep>) => [...steps.values()].sort((a, b) => b.points - a.points);
    return { specialty: byPoints(specialty), region: byPoints(region) };
  }

  /**
   * The page by relevance without scoring every posting. A posting in none of the lists visited so far
   * scores at most the best specialty and region steps not yet visited, plus the best industry points
   * left, plus full freshness and seats. Steps are visited one at a time, choosing the one that lowers
   * that bound most per posting read, and the pages merged, until the page's last entry scores above the
   * bound. Null when that would read too much (scoring every posting in order is then cheaper).
   */
  private rankByStages(columns: ScanColumns, query: ScanQuery, scorer: ScoreTables): ScanResult["page"] | null {
    // A short list from the query's own filters is cheaper to score whole.
    if (query.candidates && query.candidates.length * 8 <= this.size) return null;
    const steps = this.relevanceSteps(scorer);
    let specialtyAt = 0;
    let regionAt = 0;
    const industryLeft = (from: number) => Math.max(0, ...steps.specialty.slice(from).map((s) => s.industry));
    const rest = mostFreshnessAndSeats + scorer.mostKind;
    const boundAt = (sp: number, re: number) => (steps.specialty[sp]?.points ?? 0) + (steps.region[re]?.points ?? 0) + industryLeft(sp) + rest;
    const visited = this.takeMarks();
    // Candidates from a filter (a text, the student's specialty group) are all that can pass: the others count as visited.
    const candidates = query.candidates;
    if (candidates) {
      visited.fill(1, 0, this.size);
      for (let k = 0; k < candidates.length; k++) visited[candidates[k]!] = 0;
    }
    const readLimit = (candidates?.length ?? this.size) * PostingIndex.stagedReadShare;
    const keep = pageSize(query);
    // Per position, the region points it could get; read to skip a specialty step's far-away postings.
    let regionMark: Uint8Array | null = null;
    const markRegions = () => {
      const mark = this.takeMarks();
      for (const step of steps.region) for (const list of step.lists) for (let k = 0; k < list.length; k++) mark[list.data[k]!] = Math.max(mark[list.data[k]!]!, step.points);
      return mark;
    };
    const done = <T>(result: T) => {
      this.spareMarks.push(visited);
      if (regionMark) this.spareMarks.push(regionMark);
      return result;
    };
    let page: ScanResult["page"] = [];
    let read = 0;
    // A signed-in search ranks barred postings after every allowed one. When the student may take no posting of some
    // kinds (each starts before their first allowed day), the candidates of the other kinds are read first, as one
    // step; every candidate left is then barred, its key that much below its score's (barredTenths).
    let barredShift = 0;
    const open = candidates && query.elig?.demote ? this.kindsOpen(query.elig) : null;
    if (candidates && open) {
      const first = new Int32Array(candidates.length);
      let n = 0;
      for (let k = 0; k < candidates.length; k++) if (open[this.head[candidates[k]! * stride + 1]! & 255] === 1) first[n++] = candidates[k]!;
      if (n <= readLimit) {
        const positions = first.subarray(0, n);
        read += n;
        for (let k = 0; k < n; k++) visited[positions[k]!] = 1;
        page = scan(columns, { ...query, candidates: positions, count: false }).page;
        barredShift = barredTenths / 10;
      }
    }
    for (;;) {
      const bound = boundAt(specialtyAt, regionAt);
      // Relevance keys are in tenths of a point.
      const last = page.length === keep ? scoreTenthsOfKey(page[keep - 1]!.key) / 10 : -Infinity;
      if (last > bound - barredShift) return done(page);
      const nextSpecialty = steps.specialty[specialtyAt];
      const nextRegion = steps.region[regionAt];
      if (!nextSpecialty && !nextRegion) return done(null);
      const gainPerPosting = (step: RankStep | undefined, after: number) => (step ? (bound - after) / Math.max(1, step.length) : -1);
      const takeSpecialty = gainPerPosting(nextSpecialty, boundAt(specialtyAt + 1, regionAt)) >= gainPerPosting(nextRegion, boundAt(specialtyAt, regionAt + 1));
      const step = takeSpecialty ? nextSpecialty! : nextRegion!;
      // The most a not yet visited posting of this step can score, less its region points for a specialty step.
      // Once the page is full, postings that cannot reach its last entry are never read: that entry only rises.
      const ceiling = (takeSpecialty ? 0 : (steps.specialty[specialtyAt]?.points ?? 0)) + step.points + industryLeft(specialtyAt) + rest - barredShift;
      if (takeSpecialty) specialtyAt++;
      else regionAt++;
      if (!takeSpecialty && ceiling < last) continue;
      const admit = takeSpecialty && last - ceiling > 0 ? { mark: (regionMark ??= markRegions()), min: last - ceiling } : undefined;
      const positions = this.union(step.lists, step.length, visited, admit);
      read += positions.length;
      if (read > readLimit) return done(null);
      for (let k = 0; k < positions.length; k++) visited[positions[k]!] = 1;
      // The scan applies every filter of the query to these candidates as to any others.
      page = mergePages(page, scan(columns, { ...query, candidates: positions, count: false }).page, keep, query.distinctOrganisations);
    }
  }

  /** Per kind, 1 when some posting of it may be open to the student (its latest start is on or after their first allowed day); null when every kind may be. */
  private kindsOpen(e: EligibilityTables): Uint8Array | null {
    const open = Uint8Array.from(postingKinds, (_, k) => (Math.min(e.from[k]!, e.minorsFrom[k]!) <= this.latestStart[k]! ? 1 : 0));
    return open.includes(0) ? open : null;
  }

  private cachedCounts(key: string | null, today: number): Counts | null {
    const hit = key === null ? undefined : this.textCounts.get(key);
    return hit && hit.version === this.version && hit.today === today ? hit.counts : null;
  }

  private keepCounts(key: string | null, today: number, { total, kindCounts, provinceCounts, divisionCounts }: Counts): Counts {
    const counts = { total, kindCounts, provinceCounts, divisionCounts };
    if (key !== null) this.textCounts.set(key, { version: this.version, today, counts });
    return counts;
  }

  private orderByDate() {
    const { time, rowid } = this;
    this.newestUpTo = this.size;
    this.newest = Int32Array.from({ length: this.size }, (_, i) => i).sort((a, b) => time[b * 2]! - time[a * 2]! || rowid[b]! - rowid[a]!);
  }

  /**
   * The unfiltered page by date: open postings in date order from the cursor on, until the page is full,
   * merged with those written since the load (scanned, they are few).
   */
  private newestPage(columns: ScanColumns, query: ScanQuery): ScanResult["page"] {
    const { newest, head, time, rowid, org } = this;
    const keep = pageSize(query);
    const after = (i: number) => !query.cursor || time[i * 2]! < query.cursor.key || (time[i * 2] === query.cursor.key && rowid[i]! < query.cursor.rowid);
    // The first entry after the cursor, by binary search (the order is the page order).
    let from = 0;
    for (let to = newest.length; from < to; ) {
      const mid = (from + to) >>> 1;
      if (after(newest[mid]!)) to = mid;
      else from = mid + 1;
    }
    const page: ScanResult["page"] = [];
    for (let k = from; k < newest.length && page.length < keep; k++) {
      const i = newest[k]!;
      if (head[i * stride]! >= query.today) page.push({ key: time[i * 2]!, rowid: rowid[i]!, organisation: org[i]!, score: null });
    }
    if (this.size === this.newestUpTo) return page;
    const later = Int32Array.from({ length: this.size - this.newestUpTo }, (_, k) => this.newestUpTo + k);
    return mergePages(page, scan(columns, { ...query, candidates: later, count: false }).page, keep, false);
  }

  /** Total and facets of every open posting, from the per-day counts (no filters: no scan). */
  private openCounts(today: number) {
    const kindCounts = new Int32Array(postingKinds.length);
    const provinceCounts = new Int32Array(this.regions.size);
    const divisionCounts = new Int32Array(this.industries.size);
    let total = 0;
    for (const [day, counts] of this.openByDay) {
      if (day < today) continue;
      total += counts.total;
      counts.kind.forEach((n, k) => (kindCounts[k]! += n));
      counts.province.forEach((n, id) => (provinceCounts[id]! += n));
      counts.division.forEach((n, id) => (divisionCounts[id]! += n));
    }
    return { total, kindCounts, provinceCounts, divisionCounts };
  }

  /** Keeps the per-day counts of open postings as positions are added (+1) and die (-1). */
  private countOpen(i: number, change: 1 | -1) {
    const day = this.head[i * stride]!;
    const kind = this.head[i * stride + 1]! & 255;
    const province = this.place[i * stride + 2]!;
    const division = this.place[i * stride + 3]!;
    let counts = this.openByDay.get(day);
    if (!counts) this.openByDay.set(day, (counts = { total: 0, kind: new Int32Array(postingKinds.length), province: new Map(), division: new Map() }));
    counts.total += change;
    counts.kind[kind]! += change;
    counts.province.set(province, (counts.province.get(province) ?? 0) + change);
    counts.division.set(division, (counts.division.get(division) ?? 0) + change);
  }

  /** The columns the search loop reads. */
  columns() {
    const { head, place, time, industry, org, pay, seats, specStore, specGroup, rowid } = this;
    return { head, place, time, industry, org, pay, seats, specStore, specGroup, rowid };
  }

  /** A mark array of the index's size, all zero (a spare one when there is). */
  private takeMarks(): Uint8Array {
    const spare = this.spareMarks.pop();
    if (!spare || spare.length < this.size) return new Uint8Array(this.rowid.length);
    // Clearing a megabyte costs tens of microseconds; a fresh one costs a garbage collection later.
    return spare.fill(0, 0, this.size);
  }

  /**
   * The positions of several lists as one ascending array, each once. Ascending order keeps the search
   * loop's reads moving forward through memory instead of jumping about.
   */
  private union(lists: PositionList[], length: number, exclude?: Uint8Array, admit?: { mark: Uint8Array; min: number }): Int32Array {
    if (lists.length === 1) {
      // One list is ascending and free of repeats already: at most filter it.
      const list = lists[0]!.data.subarray(0, lists[0]!.length);
      if (!exclude && !admit) return list;
      const out = new Int32Array(list.length);
      let n = 0;
      for (let k = 0; k < list.length; k++) {
        const pos = list[k]!;
        if ((!exclude || exclude[pos] === 0) && (!admit || admit.mark[pos]! >= admit.min)) out[n++] = pos;
      }
      return out.subarray(0, n);
    }
    const seen = this.takeMarks();
    const out = new Int32Array(length);
    let n = 0;
    for (const list of lists) {
      for (let k = 0; k < list.length; k++) {
        const pos = list.data[k]!;
        if (seen[pos] === 0 && (!exclude || exclude[pos] === 0) && (!admit || admit.mark[pos]! >= admit.min)) {
          seen[pos] = 1;
          out[n++] = pos;
        }
      }
    }
    return this.inOrder(out, n, seen);
  }

  /** Specialty filter at any level: a 专业 by its code, a 专业类 (4 digits) or 专业大类 (2) by its level-independent key. */
  private specialtyFilter(code: string): Uint8Array {
    const table = new Uint8Array(this.specialties.size);
    if (code.length >= 6) {
      const id = this.specialties.get(code);
      if (id !== undefined) table[id] = 1;
      return table;
    }
    const target = this.domains.get(this.domainOfSpecialty.get(code) ?? "");
    for (let s = 0; s < this.specialties.size; s++) {
      const key = code.length === 4 ? this.specClass[s] : this.specGroup[s];
      if (key === target) table[s] = 1;
    }
    return table;
  }

  /** A student's eligibility as tables by kind index (day numbers), for the search loop. */
  private eligibilityTables(e: Eligibility): EligibilityTables {
    const from = new Int32Array(postingKinds.length).fill(-(2 ** 31));
    const minorsFrom = new Int32Array(postingKinds.length).fill(-(2 ** 31));
    const sameGroup = new Uint8Array(postingKinds.length);
    postingKinds.forEach((kind, k) => {
      const t = e.byKind[kind];
      if (!t) return;
      from[k] = toDay(t.from);
      minorsFrom[k] = toDay(t.minorsFrom);
      sameGroup[k] = t.sameGroup ? 1 : 0;
    });
    const applied = e.applied?.length ? new Set(e.applied.map((rowid) => this.positionOf(rowid)).filter((pos) => pos >= 0)) : null;
    return { from, minorsFrom, sameGroup, group: this.domains.get(e.group) ?? -3, applied, demote: e.barred === "last" };
  }

  /**
   * The matching score's parts for one profile as lookup tables over the dictionaries; the search loop
   * adds them up exactly as scoreMatch does (tested). Tiers are the best single reason per criterion.
   */
  private scoreTables(profile: MatchProfile): ScoreTables {
    const w = weights;
    const specialty = new Float64Array(this.specialties.size);
    for (let s = 0; s < this.specialties.size; s++) {
      const code = this.specialties.codes[s]!;
      const classDomain = this.domains.codes[this.specClass[s]!];
      const groupDomain = this.domains.codes[this.specGroup[s]!];
      let best = 0;
      for (const mine of profile.specialties) {
        const p = mine.code === code ? w.specialty.same : classDomain === mine.classDomain ? w.specialty.sameClass : groupDomain === mine.groupDomain ? w.specialty.sameGroup : 0;
        if (p > best) best = p;
      }
      specialty[s] = best;
    }
    const divisionIndustry = new Float64Array(this.industries.size);
    this.industries.codes.forEach((c, i) => {
      if (profile.primaryDivisions.has(c)) divisionIndustry[i] = w.industry.primary;
      else if (profile.relatedDivisions.has(c)) divisionIndustry[i] = w.industry.related;
    });
    const mine = profile.region;
    const preferred = new Set(profile.preferredRegions);
    const regionId = (c: string | undefined) => (c ? (this.regions.get(c) ?? -5) : -5);
    const county = regionId(mine?.county);
    const city = regionId(mine?.city);
    const province = regionId(mine?.province);
    const neighbours = new Set((mine ? neighbouringProvinces(mine.province) : []).map(regionId).filter((id) => id >= 0));
    // Region points by the code in each column. A preferred region beats every tier of the school's, and the
    // tiers fall as the level widens, so the best of the three equals regionReason's first match.
    const regionPoints = (own: number, points: number, near = new Set<number>()) =>
      Float64Array.from(this.regions.codes, (c, id) => (preferred.has(c) ? w.region.preferred : id === own ? points : near.has(id) ? w.region.neighbourProvince : 0));
    const stage = profile.stage ?? null;
    const kind = Float64Array.from(postingKinds, (k) => (stage ? kindPoints(stage, k) : 0));
    return {
      specialty,
      divisionIndustry,
      kind,
      mostKind: Math.max(0, ...kind),
      county,
      city,
      province,
      neighbours: [...neighbours],
      preferred: this.regions.table((c) => preferred.has(c)),
      countyPoints: regionPoints(county, w.region.county),
      cityPoints: regionPoints(city, w.region.city),
      provincePoints: regionPoints(province, w.region.province, neighbours),
    };
  }
}

/** A student's eligibility by kind index: first allowed start day (work forbidden to minors or not), group rule, applied positions. */
interface EligibilityTables {
  from: Int32Array;
  minorsFrom: Int32Array;
  sameGroup: Uint8Array;
  group: number;
  applied: Set<number> | null;
  /** Rank barred postings last (by relevance) instead of leaving them out. */
  demote: boolean;
}

/** The parts of the matching score for one profile, as lookup tables over the index's dictionaries. */
interface ScoreTables {
  specialty: Float64Array;
  divisionIndustry: Float64Array;
  /** Kind points by kind index for the student's stage (all 0 without a stage). */
  kind: Float64Array;
  mostKind: number;
  county: number;
  city: number;
  province: number;
  /** The provinces bordering the school's, as region ids. */
  neighbours: number[];
  preferred: Uint8Array;
  countyPoints: Float64Array;
  cityPoints: Float64Array;
  provincePoints: Float64Array;
}

type ScanColumns = ReturnType<PostingIndex["columns"]>;

interface ScanQuery {
  /** Positions to visit (ascending); null for every position below `size`. */
  candidates: Int32Array | null;
  size: number;
  regionCount: number;
  industryCount: number;
  today: number;
  now: number;
  textMask: Uint8Array | null;
  kindTable: Uint8Array | null;
  regionId: number;
  industryTable: Uint8Array | null;
  orgId: number;
  payFiltered: boolean;
  payMin: number;
  payMax: number;
  startFrom: number;
  startTo: number;
  minSeats: number;
  specialtyTable: Uint8Array | null;
  elig: EligibilityTables | null;
  scorer: ScoreTables | null;
  sort: SortOrder;
  cursor: Cursor | null;
  limit: number;
  /** Count facets (the total is always counted). */
  count: boolean;
  /** Count by county and city (the region dictionary's size), and by specialty group (the domains'); 0: not asked. */
  regionBuckets: number;
  groupBuckets: number;
  /** Keep the page; without it the pass only counts. */
  rank: boolean;
  /** One entry per organisation (its best posting). */
  distinctOrganisations: boolean;
}

type ScanResult = ReturnType<typeof scan>;
type Counts = Omit<ScanResult, "page" | "regionCounts" | "groupCounts">;
const noCounts: Counts = { total: 0, kindCounts: new Int32Array(0), provinceCounts: new Int32Array(0), divisionCounts: new Int32Array(0) };

/**
 * The hot loop, up to a million visits per query. Kept out of the class and free of closures so every
 * value lives in a register rather than a captured context.
 */
function scan(columns: ScanColumns, q: ScanQuery) {
  const { head, place, time, industry, org, pay, seats, specStore, specGroup, rowid: rowids } = columns;
  const { candidates, today, now, textMask, kindTable, regionId, industryTable, orgId, payFiltered, payMin, payMax, startFrom, startTo, minSeats, specialtyTable, elig, scorer, count, regionBuckets, groupBuckets, rank } = q;
  const startFiltered = startFrom !== -Infinity || startTo !== Infinity;
  const byRelevance = q.sort === "relevance";
  const byPay = q.sort === "pay";
  const byApplyBy = q.sort === "applyBy";
  const hasCursor = q.cursor !== null;
  const cursorKey = q.cursor?.key ?? 0;
  const cursorRowid = q.cursor?.rowid ?? 0;
  const noDays = new Int32Array(0);
  const from = elig?.from ?? noDays;
  const minorsFrom = elig?.minorsFrom ?? noDays;
  const sameGroup = elig?.sameGroup ?? new Uint8Array(0);
  const group = elig?.group ?? 0;
  const applied = elig?.applied ?? null;
  const demote = elig?.demote ?? false;
  const empty = new Float64Array(0);
  const specialtyPoints = scorer?.specialty ?? empty;
  const divisionIndustry = scorer?.divisionIndustry ?? empty;
  const kindPointsOf = scorer?.kind ?? empty;
  const countyPoints = scorer?.countyPoints ?? empty;
  const cityPoints = scorer?.cityPoints ?? empty;
  const provincePoints = scorer?.provincePoints ?? empty;

  const kindCounts = new Int32Array(count ? postingKinds.length : 0);
  const provinceCounts = new Int32Array(count ? q.regionCount : 0);
  const divisionCounts = new Int32Array(count ? q.industryCount : 0);
  const regionCounts = new Int32Array(regionBuckets);
  const groupCounts = new Int32Array(groupBuckets);
  const page: { key: number; rowid: number; organisation: number; score: number | null }[] = [];
  const distinct = q.distinctOrganisations;
  const keep = pageSize(q);
  // The last entry a full page keeps: anything ordered after it is not inserted.
  let floorKey = -Infinity;
  /** The score (tenths) of floorKey, by relevance. */
  let floorTenths = -Infinity;
  let floorRowid = -1;
  let total = 0;

  const n = candidates ? candidates.length : q.size;
  // From the end: postings written since the load (the newest) come first, which fills a page by date early.
  for (let k = n - 1; k >= 0; k--) {
    const i = candidates ? candidates[k]! : k;
    const h = i * stride;
    // Dead positions are open until day 0: one read decides both.
    if (head[h]! < today) continue;
    if (textMask && textMask[i] === 0) continue;
    const flags = head[h + 1]!;
    const kind = flags & 255;
    if (kindTable && kindTable[kind] === 0) continue;
    if (regionId !== -1 && place[h] !== regionId && place[h + 1] !== regionId && place[h + 2] !== regionId) continue;
    if (industryTable && industryTable[industry[i]!] === 0) continue;
    if (orgId !== -1 && org[i] !== orgId) continue;
    if (payFiltered && (pay[i]! < 0 || pay[i]! < payMin || pay[i]! > payMax)) continue;
    const start = head[h + 3]!;
    if (startFiltered && (start < startFrom || start > startTo)) continue;
    if (minSeats > 0 && seats[i]! < minSeats) continue;
    const s0 = head[h + 2]!;
    const s1 = s0 + (flags >>> 9);
    if (specialtyTable) {
      let any = false;
      for (let s = s0; s < s1; s++) if (specialtyTable[specStore[s]!] === 1) any = true;
      if (!any) continue;
    }
    // The student's eligibility (compiled from the compliance rules): start date by kind, minors, specialty group.
    // Barred postings are left out, or (a signed-in search) ranked by relevance after every allowed one.
    let barred = false;
    if (elig) {
      if (start < ((flags & 256) !== 0 ? minorsFrom[kind]! : from[kind]!)) barred = true;
      else if (sameGroup[kind] === 1 && s1 !== s0) {
        let inGroup = false;
        for (let s = s0; s < s1; s++) if (specGroup[specStore[s]!] === group) inGroup = true;
        barred = !inGroup;
      }
      if (applied !== null && applied.has(i)) barred = true;
      if (barred && !demote) continue;
    }

    total++;
    if (count) {
      kindCounts[kind]!++;
      provinceCounts[place[h + 2]!]!++;
      divisionCounts[place[h + 3]!]!++;
    }
    // As the region filter matches (any of the posting's columns) and the group filter (any specialty of the group).
    if (regionBuckets > 0) {
      regionCounts[place[h]!]!++;
      if (place[h + 1] !== place[h]) regionCounts[place[h + 1]!]!++;
    }
    if (groupBuckets > 0) {
      for (let s = s0; s < s1; s++) {
        const g = specGroup[specStore[s]!]!;
        let first = true;
        for (let t = s0; t < s; t++) if (specGroup[specStore[t]!] === g) first = false;
        if (first) groupCounts[g]!++;
      }
    }
    if (!rank) continue;

    // A plain number (NaN without a profile), never null, so it stays unboxed in the loop.
    let scoreTenths = NaN;
    let region = 0;
    if (scorer) {
      // The same sum, in the same order, as scoreMatch: specialty, region, industry, kind, freshness, seats.
      const d = place[h + 3]!;
      let spec = 0;
      for (let s = s0; s < s1; s++) {
        const p = specialtyPoints[specStore[s]!]!;
        if (p > spec) spec = p;
      }
      region = Math.max(countyPoints[place[h]!]!, cityPoints[place[h + 1]!]!, provincePoints[place[h + 2]!]!);
      const fit = spec + region + divisionIndustry[d]! + kindPointsOf[kind]!;
      // Below the page's last entry even with full freshness and seats (a barred one's key is lower by barredTenths): not worth reading the rest.
      if (byRelevance && (fit + mostFreshnessAndSeats) * 10 - (barred ? barredTenths : 0) < floorTenths) continue;
      // Whole days since publication, as Math.floor(age / dayMs) but without a division per posting.
      const age = now - time[i * 2]!;
      let days = Math.floor(age * perDay);
      if (days * dayMs > age) days--;
      else if ((days + 1) * dayMs <= age) days++;
      const fresh = days < 0 ? freshnessPoints[0]! : days < freshnessPoints.length ? freshnessPoints[days]! : 0;
      // In tenths, as an integer: the same order as the score, without a division per posting.
      scoreTenths = Math.round((fit + fresh + time[i * 2 + 1]!) * 10);
    }
    // By relevance, equal scores go nearer first, then by pay, seats and date (score.ts rankKey); barred ones last.
    const key = byRelevance
      ? rankKey(scoreTenths, region, pay[i]! < 0 ? null : pay[i]!, seats[i]!, time[i * 2]!) - (barred ? barredKeyOffset : 0)
      : byPay
        ? pay[i]!
        : byApplyBy
          ? -head[h]!
          : time[i * 2]!;
    // The rowid only matters on a tie with the cursor or the page's last entry.
    if (hasCursor && (key > cursorKey || (key === cursorKey && rowids[i]! >= cursorRowid))) continue;
    if (key < floorKey || (key === floorKey && rowids[i]! < floorRowid)) continue;
    const rowid = rowids[i]!;
    // One entry per organisation, its best: a later, better posting of the same one replaces it.
    if (distinct) {
      let same = -1;
      for (let e = 0; e < page.length; e++) if (page[e]!.organisation === org[i]) same = e;
      if (same >= 0) {
        if (page[same]!.key > key || (page[same]!.key === key && page[same]!.rowid > rowid)) continue;
        page.splice(same, 1);
      }
    }
    // Insert in order (key desc, rowid desc), keeping one entry beyond the page to know whether more follow.
    let at = page.length;
    while (at > 0 && (page[at - 1]!.key < key || (page[at - 1]!.key === key && page[at - 1]!.rowid < rowid))) at--;
    page.splice(at, 0, { key, rowid, organisation: org[i]!, score: scorer ? scoreTenths / 10 : null });
    if (page.length > keep) page.pop();
    if (page.length === keep) {
      floorKey = page[keep - 1]!.key;
      floorTenths = byRelevance ? scoreTenthsOfKey(floorKey) : floorKey;
      floorRowid = page[keep - 1]!.rowid;
    }
  }

  return { total, page, kindCounts, provinceCounts, divisionCounts, regionCounts, groupCounts };
}

/** The values counted at least once, by code. */
function bucketsOf(counts: Int32Array, codes: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  counts.forEach((n, id) => n && (out[codes[id]!] = n));
  return out;
}

/** Freshness points by whole days since publication, as scoreMatch computes them. */
const freshnessPoints = Float64Array.from({ length: weights.freshness.days }, (_, days) => Math.round(weights.freshness.max * Math.max(0, 1 - days / weights.freshness.days) * 10) / 10);

function seatPoints(seats: number) {
  return seats > 0 ? Math.round(weights.seats.max * Math.min(1, seats / weights.seats.full) * 10) / 10 : 0;
}

interface RankStep {
  points: number;
  /** The best industry points among the step's divisions (0 for specialties and regions). */
  industry: number;
  lists: PositionList[];
  length: number;
}

/** Entries a scan keeps: the page and one more to know whether more follow (organisations are not paged). */
function pageSize(q: { limit: number; distinctOrganisations: boolean }) {
  return q.distinctOrganisations ? q.limit : q.limit + 1;
}

/** Two pages in order (key desc, rowid desc) as one, cut to `size`. */
function mergePages<T extends { key: number; rowid: number; organisation: number }>(a: T[], b: T[], size: number, distinctOrganisations: boolean): T[] {
  const out: T[] = [];
  const seen = new Set<number>();
  let i = 0;
  let j = 0;
  while (out.length < size && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    const next = !y || (x && (x.key > y.key || (x.key === y.key && x.rowid > y.rowid))) ? a[i++]! : b[j++]!;
    // Distinct: the first entry of an organisation is its best.
    if (distinctOrganisations && seen.has(next.organisation)) continue;
    seen.add(next.organisation);
    out.push(next);
  }
  return out;
}

/** The values present in both ascending arrays. */
function intersectSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out[n++] = a[i]!;
      i++;
      j++;
    }
  }
  return out.subarray(0, n);
}

// On globalThis, like the database connection: Next bundles this module into more than one entry
// (instrumentation, routes, pages), and a second copy of the index would be a second copy of its memory.
const globalForIndex = globalThis as unknown as { edubridgeIndex?: { index: Promise<PostingIndex>; db: Db } };

/** The process's index for a database, loaded on first use (or at server start) and refreshed before every query. */
export async function postingIndexFor(db: Db): Promise<PostingIndex> {
  const shared = globalForIndex.edubridgeIndex;
  if (shared && shared.db === db) {
    const index = await shared.index;
    await index.refreshBeforeQuery(db);
    if (index.needsCompaction()) compactInBackground(db, index);
    return index;
  }
  // Kept as a promise: searches that arrive while it loads wait for the same load (from a snapshot when one fits).
  const loading = loadWithSnapshots(db, PostingIndex);
  globalForIndex.edubridgeIndex = { index: loading, db };
  trackReadiness(db, loading);
  try {
    return await loading;
  } catch (error) {
    if (globalForIndex.edubridgeIndex?.index === loading) globalForIndex.edubridgeIndex = undefined;
    throw error;
  }
}

/**
 * Rebuilds a drifted index from the database in the background while it goes on answering, then swaps the new one
 * in: queries already running finish on the old one, later ones get the new one (which has followed the change feed
 * from its own load on). At most one rebuild per index; a failed one is logged and the old index stays.
 */
function compactInBackground(db: Db, index: PostingIndex) {
  if (index.compaction) return;
  index.compaction = PostingIndex.load(db).then(
    async (fresh) => {
      const shared = globalForIndex.edubridgeIndex;
      if (!shared || shared.db !== db || (await shared.index) !== index) return;
      globalForIndex.edubridgeIndex = { index: Promise.resolve(fresh), db };
      index.retire();
      keepSnapshots(db, fresh);
    },
    (error: unknown) => console.error("search index: compaction failed, the index in use stays:", error),
  );
}

/**
 * Readiness (for /api/ready and for searches during warm-up): whether the index of a database is still
 * loading, loaded, or its last load failed ("absent": no load was started). Kept apart from the index
 * itself, which is forgotten when its load fails, so that a failure stays visible.
 */
export type IndexState = "absent" | "loading" | "ready" | "failed";

const globalForReadiness = globalThis as unknown as { edubridgeIndexReadiness?: { db: Db; state: IndexState; error?: unknown } };

function trackReadiness(db: Db, loading: Promise<PostingIndex>) {
  const entry: { db: Db; state: IndexState; error?: unknown } = { db, state: "loading" };
  globalForReadiness.edubridgeIndexReadiness = entry;
  loading.then(
    () => (entry.state = "ready"),
    (error: unknown) => {
      entry.state = "failed";
      entry.error = error;
    },
  );
}

export function indexStateFor(db: Db): IndexState {
  const entry = globalForReadiness.edubridgeIndexReadiness;
  return entry && entry.db === db ? entry.state : "absent";
}

/** The index if it is loaded (refreshed as by postingIndexFor), else null: never waits for a load. */
export async function loadedPostingIndexFor(db: Db): Promise<PostingIndex | null> {
  return indexStateFor(db) === "ready" ? postingIndexFor(db) : null;
}

/** Admission: published, and its organisation verified (a host sent back to pending or rejected leaves search). */
function admitted(r: PostingRow) {
  return r[4] === "published" && !!r[17];
}
