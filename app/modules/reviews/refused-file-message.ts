// Why a file was not added to a review, in the shopper's words and language. Safe in the browser.
import { MEDIA_REFUSALS, refusalLimit, type MediaRefusal } from "../media";
import { formatMessage, type ShopperMessages } from "./shopper-messages";

export function refusedFileMessage(messages: ShopperMessages, refusal: MediaRefusal, fileName: string): string {
  return formatMessage(messages, `errors.media.${refusal}`, { file: fileName || "?", max: refusalLimit(refusal) });
}

// The thank-you page is reached by a redirect, so the refusals travel in its query: refused=<code>:<file name>.
export function encodeRefusedFile(refusal: MediaRefusal, fileName: string): string {
  return `${refusal}:${fileName.slice(0, 120)}`;
}

export function decodeRefusedFile(value: string): { refusal: MediaRefusal; fileName: string } | null {
  const colon = value.indexOf(":");
  const refusal = value.slice(0, colon) as MediaRefusal;
  if (colon < 0 || !MEDIA_REFUSALS.includes(refusal)) return null;
  return { refusal, fileName: value.slice(colon + 1, colon + 121) };
}
