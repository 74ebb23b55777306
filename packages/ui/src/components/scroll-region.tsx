import type { Child } from "hono/jsx";

/**
 * A wide table (or chart) that scrolls sideways inside the page, not the page itself, on a
 * phone: a named region a keyboard can reach (tab to it, then the arrow keys scroll it), as
 * WCAG 2.1.1 asks of any scrolling area.
 */
export function ScrollRegion(props: { label: string; children?: Child }) {
  return (
    // A labelled <section> is a region landmark; tabindex puts it in the keyboard's reach.
    <section class="scroll-region" aria-label={props.label} tabindex={0}>
      {props.children}
    </section>
  );
}
