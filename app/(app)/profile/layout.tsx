import type { ReactNode } from 'react';
import { ProfileNav } from '@/components/profile/profile-nav';

// Every profile page: the signed-in user's own settings, with the sections' navigation above.
export default function ProfileLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <ProfileNav />
      {children}
    </div>
  );
}
