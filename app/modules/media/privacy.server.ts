// What the privacy module asks of media: every file of a shop gone (shop/redact), and a customer's photos and
// videos in their data export (customers/data_request).
import { mediaStorage } from "./storage/configured.server";
import { discardBody } from "./storage/media-storage";
import { shopFolder } from "./storage-keys.server";

/** Deletes every stored file of the shop, on disk or in the bucket; returns how many. */
export async function deleteShopMediaFiles(shop: string): Promise<number> {
  return mediaStorage().deletePrefix(shopFolder(shop));
}

/** A ReviewMedia row as the data export needs it. */
export interface MediaExportRow {
  id: string;
  reviewId: string;
  kind: string;
  status: string;
  hidden: boolean;
  width: number;
  height: number;
  durationMs: number | null;
  createdAt: Date;
  storageKey: string | null;
}

export type ExportedMedia = Omit<MediaExportRow, "storageKey"> & {
  /** The stored file itself (WebP photo or MP4 video), base64; null when it is not (or no longer) stored. */
  file: { contentType: string; base64: string } | null;
};

// A data export is one JSON document the merchant downloads: past this, files are listed without their bytes.
const EXPORT_FILE_BYTES_MAX = 50 * 1024 * 1024;

export async function exportReviewMedia(rows: MediaExportRow[]): Promise<ExportedMedia[]> {
  const storage = mediaStorage();
  let budget = EXPORT_FILE_BYTES_MAX;
  const exported: ExportedMedia[] = [];
  for (const row of rows) {
    let file: ExportedMedia["file"] = null;
    const object = row.storageKey ? await storage.read(row.storageKey) : null;
    if (object && object.length <= budget) {
      const chunks: Buffer[] = [];
      for await (const chunk of object.body) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      budget -= bytes.length;
      file = { contentType: object.contentType, base64: bytes.toString("base64") };
    } else {
      if (object) discardBody(object);
    }
    const { storageKey: _key, ...fields } = row;
    exported.push({ ...fields, file });
  }
  return exported;
}
