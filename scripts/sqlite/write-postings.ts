/**
 * SQLite's fast path for the posting generator (scripts/seed/generate.ts): better-sqlite3 prepared
 * statements, one posting at a time, with its FTS5 search row keyed by the posting's rowid. A million
 * postings take a fraction of what drizzle's multi-row inserts would, and posting_search exists only on
 * SQLite. Runs inside the generator's transaction (db/transaction.ts opens it on the same connection).
 */
import type { SqliteDb } from "../../db/create";
import { postingSearchText } from "../../server/search/text";
import type { PostingWriter } from "../seed/generate";

export function sqlitePostingWriter(db: SqliteDb): PostingWriter {
  const insertPosting = db.$client.prepare(
    `insert into postings (id, organisation_id, kind, status, title, description, region_code, province_code, city_code, address, industry_code, industry_division,
      quantity, monthly_pay, start_date, end_date, apply_by, contact_name, contact_phone, details, submitted_at, published_at, created_at, updated_at)
     values (@id, @organisationId, @kind, @status, @title, @description, @regionCode, @provinceCode, @cityCode, @address, @industryCode, @industryDivision,
      @quantity, @monthlyPay, @startDate, @endDate, @applyBy, @contactName, @contactPhone, @details, @submittedAt, @publishedAt, @createdAt, @createdAt)`,
  );
  const insertText = db.$client.prepare("insert into posting_search (rowid, text) values (?, ?)");
  const insertSpecialty = db.$client.prepare("insert or ignore into posting_specialties (posting_id, specialty_code, class_domain, group_domain) values (?, ?, ?, ?)");
  return (batch) => {
    for (const { specialties, ...p } of batch) {
      // Timestamps as SQLite stores them (milliseconds), details as JSON text.
      const { lastInsertRowid } = insertPosting.run({
        ...p,
        details: JSON.stringify(p.details),
        submittedAt: p.submittedAt?.getTime() ?? null,
        publishedAt: p.publishedAt?.getTime() ?? null,
        createdAt: p.createdAt.getTime(),
      });
      insertText.run(lastInsertRowid, postingSearchText(p));
      for (const m of specialties) insertSpecialty.run(p.id, m.code, m.classDomain, m.groupDomain);
    }
  };
}
