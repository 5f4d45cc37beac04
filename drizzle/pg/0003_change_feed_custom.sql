-- ── The posting change feed (PostgreSQL only; server/search/change-feed.ts reads it). Several instances each keep
-- an in-memory posting index; every change to postings leaves a row here in the same transaction, and each
-- instance reads the rows past its cursor. Kept out of db/schema/pg.ts on purpose: SQLite has no twin (one writer
-- at a time there, updated_at suffices), so the schema-parity test does not see it.
-- xid is the writer's top-level transaction id: a reader takes only rows below its snapshot's xmin, i.e. rows of
-- transactions that have all ended, so a slow transaction is read after it commits instead of being skipped by a
-- cursor that already moved past its id (ids and updated_at are taken before commit and commit out of order).
CREATE TABLE posting_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  posting_rowid bigint NOT NULL,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX posting_changes_cursor ON posting_changes (xid, id);
--> statement-breakpoint
CREATE INDEX posting_changes_at ON posting_changes (at);
--> statement-breakpoint

-- One statement-level trigger per event (transition tables allow one event each): one INSERT … SELECT per statement
-- however many rows it touched (an organisation's verification moving all its postings' host_verified is one
-- statement of postings_host_verified_after_status, covered like any other), and one NOTIFY as a wake-up. NOTIFY is
-- delivered at commit and folded per transaction (same channel, same empty payload); it is never the record.
CREATE FUNCTION posting_changes_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO posting_changes (posting_rowid) SELECT rowid FROM changed;
  IF FOUND THEN
    PERFORM pg_notify('posting_changes', '');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER posting_changes_after_insert AFTER INSERT ON postings
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION posting_changes_record();
--> statement-breakpoint
CREATE TRIGGER posting_changes_after_update AFTER UPDATE ON postings
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION posting_changes_record();
--> statement-breakpoint
CREATE TRIGGER posting_changes_after_delete AFTER DELETE ON postings
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION posting_changes_record();
