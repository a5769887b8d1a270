// svg-to-pdfkit ships no types; this is the one call the report uses.
declare module "svg-to-pdfkit" {
  export default function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x: number,
    y: number,
    options?: { width?: number; height?: number; preserveAspectRatio?: string; fontCallback?: (family: string, bold: boolean, italic: boolean) => string; warningCallback?: (text: string) => void },
  ): void;
}
