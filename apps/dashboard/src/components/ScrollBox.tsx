import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A box that scrolls sideways what is wider than the screen (a table on a phone). While it scrolls, it takes the
 * keyboard focus so that the arrow keys can scroll it (WCAG 2.1.1; axe's scrollable-region-focusable); while its
 * content fits, it is no extra tab stop. It is no landmark: a region named like its table would repeat the name
 * of the panel around it (axe's landmark-unique).
 */
export function ScrollBox({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={box} className="table-scroll" tabIndex={scrolls ? 0 : undefined}>
      {children}
    </div>
  );
}
