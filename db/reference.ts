import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "./create";
import {
  industries,
  referenceMeta,
  regions,
  specialties,
  specialtyIndustryMap,
  type EducationLevel,
  type IndustryLevel,
  type RegionLevel,
  type SpecialtyLevel,
} from "./schema";
import { withTransaction } from "./transaction";

/** Copied from ../shared/data/reference; provenance and known gaps in db/reference/SOURCES.md. */
const referenceFolder = path.resolve(process.cwd(), "db", "reference");

interface RegionRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: RegionLevel;
  provinceCode: string;
  cityCode?: string;
  kind: string;
}
interface SpecialtyRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: SpecialtyLevel;
  educationLevel: EducationLevel;
  domainCode: string;
  nationalControl?: boolean;
  catalog: string;
}
interface IndustryRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: IndustryLevel;
  sectionCode: string;
  description?: string;
}
interface MapRow {
  domainCode: string;
  className: string;
  primaryDivisions: string[];
  relatedDivisions: string[];
}

function readReference<T>(file: string): { rows: T[]; checksum: string } {
  const raw = fs.readFileSync(path.join(referenceFolder, file));
  return {
    rows: JSON.parse(raw.toString("utf8")) as T[],
    checksum: createHash("sha256").update(raw).digest("hex"),
  };
}

function chunks<T>(rows: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Loads the reference taxonomies when the files differ from what was loaded last (by checksum).
 * Regions, specialties and industries are replaced by upsert; the specialty→industry map only gains
 * missing classes, so that corrections made by administrators survive a reload. Each file is written
 * in one transaction with its checksum, on either engine. Returns the names of the files that were (re)loaded.
 */
export async function loadReferenceData(db: Db): Promise<string[]> {
  const loaded: string[] = [];
  const seen = new Map((await db.select().from(referenceMeta)).map((m) => [m.key, m.value]));

  const load = async <T>(file: string, write: (tx: Db, rows: T[]) => Promise<void>) => {
    const { rows, checksum } = readReference<T>(file);
    if (seen.get(`checksum:${file}`) === checksum) return;
    await withTransaction(db, async (tx) => {
      await write(tx, rows);
      await tx
        .insert(referenceMeta)
        .values({ key: `checksum:${file}`, value: checksum })
        .onConflictDoUpdate({ target: referenceMeta.key, set: { value: checksum } });
    });
    loaded.push(file);
  };

  await load<RegionRow>("regions.json", async (tx, rows) => {
    for (const part of chunks(rows)) {
      await tx
        .insert(regions)
        .values(
          part.map((r) => ({
            code: r.code,
            name: r.name,
            parentCode: r.parentCode,
            level: r.level,
            provinceCode: r.provinceCode,
            cityCode: r.cityCode ?? null,
            kind: r.kind,
          })),
        )
        .onConflictDoUpdate({ target: regions.code, set: upsertAll(regions, ["name", "parentCode", "level", "provinceCode", "cityCode", "kind"]) });
    }
  });

  await load<SpecialtyRow>("specialties.json", async (tx, rows) => {
    for (const part of chunks(rows)) {
      await tx
        .insert(specialties)
        .values(
          part.map((s) => ({
            code: s.code,
            name: s.name,
            parentCode: s.parentCode,
            level: s.level,
            educationLevel: s.educationLevel,
            domainCode: s.domainCode,
            nationalControl: s.nationalControl ?? false,
            catalogVersion: s.catalog,
          })),
        )
        .onConflictDoUpdate({
          target: specialties.code,
          set: upsertAll(specialties, ["name", "parentCode", "level", "educationLevel", "domainCode", "nationalControl", "catalogVersion"]),
        });
    }
  });

  await load<IndustryRow>("industries.json", async (tx, rows) => {
    for (const part of chunks(rows)) {
      await tx
        .insert(industries)
        .values(
          part.map((i) => ({
            code: i.code,
            name: i.name,
            parentCode: i.parentCode,
            level: i.level,
            sectionCode: i.sectionCode,
            description: i.description ?? null,
          })),
        )
        .onConflictDoUpdate({
          target: industries.code,
          set: upsertAll(industries, ["name", "parentCode", "level", "sectionCode", "description"]),
        });
    }
  });

  await load<MapRow>("specialty-industry.json", async (tx, rows) => {
    for (const part of chunks(rows)) {
      await tx
        .insert(specialtyIndustryMap)
        .values(part.map((m) => ({ ...m })))
        .onConflictDoNothing();
    }
  });

  return loaded;
}

/**
 * `set` clause that copies the named columns from the row being inserted (`excluded`, on both engines).
 * Column names are snake_case in SQL (drizzle `casing`), camelCase in TypeScript.
 */
function upsertAll<T>(_table: T, columns: (keyof T & string)[]) {
  return Object.fromEntries(
    columns.map((c) => [c, sql.raw(`excluded.${c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}`)]),
  );
}
