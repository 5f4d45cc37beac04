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
INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - coalesce(h.n, 0), 0) AS open,
      row_number() OVER (PARTITION BY p.id ORDER BY c.class_code) AS rn, count(*) OVER (PARTITION BY p.id) AS k
    FROM postings p
    JOIN (
      SELECT DISTINCT ps.posting_id, ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps
      UNION ALL
      SELECT p3.id AS posting_id, m.domain_code AS class_code, 1 AS inferred FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE j.value = p3.industry_division AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = p3.id)
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
CREATE TRIGGER report_demand_after_insert AFTER INSERT ON report_posting_demand BEGIN
  INSERT INTO report_demand (apply_by, province_code, city_code, class_code, inferred, seats)
  VALUES (new.apply_by, new.province_code, new.city_code, new.class_code, new.inferred, new.seats)
  ON CONFLICT (apply_by, province_code, city_code, class_code, inferred) DO UPDATE SET seats = seats + excluded.seats;
END;
--> statement-breakpoint
CREATE TRIGGER report_demand_after_delete AFTER DELETE ON report_posting_demand BEGIN
  UPDATE report_demand SET seats = seats - old.seats WHERE apply_by = old.apply_by AND province_code = old.province_code AND city_code = old.city_code AND class_code = old.class_code AND inferred = old.inferred;
  DELETE FROM report_demand WHERE apply_by = old.apply_by AND province_code = old.province_code AND city_code = old.city_code AND class_code = old.class_code AND inferred = old.inferred AND seats <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_posting_insert AFTER INSERT ON postings BEGIN
  DELETE FROM report_posting_demand WHERE posting_id = new.id;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps WHERE ps.posting_id = new.id
      UNION ALL
      SELECT m.domain_code, 1 FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE p3.id = new.id AND j.value = p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = new.id)
    ) c
    WHERE p.id = new.id AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_posting_update AFTER UPDATE OF status, kind, quantity, apply_by, host_verified, province_code, city_code, industry_division ON postings BEGIN
  DELETE FROM report_posting_demand WHERE posting_id = new.id;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps WHERE ps.posting_id = new.id
      UNION ALL
      SELECT m.domain_code, 1 FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE p3.id = new.id AND j.value = p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = new.id)
    ) c
    WHERE p.id = new.id AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_posting_delete AFTER DELETE ON postings BEGIN
  DELETE FROM report_posting_demand WHERE posting_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_specialty_insert AFTER INSERT ON posting_specialties BEGIN
  DELETE FROM report_posting_demand WHERE posting_id = new.posting_id;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps WHERE ps.posting_id = new.posting_id
      UNION ALL
      SELECT m.domain_code, 1 FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE p3.id = new.posting_id AND j.value = p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = new.posting_id)
    ) c
    WHERE p.id = new.posting_id AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_specialty_delete AFTER DELETE ON posting_specialties BEGIN
  DELETE FROM report_posting_demand WHERE posting_id = old.posting_id;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps WHERE ps.posting_id = old.posting_id
      UNION ALL
      SELECT m.domain_code, 1 FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE p3.id = old.posting_id AND j.value = p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = old.posting_id)
    ) c
    WHERE p.id = old.posting_id AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_specialty_update AFTER UPDATE ON posting_specialties BEGIN
  DELETE FROM report_posting_demand WHERE posting_id = old.posting_id;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps WHERE ps.posting_id = old.posting_id
      UNION ALL
      SELECT m.domain_code, 1 FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE p3.id = old.posting_id AND j.value = p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = old.posting_id)
    ) c
    WHERE p.id = old.posting_id AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
  DELETE FROM report_posting_demand WHERE posting_id = new.posting_id;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps WHERE ps.posting_id = new.posting_id
      UNION ALL
      SELECT m.domain_code, 1 FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE p3.id = new.posting_id AND j.value = p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = new.posting_id)
    ) c
    WHERE p.id = new.posting_id AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_placement_insert AFTER INSERT ON placements BEGIN
  DELETE FROM report_posting_demand WHERE posting_id = new.posting_id;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps WHERE ps.posting_id = new.posting_id
      UNION ALL
      SELECT m.domain_code, 1 FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE p3.id = new.posting_id AND j.value = p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = new.posting_id)
    ) c
    WHERE p.id = new.posting_id AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_placement_delete AFTER DELETE ON placements BEGIN
  DELETE FROM report_posting_demand WHERE posting_id = old.posting_id;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps WHERE ps.posting_id = old.posting_id
      UNION ALL
      SELECT m.domain_code, 1 FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE p3.id = old.posting_id AND j.value = p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = old.posting_id)
    ) c
    WHERE p.id = old.posting_id AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_placement_update AFTER UPDATE OF status, posting_id ON placements BEGIN
  DELETE FROM report_posting_demand WHERE posting_id = old.posting_id;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps WHERE ps.posting_id = old.posting_id
      UNION ALL
      SELECT m.domain_code, 1 FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE p3.id = old.posting_id AND j.value = p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = old.posting_id)
    ) c
    WHERE p.id = old.posting_id AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
  DELETE FROM report_posting_demand WHERE posting_id = new.posting_id;
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - (SELECT count(*) FROM placements pl WHERE pl.posting_id = p.id AND pl.status IN ('pending_approval', 'approved', 'active')), 0) AS open,
      row_number() OVER (ORDER BY c.class_code) AS rn, count(*) OVER () AS k
    FROM postings p, (
      SELECT DISTINCT ps.class_domain AS class_code, 0 AS inferred FROM posting_specialties ps WHERE ps.posting_id = new.posting_id
      UNION ALL
      SELECT m.domain_code, 1 FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE p3.id = new.posting_id AND j.value = p3.industry_division
        AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = new.posting_id)
    ) c
    WHERE p.id = new.posting_id AND p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
