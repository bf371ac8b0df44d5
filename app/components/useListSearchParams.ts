// The admin lists keep their filters, search and page in the URL, so a view can be reloaded or shared.
import { useCallback } from "react";
import { useSearchParams } from "@remix-run/react";

/**
 * The list's search params, and `update` to change some of them; any change but the page's cursor starts again from the
 * first page.
 */
export function useListSearchParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null>) => {
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === "") next.delete(key);
          else next.set(key, value);
        }
        if (!("cursor" in changes)) {
          next.delete("cursor");
          next.delete("dir");
        }
        return next;
      });
    },
    [setSearchParams],
  );
  return { searchParams, update };
}
