// The extension's Liquid blocks rendered by liquidjs as Shopify renders them, with and without reviews: stars
// from the standard metafields with no script and a fixed size, Product JSON-LD that meets Google's review
// snippet rules (and none without reviews, one aggregate per page), shoppers' words always escaped.
import { createThemeRenderer, liquidMetafield } from "~/modules/storefront";

const renderer = createThemeRenderer({ locale: "en", assetBase: "/assets" });
const swedish = createThemeRenderer({ locale: "sv", assetBase: "/assets" });

const HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>';

function productWith(reviews: { count: number; average?: number; snippets?: unknown[] } | null) {
  const metafields: Record<string, Record<string, unknown>> = {};
  if (reviews) {
    metafields.reviews = { rating_count: liquidMetafield("number_integer", String(reviews.count)) };
    if (reviews.average !== undefined)
      metafields.reviews.rating = liquidMetafield(
        "rating",
        JSON.stringify({ value: reviews.average.toFixed(2), scale_min: "1.0", scale_max: "5.0" }),
      );
    metafields.kundrost = {
      reviews_summary: liquidMetafield(
        "json",
        JSON.stringify({
          distribution: { "1": 1, "2": 0, "3": 1, "4": 3, "5": Math.max(0, reviews.count - 5) },
          media: 2,
          reviews: reviews.snippets ?? [],
        }),
      ),
    };
  }
  return {
    id: 8210000001117,
    title: "Organic Cotton T-Shirt",
    url: "/products/organic-cotton-t-shirt",
    vendor: "Kundröst Basics",
    description: "<p>Soft &amp; organic.</p>",
    featured_image: { src: "//cdn.example/t.png" },
    selected_or_first_available_variant: { sku: "KR-001-S", barcode: "7350000000017" },
    metafields,
  };
}

function context(product: unknown, settings: Record<string, unknown> = {}, customer: unknown = null) {
  return {
    product,
    customer,
    shop: { url: "https://lind.example", name: "Lind & Co" },
    request: { locale: { iso_code: "en" } },
    routes: { account_register_url: "/account/register", account_login_url: "/account/login" },
    block: {
      id: "blk1",
      shopify_attributes: "",
      settings: {
        star_color: "#8a5a00",
        accent_color: "#1f4e5f",
        text_color: "#1a1a1a",
        layout: "split",
        per_page: 5,
        show_gallery: true,
        show_form: true,
        show_statement: true,
        statement: "",
        heading: "",
        size: 16,
        show_count: true,
        show_empty: true,
        print_json_ld: true,
        ...settings,
      },
    },
  };
}

const SNIPPETS = [
  { author: "Anna L.", rating: 5, date: "2026-10-01", title: "Lovely", body: "Soft and warm.", verified: true },
  { author: "Per K.", rating: 3, date: "2026-09-12", title: "", body: HOSTILE, verified: false },
];

function jsonLdBlocks(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
}

/**
 * Google's review snippet rules for a Product:
 * developers.google.com/search/docs/appearance/structured-data/review-snippet
 */
function reviewSnippetProblems(data: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN);
  if (data["@context"] !== "https://schema.org") problems.push("@context");
  if (data["@type"] !== "Product") problems.push("@type must be Product");
  if (typeof data.name !== "string" || !data.name) problems.push("name required");
  const aggregate = data.aggregateRating as Record<string, unknown> | undefined;
  if (!aggregate) problems.push("aggregateRating required");
  else {
    const [value, best, worst] = [aggregate.ratingValue, aggregate.bestRating ?? 5, aggregate.worstRating ?? 1].map(
      num,
    );
    if (aggregate["@type"] !== "AggregateRating") problems.push("AggregateRating type");
    if (!Number.isFinite(value) || value < worst || value > best) problems.push("ratingValue outside best/worst");
    if (!(num(aggregate.reviewCount) > 0 || num(aggregate.ratingCount) > 0))
      problems.push("reviewCount or ratingCount > 0");
    if (!(best > worst)) problems.push("bestRating above worstRating");
  }
  for (const review of (data.review as Record<string, unknown>[] | undefined) ?? []) {
    const author = review.author as Record<string, unknown> | undefined;
    if (review["@type"] !== "Review") problems.push("Review type");
    if (!author || !["Person", "Organization"].includes(String(author["@type"]))) problems.push("author type");
    if (typeof author?.name !== "string" || !author.name || author.name.length > 100) problems.push("author name");
    const rating = review.reviewRating as Record<string, unknown> | undefined;
    if (!rating || !Number.isFinite(num(rating.ratingValue))) problems.push("reviewRating.ratingValue");
    else if (
      num(rating.ratingValue) < num(rating.worstRating ?? 1) ||
      num(rating.ratingValue) > num(rating.bestRating ?? 5)
    )
      problems.push("review rating outside its scale");
    if (review.datePublished !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(String(review.datePublished)))
      problems.push("datePublished ISO 8601");
  }
  return problems;
}

