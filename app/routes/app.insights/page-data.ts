// What the Insights screen's components get from the loader, and how they write its figures.
import { useCallback } from "react";
import type { SerializeFrom } from "@remix-run/node";
import { useSearchParams } from "@remix-run/react";
import type { InsightsPage } from "~/modules/insights";

export type PageData = SerializeFrom<InsightsPage>;

/** What the action answers to the custom-topic forms: a message for a toast, or errors beside the fields. */
export type TopicActionResult = { ok: true; message: string } | { ok: false; fieldErrors: Record<string, string> };

export const whole = new Intl.NumberFormat("en-US");

export const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

export const LANGUAGE_NAMES: Record<string, string> = { en: "English", sv: "Swedish", unknown: "Unknown" };

export function useFilterUpdate() {
  const [, setSearchParams] = useSearchParams();
  return useCallback(
    (changes: Record<string, string | null>) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === "") next.delete(key);
            else next.set(key, value);
          }
          // Any change of what is shown starts the drill-down from its newest review again.
          if (!("cursor" in changes)) next.delete("cursor");
          return next;
        },
        { preventScrollReset: true },
      );
    },
    [setSearchParams],
  );
}
