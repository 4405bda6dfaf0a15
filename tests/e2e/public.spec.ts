// public/: the favicon, the app icons, the web app manifest and robots.txt, served to anyone.
import { expect, test } from './fixtures';
import { SignInPage } from './pages/sign-in';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

test.describe('signed out', () => {
  test('serves the manifest with the app’s name, start page, colours and icons', async ({ request }) => {
    const res = await request.get('/manifest.webmanifest');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = await res.json();
    expect(manifest).toMatchObject({
      name: 'Fixline',
      short_name: 'Fixline',
      start_url: '/chat',
      display: 'standalone',
      theme_color: '#1d4ed8',
      background_color: '#eff6ff',
    });
    const icons = manifest.icons as ManifestIcon[];
    const png = (size: string, purpose: string) => icons.some((i) => i.sizes === size && i.type === 'image/png' && i.purpose === purpose);
    expect(png('192x192', 'any')).toBe(true);
    expect(png('512x512', 'any')).toBe(true);
    expect(png('512x512', 'maskable')).toBe(true);
  });

  test('serves every icon the manifest lists, at its declared size', async ({ request }) => {
    const manifest = await (await request.get('/manifest.webmanifest')).json();
    for (const icon of manifest.icons as ManifestIcon[]) {
      const res = await request.get(icon.src);
      expect(res.status(), icon.src).toBe(200);
      expect(res.headers()['content-type'], icon.src).toContain(icon.type);
      if (icon.type === 'image/png') {
        const [width, height] = icon.sizes.split('x').map(Number);
        expect(pngSize(await res.body()), icon.src).toEqual({ width, height });
      } else {
        expect(await res.text(), icon.src).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
      }
    }
  });

  test('serves the favicon, the Apple touch icon and robots.txt', async ({ request }) => {
    const favicon = await request.get('/favicon.ico');
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    const ico = await favicon.body();
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(2);

    const apple = await request.get('/icons/apple-touch-icon.png');
    expect(apple.status()).toBe(200);
    expect(apple.headers()['content-type']).toBe('image/png');
    expect(pngSize(await apple.body())).toEqual({ width: 180, height: 180 });

    const robots = await request.get('/robots.txt');
    expect(robots.status()).toBe(200);
    expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
    const lines = (await robots.text()).split('\n').map((l) => l.trim());
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Disallow: /');
    expect(lines.filter((l) => /^allow:/i.test(l))).toEqual([]);
  });

  test('serves the API document, generated from the routes in the production build', async ({ request }) => {
    const res = await request.get('/api/openapi.json');
    expect(res.status()).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: new URL(res.url()).origin }]);
    const operations = Object.values(doc.paths as Record<string, object>).flatMap((item) => Object.keys(item));
    expect(operations.length).toBeGreaterThanOrEqual(44);
    expect(doc.paths['/api/sessions/{id}/escalate'].post.requestBody.content['application/json'].schema.required).toEqual(['urgency']);
    expect(Object.keys(doc.paths['/api/knowledge'].post.requestBody.content)).toEqual(['multipart/form-data']);
  });
});

test('the sign-in page links the manifest and icons, and Chromium reads the manifest @both', async ({ page }) => {
  await new SignInPage(page).goto();
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await expect(page.locator('link[rel="icon"][href="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="icon"][href="/icons/icon.svg"]')).toHaveAttribute('type', 'image/svg+xml');
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/icons/apple-touch-icon.png');
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#1d4ed8');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');

  // The browser's own view: the manifest it found on the page, parsed without errors.
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(new URL(manifest.url).pathname).toBe('/manifest.webmanifest');
  expect(manifest.errors).toEqual([]);
  // Chromium names the display mode by its own enum (kStandalone).
  expect(manifest.manifest).toMatchObject({ name: 'Fixline', display: expect.stringMatching(/standalone/i) });
  expect(new URL(manifest.manifest.startUrl ?? '', page.url()).pathname).toBe('/chat');
  expect(manifest.manifest.icons?.length).toBeGreaterThanOrEqual(3);
  // Installable as an app: nothing stands in the way but the test browser's private profile.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
});
