// The review page's store question as form fields: one optional NPS answer (0-10), one optional CES answer (1-7)
// and an optional comment. Read leniently: the question never blocks the review, so a value that is not an
// answer (a forged or garbled post) is left out and named in `ignored` for the log, never an error. Pure.
import { CES_MAX, CES_MIN, NPS_MAX, NPS_MIN } from "./scores";

export const STORE_QUESTION_FIELDS = { nps: "storeNps", ces: "storeCes", comment: "storeComment" } as const;
export const STORE_COMMENT_MAX = 1_000;

export interface StoreAnswerInput {
  nps: number | null;
  ces: number | null;
  comment: string | null;
}

function score(value: FormDataEntryValue | null, min: number, max: number): number | null | "invalid" {
  if (value === null || value === "") return null;
  if (typeof value !== "string" || !/^\d{1,2}$/.test(value)) return "invalid";
  const number = Number(value);
  return number >= min && number <= max ? number : "invalid";
}

export function readStoreAnswer(form: FormData): { answer: StoreAnswerInput; ignored: string[] } {
  const ignored: string[] = [];
  const nps = score(form.get(STORE_QUESTION_FIELDS.nps), NPS_MIN, NPS_MAX);
  const ces = score(form.get(STORE_QUESTION_FIELDS.ces), CES_MIN, CES_MAX);
  if (nps === "invalid") ignored.push("nps");
  if (ces === "invalid") ignored.push("ces");
  const commentValue = form.get(STORE_QUESTION_FIELDS.comment);
  let comment: string | null = typeof commentValue === "string" ? commentValue.trim() || null : null;
  if (comment !== null && Array.from(comment).length > STORE_COMMENT_MAX) {
    ignored.push("comment");
    comment = null;
  }
  return {
    answer: { nps: nps === "invalid" ? null : nps, ces: ces === "invalid" ? null : ces, comment },
    ignored,
  };
}

export function isEmptyStoreAnswer(answer: StoreAnswerInput): boolean {
  return answer.nps === null && answer.ces === null && answer.comment === null;
}
