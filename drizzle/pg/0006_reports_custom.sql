-- Report aggregates (issue 17 item 5, issue 20 item 3), kept exact by triggers like student_supply (0008): the
-- nationwide supply–demand report and the administrators' overview read these instead of scanning a million rows.
-- Triggers rather than the domain write functions: every writer (procedures, seeders, db:copy, the bench generator,
-- an administrator's SQL) keeps them, and a test compares each with a fresh scan after a sequence of writes.
-- Demand: each open demand posting (published, verified host, a demand kind) counts its open seats (quantity −
-- seats held by placements in pending_approval/approved/active: db/schema-enums seatHoldingPlacementStatuses) ONCE,
-- shared over the specialty classes it names (evenly, remainder to the first classes by code); a posting naming no
-- specialty shares them over the map's classes for its industry division, flagged inferred. A posting's rows are
-- recomputed from scratch whenever it, its specialties or its placements change (delete + insert: idempotent, so the
-- order in which row triggers fire does not matter); report_demand sums the rows by date, city, class and flag.
-- Backfill: one set-based INSERT…SELECT per table, before the triggers exist.
-- PostgreSQL: a posting's rows are recomputed under a per-posting advisory lock held to commit, so two
-- transactions changing one posting's demand (two placements at once) take turns and neither leaves stale rows.
INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      greatest(p.quantity - coalesce(h.n, 0), 0) AS open,
      row_number() OVER (PARTITION BY p.id ORDER BY c.class_code) AS rn, count(*) OVER (PARTITION BY p.id) AS k
    FROM postings p
    JOIN (
      SELECT DISTINCT ps.posting_id, ps.class_domain AS class_code, false AS inferred FROM posting_specialties ps
      UNION ALL
      SELECT p3.id AS posting_id, m.domain_code AS class_code, true AS inferred FROM postings p3 JOIN specialty_industry_map m ON m.primary_divisions ? p3.industry_division WHERE true AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = p3.id)
    ) c ON c.posting_id = p.id
    LEFT JOIN (SELECT pl.posting_id, count(*) AS n FROM placements pl WHERE pl.status IN ('pending_approval', 'approved', 'active') GROUP BY pl.posting_id) h ON h.posting_id = p.id
    WHERE p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
--> statement-breakpoint
INSERT INTO report_demand (apply_by, province_code, city_code, class_code, inferred, seats)
SELECT apply_by, province_code, city_code, class_code, inferred, sum(seats) FROM report_posting_demand GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_supply (graduation_year, province_code, city_code, class_code, n)
SELECT s.graduation_year, r.province_code, coalesce(r.city_code, r.code), s.class_code, sum(s.n)
FROM student_supply s JOIN regions r ON r.code = s.region_code GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO report_posting_counts (status, kind, province_code, n)
SELECT status, kind, province_code, count(*) FROM postings GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO report_status_counts (subject, status, n)
SELECT 'applications', status, count(*) FROM applications GROUP BY status
UNION ALL SELECT 'placements', status, count(*) FROM placements GROUP BY status;
--> statement-breakpoint
CREATE FUNCTION report_demand_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_demand (apply_by, province_code, city_code, class_code, inferred, seats)
  VALUES (NEW.apply_by, NEW.province_code, NEW.city_code, NEW.class_code, NEW.inferred, NEW.seats)
  ON CONFLICT (apply_by, province_code, city_code, class_code, inferred) DO UPDATE SET seats = report_demand.seats + excluded.seats;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION report_demand_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_demand SET seats = seats - OLD.seats WHERE apply_by = OLD.apply_by AND province_code = OLD.province_code AND city_code = OLD.city_code AND class_code = OLD.class_code AND inferred = OLD.inferred;
  DELETE FROM report_demand WHERE apply_by = OLD.apply_by AND province_code = OLD.province_code AND city_code = OLD.city_code AND class_code = OLD.class_code AND inferred = OLD.inferred AND seats <= 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_demand_after_insert AFTER INSERT ON report_posting_demand FOR EACH ROW EXECUTE FUNCTION report_demand_after_insert();
