// What the Insights screen shows of the voice of the customer for its filters: the NPS, CES and CSAT figures for
// the months the chosen dates touch (and the product, when one is chosen), and, when asked for, one page of the
// detractors' answers. The dates come from the insights filters, already read in the shop's calendar.
import { z } from "zod";
import { detractorAnswersPage, type DetractorAnswer } from "./detractors.server";
import { loadVocMetrics, type VocMetrics } from "./metrics.server";

const PanelInput = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  zone: z.string().min(1).max(100),
  product: z.string().max(64).optional(),
});

export interface VocInsightsPanel {
  metrics: VocMetrics;
  /** Present when the merchant opened the detractors' comments. */
  detractors: { answers: DetractorAnswer[]; nextCursor: string | null } | null;
}

export async function loadVocInsightsPanel(
  shop: string,
  filters: { from: string; to: string; zone: string; product?: string },
  options: { detractors?: boolean; cursor?: string | null } = {},
): Promise<VocInsightsPanel> {
  const input = PanelInput.parse(filters);
  const range = {
    from: new Date(`${input.from}T00:00:00Z`),
    to: new Date(`${input.to}T00:00:00Z`),
    zone: input.zone,
    productShopifyId: input.product || undefined,
  };
  const [metrics, detractors] = await Promise.all([
    loadVocMetrics(shop, range),
    options.detractors ? detractorAnswersPage(shop, range, { cursor: options.cursor ?? undefined }) : null,
  ]);
  return { metrics, detractors };
}
