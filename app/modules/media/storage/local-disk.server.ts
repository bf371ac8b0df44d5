// Media on local disk, under MEDIA_DIR (default data/media beside the SQLite file). Writes go to a temporary
// name first and are renamed into place, so a reader never sees half a file.
import { copyFile, mkdir, open, readdir, rename, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import {
  assertStorageKey,
  assertStoragePrefix,
  contentTypeOfKey,
  headOfRead,
  type MediaStorage,
  type RequestedRange,
  type StoredObjectHead,
} from "./media-storage";

export function createLocalDiskStorage(root: string): MediaStorage {
  const base = path.resolve(root);
  const fileOf = (key: string) => path.join(base, ...assertStorageKey(key).split("/"));

  async function sizeOf(key: string): Promise<number | null> {
    try {
      const info = await stat(fileOf(key));
      return info.isFile() ? info.size : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  return {
    kind: "local",
    async put(key, body, _contentType) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString("hex")}.part`;
      try {
        if (Buffer.isBuffer(body)) await writeFile(temporary, body);
        else await copyFile(body.file, temporary);
        await rename(temporary, target);
      } finally {
        await rm(temporary, { force: true });
      }
    },
    async read(key, range?: RequestedRange) {
      // The file is opened here, not when the stream first reads: a file removed since the caller looked (a
      // shopper's erasure beside a request for the photo) is "not found", never an 'error' event on a stream the
      // caller may already have let go of (an export over its budget destroys it unread), which would end the
      // process. Its size comes from the open file, so the bytes and the size the caller is told are the same file's.
      let handle: FileHandle;
      try {
        handle = await open(fileOf(key), "r");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      const info = await handle.stat().catch(async (error: unknown) => {
        await handle.close();
        throw error;
      });
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      let head: StoredObjectHead;
      try {
        head = headOfRead(info.size, contentTypeOfKey(key), range);
      } catch (error) {
        await handle.close();
        throw error;
      }
      // Bounded by the size the caller is told even without a range, so the body never runs past Content-Length.
      const span = head.range ?? { start: 0, end: head.size - 1 };
      return {
        ...head,
        body: handle.createReadStream(head.size === 0 ? {} : { start: span.start, end: span.end }),
      };
    },
    async head(key, range) {
      const size = await sizeOf(key);
      return size === null ? null : headOfRead(size, contentTypeOfKey(key), range);
    },
    size: sizeOf,
    async download(key, file) {
      await copyFile(fileOf(key), file);
    },
    async delete(keys) {
      for (const key of keys) {
        const file = fileOf(key);
        await rm(file, { force: true });
        // Each item has a folder of its own; leave no empty folders behind.
        await rm(path.dirname(file), { recursive: false }).catch(() => undefined);
      }
    },
    async deletePrefix(prefix) {
      const folder = path.join(base, ...assertStoragePrefix(prefix).slice(0, -1).split("/"));
      const count = await countFiles(folder);
      await rm(folder, { recursive: true, force: true });
      return count;
    },
  };
}

async function countFiles(folder: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  let count = 0;
  for (const entry of entries) count += entry.isDirectory() ? await countFiles(path.join(folder, entry.name)) : 1;
  return count;
}
