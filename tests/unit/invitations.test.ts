import { describe, expect, it } from "vitest";
import { invitationProblem } from "@/server/accounts/sign-up";
import { newInvitationCode } from "@/server/organisations/manage";
import { invitationCode } from "@/server/schemas/accounts";

const now = new Date("2026-11-29T00:00:00Z");
const valid = { usedCount: 0, maxUses: 2, expiresAt: new Date("2026-12-01T00:00:00Z"), revokedAt: null };

describe("invitation codes", () => {
  it("can be used while uses remain, unexpired and not revoked", () => {
    expect(invitationProblem(valid, now)).toBeNull();
    expect(invitationProblem({ ...valid, usedCount: 1 }, now)).toBeNull();
  });

  it("names each reason a code cannot be used", () => {
    expect(invitationProblem(undefined, now)).toBe("errors.invitationUnknown");
    expect(invitationProblem({ ...valid, usedCount: 2 }, now)).toBe("errors.invitationUsedUp");
    expect(invitationProblem({ ...valid, expiresAt: now }, now)).toBe("errors.invitationExpired");
    expect(invitationProblem({ ...valid, revokedAt: now }, now)).toBe("errors.invitationRevoked");
  });

  it("generates codes the input schema accepts, typed with or without the dash", () => {
    const code = newInvitationCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(invitationCode.parse(code.toLowerCase().replace("-", ""))).toBe(code);
  });
});
