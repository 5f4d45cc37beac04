// The pure half of server/students/visibility.ts: display names, the fields of each view, which reads are logged
// (README "Mutation testing"; who gets which view: tests/integration/student-visibility.test.ts).
import { describe, expect, it } from "vitest";
import { applicantNameFor, displayNameOf, isLogged, studentFieldsByView, studentInView, studentViews, visibleProfileOf, type StudentRecord } from "@/server/students/visibility";

const student = {
  userId: "u1",
  name: "王小明",
  email: "wang@example.com",
  mobile: "13912345678",
  birthDate: "2005-07-13",
  schoolId: "s1",
  schoolName: "广州市信息工程职业学校",
  specialtyCode: "510201",
  specialtyName: "计算机应用技术",
  enrolmentYear: 2024,
  preferredRegions: ["4401"],
  skills: "Java",
  certificates: "",
  bio: "喜欢写代码",
  cvFileName: "简历.pdf",
  cvFileSize: 1234,
  visibleToEnterprises: true,
} as unknown as StudentRecord;

describe("display names", () => {
  it("are the surname and 同学 for a Chinese name, an upper-case initial otherwise, 同学 for none", () => {
    expect(displayNameOf("王小明")).toBe("王同学");
    expect(displayNameOf("  欧阳娜娜")).toBe("欧同学");
    expect(displayNameOf("alice smith")).toBe("A.");
    expect(displayNameOf("𝒜lice")).toBe("𝒜.");
    expect(displayNameOf("")).toBe("同学");
    expect(displayNameOf("   ")).toBe("同学");
  });
});

describe("the fields of each view", () => {
  it("are the visible profile for enterprises that may find the student, nothing personal", () => {
    expect(studentInView(student, "visibleProfile")).toEqual({
      view: "visibleProfile",
      userId: "u1",
      displayName: "王同学",
      schoolId: "s1",
      schoolName: "广州市信息工程职业学校",
      specialtyCode: "510201",
      specialtyName: "计算机应用技术",
      enrolmentYear: 2024,
      preferredRegions: ["4401"],
      skills: "Java",
      certificates: "",
      bio: "喜欢写代码",
    });
  });

  it("add the name, contact, birth date and CV for an applicant's host, and the visibility switch for the rest", () => {
    const applicant = studentInView(student, "applicant");
    expect(Object.keys(applicant).sort()).toEqual([...studentFieldsByView.applicant, "view"].sort());
    expect(applicant).toMatchObject({ view: "applicant", name: "王小明", email: "wang@example.com", mobile: "13912345678", birthDate: "2005-07-13", cvFileName: "简历.pdf", cvFileSize: 1234 });
    expect("visibleToEnterprises" in applicant).toBe(false);
    for (const view of ["self", "school", "admin"] as const) expect(studentInView(student, view)).toMatchObject({ view, visibleToEnterprises: true, name: "王小明", displayName: "王同学" });
  });

  it("leave out whatever else the row holds", () => {
    const row = { ...student, passwordHash: "secret" } as StudentRecord;
    expect("passwordHash" in studentInView(row, "self")).toBe(false);
    expect(visibleProfileOf(row)).toEqual({ ...studentInView(student, "visibleProfile"), view: undefined });
    expect("view" in visibleProfileOf(row)).toBe(false);
    expect("name" in visibleProfileOf(row)).toBe(false);
  });

  it("are five views", () => {
    expect(studentViews).toEqual(["self", "school", "admin", "applicant", "visibleProfile"]);
  });
});

describe("logging and names on a host's list", () => {
  it("logs the reads of hosts and administrators only", () => {
    expect(studentViews.filter(isLogged)).toEqual(["admin", "applicant"]);
  });

  it("shows the full name for an open application or one that became a placement, the display name otherwise", () => {
    expect(applicantNameFor({ status: "submitted", placementId: null, studentName: "王小明" })).toBe("王小明");
    expect(applicantNameFor({ status: "rejected", placementId: "p1", studentName: "王小明" })).toBe("王小明");
    expect(applicantNameFor({ status: "rejected", placementId: null, studentName: "王小明" })).toBe("王同学");
    expect(applicantNameFor({ status: "withdrawn", placementId: null, studentName: "Li Lei" })).toBe("L.");
  });
});
