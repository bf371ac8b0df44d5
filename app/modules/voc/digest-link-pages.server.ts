// What the pages behind the digest's links say, for a link and a request: the question (GET) or its answer (POST),
// in the reader's language (the browser's: nothing else is known about a staff address).
import { shopperLanguageFromAcceptLanguage } from "../shopper-language";
import {
  confirmDigestRecipient,
  digestLinkFacts,
  unsubscribeDigestRecipient,
  type RecipientAnswer,
} from "./digest-settings.server";
import { vocShopperWords } from "./shopper-words";

export interface DigestLinkPageView {
  state: "ask" | "done" | "invalid";
  title: string;
  body: string;
  button: string | null;
  shopName: string | null;
  htmlLang: string;
  status: number;
}

export async function digestLinkPage(
  purpose: "confirm" | "unsubscribe",
  request: Request,
  act: boolean,
): Promise<DigestLinkPageView> {
  const locale = shopperLanguageFromAcceptLanguage(request.headers.get("Accept-Language"));
  const token = new URL(request.url).searchParams.get("t");
  let answer: RecipientAnswer;
  if (!act) answer = await digestLinkFacts(token, purpose);
  else if (purpose === "confirm") answer = await confirmDigestRecipient(token);
  else answer = await unsubscribeDigestRecipient(token);
  if (!answer.ok) {
    const words = vocShopperWords(locale);
    return {
      state: "invalid",
      title: words["digest.invalid.title"],
      body: words["digest.invalid.body"],
      button: null,
      shopName: null,
      htmlLang: locale,
      status: answer.reason === "expired" ? 410 : 404,
    };
  }
  const words = vocShopperWords(locale, { shop: answer.shopName, email: answer.email });
  const done = purpose === "confirm" ? "confirmed" : "unsubscribed";
  return act
    ? {
        state: "done",
        title: words[`digest.${done}.title`],
        body: words[`digest.${done}.body`],
        button: null,
        shopName: answer.shopName,
        htmlLang: locale,
        status: 200,
      }
    : {
        state: "ask",
        title: words[`digest.${purpose}.title`],
        body: words[`digest.${purpose}.body`],
        button: words[`digest.${purpose}.button`],
        shopName: answer.shopName,
        htmlLang: locale,
        status: 200,
      };
}
