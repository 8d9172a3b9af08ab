import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64, parseDataUrl, toDataUrl } from "@/lib/media/data-url";
import { detectImageFormat, readImageInfo } from "@/lib/media/image-info";
import { makeGif, makeJpegHeader, makePng, makeWebpVp8, makeWebpVp8l, makeWebpVp8x } from "../support/images";

describe("image type and pixel size from the bytes", () => {
  it.each([
    ["PNG", makePng(37, 21), "png", 37, 21],
    ["GIF", makeGif(300, 200), "gif", 300, 200],
    ["JPEG baseline (SOF0)", makeJpegHeader(1024, 768), "jpeg", 1024, 768],
    ["JPEG progressive (SOF2)", makeJpegHeader(640, 480, 0xc2), "jpeg", 640, 480],
    ["WEBP lossy (VP8)", makeWebpVp8(320, 240), "webp", 320, 240],
    ["WEBP lossless (VP8L)", makeWebpVp8l(4000, 3000), "webp", 4000, 3000],
    ["WEBP extended (VP8X)", makeWebpVp8x(16383, 2), "webp", 16383, 2],
  ])("%s", (_name, bytes, format, width, height) => {
    expect(readImageInfo(new Uint8Array(bytes))).toEqual({ format, mimeType: `image/${format}`, width, height });
  });

  it("skips JPEG segments that are not frame headers (DHT, APPn) and fill bytes", () => {
    const jpeg = makeJpegHeader(10, 20);
    const dht = Buffer.from([0xff, 0xc4, 0x00, 0x04, 0x00, 0x00, 0xff]);
    const withExtra = Buffer.concat([jpeg.subarray(0, 20), dht, jpeg.subarray(20)]);
    expect(readImageInfo(new Uint8Array(withExtra))).toMatchObject({ width: 10, height: 20 });
  });

  it("refuses other formats (BMP, PDF, text) and keeps a null size for a cut header", () => {
    expect(detectImageFormat(new Uint8Array(Buffer.from("BM\0\0\0\0")))).toBeNull();
    expect(detectImageFormat(new Uint8Array(Buffer.from("%PDF-1.7")))).toBeNull();
    expect(readImageInfo(new Uint8Array(Buffer.from("hello")))).toBeNull();
    expect(readImageInfo(new Uint8Array(makePng(5, 5).subarray(0, 12)))).toEqual({
      format: "png",
      mimeType: "image/png",
      width: null,
      height: null,
    });
  });
});

describe("data URLs", () => {
  it("round-trips bytes through base64 and data URLs", () => {
    const bytes = new Uint8Array(makePng(3, 3));
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    const url = toDataUrl("image/png", bytes);
    expect(url.startsWith("data:image/png;base64,iVBOR")).toBe(true);
    expect(parseDataUrl(url)).toEqual({ mimeType: "image/png", bytes });
    expect(parseDataUrl("data:text/plain,hello")).toBeNull();
    expect(parseDataUrl("https://example.com/a.png")).toBeNull();
  });
});
