-- Keeps student_profiles.school_region_code equal to the county of the student's school, so that
-- matching can read "visible students of a specialty near a place" from one index (0011).
UPDATE student_profiles SET school_region_code = (SELECT o.region_code FROM organisations o WHERE o.id = student_profiles.school_id);
--> statement-breakpoint
CREATE TRIGGER student_school_region_after_insert AFTER INSERT ON student_profiles BEGIN
  UPDATE student_profiles SET school_region_code = (SELECT o.region_code FROM organisations o WHERE o.id = new.school_id) WHERE user_id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER student_school_region_after_school_change AFTER UPDATE OF school_id ON student_profiles BEGIN
  UPDATE student_profiles SET school_region_code = (SELECT o.region_code FROM organisations o WHERE o.id = new.school_id) WHERE user_id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER student_school_region_after_school_moves AFTER UPDATE OF region_code ON organisations WHEN new.region_code <> old.region_code BEGIN
  UPDATE student_profiles SET school_region_code = new.region_code WHERE school_id = new.id;
END;
