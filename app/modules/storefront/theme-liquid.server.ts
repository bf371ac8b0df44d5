// The theme app extension's Liquid, rendered here with liquidjs the way Shopify renders it on a storefront:
// the blocks and snippets as they ship, the storefront locale files for `t`, and the few Shopify filters and
// objects the blocks use. The demo's storefront preview and the tests render through this, so what they show
// is what a shop's theme prints.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Liquid, Tag, type TagToken, type Template, type TopLevelToken } from "liquidjs";

export const EXTENSION_DIR = path.resolve("extensions/kundrost-reviews");
export const STOREFRONT_LOCALES = ["en", "sv"] as const;
export type StorefrontLocale = (typeof STOREFRONT_LOCALES)[number];

type Strings = { [key: string]: string | Strings };

function localeStrings(locale: StorefrontLocale): Strings {
  const file = locale === "en" ? "en.default.json" : `${locale}.json`;
  return JSON.parse(readFileSync(path.join(EXTENSION_DIR, "locales", file), "utf8")) as Strings;
}

/** Shopify's `t`: a dotted key, `{{ name }}` placeholders, one/other by `count`, the result HTML-escaped. */
export function translate(strings: Strings, key: string, values: Record<string, unknown> = {}): string {
  let node: string | Strings | undefined = strings;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (node && typeof node === "object" && "other" in node) {
    const count = Number(values.count);
    node = (count === 1 ? node.one : node.other) ?? node.other;
  }
  if (typeof node !== "string") return `translation missing: ${key}`;
  const text = node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ""));
  // As Shopify does: a translation is HTML-escaped unless its key ends in _html.
  return key.endsWith("_html") ? text : escapeHtml(text);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/**
 * Shopify's `json` filter escapes <, > and & inside strings, so a shopper's "</script>" cannot end the script
 * element the JSON sits in.
 */
export function shopifyJson(value: unknown): string {
  return (JSON.stringify(value ?? null) ?? "null")
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
}

/** A metafield as Liquid sees it: `.value` typed (a rating object, a number, parsed JSON). */
export function liquidMetafield(type: string, raw: string): { value: unknown; type: string } | null {
  try {
    if (type === "rating") {
      const parsed = JSON.parse(raw) as { value: string; scale_min: string; scale_max: string };
      return {
        type,
        value: {
          rating: Number(parsed.value),
          scale_min: Number(parsed.scale_min),
          scale_max: Number(parsed.scale_max),
        },
      };
    }
    if (type === "number_integer") return { type, value: Number(raw) };
    if (type === "json") return { type, value: JSON.parse(raw) };
    return { type, value: raw };
  } catch {
    return null;
  }
}

export interface ThemeRendererOptions {
  locale: StorefrontLocale;
  /** Where the extension's assets are served (the asset_url filter). */
  assetBase: string;
}

export interface ThemeRenderer {
  renderBlock(name: string, context: Record<string, unknown>): Promise<string>;
  t(key: string, values?: Record<string, unknown>): string;
}

/** The `{% schema %}` of a block: Shopify reads it, the storefront never prints it. */
class SchemaTag extends Tag {
  private readonly body: string[] = [];
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    while (remain.length) {
      const next = remain.shift() as TopLevelToken & { name?: string };
      if (next.name === "endschema") return;
      this.body.push(next.getText());
    }
    throw new Error("{% schema %} is not closed");
  }
  *render(): Generator<unknown, void, unknown> {}
}

export function createThemeRenderer(options: ThemeRendererOptions): ThemeRenderer {
  const strings = localeStrings(options.locale);
  const engine = new Liquid({
    root: [path.join(EXTENSION_DIR, "blocks")],
    partials: [path.join(EXTENSION_DIR, "snippets")],
    extname: ".liquid",
    cache: true,
    strictFilters: true,
    ownPropertyOnly: true,
  });
  engine.registerTag("schema", SchemaTag);
  const parsed = new Map<string, Template[]>();
  engine.registerFilter("t", (key: string, ...args: unknown[]) => {
    const values: Record<string, unknown> = {};
    for (const arg of args) if (Array.isArray(arg)) values[String(arg[0])] = arg[1];
    return translate(strings, key, values);
  });
  engine.registerFilter("json", shopifyJson);
  engine.registerFilter("asset_url", (name: string) => `${options.assetBase}/${encodeURIComponent(name)}`);
  engine.registerFilter("image_url", (src: unknown, ...args: unknown[]) => {
    const url =
      typeof src === "object" && src !== null && "src" in src
        ? String((src as { src: unknown }).src)
        : String(src ?? "");
    const width = args.find((arg) => Array.isArray(arg) && arg[0] === "width") as [string, number] | undefined;
    return width ? `${url}${url.includes("?") ? "&" : "?"}width=${width[1]}` : url;
  });
  return {
    t: (key, values) => translate(strings, key, values),
    async renderBlock(name, context) {
      const file = path.join(EXTENSION_DIR, "blocks", `${name}.liquid`);
      let templates = parsed.get(file);
      if (!templates) {
        templates = engine.parse(readFileSync(file, "utf8"), file);
        parsed.set(file, templates);
      }
      return engine.render(templates, context) as Promise<string>;
    },
  };
}
