// Issue 14, point 1: the "Default language" setting decides for customers whose language the app does not speak.
import db from "~/db.server";
import { dispatchDueRequests, syncReviewRequestForOrder } from "~/modules/requests";
import { customerLanguageOr } from "~/modules/shopper-language";
import { updateSettings } from "~/modules/settings";
import { captureEmailDuringTests } from "../support/smtp";
import { createCustomer, createOrder, createShop } from "./factories";

const t = (iso: string) => new Date(iso);
captureEmailDuringTests();

async function sendTo(customerLocale: string | null, options: { shopLocale: string; defaultLocale: "en" | "sv" }) {
  const shop = await createShop({ primaryLocale: options.shopLocale });
  expect(await updateSettings(shop, { defaultLocale: options.defaultLocale })).toMatchObject({ ok: true });
  const customer = await createCustomer(shop, { locale: customerLocale });
  const order = await createOrder(shop, { customer, fulfilledAt: t("2026-05-01T08:00:00Z"), locale: customerLocale });
  await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-05-01T09:00:00Z") });
  await dispatchDueRequests({ now: t("2026-05-15T08:01:00Z"), shop });
  const [email] = await db.capturedEmail.findMany({ where: { envelopeTo: customer.email! } });
  const request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
  return { email, request, shop, customer };
}

describe("the language of review emails", () => {
  it("a German customer of a Swedish shop gets the default language (English), not the shop's Swedish", async () => {
    const { email, request } = await sendTo("de-DE", { shopLocale: "sv", defaultLocale: "en" });
    expect(email.subject).toBe("How was your order from Lind & Co?");
    expect(request.locale).toBe("en");
  });

  it("a Norwegian customer gets Swedish when the merchant chose Swedish as the default", async () => {
    const { email, request } = await sendTo("nb", { shopLocale: "en", defaultLocale: "sv" });
    expect(email.subject).toBe("Hur var din beställning från Lind & Co?");
    expect(request.locale).toBe("sv");
  });

  it("a Swedish customer still gets Swedish whatever the default", async () => {
    const { email } = await sendTo("sv-SE", { shopLocale: "en", defaultLocale: "en" });
    expect(email.subject).toBe("Hur var din beställning från Lind & Co?");
  });

  it("a change of the default reaches emails already planned (decided again at send time)", async () => {
    const shop = await createShop({ primaryLocale: "sv" });
    const customer = await createCustomer(shop, { locale: "de" });
    const order = await createOrder(shop, { customer, fulfilledAt: t("2026-05-01T08:00:00Z"), locale: "de" });
    await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-05-01T09:00:00Z") });
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } })).locale).toBe("en");
    expect(await updateSettings(shop, { defaultLocale: "sv" })).toMatchObject({ ok: true });
    await dispatchDueRequests({ now: t("2026-05-15T08:01:00Z"), shop });
    const [email] = await db.capturedEmail.findMany({ where: { envelopeTo: customer.email! } });
    expect(email.subject).toBe("Hur var din beställning från Lind & Co?");
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } })).locale).toBe("sv");
  });

  it("picks the customer's language first, then the order's, then the default", () => {
    expect(customerLanguageOr(["sv-SE", "en"], "en")).toBe("sv");
    expect(customerLanguageOr([null, "sv"], "en")).toBe("sv");
    expect(customerLanguageOr(["de", "sv"], "en")).toBe("en");
    expect(customerLanguageOr([null, undefined, "  "], "sv")).toBe("sv");
  });
});
