"use client";

import { toDataUrl } from "@/lib/media/data-url";
import { FORMAT_NAMES, readImageInfo, type ImageInfo } from "@/lib/media/image-info";
import { IMAGE_MAX_BYTES } from "@/lib/request/limits";
import { formatBytes } from "@/lib/media/bytes";

/** Reading what the user picked, pasted or dropped: images become checked data URLs, files base64 or uploads. */

export type ImageRead = { ok: true; dataUrl: string; info: ImageInfo; bytes: number; name: string } | { ok: false; message: string };

/** PNG, JPEG, WEBP or GIF up to 20 MB, judged by the bytes (a renamed .bmp is refused too). */
export async function readImageFile(file: File): Promise<ImageRead> {
  const name = file.name || "pasted image";
  if (file.size > IMAGE_MAX_BYTES) {
    return { ok: false, message: `“${name}” is ${formatBytes(file.size)}; images may be at most 20 MB.` };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = readImageInfo(bytes);
  if (info === null) {
    return {
      ok: false,
      message: `“${name}” is not a PNG, JPEG, WEBP or GIF image${file.type ? ` (it is ${file.type})` : ""}, so it cannot be sent as an image.`,
    };
  }
  return { ok: true, dataUrl: toDataUrl(info.mimeType, bytes), info, bytes: bytes.byteLength, name };
}

export function describeImage(info: ImageInfo, bytes: number): string {
  const size = info.width !== null && info.height !== null ? ` · ${info.width}×${info.height}` : "";
  return `${FORMAT_NAMES[info.format]}${size} · ${formatBytes(bytes)}`;
}

export async function readFileAsDataUrl(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return toDataUrl(file.type || "application/octet-stream", bytes);
}

export interface UploadedFile {
  id: string;
  filename: string;
  bytes: number;
}

/**
 * `POST /api/v1/files` with XMLHttpRequest, because fetch cannot report upload progress. `onProgress` gets
 * 0…1. Resolves with the File object; rejects with the API's message in plain words.
 */
export function uploadFile(
  file: File,
  opts: { headers?: Record<string, string>; purpose?: string; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/files");
    for (const [k, v] of Object.entries(opts.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // handled below
      }
      if (xhr.status >= 200 && xhr.status < 300 && json && typeof (json as UploadedFile).id === "string") {
        opts.onProgress?.(1);
        resolve(json as UploadedFile);
        return;
      }
      const message = (json as { error?: { message?: string } } | null)?.error?.message;
      reject(new Error(message ? `Upload failed (HTTP ${xhr.status}): ${message}` : `Upload failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error("Upload failed: the server could not be reached."));
    xhr.onabort = () => reject(new Error("Upload cancelled."));
    opts.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.set("purpose", opts.purpose ?? "user_data");
    form.set("file", file, file.name);
    xhr.send(form);
  });
}

/** Images among pasted or dropped items. */
export function imageFilesOf(list: FileList | DataTransferItemList | null | undefined): File[] {
  if (!list) return [];
  const out: File[] = [];
  for (let i = 0; i < list.length; i += 1) {
    const entry = list[i];
    if (!entry) continue;
    const file =
      entry instanceof File ? entry : (entry as DataTransferItem).kind === "file" ? (entry as DataTransferItem).getAsFile() : null;
    if (file) out.push(file);
  }
  return out;
}
