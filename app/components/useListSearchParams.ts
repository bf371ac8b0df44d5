// The admin lists keep their filters, search and page in the URL, so a view can be reloaded or shared.
import { useCallback, useEffect, useRef, useState } from "react";
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

/**
 * A list's search box: its text now, sent to the URL's `q` after a short pause so each keystroke does not load
 * a page; `clear` empties both at once.
 */
export function useListSearch(
  update: (changes: Record<string, string | null>) => void,
  initial: string,
  pauseMs = 350,
) {
  const [query, setQuery] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const onQueryChange = (value: string) => {
    setQuery(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => update({ q: value.trim() }), pauseMs);
  };
  const clear = () => {
    clearTimeout(timer.current);
    setQuery("");
    update({ q: null });
  };
  return { query, onQueryChange, clear };
}
