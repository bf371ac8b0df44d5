// What the figures on this screen count, in words: the whole weeks in the shop's time zone, and that reviews
// waiting for moderation are counted although the product rating does not count them yet.
import { Text } from "@shopify/polaris";
import { formatShopDate } from "~/modules/shops";
import { type PageData, whole } from "../page-data";

const day = (iso: string) => formatShopDate(new Date(`${iso}T12:00:00Z`), "UTC");

export function CountingNote({ counting }: { counting: PageData["counting"] }) {
  const pending =
    counting.pending === 0
      ? "None of them is waiting for moderation."
      : `${whole.format(counting.pending)} of them ${counting.pending === 1 ? "is" : "are"} waiting for moderation and not in the product rating yet.`;
  return (
    <Text as="p" variant="bodySm" tone="subdued">
      {`Counts every review received from Monday ${day(counting.firstDay)} to Sunday ${day(counting.lastDay)} ` +
        `(whole weeks, ${counting.zone} time), published or pending; rejected reviews are left out. ${pending}`}
    </Text>
  );
}
