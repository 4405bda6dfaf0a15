'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { matchPassage } from '@/lib/knowledge/passage-match';
import { isCancelled, loadPdfjs } from './pdf';
import './text-layer.css';

export type PageResult = { ok: true; highlighted: number } | { ok: false; message: string };

/** Device pixels per CSS pixel, capped: a 3x phone screen of a large page would be a huge canvas. */
const MAX_PIXEL_RATIO = 3;

/**
 * One PDF page as wide as its container: the canvas, pdf.js's text layer over it (selectable,
 * searchable text), and the spans of `passage` highlighted, the first one scrolled into view.
 */
export function PdfPage({
  pdf,
  pageNumber,
  passage,
  label,
  onResult,
}: {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  passage: string | null;
  label: string;
  onResult: (result: PageResult) => void;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const sheetRef = useRef<HTMLElement>(null);
  const width = useWidth(boxRef);
  const [height, setHeight] = useState<number | null>(null);
  const shownFor = useRef<string | null>(null);
  const report = useRef(onResult);
  useEffect(() => {
    report.current = onResult;
  }, [onResult]);

  useEffect(() => {
    const sheet = sheetRef.current;
    if (!width || !sheet) return;
    let cancelled = false;
    let cancel: (() => void) | undefined;
    (async () => {
      const { TextLayer } = await loadPdfjs();
      const page = await pdf.getPage(pageNumber);
      if (cancelled) return;
      const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
      const ratio = Math.min(window.devicePixelRatio || 1, MAX_PIXEL_RATIO);

      // A fresh canvas and layer each time, swapped in when done: no blank page between renders,
      // and a cancelled render never shares a canvas with the next one.
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.className = 'block h-full w-full';
      canvas.setAttribute('aria-hidden', 'true');
      const layer = document.createElement('div');
      layer.className = 'pdf-text-layer';
      layer.style.setProperty('--total-scale-factor', String(viewport.scale));
      layer.style.setProperty('--scale-round-x', '1px');
      layer.style.setProperty('--scale-round-y', '1px');

      const render = page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      const text = new TextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport });
      cancel = () => {
        render.cancel();
        text.cancel();
      };
      await Promise.all([render.promise, text.render()]);
      if (cancelled) return;

      const marks = passage ? matchPassage(text.textContentItemsStr, passage).map((i) => text.textDivs[i]) : [];
      for (const span of marks) {
        span.classList.add('pdf-highlight');
        span.dataset.testid = 'pdf-highlight';
      }
      sheet.replaceChildren(canvas, layer);
      setHeight(viewport.height);
      // A new page (not a resize): bring the passage into view, or else the top of the page.
      const key = `${pageNumber}:${passage}`;
      const turned = shownFor.current !== null;
      if (shownFor.current !== key) {
        if (marks.length) marks[0].scrollIntoView({ block: 'center' });
        else if (turned) sheet.scrollIntoView({ block: 'start' });
      }
      shownFor.current = key;
      report.current({ ok: true, highlighted: marks.length });
    })().catch((error: unknown) => {
      if (cancelled || isCancelled(error)) return;
      report.current({ ok: false, message: `Page ${pageNumber} could not be shown. Try again, or open the original.` });
    });
    return () => {
      cancelled = true;
      cancel?.();
    };
  }, [pdf, pageNumber, passage, width]);

  return (
    <div ref={boxRef} className="w-full">
      <section
        ref={sheetRef}
        aria-label={label}
        data-testid="pdf-page"
        data-page={pageNumber}
        className={`relative w-full scroll-mt-16 overflow-hidden bg-white shadow-sm ring-1 ring-slate-200 ${height ? '' : 'aspect-[1/1.3]'}`}
        style={height ? { height } : undefined}
      />
    </div>
  );
}

/** The element's content width in whole CSS pixels, following resizes. */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
