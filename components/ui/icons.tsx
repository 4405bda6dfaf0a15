// Small inline icons (stroke, currentColor) so the UI needs no icon font.
type P = { className?: string };
const base = (d: string) =>
  function Icon({ className = 'h-5 w-5' }: P) {
    return (
      <svg aria-hidden viewBox="0 0 24 24" className={className} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
        <path d={d} />
      </svg>
    );
  };

export const ChatIcon = base('M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z');
export const BookIcon = base('M4 19.5A2.5 2.5 0 0 1 6.5 17H20M4 19.5V4.5A2.5 2.5 0 0 1 6.5 2H20v20H6.5A2.5 2.5 0 0 1 4 19.5z');
export const InboxIcon = base('M22 12h-6l-2 3h-4l-2-3H2M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z');
export const ShieldIcon = base('M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z');
export const LogOutIcon = base('M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9');
export const MenuIcon = base('M3 12h18M3 6h18M3 18h18');
export const LockIcon = base('M5 11h14v10H5zM8 11V7a4 4 0 0 1 8 0v4');
