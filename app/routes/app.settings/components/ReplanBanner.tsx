// After a timing change is saved: what happened to the requests already scheduled.
import { Banner, Text } from "@shopify/polaris";
import { counted } from "~/components/counted";

export type ReplanView = { mode: "done"; scheduled: number; moved: number } | { mode: "queued"; scheduled: number };

export function ReplanBanner({ replan }: { replan: ReplanView }) {
  if (replan.mode === "queued") {
    return (
      <Banner tone="info" title={`Re-planning ${counted(replan.scheduled, "scheduled request", "scheduled requests")}`}>
        <Text as="p">
          They are being planned again from the new settings in the background; the Requests list shows their new dates
          as they move.
        </Text>
      </Banner>
    );
  }
  if (replan.scheduled === 0) {
    return (
      <Banner tone="info" title="The new settings apply to every order from now on">
        <Text as="p">No request was waiting to be sent, so none needed re-planning.</Text>
      </Banner>
    );
  }
  return (
    <Banner
      tone="success"
      title={`${counted(replan.moved, "scheduled request", "scheduled requests")} moved to the new timing`}
    >
      <Text as="p">
        All {counted(replan.scheduled, "request", "requests")} waiting to be sent were planned again from the new
        settings;{" "}
        {replan.scheduled - replan.moved === 0
          ? "every one of them moved."
          : `${counted(replan.scheduled - replan.moved, "keeps its date", "keep their dates")} (the new settings give the same moment).`}{" "}
        Emails already sent are not affected.
      </Text>
    </Banner>
  );
}
