/*!
 * Knotwise chat widget: a calm, step-by-step guide to upper-back self-massage.
 * Not medical advice.
 *
 * Embedding
 * ---------
 *   <script src="https://host/widget.js" data-server="https://host"></script>
 *
 * The script adds one <knotwise-chat> element to the page (unless the page already has
 * one). `data-server` is where the Knotwise API lives; missing or empty means the origin
 * the script was loaded from. A hand-placed element may name its own server:
 *   <knotwise-chat server="https://host"></knotwise-chat>
 * Cross-origin embedding needs the server to allow the host page's origin (CORS).
 *
 * Theming
 * -------
 * Set these custom properties on `knotwise-chat` from the host page, e.g.
 *   knotwise-chat { --knotwise-accent: #5b2a86; --knotwise-radius: 8px; }
 * The defaults meet WCAG AA contrast; keep that true for your own values.
 *
 *   --knotwise-accent         launcher, send button, header and progress (default #0e6466)
 *   --knotwise-accent-text    text and icons drawn on the accent colour (default #ffffff)
 *   --knotwise-bg             panel background (default #ffffff)
 *   --knotwise-text           main text colour (default #1d2433)
 *   --knotwise-guide-bubble   background of the guide's bubbles (default #eef2f6)
 *   --knotwise-user-bubble    background of the user's bubbles (default #d6ecea)
 *   --knotwise-font           font stack (default system-ui and friends)
 *   --knotwise-radius         corner radius of the panel and bubbles (default 14px)
 *   --knotwise-danger         emergency/urgent banner, behind white text (default #b3261e)
 *   --knotwise-warning        "see a doctor" banner, behind dark text (default #f2b01e)
 *   --knotwise-note           background of calm notes (cautions), behind dark text (default #e6f0fa)
 *   --knotwise-highlight      body-map areas to work on (default #c8541c)
 *
 * Hooks for tests (stable): the element exposes `ready` (a Promise resolved once the
 * first conversation, or a restored one, has rendered) and carries `data-busy` while a
 * request is in flight. Class names inside the shadow root are listed in the brief and
 * used below (kw-launcher, kw-panel, kw-messages, kw-msg, ...).
 *
 * Source
 * ------
 * This one script is put together by the server from the parts in src/main/resources/web/widget/
 * of the Knotwise repository, each marked below by its file name (the README says which does what).
 */
