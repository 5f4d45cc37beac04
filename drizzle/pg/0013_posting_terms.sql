-- ── Posting lists of the search tokens (PostgreSQL only; server/search/postgres-source.ts reads them).
-- The GIN index over cjk_bigrams() gives row addresses, so a word's postings are each visited in the heap to read
-- their rowid: ~0.85 µs a posting, 120 ms for a word in 145,000 postings of a million, where FTS5 reads its own
-- posting list in ~10 ms. This table is that posting list: per token (what cjk_bigrams() yields, as FTS5 indexes
-- it) and block of 2,048 rowids, the rowids holding it; a word's postings are a few hundred rows of arrays. Blocks
-- keep each row small (a new posting rewrites the last block's row of each of its ~80 tokens, not a whole list).
-- Kept out of db/schema/pg.ts on purpose, like posting_changes: SQLite has FTS5 instead. Statement-level triggers
-- keep it exact in the writing transaction; the GIN index stays for phrases (tokens next to each other).
-- Tokens compare byte-wise (COLLATE "C"): a prefix is a range whatever the database's locale.
CREATE TABLE posting_terms (
  term text COLLATE "C" NOT NULL,
  block bigint NOT NULL,
  rowids int4[] NOT NULL,
  PRIMARY KEY (term, block)
);
--> statement-breakpoint

-- The one way rows change: (token, rowid) pairs a posting's text lost leave their block's row, pairs it gained join
-- it. The rows are locked first in key order, so that two writers sharing rows (the newest block of common tokens)
-- wait for each other instead of deadlocking; rows left empty go.
CREATE FUNCTION posting_terms_apply(lost_terms text[], lost_rowids int4[], gained_terms text[], gained_rowids int4[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM posting_terms pt
  WHERE (pt.term, pt.block) IN (
    SELECT d.term, d.rowid >> 11 FROM unnest(coalesce(lost_terms, '{}') || coalesce(gained_terms, '{}'), coalesce(lost_rowids, '{}') || coalesce(gained_rowids, '{}')) AS d(term, rowid)
  )
  ORDER BY pt.term, pt.block FOR UPDATE;
  IF lost_terms IS NOT NULL THEN
    UPDATE posting_terms pt SET rowids = array(SELECT r FROM unnest(pt.rowids) AS r WHERE r <> ALL (l.rowids))
    FROM (SELECT d.term, d.rowid >> 11 AS block, array_agg(d.rowid) AS rowids FROM unnest(lost_terms, lost_rowids) AS d(term, rowid) GROUP BY 1, 2) l
    WHERE pt.term = l.term AND pt.block = l.block;
    DELETE FROM posting_terms pt USING (SELECT DISTINCT d.term, d.rowid >> 11 AS block FROM unnest(lost_terms, lost_rowids) AS d(term, rowid)) l
    WHERE pt.term = l.term AND pt.block = l.block AND cardinality(pt.rowids) = 0;
  END IF;
  IF gained_terms IS NOT NULL THEN
    INSERT INTO posting_terms AS pt (term, block, rowids)
    SELECT d.term, d.rowid >> 11, array_agg(d.rowid ORDER BY d.rowid) FROM unnest(gained_terms, gained_rowids) AS d(term, rowid) GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (term, block) DO UPDATE SET rowids = pt.rowids || excluded.rowids;
  END IF;
END $$;
--> statement-breakpoint

-- New postings: every token of each joins; deleted postings: every token of each leaves. One function for both
-- events: each trigger names its transition table `changed`.
CREATE FUNCTION posting_terms_after_insert_or_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  terms text[];
  rowids int4[];
BEGIN
  SELECT array_agg(s.term), array_agg(s.rowid::int4) INTO terms, rowids
  FROM (SELECT DISTINCT t.term, c.rowid FROM changed c, unnest(cjk_bigrams(c.title || ' ' || c.description)) AS t(term)) s;
  IF terms IS NOT NULL AND TG_OP = 'INSERT' THEN
    PERFORM posting_terms_apply(NULL, NULL, terms, rowids);
  ELSIF terms IS NOT NULL THEN
    PERFORM posting_terms_apply(terms, rowids, NULL, NULL);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER posting_terms_after_insert AFTER INSERT ON postings
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION posting_terms_after_insert_or_delete();
--> statement-breakpoint
CREATE TRIGGER posting_terms_after_delete AFTER DELETE ON postings
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION posting_terms_after_insert_or_delete();
--> statement-breakpoint

-- Edited text. Every update statement comes here (a trigger with transition tables takes no column list); rows
-- whose title and description are unchanged (status, pay, …) are dropped by the join before any token is computed.
CREATE FUNCTION posting_terms_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lost_terms text[];
  lost_rowids int4[];
  gained_terms text[];
  gained_rowids int4[];
BEGIN
  WITH edited AS (
    SELECT n.rowid, o.title || ' ' || o.description AS before_text, n.title || ' ' || n.description AS after_text
    FROM before o JOIN after n ON n.rowid = o.rowid
    WHERE o.title IS DISTINCT FROM n.title OR o.description IS DISTINCT FROM n.description
  ), was AS (
    SELECT DISTINCT e.rowid, t.term FROM edited e, unnest(cjk_bigrams(e.before_text)) AS t(term)
  ), now AS (
    SELECT DISTINCT e.rowid, t.term FROM edited e, unnest(cjk_bigrams(e.after_text)) AS t(term)
  ), delta AS (
    SELECT rowid, term, false AS gained FROM (SELECT rowid, term FROM was EXCEPT SELECT rowid, term FROM now) lost
    UNION ALL
    SELECT rowid, term, true FROM (SELECT rowid, term FROM now EXCEPT SELECT rowid, term FROM was) gained
  )
  SELECT array_agg(term) FILTER (WHERE NOT gained), array_agg(rowid::int4) FILTER (WHERE NOT gained),
         array_agg(term) FILTER (WHERE gained), array_agg(rowid::int4) FILTER (WHERE gained)
  INTO lost_terms, lost_rowids, gained_terms, gained_rowids FROM delta;
  IF lost_terms IS NOT NULL OR gained_terms IS NOT NULL THEN
    PERFORM posting_terms_apply(lost_terms, lost_rowids, gained_terms, gained_rowids);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER posting_terms_after_update AFTER UPDATE ON postings
REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION posting_terms_after_update();
--> statement-breakpoint

-- The whole table from the postings: here for postings already written, and by `npm run db:copy`, which copies
-- with triggers off. Tokens are made distinct per posting (a sort of a few dozen), not across the table.
CREATE FUNCTION posting_terms_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM posting_terms;
  INSERT INTO posting_terms (term, block, rowids)
  SELECT t.term, p.rowid >> 11, array_agg(p.rowid::int4 ORDER BY p.rowid)
  FROM postings p, unnest(array(SELECT DISTINCT x FROM unnest(cjk_bigrams(p.title || ' ' || p.description)) AS x)) AS t(term)
  GROUP BY 1, 2;
$$;
--> statement-breakpoint
SELECT posting_terms_rebuild();
