import {
  checkReviewEntry,
  defaultDisplayName,
  isApparelProduct,
  readReviewForm,
  shopperMessages,
} from "~/modules/reviews";
import {
  languagesFromAcceptLanguage as languagesFromAcceptHeader,
  pickShopperLanguage as resolveShopperLocale,
} from "~/modules/shopper-language";
import en from "~/modules/reviews/locales/en.json";
import sv from "~/modules/reviews/locales/sv.json";

describe("a review entry", () => {
  it("needs only a star rating", () => {
    const checked = checkReviewEntry({ productShopifyId: "1", rating: "5", displayName: "Anna L." });
    expect(checked).toEqual({
      ok: true,
      entry: { productShopifyId: "1", rating: 5, title: "", body: "", fit: undefined, displayName: "Anna L." },
    });
  });

  it("keeps what the shopper wrote, without stray control characters or Windows line ends", () => {
    const checked = checkReviewEntry({
      productShopifyId: "1",
      rating: 4,
      body: "  Bra\r\nkvalitet\u0007 ",
      displayName: " Åsa   Ö. ",
    });
    expect(checked.ok && checked.entry).toMatchObject({ body: "Bra\nkvalitet", displayName: "Åsa Ö." });
  });

  it("counts an emoji or å as one character against the limits", () => {
    expect(checkReviewEntry({ productShopifyId: "1", rating: 5, title: "😀".repeat(120), displayName: "Å" }).ok).toBe(
      true,
    );
    expect(checkReviewEntry({ productShopifyId: "1", rating: 5, title: "å".repeat(121), displayName: "Å" })).toEqual({
      ok: false,
      errors: { title: "title.too_long" },
    });
  });

  it.each([
    [undefined, "rating.required"],
    ["", "rating.required"],
    ["0", "rating.invalid"],
    ["6", "rating.invalid"],
    ["abc", "rating.invalid"],
    ["4.5", "rating.invalid"],
  ])("refuses the rating %j with %s", (rating, key) => {
    expect(checkReviewEntry({ productShopifyId: "1", rating, displayName: "Anna L." })).toEqual({
      ok: false,
      errors: { rating: key },
    });
  });
});

describe("the default display name", () => {
  it.each([
    ["Anna", "Lindqvist", "Anna L."],
    ["Örjan", "åkesson", "Örjan Å."],
    ["Anna", null, "Anna"],
    [null, "Lindqvist", "L."],
    [null, null, ""],
  ])("%s %s -> %j", (first, last, expected) => {
    expect(defaultDisplayName(first, last)).toBe(expected);
  });
});

describe("apparel", () => {
  it.each([
    [{ productType: "Shirts" }, true],
    [{ productType: "Apparel & Accessories > Clothing" }, true],
    [{ productType: "Skor" }, true],
    [{ productType: "Home", tags: ["linen", "t-shirt"] }, true],
    [{ productType: "Kitchen" }, false],
    [{ productType: null }, false],
    [{ productType: "Coaster set" }, false],
  ])("%j is apparel: %s", (product, expected) => {
    expect(isApparelProduct(product)).toBe(expected);
  });
});

describe("the shopper's language", () => {
  it("takes the first supported language among the candidates", () => {
    expect(resolveShopperLocale("sv-SE", "en")).toBe("sv");
    expect(resolveShopperLocale("de", "sv")).toBe("sv");
    expect(resolveShopperLocale("de", null)).toBe("en");
    expect(resolveShopperLocale(...languagesFromAcceptHeader("de-DE,de;q=0.9,sv;q=0.8,en;q=0.7"))).toBe("sv");
  });

  it("has every English string in Swedish, with the same placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(sv[key]), key).toEqual(placeholders(en[key]));
    }
    expect(shopperMessages("sv")["fit.runs_small"]).toBe("Liten i storleken");
  });
});

describe("the review form", () => {
  it("reads one entry per product the shopper touched and skips blank cards", () => {
    const form = new FormData();
    form.set("rating[7001]", "4");
    form.set("title[7001]", "Snygg");
    form.set("body[7001]", "");
    form.set("fit[7001]", "true_to_size");
    form.set("rating[7002]", "");
    form.set("title[7002]", " ");
    form.set("body[7002]", "");
    form.set("displayName", "Anna L.");
    const { entries, values } = readReviewForm(form);
    expect(entries).toEqual([
      { productShopifyId: "7001", rating: "4", title: "Snygg", body: "", fit: "true_to_size", displayName: "Anna L." },
    ]);
    expect(values.products["7002"]).toEqual({ rating: "", title: " ", body: "" });
  });
});
