// How a month prints to PDF (npm run pdf, and the browser test that counts its pages).

/** The page of the executive edition, or with --full the one that adds the data appendix. */
export function printPath(month: string, full: boolean): string {
  return `${month}/${full ? "print-full" : "print"}/`;
}

/** A4 landscape as the page CSS sets it, each page numbered "n / total" in its bottom margin. */
export const PDF_OPTIONS = {
  format: "A4",
  landscape: true,
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: true,
  headerTemplate: "<span></span>",
  footerTemplate:
    '<div style="width:100%;font-size:8px;color:#555;text-align:right;padding:0 12mm"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
} as const;
