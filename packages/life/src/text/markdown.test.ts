import { describe, expect, it } from "vitest";
import { renderDocument } from "./markdown.ts";

describe("an IPG document's Markdown", () => {
  it("renders headings, lists and links", () => {
    const html = renderDocument("# Minutes\n\n- Opening\n- [Budget](https://dynamo.test/budget)\n\n**Adopted.**");
    expect(html).toContain("<h1>Minutes</h1>");
    expect(html).toContain("<li>Opening</li>");
    expect(html).toContain('<a href="https://dynamo.test/budget" rel="nofollow noopener noreferrer">Budget</a>');
    expect(html).toContain("<strong>Adopted.</strong>");
  });

  it("never lets raw HTML, scripts or javascript: links through", () => {
    const html = renderDocument(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3)) ![x](https://evil.test/p.png)',
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain("&lt;script&gt;");
  });
});
