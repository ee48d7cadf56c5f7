// Fiscal periods from fiscalYearStartMonth, worked out by hand: a year that crosses April and one
// that starts in January, quarters within them, the months to date and after.
import { describe, expect, it } from "vitest";
import { fiscalQuarterOf, fiscalYearOf, remaining, toDate } from "../src/metrics/fiscal.ts";
import { attainmentOf, statusOf } from "../src/metrics/attainment.ts";
import { config } from "../src/schema/config.ts";

describe("fiscal periods", () => {
  it("puts March in the fiscal year that started the April before, and April in the next", () => {
    expect(fiscalYearOf("2026-03", 4)).toMatchObject({ first: "2025-04", last: "2026-03", year: 2025 });
    expect(fiscalYearOf("2026-04", 4)).toMatchObject({ first: "2026-04", last: "2027-03", year: 2026 });
    expect(fiscalYearOf("2026-03", 1)).toMatchObject({ first: "2026-01", last: "2026-12", year: 2026 });
    expect(fiscalYearOf("2026-01", 10)).toMatchObject({ first: "2025-10", last: "2026-09", year: 2025 });
  });
  it("counts quarters from the fiscal year's start", () => {
    expect(fiscalQuarterOf("2026-03", 4)).toMatchObject({ first: "2026-01", last: "2026-03", quarter: 4, year: 2025 });
    expect(fiscalQuarterOf("2026-04", 4)).toMatchObject({ first: "2026-04", last: "2026-06", quarter: 1, year: 2026 });
    expect(fiscalQuarterOf("2026-10", 4)).toMatchObject({ months: ["2026-10", "2026-11", "2026-12"], quarter: 3 });
  });
  it("splits a period at the month", () => {
    const q = fiscalQuarterOf("2026-11", 4);
    expect(toDate(q, "2026-11")).toEqual(["2026-10", "2026-11"]);
    expect(remaining(q, "2026-11")).toEqual(["2026-12"]);
  });
});

describe("status against target", () => {
  const c = config.parse({});
  it("is met from 100%, at risk from 90%, missed below; inverted for lower-is-better", () => {
    expect(statusOf(attainmentOf(100, 100), c)).toBe("met");
    expect(statusOf(attainmentOf(90, 100), c)).toBe("at_risk");
    expect(statusOf(attainmentOf(89, 100), c)).toBe("missed");
    // Spending 110 against a budget of 100: 100 / 110 = 0.909, at risk; 120: 0.833, missed.
    expect(statusOf(attainmentOf(110, 100, "lower"), c)).toBe("at_risk");
    expect(statusOf(attainmentOf(120, 100, "lower"), c)).toBe("missed");
    expect(statusOf(attainmentOf(95, 100, "lower"), c)).toBe("met");
    expect(statusOf(attainmentOf(89, 100), config.parse({ status: { atRisk: 0.85 } }))).toBe("at_risk");
  });
});
