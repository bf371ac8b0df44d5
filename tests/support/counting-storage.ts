// A media store that notes each look-up it is asked for (a read, a head or a size), for tests that count what
// serving a file costs: one look-up per answer, not a size and then a read, and no read for a HEAD request.
import type { MediaStorage } from "~/modules/media";

export function countingStorage(storage: MediaStorage): { storage: MediaStorage; lookUps: string[] } {
  const lookUps: string[] = [];
  return {
    lookUps,
    storage: {
      ...storage,
      read(key, range) {
        lookUps.push("read");
        return storage.read(key, range);
      },
      head(key, range) {
        lookUps.push("head");
        return storage.head(key, range);
      },
      size(key) {
        lookUps.push("size");
        return storage.size(key);
      },
    },
  };
}
