'use client';

import { SectionNav } from '@/components/ui/section-nav';

/** The profile area's sections; each is a page under /profile. */
const PROFILE_SECTIONS = [
  { href: '/profile/tokens', label: 'API tokens' },
  { href: '/profile/privacy', label: 'Privacy & data' },
] as const;

export function ProfileNav() {
  return <SectionNav label="Profile sections" sections={PROFILE_SECTIONS} />;
}
