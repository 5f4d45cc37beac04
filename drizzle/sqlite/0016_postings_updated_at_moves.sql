-- Every change to a posting moves its updated_at forward, strictly. The search index re-reads a posting when its
-- updated_at differs from what it holds; two writes in the same millisecond (the application's clock) left the
-- second unseen, so a posting closed right after an approval could stay in search. (Recursive triggers are off,
-- so the trigger's own UPDATE does not fire it again.)
CREATE TRIGGER postings_updated_at_moves AFTER UPDATE ON postings
WHEN new.updated_at <= old.updated_at BEGIN
  UPDATE postings SET updated_at = old.updated_at + 1 WHERE id = new.id;
END;
