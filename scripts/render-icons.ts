// Renders the app icons in public/ from their SVG sources with Chromium: the PNGs the web app
// manifest lists, the Apple touch icon and favicon.ico. Run after changing an SVG and commit the
// results: npx tsx scripts/render-icons.ts
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const PUBLIC = path.resolve(__dirname, '../public');
const ICONS = path.join(PUBLIC, 'icons');

/** The rounded icon (browsers, the manifest's "any") and the full-bleed one (maskable, iOS). */
const SOURCES = { rounded: 'icon.svg', fullBleed: 'icon-maskable.svg' } as const;

const PNGS: { file: string; source: keyof typeof SOURCES; size: number }[] = [
  { file: 'icon-192.png', source: 'rounded', size: 192 },
  { file: 'icon-512.png', source: 'rounded', size: 512 },
  { file: 'icon-maskable-512.png', source: 'fullBleed', size: 512 },
  // iOS rounds the corners itself and shows transparency as black.
  { file: 'apple-touch-icon.png', source: 'fullBleed', size: 180 },
];

/** The sizes inside favicon.ico; at these the wrench is drawn larger and bolder to stay legible. */
const FAVICON_SIZES = [16, 32, 48];

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const render = async (svg: string, size: number) => {
    await page.setViewportSize({ width: size, height: size });
    const inline = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${inline}</body></html>`);
    return page.screenshot({ type: 'png', omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };
  const source = (name: keyof typeof SOURCES) => fs.readFileSync(path.join(ICONS, SOURCES[name]), 'utf8');

  for (const { file, source: name, size } of PNGS) {
    fs.writeFileSync(path.join(ICONS, file), await render(source(name), size));
    console.log(`public/icons/${file} ${size}×${size}`);
  }

  const bold = source('rounded')
    .replace(/translate\([^)]*\) scale\([^)]*\)/, 'translate(64 64) scale(16)')
    .replace(/stroke-width="[\d.]+"/, 'stroke-width="2.6"');
  const images = [];
  for (const size of FAVICON_SIZES) images.push({ size, png: await render(bold, size) });
  fs.writeFileSync(path.join(PUBLIC, 'favicon.ico'), ico(images));
  console.log(`public/favicon.ico ${FAVICON_SIZES.join(', ')}`);
  await browser.close();
}

/** An ICO file holding PNG images (supported by every current browser and Windows since Vista). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // palette colours
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
