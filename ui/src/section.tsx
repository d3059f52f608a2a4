// A card section of a page: its heading (which names the section) and what sits beside it.
import type { ReactNode, Ref } from 'react';

interface SectionProps {
  titleId: string;
  title: string;
  // Set when dialogs of the section return focus to its heading.
  headingRef?: Ref<HTMLHeadingElement>;
  aside?: ReactNode;
  children: ReactNode;
}

export function Section({ titleId, title, headingRef, aside, children }: SectionProps) {
  return (
    <section className="card section" aria-labelledby={titleId}>
      <div className="section-head">
        <h2 id={titleId} className="section-title" ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}
