// Every stored file of one photo or video sits in a folder of its own named by 128 random bits, under its
// shop's folder: keys cannot be guessed, and a shop's files can all be deleted by prefix (shop/redact).
import { randomBytes } from "node:crypto";

export type MediaFileRole = "display" | "thumbnail" | "video" | "poster" | "incoming";

const FILE_NAMES: Record<MediaFileRole, string> = {
  display: "display.webp",
  thumbnail: "thumb.webp",
  video: "video.mp4",
  poster: "poster.webp",
  incoming: "upload.bin",
};

export function newMediaToken(): string {
  return randomBytes(16).toString("hex");
}

/** A shop domain as one folder name (it is one already for *.myshopify.com; anything odd is made safe). */
export function shopFolder(shop: string): string {
  const safe = shop
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, "_")
    .replace(/^[^a-z0-9]+/, "");
  return `shops/${safe || "_"}/`;
}

export function mediaKey(shop: string, token: string, role: MediaFileRole): string {
  if (!/^[a-f0-9]{32}$/.test(token)) throw new Error("A media token is 32 hex digits");
  return `${shopFolder(shop)}${token}/${FILE_NAMES[role]}`;
}

/** The file a public URL names: /media/<token>/<file>. */
export function roleOfFileName(name: string): MediaFileRole | null {
  const found = (Object.entries(FILE_NAMES) as [MediaFileRole, string][]).find(([, file]) => file === name);
  return found && found[0] !== "incoming" ? found[0] : null;
}

export function fileNameOfRole(role: MediaFileRole): string {
  return FILE_NAMES[role];
}

/** Every key a stored item may have, for deletion. */
export function storedKeysOf(item: {
  storageKey: string | null;
  thumbnailKey: string | null;
  posterKey: string | null;
  incomingKey: string | null;
}): string[] {
  return [item.storageKey, item.thumbnailKey, item.posterKey, item.incomingKey].filter((key): key is string =>
    Boolean(key),
  );
}