-- A corrected map moves the inferred demand of the postings naming no specialty in the divisions it touched
-- (an administrator's edit; read from postings_demand_idx, not every posting).
CREATE TRIGGER report_posting_demand_after_map_change AFTER UPDATE OF primary_divisions ON specialty_industry_map BEGIN
  DELETE FROM report_posting_demand WHERE inferred = 1 AND posting_id IN (
    SELECT p.id FROM postings p WHERE p.status = 'published' AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class') AND p.industry_division IN (SELECT value FROM json_each(old.primary_divisions) UNION SELECT value FROM json_each(new.primary_divisions)));
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - coalesce(h.n, 0), 0) AS open,
      row_number() OVER (PARTITION BY p.id ORDER BY c.class_code) AS rn, count(*) OVER (PARTITION BY p.id) AS k
    FROM postings p
    JOIN (
      SELECT p3.id AS posting_id, m.domain_code AS class_code, 1 AS inferred FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE j.value = p3.industry_division AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = p3.id) AND p3.status = 'published' AND p3.kind IN ('placement_internship', 'apprenticeship', 'order_class') AND p3.industry_division IN (SELECT value FROM json_each(old.primary_divisions) UNION SELECT value FROM json_each(new.primary_divisions))
    ) c ON c.posting_id = p.id
    LEFT JOIN (SELECT pl.posting_id, count(*) AS n FROM placements pl WHERE pl.status IN ('pending_approval', 'approved', 'active') GROUP BY pl.posting_id) h ON h.posting_id = p.id
    WHERE p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_map_insert AFTER INSERT ON specialty_industry_map BEGIN
  DELETE FROM report_posting_demand WHERE inferred = 1 AND posting_id IN (
    SELECT p.id FROM postings p WHERE p.status = 'published' AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class') AND p.industry_division IN (SELECT value FROM json_each(new.primary_divisions)));
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - coalesce(h.n, 0), 0) AS open,
      row_number() OVER (PARTITION BY p.id ORDER BY c.class_code) AS rn, count(*) OVER (PARTITION BY p.id) AS k
    FROM postings p
    JOIN (
      SELECT p3.id AS posting_id, m.domain_code AS class_code, 1 AS inferred FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE j.value = p3.industry_division AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = p3.id) AND p3.status = 'published' AND p3.kind IN ('placement_internship', 'apprenticeship', 'order_class') AND p3.industry_division IN (SELECT value FROM json_each(new.primary_divisions))
    ) c ON c.posting_id = p.id
    LEFT JOIN (SELECT pl.posting_id, count(*) AS n FROM placements pl WHERE pl.status IN ('pending_approval', 'approved', 'active') GROUP BY pl.posting_id) h ON h.posting_id = p.id
    WHERE p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_demand_after_map_delete AFTER DELETE ON specialty_industry_map BEGIN
  DELETE FROM report_posting_demand WHERE inferred = 1 AND posting_id IN (
    SELECT p.id FROM postings p WHERE p.status = 'published' AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class') AND p.industry_division IN (SELECT value FROM json_each(old.primary_divisions)));
  INSERT INTO report_posting_demand (posting_id, class_code, inferred, apply_by, province_code, city_code, seats)
  SELECT x.id, x.class_code, x.inferred, x.apply_by, x.province_code, x.city_code, x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END
  FROM (
    SELECT p.id, c.class_code, c.inferred, p.apply_by, p.province_code, p.city_code,
      max(p.quantity - coalesce(h.n, 0), 0) AS open,
      row_number() OVER (PARTITION BY p.id ORDER BY c.class_code) AS rn, count(*) OVER (PARTITION BY p.id) AS k
    FROM postings p
    JOIN (
      SELECT p3.id AS posting_id, m.domain_code AS class_code, 1 AS inferred FROM postings p3, specialty_industry_map m, json_each(m.primary_divisions) j WHERE j.value = p3.industry_division AND NOT EXISTS (SELECT 1 FROM posting_specialties ps WHERE ps.posting_id = p3.id) AND p3.status = 'published' AND p3.kind IN ('placement_internship', 'apprenticeship', 'order_class') AND p3.industry_division IN (SELECT value FROM json_each(old.primary_divisions))
    ) c ON c.posting_id = p.id
    LEFT JOIN (SELECT pl.posting_id, count(*) AS n FROM placements pl WHERE pl.status IN ('pending_approval', 'approved', 'active') GROUP BY pl.posting_id) h ON h.posting_id = p.id
    WHERE p.status = 'published' AND p.host_verified AND p.kind IN ('placement_internship', 'apprenticeship', 'order_class')
  ) x
  WHERE x.open / x.k + CASE WHEN x.rn <= x.open % x.k THEN 1 ELSE 0 END > 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_supply_after_insert AFTER INSERT ON student_supply BEGIN
  INSERT INTO report_supply (graduation_year, province_code, city_code, class_code, n)
  SELECT new.graduation_year, r.province_code, coalesce(r.city_code, r.code), new.class_code, new.n FROM regions r WHERE r.code = new.region_code
  ON CONFLICT (graduation_year, province_code, city_code, class_code) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER report_supply_after_update AFTER UPDATE ON student_supply BEGIN
  INSERT INTO report_supply (graduation_year, province_code, city_code, class_code, n)
  SELECT old.graduation_year, r.province_code, coalesce(r.city_code, r.code), old.class_code, -old.n FROM regions r WHERE r.code = old.region_code
  ON CONFLICT (graduation_year, province_code, city_code, class_code) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_supply (graduation_year, province_code, city_code, class_code, n)
  SELECT new.graduation_year, r.province_code, coalesce(r.city_code, r.code), new.class_code, new.n FROM regions r WHERE r.code = new.region_code
  ON CONFLICT (graduation_year, province_code, city_code, class_code) DO UPDATE SET n = n + excluded.n;
  DELETE FROM report_supply WHERE n <= 0 AND (graduation_year, province_code, city_code, class_code) =
    (SELECT old.graduation_year, r.province_code, coalesce(r.city_code, r.code), old.class_code FROM regions r WHERE r.code = old.region_code);
END;
--> statement-breakpoint
CREATE TRIGGER report_supply_after_delete AFTER DELETE ON student_supply BEGIN
  INSERT INTO report_supply (graduation_year, province_code, city_code, class_code, n)
  SELECT old.graduation_year, r.province_code, coalesce(r.city_code, r.code), old.class_code, -old.n FROM regions r WHERE r.code = old.region_code
  ON CONFLICT (graduation_year, province_code, city_code, class_code) DO UPDATE SET n = n + excluded.n;
  DELETE FROM report_supply WHERE n <= 0 AND (graduation_year, province_code, city_code, class_code) =
    (SELECT old.graduation_year, r.province_code, coalesce(r.city_code, r.code), old.class_code FROM regions r WHERE r.code = old.region_code);
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_counts_after_insert AFTER INSERT ON postings BEGIN
  INSERT INTO report_posting_counts (status, kind, province_code, n) VALUES (new.status, new.kind, new.province_code, 1)
  ON CONFLICT (status, kind, province_code) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_counts_after_update AFTER UPDATE OF status, kind, province_code ON postings BEGIN
  INSERT INTO report_posting_counts (status, kind, province_code, n) VALUES (old.status, old.kind, old.province_code, -1)
  ON CONFLICT (status, kind, province_code) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_posting_counts (status, kind, province_code, n) VALUES (new.status, new.kind, new.province_code, 1)
  ON CONFLICT (status, kind, province_code) DO UPDATE SET n = n + excluded.n;
  DELETE FROM report_posting_counts WHERE status = old.status AND kind = old.kind AND province_code = old.province_code AND n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_posting_counts_after_delete AFTER DELETE ON postings BEGIN
  INSERT INTO report_posting_counts (status, kind, province_code, n) VALUES (old.status, old.kind, old.province_code, -1)
  ON CONFLICT (status, kind, province_code) DO UPDATE SET n = n + excluded.n;
  DELETE FROM report_posting_counts WHERE status = old.status AND kind = old.kind AND province_code = old.province_code AND n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_status_counts_after_applications_insert AFTER INSERT ON applications BEGIN
  INSERT INTO report_status_counts (subject, status, n) VALUES ('applications', new.status, 1)
  ON CONFLICT (subject, status) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER report_status_counts_after_applications_update AFTER UPDATE OF status ON applications BEGIN
  INSERT INTO report_status_counts (subject, status, n) VALUES ('applications', old.status, -1)
  ON CONFLICT (subject, status) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_status_counts (subject, status, n) VALUES ('applications', new.status, 1)
  ON CONFLICT (subject, status) DO UPDATE SET n = n + excluded.n;
  DELETE FROM report_status_counts WHERE subject = 'applications' AND status = old.status AND n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_status_counts_after_applications_delete AFTER DELETE ON applications BEGIN
  INSERT INTO report_status_counts (subject, status, n) VALUES ('applications', old.status, -1)
  ON CONFLICT (subject, status) DO UPDATE SET n = n + excluded.n;
  DELETE FROM report_status_counts WHERE subject = 'applications' AND status = old.status AND n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_status_counts_after_placements_insert AFTER INSERT ON placements BEGIN
  INSERT INTO report_status_counts (subject, status, n) VALUES ('placements', new.status, 1)
  ON CONFLICT (subject, status) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER report_status_counts_after_placements_update AFTER UPDATE OF status ON placements BEGIN
  INSERT INTO report_status_counts (subject, status, n) VALUES ('placements', old.status, -1)
  ON CONFLICT (subject, status) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_status_counts (subject, status, n) VALUES ('placements', new.status, 1)
  ON CONFLICT (subject, status) DO UPDATE SET n = n + excluded.n;
  DELETE FROM report_status_counts WHERE subject = 'placements' AND status = old.status AND n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER report_status_counts_after_placements_delete AFTER DELETE ON placements BEGIN
  INSERT INTO report_status_counts (subject, status, n) VALUES ('placements', old.status, -1)
  ON CONFLICT (subject, status) DO UPDATE SET n = n + excluded.n;
  DELETE FROM report_status_counts WHERE subject = 'placements' AND status = old.status AND n <= 0;
END;
