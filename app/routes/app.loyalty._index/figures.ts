// The programme's figures as cards: a label, the value in words a merchant reads at a glance, and how it is counted.
import type { ProgramFigures } from "~/modules/loyalty";

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 1000) / 10}%`);

export function figureCards(f: ProgramFigures): { label: string; value: string; help: string }[] {
  const money = new Intl.NumberFormat("en", { style: "currency", currency: f.currency, maximumFractionDigits: 0 });
  return [
    {
      label: "Members",
      value: f.members.toLocaleString("en"),
      help: `${f.codesIssued.toLocaleString("en")} reward codes issued`,
    },
    {
      label: "Points issued",
      value: f.pointsIssued.toLocaleString("en"),
      help: `${f.pointsPending.toLocaleString("en")} more pending (return window, reviews awaiting moderation)`,
    },
    {
      label: "Points redeemed",
      value: f.pointsRedeemed.toLocaleString("en"),
      help: `Redemption rate ${percent(f.redemptionRate)} of points issued`,
    },
    {
      label: "Outstanding liability",
      value: money.format(f.liabilityCents / 100),
      help: `${f.pointsOutstanding.toLocaleString("en")} available points at ${f.centsPerPoint.toFixed(2)} ${f.currency} cents a point (${f.valuedBy === "rewards" ? "from your fixed-amount rewards" : "no fixed-amount reward yet"})`,
    },
    {
      label: "Repeat purchases, members",
      value: percent(f.repeatRate.members),
      help: "Customers with an order in the last 12 months who ordered again (counted daily)",
    },
    {
      label: "Repeat purchases, non-members",
      value: percent(f.repeatRate.nonMembers),
      help: "The same, for customers without points",
    },
  ];
}
