import sharp from "sharp";
const base = sharp({ create: { width: 40, height: 30, channels: 3, background: "#f00" } });
for (const ifd of ["IFD3", "IFD2", "GPS"]) {
  const out = await base.clone().withExif({ IFD0: { Make: "Apple" }, [ifd]: { GPSLatitudeRef: "N", GPSLatitude: "59/1 19/1 4521/100" } } as never).withMetadata({ orientation: 6 }).jpeg().toBuffer();
  const m = await sharp(out).metadata();
  console.log(ifd, m.orientation, out.includes(Buffer.from("Apple")), m.exif?.length, out.indexOf(Buffer.from([0x88, 0x25])), out.indexOf(Buffer.from([0x25, 0x88])));
}
