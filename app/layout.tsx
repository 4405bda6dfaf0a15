import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Fixline', template: '%s · Fixline' },
  description: 'Troubleshoot machines with answers from their manuals, and reach support when you need a person.',
  applicationName: 'Fixline',
  // Installable on a phone's home screen (public/manifest.webmanifest; icons: scripts/render-icons.ts).
  manifest: '/manifest.webmanifest',
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/icons/icon.svg', type: 'image/svg+xml' },
    ],
    apple: [{ url: '/icons/apple-touch-icon.png', sizes: '180x180' }],
  },
  appleWebApp: { capable: true, title: 'Fixline', statusBarStyle: 'default' },
  // An internal tool: robots.txt disallows everything, and no page asks to be indexed.
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1d4ed8' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
