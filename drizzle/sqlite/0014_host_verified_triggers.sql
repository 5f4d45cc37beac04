-- Keeps postings.host_verified equal to "the posting's organisation is verified" (issue 13: postings of an
-- organisation that is not verified leave search, pages and recommendations until it is verified again).
-- A change of verification status also moves the postings' updated_at forward (strictly, so that the search
-- index, which re-reads rows whose updated_at changed, sees it even within the same millisecond).
UPDATE postings SET host_verified = 0 WHERE organisation_id IN (SELECT id FROM organisations WHERE verification_status <> 'verified');
--> statement-breakpoint
CREATE TRIGGER postings_host_verified_after_insert AFTER INSERT ON postings
WHEN (SELECT verification_status FROM organisations WHERE id = new.organisation_id) IS NOT 'verified' BEGIN
  UPDATE postings SET host_verified = 0 WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER postings_host_verified_after_status AFTER UPDATE OF verification_status ON organisations
WHEN new.verification_status IS NOT old.verification_status BEGIN
  UPDATE postings
  SET host_verified = (new.verification_status = 'verified'),
      updated_at = max(updated_at + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER))
  WHERE organisation_id = new.id;
END;
