// The settings form's fields <-> the programme. Form posts carry strings; tiers come as tier0Name, tier0Threshold,
// tier0Multiplier ... up to MAX_TIERS rows, an empty name meaning "no tier here".
import { MAX_TIERS, type LoyaltyProgram } from "~/modules/loyalty";

export type ProgramForm = Record<string, string>;

export function formOf(program: LoyaltyProgram): ProgramForm {
  const form: ProgramForm = {
    enabled: String(program.enabled),
    pointsPerCurrencyUnit: String(program.pointsPerCurrencyUnit),
    includeShipping: String(program.includeShipping),
    includeTax: String(program.includeTax),
    returnWindowDays: String(program.returnWindowDays),
    reviewPoints: String(program.reviewPoints),
    photoBonusPoints: String(program.photoBonusPoints),
    signupPoints: String(program.signupPoints),
    birthdayPoints: String(program.birthdayPoints),
    dailyCapPoints: String(program.dailyCapPoints),
    expiryDays: program.expiryDays === null ? "" : String(program.expiryDays),
    tierBasis: program.tierBasis,
    tierWindow: program.tierWindow,
  };
  for (let i = 0; i < MAX_TIERS; i++) {
    const tier = program.tiers[i];
    form[`tier${i}Name`] = tier?.name ?? "";
    form[`tier${i}Threshold`] = tier ? String(tier.threshold) : "";
    form[`tier${i}Multiplier`] = tier ? String(tier.multiplier) : "";
  }
  return form;
}

const number = (value: string | undefined) => (value === undefined || value.trim() === "" ? NaN : Number(value));
const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 30) || "tier";

/** The programme the form describes, for the module to validate (its messages name the fields). */
export function programOf(form: Record<string, string>): unknown {
  const tiers = [];
  for (let i = 0; i < MAX_TIERS; i++) {
    const name = (form[`tier${i}Name`] ?? "").trim();
    if (!name) continue;
    tiers.push({
      key: slug(name),
      name,
      threshold: number(form[`tier${i}Threshold`]),
      multiplier: number(form[`tier${i}Multiplier`] || "1"),
    });
  }
  return {
    enabled: form.enabled === "true",
    pointsPerCurrencyUnit: number(form.pointsPerCurrencyUnit),
    includeShipping: form.includeShipping === "true",
    includeTax: form.includeTax === "true",
    returnWindowDays: number(form.returnWindowDays),
    reviewPoints: number(form.reviewPoints),
    photoBonusPoints: number(form.photoBonusPoints),
    signupPoints: number(form.signupPoints),
    birthdayPoints: number(form.birthdayPoints),
    dailyCapPoints: number(form.dailyCapPoints),
    expiryDays: (form.expiryDays ?? "").trim() === "" ? null : number(form.expiryDays),
    tierBasis: form.tierBasis,
    tierWindow: form.tierWindow,
    tiers,
  };
}