describe("the star rating block", () => {
  it("draws the stars in Liquid at a fixed size, with an accessible name and no script", async () => {
    const html = await renderer.renderBlock("stars", context(productWith({ count: 27, average: 4.36 })));
    expect(html).toMatch(/<svg class="kr-stars" width="80" height="16"/);
    expect(html).toContain('aria-label="Rated 4.4 out of 5, 27 reviews"');
    expect(html).toContain('offset="87.2%"');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("4.4 (27)");
  });

  it("prints nothing, or the shop's choice of words, for a product without reviews", async () => {
    expect(
      (await renderer.renderBlock("stars", context(productWith({ count: 0 }), { show_empty: false }))).trim(),
    ).toBe("");
    expect(await renderer.renderBlock("stars", context(productWith(null)))).toContain("No reviews yet");
    expect(await swedish.renderBlock("stars", context(productWith(null)))).toContain("Inga recensioner än");
  });

  it("gives every product card's stars their own gradient", async () => {
    const a = await renderer.renderBlock("stars", context({ ...productWith({ count: 3, average: 5 }), id: 1 }));
    const b = await renderer.renderBlock("stars", context({ ...productWith({ count: 3, average: 2 }), id: 2 }));
    const id = (html: string) => /linearGradient id="([^"]+)"/.exec(html)![1];
    expect(id(a)).not.toBe(id(b));
  });
});

