import { formatShopDate, formatShopDateTime } from "~/modules/shops";

describe("dates written in the shop's time zone", () => {
  it("writes the day the shop was in, not the server's", () => {
    const lateEvening = new Date("2026-12-03T23:30:00Z");
    expect(formatShopDate(lateEvening, "Europe/Stockholm")).toBe("4 Dec 2026");
    expect(formatShopDate(lateEvening, "America/Los_Angeles")).toBe("3 Dec 2026");
    expect(formatShopDate(lateEvening, "UTC")).toBe("3 Dec 2026");
  });

  it("writes short English month names, and the time of day as before", () => {
    expect(formatShopDate(new Date("2026-09-01T12:00:00Z"), "Asia/Kolkata")).toBe("1 Sep 2026");
    expect(formatShopDate(new Date("2026-01-31T12:00:00Z"), "Pacific/Chatham")).toBe("1 Feb 2026");
    expect(formatShopDateTime(new Date("2026-12-03T23:30:00Z"), "Europe/Stockholm")).toBe("4 Dec 2026, 00:30");
  });
});
