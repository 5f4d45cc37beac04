-- Keeps student_supply equal to counting student_profiles by (school's county, specialty class, graduation year).
-- Graduation year: enrolment year + 3 (中职, 高职专科) or + 4 (职业本科). Rows at zero are removed.
INSERT INTO student_supply (region_code, class_code, graduation_year, n)
SELECT o.region_code, s.domain_code, sp.enrolment_year + CASE s.education_level WHEN 'vocational_bachelor' THEN 4 ELSE 3 END, count(*)
FROM student_profiles sp JOIN organisations o ON o.id = sp.school_id JOIN specialties s ON s.code = sp.specialty_code
GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER student_supply_after_insert AFTER INSERT ON student_profiles BEGIN
  INSERT INTO student_supply (region_code, class_code, graduation_year, n)
  SELECT o.region_code, s.domain_code, new.enrolment_year + CASE s.education_level WHEN 'vocational_bachelor' THEN 4 ELSE 3 END, 1
  FROM organisations o, specialties s WHERE o.id = new.school_id AND s.code = new.specialty_code
  ON CONFLICT (region_code, class_code, graduation_year) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER student_supply_after_delete AFTER DELETE ON student_profiles BEGIN
  UPDATE student_supply SET n = n - 1
  WHERE (region_code, class_code, graduation_year) = (
    SELECT o.region_code, s.domain_code, old.enrolment_year + CASE s.education_level WHEN 'vocational_bachelor' THEN 4 ELSE 3 END
    FROM organisations o, specialties s WHERE o.id = old.school_id AND s.code = old.specialty_code);
  DELETE FROM student_supply WHERE n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER student_supply_after_update AFTER UPDATE OF school_id, specialty_code, enrolment_year ON student_profiles BEGIN
  UPDATE student_supply SET n = n - 1
  WHERE (region_code, class_code, graduation_year) = (
    SELECT o.region_code, s.domain_code, old.enrolment_year + CASE s.education_level WHEN 'vocational_bachelor' THEN 4 ELSE 3 END
    FROM organisations o, specialties s WHERE o.id = old.school_id AND s.code = old.specialty_code);
  INSERT INTO student_supply (region_code, class_code, graduation_year, n)
  SELECT o.region_code, s.domain_code, new.enrolment_year + CASE s.education_level WHEN 'vocational_bachelor' THEN 4 ELSE 3 END, 1
  FROM organisations o, specialties s WHERE o.id = new.school_id AND s.code = new.specialty_code
  ON CONFLICT (region_code, class_code, graduation_year) DO UPDATE SET n = n + 1;
  DELETE FROM student_supply WHERE n <= 0;
END;
--> statement-breakpoint
-- A school that moves takes its students' counts with it.
CREATE TRIGGER student_supply_after_school_moves AFTER UPDATE OF region_code ON organisations WHEN new.region_code <> old.region_code BEGIN
  UPDATE student_supply SET n = n - (
    SELECT count(*) FROM student_profiles sp JOIN specialties s ON s.code = sp.specialty_code
    WHERE sp.school_id = new.id AND s.domain_code = student_supply.class_code
      AND sp.enrolment_year + CASE s.education_level WHEN 'vocational_bachelor' THEN 4 ELSE 3 END = student_supply.graduation_year)
  WHERE region_code = old.region_code;
  INSERT INTO student_supply (region_code, class_code, graduation_year, n)
  SELECT new.region_code, s.domain_code, sp.enrolment_year + CASE s.education_level WHEN 'vocational_bachelor' THEN 4 ELSE 3 END, count(*)
  FROM student_profiles sp JOIN specialties s ON s.code = sp.specialty_code WHERE sp.school_id = new.id
  GROUP BY 2, 3
  ON CONFLICT (region_code, class_code, graduation_year) DO UPDATE SET n = n + excluded.n;
  DELETE FROM student_supply WHERE n <= 0;
END;
