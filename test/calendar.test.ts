import { describe, expect, it } from "vitest";
import { businessCalendar, createCalendarTable } from "../src/model/calendar.ts";
import { openDb } from "../src/model/duckdb.ts";

const jp = businessCalendar({ holidays: "jp", extraHolidays: ["2026-12-29"] });

describe("business calendar", () => {
  it("skips weekends and Japanese public holidays", () => {
    expect(jp.isBusinessDay("2026-10-09")).toBe(true); // Friday
    expect(jp.isBusinessDay("2026-10-10")).toBe(false); // Saturday
    expect(jp.isBusinessDay("2026-10-12")).toBe(false); // スポーツの日 (Monday)
    expect(jp.holidayName("2026-10-12")).toBe("スポーツの日");
    // Friday + 3 business days across the Sports Day weekend: Tue 13, Wed 14, Thu 15.
    expect(jp.addBusinessDays("2026-10-09", 3)).toBe("2026-10-15");
  });
  it("counts Golden Week and company holidays", () => {
    expect(jp.addBusinessDays("2026-05-01", 1)).toBe("2026-05-07"); // 5/2-5/6 weekend + holidays
    expect(jp.isBusinessDay("2026-12-29")).toBe(false);
    expect(businessCalendar({ holidays: "none", extraHolidays: [] }).addBusinessDays("2026-10-09", 3)).toBe("2026-10-14");
  });
  it("builds the SQL calendar with a business-day index", async () => {
    const db = await openDb();
    await createCalendarTable(db, { holidays: "jp", extraHolidays: [] }, "2026-10-01", "2026-10-31");
    const row = await db.one<{ d: string }>(`
      SELECT strftime(min(c2.day), '%Y-%m-%d') AS d FROM calendar c1 JOIN calendar c2 ON c2.bidx = c1.bidx + 3 AND c2.business
      WHERE c1.day = DATE '2026-10-09'`);
    expect(row.d).toBe("2026-10-15");
    db.close();
  });
});
