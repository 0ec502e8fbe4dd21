/**
 * An arrow into a door (entering) or out of one (leaving): the shapes of Material Symbols' "login" and "logout"
 * (Apache License 2.0), drawn inline so the kiosk loads no icon font. Decorative: the word beside it says the same.
 * In a right-to-left page the icon mirrors with the layout, so the arrow still points into or out of the door.
 */
export function DirectionIcon({ direction, className }: { direction: 'in' | 'out'; className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      data-icon={direction === 'in' ? 'enter' : 'leave'}
    >
      <path
        fill="currentColor"
        d={
          direction === 'in'
            ? 'M11 7 9.6 8.4l2.6 2.6H2v2h10.2l-2.6 2.6L11 17l5-5-5-5zm9 12h-8v2h8c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2h-8v2h8v14z'
            : 'M17 7l-1.41 1.41L18.17 11H8v2h10.17l-2.58 2.58L17 17l5-5zM4 5h8V3H4c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h8v-2H4V5z'
        }
      />
    </svg>
  );
}
