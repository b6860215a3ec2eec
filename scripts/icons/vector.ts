// A tiny vector rasterizer for the app icon: shapes described in a unit square, painted in order with
// anti-aliasing by supersampling. Build-time only (scripts/generate-icons.ts); deterministic, so the generated
// files are byte-for-byte reproducible and a test can check the committed ones against a fresh run.

export type Rgba = readonly [number, number, number, number];

/** Fills: a solid colour, or a vertical gradient from top to bottom (unit-square y). */
export type Paint = { readonly solid: Rgba } | { readonly vertical: { readonly top: Rgba; readonly bottom: Rgba } };

/** Shapes in unit-square coordinates (0..1 on both axes, y down). */
export type Shape =
  | { readonly kind: 'round-rect'; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly radius: number }
  | { readonly kind: 'circle'; readonly cx: number; readonly cy: number; readonly r: number };

export interface Layer {
  readonly shape: Shape;
  readonly paint: Paint;
  /** Paint only the outline of this width (unit square) instead of filling. */
  readonly stroke?: number;
  /** Erase (make transparent) instead of paint: cut-outs on a template image. */
  readonly erase?: boolean;
  /** Skip at pixel sizes below this: details that would only blur into noise at 16 px. */
  readonly minPixels?: number;
}

/** Signed distance (unit square) from a point to the shape's edge: negative inside. */
function distance(shape: Shape, x: number, y: number): number {
  if (shape.kind === 'circle') return Math.hypot(x - shape.cx, y - shape.cy) - shape.r;
  const halfW = shape.width / 2;
  const halfH = shape.height / 2;
  const r = Math.min(shape.radius, halfW, halfH);
  const qx = Math.abs(x - (shape.x + halfW)) - (halfW - r);
  const qy = Math.abs(y - (shape.y + halfH)) - (halfH - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function covers(layer: Layer, x: number, y: number): boolean {
  const d = distance(layer.shape, x, y);
  return layer.stroke === undefined ? d <= 0 : d <= 0 && d >= -layer.stroke;
}

function colourAt(paint: Paint, y: number): Rgba {
  if ('solid' in paint) return paint.solid;
  const { top, bottom } = paint.vertical;
  const t = Math.min(1, Math.max(0, y));
  return [0, 1, 2, 3].map((i) => (top[i] as number) + ((bottom[i] as number) - (top[i] as number)) * t) as unknown as Rgba;
}

/**
 * Rasterizes the layers to straight (not premultiplied) RGBA, `size` x `size`, with `samples` x `samples`
 * subpixels per pixel. Colours composite with "source over" in premultiplied space, then are un-premultiplied.
 */
export function rasterize(layers: readonly Layer[], size: number, samples = 5): Uint8Array {
  const visible = layers.filter((layer) => layer.minPixels === undefined || size >= layer.minPixels);
  const out = new Uint8Array(size * size * 4);
  const n = samples * samples;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          // Premultiplied source-over, per subsample.
          let cr = 0;
          let cg = 0;
          let cb = 0;
          let ca = 0;
          for (const layer of visible) {
            if (!covers(layer, x, y)) continue;
            if (layer.erase === true) {
              cr = cg = cb = ca = 0;
              continue;
            }
            const [lr, lg, lb, la] = colourAt(layer.paint, y);
            const alpha = la / 255;
            cr = lr * alpha + cr * (1 - alpha);
            cg = lg * alpha + cg * (1 - alpha);
            cb = lb * alpha + cb * (1 - alpha);
            ca = alpha + ca * (1 - alpha);
          }
          r += cr;
          g += cg;
          b += cb;
          a += ca;
        }
      }
      const offset = (py * size + px) * 4;
      const alpha = a / n;
      out[offset] = alpha > 0 ? Math.round(r / n / alpha) : 0;
      out[offset + 1] = alpha > 0 ? Math.round(g / n / alpha) : 0;
      out[offset + 2] = alpha > 0 ? Math.round(b / n / alpha) : 0;
      out[offset + 3] = Math.round(alpha * 255);
    }
  }
  return out;
}
