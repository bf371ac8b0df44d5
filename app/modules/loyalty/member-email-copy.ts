// The words of the member emails, in English and Swedish. Plain: a short HTML body and the same as text.
export type MemberEmailKind = "tier_up" | "tier_down" | "expiry_warning" | "expiry_last_chance" | "code_expiring";

export interface MemberEmailFacts {
  locale: string | null;
  shopName: string;
  firstName: string | null;
  balance: number;
  tierName: string;
  points: number;
  expiresAt: Date | null;
  code: string | null;
}

type Lines = { subject: string; lines: string[] };

function dateIn(locale: "en" | "sv", date: Date | null): string {
  if (!date) return "";
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

function copyFor(kind: MemberEmailKind, locale: "en" | "sv", f: MemberEmailFacts): Lines {
  const n = (value: number) => value.toLocaleString(locale === "sv" ? "sv-SE" : "en");
  const when = dateIn(locale, f.expiresAt);
  if (locale === "sv") {
    switch (kind) {
      case "tier_up":
        return {
          subject: `Du är nu ${f.tierName} hos ${f.shopName}`,
          lines: [`Grattis! Du har nått nivån ${f.tierName}.`, `Ditt saldo är ${n(f.balance)} poäng.`],
        };
      case "tier_down":
        return {
          subject: `Din nivå hos ${f.shopName} har ändrats`,
          lines: [
            `Din nivå är nu ${f.tierName}.`,
            `Handla eller recensera för att klättra igen. Ditt saldo är ${n(f.balance)} poäng.`,
          ],
        };
      case "expiry_warning":
        return {
          subject: `Dina poäng hos ${f.shopName} går ut ${when}`,
          lines: [
            `${n(f.points)} poäng går ut ${when}.`,
            "Handla, recensera eller lös in en belöning innan dess så behåller du dem.",
          ],
        };
      case "expiry_last_chance":
        return {
          subject: `Sista chansen: ${n(f.points)} poäng går ut ${when}`,
          lines: [
            `Om en vecka, ${when}, går ${n(f.points)} poäng ut.`,
            "Lös in en belöning eller tjäna nya poäng för att behålla dem.",
          ],
        };
      case "code_expiring":
        return {
          subject: `Din rabattkod ${f.code} går ut ${when}`,
          lines: [`Din belöningskod ${f.code} gäller till ${when}.`, "Använd den i kassan innan dess."],
        };
    }
  }
  switch (kind) {
    case "tier_up":
      return {
        subject: `You're now ${f.tierName} at ${f.shopName}`,
        lines: [`Congratulations! You've reached ${f.tierName}.`, `Your balance is ${n(f.balance)} points.`],
      };
    case "tier_down":
      return {
        subject: `Your tier at ${f.shopName} has changed`,
        lines: [
          `Your tier is now ${f.tierName}.`,
          `Shop or write a review to climb again. Your balance is ${n(f.balance)} points.`,
        ],
      };
    case "expiry_warning":
      return {
        subject: `Your ${f.shopName} points expire on ${when}`,
        lines: [
          `${n(f.points)} points expire on ${when}.`,
          "Shop, review or redeem a reward before then to keep them.",
        ],
      };
    case "expiry_last_chance":
      return {
        subject: `Last chance: ${n(f.points)} points expire on ${when}`,
        lines: [
          `In a week, on ${when}, ${n(f.points)} points expire.`,
          "Redeem a reward or earn new points to keep them.",
        ],
      };
    case "code_expiring":
      return {
        subject: `Your discount code ${f.code} expires on ${when}`,
        lines: [`Your reward code ${f.code} is valid until ${when}.`, "Use it at checkout before then."],
      };
  }
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

export function memberEmailCopy(
  kind: MemberEmailKind,
  facts: MemberEmailFacts,
): { subject: string; html: string; text: string } {
  const locale = facts.locale?.toLowerCase().startsWith("sv") ? "sv" : "en";
  const { subject, lines } = copyFor(kind, locale, facts);
  const greeting =
    locale === "sv"
      ? `Hej${facts.firstName ? ` ${facts.firstName}` : ""},`
      : `Hi${facts.firstName ? ` ${facts.firstName}` : ""},`;
  const all = [greeting, ...lines, facts.shopName];
  return {
    subject,
    text: all.join("\n\n"),
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${all.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}</body></html>`,
  };
}
