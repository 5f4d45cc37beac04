// The public views of server/security/redaction.ts (README "Mutation testing"; who may see contacts, with a
// database: tests/integration/hygiene.test.ts).
import { describe, expect, it } from "vitest";
import { publicOrganisationView, publicPostingView } from "@/server/security/redaction";

const contact = { contactName: "李经理", contactPhone: "020-12345678" };

describe("public views", () => {
  it("drop the creator and reviewer of a posting and show the contact when visible", () => {
    expect(publicPostingView({ id: "p", title: "t", createdBy: "u1", reviewedBy: "u2", ...contact }, true)).toEqual({ id: "p", title: "t", ...contact, contactVisible: true });
  });

  it("blank the contact when not visible, and say so", () => {
    expect(publicPostingView({ id: "p", createdBy: null, reviewedBy: null, ...contact }, false)).toEqual({ id: "p", contactName: "", contactPhone: "", contactVisible: false });
  });

  it("drop the reviewer of an organisation, keeping the rest", () => {
    expect(publicOrganisationView({ id: "o", name: "n", reviewedBy: "u2", ...contact }, true)).toEqual({ id: "o", name: "n", ...contact, contactVisible: true });
    expect(publicOrganisationView({ id: "o", reviewedBy: "u2", ...contact }, false)).toEqual({ id: "o", contactName: "", contactPhone: "", contactVisible: false });
  });
});
