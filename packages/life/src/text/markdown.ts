import MarkdownIt from "markdown-it";

/**
 * An IPG document's Markdown as HTML, with markdown-it (as the rules of procedure read theirs):
 * CommonMark, raw HTML escaped as text, links only to http(s) and mailto (markdown-it refuses
 * `javascript:` and the like), every link without a referrer. The HTML goes into the page as is:
 * nothing in it comes from the author but text.
 */
const markdown = new MarkdownIt("commonmark", { html: false, linkify: false, typographer: false });

const SAFE_LINK = /^(?:https?:|mailto:|#|\/(?!\/))/i;
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());
// Images would load from anywhere the author names: shown as their description instead.
markdown.disable("image");

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, i, o, _e, self) => self.renderToken(tokens, i, o));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]?.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, index, options, env, self);
};

export function renderDocument(body: string): string {
  return markdown.render(body);
}