--> statement-breakpoint
CREATE TRIGGER report_demand_after_delete AFTER DELETE ON report_posting_demand FOR EACH ROW EXECUTE FUNCTION report_demand_after_delete();
--> statement-breakpoint
CREATE FUNCTION report_refresh_posting_demand(pid text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF pid IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('report_posting_demand'), hashtext(pid));
  DELETE FROM report_posting_demand WHERE posting_id = pid;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      greatest(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, false AS inferred FROM posting_specialties ps WHERE ps.posting_id = pid
      UNION ALL
      SELECT m.domain_code, true FROM postings p3, specialty_industry_map m WHERE p3.id = pid AND m.primary_divisions ? p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = pid)
    ) c
    WHERE p.id = pid AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END $$;
--> statement-breakpoint
CREATE FUNCTION report_posting_demand_after_posting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM report_posting_demand WHERE posting_id = OLD.id;
  ELSE
    PERFORM report_refresh_posting_demand(NEW.id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION report_posting_demand_after_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM report_refresh_posting_demand(OLD.posting_id); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND (TG_OP = 'INSERT' OR NEW.posting_id IS DISTINCT FROM OLD.posting_id) THEN PERFORM report_refresh_posting_demand(NEW.posting_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_posting_insert AFTER INSERT OR DELETE ON postings FOR EACH ROW EXECUTE FUNCTION report_posting_demand_after_posting();
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_posting_update AFTER UPDATE OF status, kind, quantity, apply_by, host_verified, province_code, city_code, industry_division ON postings
FOR EACH ROW WHEN ((OLD.status, OLD.kind, OLD.quantity, OLD.apply_by, OLD.host_verified, OLD.province_code, OLD.city_code, OLD.industry_division)
  IS DISTINCT FROM (NEW.status, NEW.kind, NEW.quantity, NEW.apply_by, NEW.host_verified, NEW.province_code, NEW.city_code, NEW.industry_division))
EXECUTE FUNCTION report_posting_demand_after_posting();
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_specialty AFTER INSERT OR UPDATE OR DELETE ON posting_specialties FOR EACH ROW EXECUTE FUNCTION report_posting_demand_after_child();
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_placement AFTER INSERT OR DELETE OR UPDATE OF status, posting_id ON placements FOR EACH ROW EXECUTE FUNCTION report_posting_demand_after_child();
--> statement-breakpoint
-- A corrected map moves the inferred demand of the postings naming no specialty in the divisions it touched
-- (an administrator's edit; read from postings_demand_idx, not every posting). OLD/NEW is null on INSERT/DELETE.
CREATE FUNCTION report_posting_demand_after_map_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_posting_demand WHERE inferred AND posting_id IN (
    SELECT p.id FROM postings p WHERE p.status = 'published' AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class') AND p.industry_division IN (SELECT jsonb_array_elements_text(coalesce(OLD.primary_divisions, '[]'::jsonb)) UNION SELECT jsonb_array_elements_text(coalesce(NEW.primary_divisions, '[]'::jsonb))));
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      greatest(p.quantity - coalesce(h.n, 0), 0) AS open,
      row_number() OVER (PARTITION BY p.id ORDER BY c.class_code) AS rn, count(*) OVER (PARTITION BY p.id) AS k
    FROM postings p
    JOIN (
      SELECT p3.id AS posting_id, m.domain_code AS class_code, true AS inferred FROM postings p3 JOIN specialty_industry_map m ON m.primary_divisions ? p3.industry_division WHERE true AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = p3.id) AND p3.status = 'published' AND p3.kind IN ('placement_internship', 'apprenticeship', 'order_class') AND p3.industry_division IN (SELECT jsonb_array_elements_text(coalesce(OLD.primary_divisions, '[]'::jsonb)) UNION SELECT jsonb_array_elements_text(coalesce(NEW.primary_divisions, '[]'::jsonb)))
    ) c ON c.posting_id = p.id
    LEFT JOIN (SELECT pl.posting_id, count(*) AS n FROM placements pl WHERE pl.status IN ('pending_approval', 'approved', 'active') GROUP BY pl.posting_id) h ON h.posting_id = p.id
    WHERE p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_map_change AFTER INSERT OR DELETE OR UPDATE OF primary_divisions ON specialty_industry_map FOR EACH ROW EXECUTE FUNCTION report_posting_demand_after_map_change();
--> statement-breakpoint
CREATE FUNCTION report_supply_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_supply (graduation_year, province_code, city_code, class_code, n)
    SELECT OLD.graduation_year, r.province_code, coalesce(r.city_code, r.code), OLD.class_code, -OLD.n FROM regions r WHERE r.code = OLD.region_code
    ON CONFLICT (graduation_year, province_code, city_code, class_code) DO UPDATE SET n = report_supply.n + excluded.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO report_supply (graduation_year, province_code, city_code, class_code, n)
    SELECT NEW.graduation_year, r.province_code, coalesce(r.city_code, r.code), NEW.class_code, NEW.n FROM regions r WHERE r.code = NEW.region_code
    ON CONFLICT (graduation_year, province_code, city_code, class_code) DO UPDATE SET n = report_supply.n + excluded.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM report_supply WHERE n <= 0 AND (graduation_year, province_code, city_code, class_code) =
      (SELECT OLD.graduation_year, r.province_code, coalesce(r.city_code, r.code), OLD.class_code FROM regions r WHERE r.code = OLD.region_code);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_supply_after_change AFTER INSERT OR UPDATE OR DELETE ON student_supply FOR EACH ROW EXECUTE FUNCTION report_supply_after_change();
--> statement-breakpoint
CREATE FUNCTION report_posting_counts_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_posting_counts (status, kind, province_code, n) VALUES (OLD.status, OLD.kind, OLD.province_code, -1)
    ON CONFLICT (status, kind, province_code) DO UPDATE SET n = report_posting_counts.n + excluded.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO report_posting_counts (status, kind, province_code, n) VALUES (NEW.status, NEW.kind, NEW.province_code, 1)
    ON CONFLICT (status, kind, province_code) DO UPDATE SET n = report_posting_counts.n + excluded.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM report_posting_counts WHERE status = OLD.status AND kind = OLD.kind AND province_code = OLD.province_code AND n <= 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_posting_counts_after_insert AFTER INSERT OR DELETE ON postings FOR EACH ROW EXECUTE FUNCTION report_posting_counts_after_change();
--> statement-breakpoint
CREATE TRIGGER report_posting_counts_after_update AFTER UPDATE OF status, kind, province_code ON postings
FOR EACH ROW WHEN ((OLD.status, OLD.kind, OLD.province_code) IS DISTINCT FROM (NEW.status, NEW.kind, NEW.province_code)) EXECUTE FUNCTION report_posting_counts_after_change();
--> statement-breakpoint
CREATE FUNCTION report_status_counts_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_status_counts (subject, status, n) VALUES (TG_TABLE_NAME, OLD.status, -1)
    ON CONFLICT (subject, status) DO UPDATE SET n = report_status_counts.n + excluded.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO report_status_counts (subject, status, n) VALUES (TG_TABLE_NAME, NEW.status, 1)
    ON CONFLICT (subject, status) DO UPDATE SET n = report_status_counts.n + excluded.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM report_status_counts WHERE subject = TG_TABLE_NAME AND status = OLD.status AND n <= 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_status_counts_after_applications AFTER INSERT OR DELETE OR UPDATE OF status ON applications
FOR EACH ROW EXECUTE FUNCTION report_status_counts_after_change();
--> statement-breakpoint
CREATE TRIGGER report_status_counts_after_placements AFTER INSERT OR DELETE OR UPDATE OF status ON placements
FOR EACH ROW EXECUTE FUNCTION report_status_counts_after_change();
