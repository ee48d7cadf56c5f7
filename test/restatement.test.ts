// A restatement note: the headline numbers that changed between two revisions, and their status
// against target in each, as each revision's pages showed it.
import { describe, expect, it } from "vitest";
import { headlineChanges } from "../src/edition/freeze.ts";
import { config } from "../src/schema/config.ts";
import { changesInWords } from "../src/site/restatement.ts";

const won = (value: number | null, target: number | null) => ({ overview: { wonAmount: { id: "won_amount", value, target, series: [] } } });

describe("a restatement's changed headlines", () => {
  it("judge the status before against the previous revision's target, not the new one's", () => {
    // r1: 90 of a target of 100 (at risk); r2 corrects the target to 80 and the value to 95 (met).
    const before = won(90, 100);
    const after = won(95, 80);
    const changes = headlineChanges(before, after);
    expect(changes).toMatchObject([{ id: "won_amount", path: "overview.wonAmount", before: 90, after: 95 }]);
    const [words] = changesInWords(changes, config.parse({}));
    expect(words!.status).toEqual({ before: "risk", after: "met" });
  });

  it("say a target the previous revision did not have", () => {
    const changes = headlineChanges(won(90, null), won(95, 100));
    expect(changesInWords(changes, config.parse({}))[0]!.status).toEqual({ before: "none", after: "risk" });
    // Without a target in either, no status.
    const none = headlineChanges(won(90, null), won(95, null));
    expect(changesInWords(none, config.parse({}))[0]!.status).toBeUndefined();
  });
});

describe("a headline the previous revision did not have", () => {
  it("is said to be new in this revision, not to have read not provided before", () => {
    // An edition of an older format has no pipeline section (NOT_IN_EDITION): its coverage was not shown at all.
    const before = { pipeline: { notInEdition: true }, ...won(90, null) };
    const after = { pipeline: { coverage: { id: "pipeline_coverage", value: 2.5, target: null, series: [] } }, ...won(90, null) };
    expect(headlineChanges(before, after)).toEqual([
      { id: "pipeline_coverage", path: "pipeline.coverage", before: null, after: 2.5, target: { before: null, after: null }, new: true },
    ]);
    // A number that read not provided in both revisions' sections is no new one.
    const notProvided = headlineChanges(won(null, null), won(90, null));
    expect(notProvided[0]!.new).toBe(false);
  });
});