describe("the rich snippets embed", () => {
  it("prints Product JSON-LD that meets Google's review snippet rules, with a few reviews", async () => {
    const html = await renderer.renderBlock(
      "rich-snippets",
      context(productWith({ count: 27, average: 4.36, snippets: SNIPPETS })),
    );
    const [data] = jsonLdBlocks(html) as Record<string, unknown>[];
    expect(reviewSnippetProblems(data)).toEqual([]);
    expect(data).toMatchObject({
      name: "Organic Cotton T-Shirt",
      sku: "KR-001-S",
      gtin: "7350000000017",
      brand: { name: "Kundröst Basics" },
      aggregateRating: { ratingValue: 4.36, reviewCount: 27, bestRating: 5, worstRating: 1 },
    });
    expect((data.review as unknown[]).length).toBe(2);
    // The hostile body is the same text after parsing, and cannot end the script element.
    expect((data.review as { reviewBody: string }[])[1].reviewBody).toBe(HOSTILE);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it("prints nothing when the product has no reviews, or when the shop turned it off", async () => {
    expect(jsonLdBlocks(await renderer.renderBlock("rich-snippets", context(productWith({ count: 0 }))))).toEqual([]);
    expect(jsonLdBlocks(await renderer.renderBlock("rich-snippets", context(productWith(null))))).toEqual([]);
    const off = await renderer.renderBlock(
      "rich-snippets",
      context(productWith({ count: 5, average: 4 }), { print_json_ld: false }),
    );
    expect(jsonLdBlocks(off)).toEqual([]);
  });

  it("is the page's only aggregate rating when every block is on the page", async () => {
    const ctx = context(productWith({ count: 27, average: 4.36, snippets: SNIPPETS }));
    const page = (
      await Promise.all(["stars", "reviews", "loyalty", "rich-snippets"].map((b) => renderer.renderBlock(b, ctx)))
    ).join("\n");
    expect(page.match(/"aggregateRating"/g)).toHaveLength(1);
    expect(jsonLdBlocks(page)).toHaveLength(1);
  });
});

describe("the reviews block", () => {
  it("prints the summary, the bars and the first reviews in Liquid, escaping the shoppers' words", async () => {
    const html = await renderer.renderBlock(
      "reviews",
      context(productWith({ count: 27, average: 4.36, snippets: SNIPPETS })),
    );
    expect(html).toContain('<span class="kr-summary__number">4.4</span>');
    expect(html).toContain("Based on 27 reviews");
    expect(html).toMatch(/data-kr-filter="5" aria-pressed="false"/);
    expect(html).toContain('<span class="kr-bar__label">1 star</span>');
    expect(html).toContain('<span class="kr-bar__label">4 stars</span>');
    expect(html).toContain('data-kr-bar="5" style="width: 81%"');
    expect(html.match(/<li class="kr-review">/g)).toHaveLength(2);
    expect(html).toContain("Verified buyer");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("How reviews are checked");
    expect(html).toContain("Lind &amp; Co publishes every review");
    // The strings for the script are valid JSON.
    const strings = /<script type="application\/json" data-kr-i18n>([\s\S]*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(strings)).toMatchObject({ verified: "Verified buyer", rated: "{n} out of 5 stars" });
    // The block asks the shopper for an email only when Shopify does not know who they are.
    expect(html).toContain('name="email"');
    const member = await renderer.renderBlock(
      "reviews",
      context(productWith({ count: 1, average: 5 }), {}, { first_name: "Astrid", last_name: "Lind" }),
    );
    expect(member).not.toContain('name="email"');
    expect(member).toContain('value="Astrid L"');
  });

  it("writes each review's date in the storefront's language, keeping the ISO date for machines", async () => {
    const product = productWith({ count: 27, average: 4.36, snippets: SNIPPETS });
    const dates = (html: string) =>
      [...html.matchAll(/<time class="kr-review__date" datetime="([^"]+)">([^<]*)<\/time>/g)].map((m) => [m[1], m[2]]);
    expect(dates(await renderer.renderBlock("reviews", context(product)))).toEqual([
      ["2026-10-01", "October 1, 2026"],
      ["2026-09-12", "September 12, 2026"],
    ]);
    const inSwedish = await swedish.renderBlock("reviews", context(product));
    expect(dates(inSwedish)).toEqual([
      ["2026-10-01", "1 oktober 2026"],
      ["2026-09-12", "12 september 2026"],
    ]);
    // The script writes the pages it loads with the same words.
    const strings = /<script type="application\/json" data-kr-i18n>([\s\S]*?)<\/script>/.exec(inSwedish)![1];
    expect(JSON.parse(strings)).toMatchObject({
      months: "januari,februari,mars,april,maj,juni,juli,augusti,september,oktober,november,december",
      date: "{d} {m} {y}",
    });
  });

  it("invites the first review when there are none, and shows the shop's own statement when it wrote one", async () => {
    const html = await renderer.renderBlock(
      "reviews",
      context(productWith({ count: 0 }), { statement: "<p>We read every review by hand.</p>" }),
    );
    expect(html).toContain("No reviews yet. Bought it?");
    expect(html).not.toContain("kr-summary__number");
    expect(html).toContain("We read every review by hand.");
    expect(await swedish.renderBlock("reviews", context(productWith({ count: 0 })))).toContain("Skriv en recension");
  });
});

describe("the loyalty block", () => {
  it("shows a visitor how to join and a member the panel the script fills", async () => {
    const visitor = await renderer.renderBlock("loyalty", context(null));
    expect(visitor).toContain('href="/account/register"');
    expect(visitor).toContain("Points for every review");
    const member = await renderer.renderBlock("loyalty", context(null, {}, { first_name: "Astrid" }));
    expect(member).toContain("Hi Astrid");
    expect(member).toContain("data-kr-rewards");
    expect(member).not.toContain("/account/register");
  });
});
