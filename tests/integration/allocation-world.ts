/**
 * Allocation rounds in the authorisation matrix's world (tests/helpers/world.ts validInputs): one round of the
 * first school in each state, all on one extra published posting of the host, so that every allocation
 * procedure has an input on which its rightful caller succeeds. Built through the domain functions.
 */
import { advanceRound, addRoundPosting, computeRound, createRound, publishRound } from "@/server/allocation/rounds";
import { approvePosting, createPosting } from "@/server/postings/manage";
import { postingInput } from "@/server/schemas/postings";
import { daysFromToday } from "../helpers/dates";
import { placementInput } from "../helpers/factories";
import type { World } from "../helpers/world";

export async function allocationInputs(w: World): Promise<Record<string, unknown>> {
  const school = w.school.organisationId;
  const host = w.enterprise.organisationId;
  const actor = w.ids.school;
  const { id: postingId } = await createPosting(w.db, { organisationId: host, userId: w.ids.enterprise, posting: postingInput.parse(placementInput({ quantity: 4, postId: w.enterprise.postId, title: "分配轮次岗位" })), submit: true });
  await approvePosting(w.db, postingId, w.ids.admin);
  // The fixture's students enrol in 2024 in 510201 (高职专科, three years).
  const round = { graduationYear: 2027, specialtyCode: "510201", maxChoices: 3, studentDeadline: daysFromToday(30), hostDeadline: daysFromToday(40) };
  const names = ["draft", "ranking", "hostRanking", "computed", "published"] as const;
  const ids = {} as Record<(typeof names)[number], string>;
  for (const name of names) {
    ids[name] = (await createRound(w.db, actor, school, { ...round, name })).id;
    await addRoundPosting(w.db, actor, school, { roundId: ids[name], postingId, seats: 1 });
  }
  for (const name of names.slice(1)) await advanceRound(w.db, actor, school, ids[name], "ranking");
  for (const name of names.slice(2)) await advanceRound(w.db, actor, school, ids[name], "host_ranking");
  for (const name of names.slice(3)) await computeRound(w.db, actor, school, { roundId: ids[name], seed: 1 });
  await publishRound(w.db, actor, school, ids.published);
  const S = { organisationId: school };
  const H = { organisationId: host };
  return {
    "allocation.list": S,
    "allocation.get": { ...S, roundId: ids.ranking },
    "allocation.create": { ...S, round: { ...round, name: "矩阵轮次" } },
    "allocation.addPosting": { ...S, roundId: ids.draft, postingId, seats: 1 },
    "allocation.removePosting": { ...S, roundId: ids.draft, postingId },
    "allocation.advance": { ...S, roundId: ids.draft, to: "ranking" },
    "allocation.compute": { ...S, roundId: ids.hostRanking },
    "allocation.replay": { ...S, roundId: ids.computed },
    "allocation.publish": { ...S, roundId: ids.computed },
    "allocation.secondRound": { ...S, roundId: ids.published, name: "第二轮", studentDeadline: daysFromToday(30), hostDeadline: daysFromToday(40) },
    "allocation.mine": undefined,
    "allocation.studentView": { roundId: ids.ranking },
    "allocation.rank": { roundId: ids.ranking, postingIds: [postingId] },
    "allocation.forHost": H,
    "allocation.hostView": { ...H, roundId: ids.ranking },
    "allocation.hostRank": { ...H, roundId: ids.ranking, postingId, entries: [] },
  };
}
