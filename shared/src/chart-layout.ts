/**
 * Layout of plain-SVG bar charts, shared by the dashboard's charts and the simulator's chart page
 * (pure arithmetic; each side draws the SVG its own way).
 */

/**
 * A round upper bound for a chart axis with at most `maxTicks` steps of 1, 2, 5 × 10ⁿ: 7.3 → 8 with
 * steps of 2; 0 (an empty day) → 1, so bars of zero still have an axis.
 */
export function niceScale(maxValue: number, maxTicks = 5, integer = false): { max: number; step: number } {
  if (!(maxValue > 0)) return { max: 1, step: 1 };
  const rough = maxValue / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const nice = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  // Counts (tickets served) never get a 0.2 tick.
  const step = integer ? Math.max(1, nice) : nice;
  return { max: round1(Math.ceil(maxValue / step - 1e-9) * step), step };
}

export interface BarDatum {
  label: string;
  value: number;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the value axis on the left and the labels below. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export interface BarLayout {
  bars: (BarDatum & { x: number; y: number; width: number; height: number })[];
  ticks: { value: number; y: number }[];
  /** The plot area, inside the box's margins. */
  plot: { x: number; y: number; width: number; height: number };
}

/** Positions of vertical bars in an SVG box: equal slots, 70 % bar width, value 0 at the bottom. */
export function barLayout(data: readonly BarDatum[], box: ChartBox, integer = false): BarLayout {
  const plot = {
    x: box.left,
    y: box.top,
    width: Math.max(0, box.width - box.left - box.right),
    height: Math.max(0, box.height - box.top - box.bottom),
  };
  const { max, step } = niceScale(Math.max(0, ...data.map((d) => d.value)), 5, integer);
  const yOf = (v: number) => plot.y + plot.height - (Math.max(0, v) / max) * plot.height;
  const slot = data.length > 0 ? plot.width / data.length : 0;
  const barWidth = slot * 0.7;
  const bars = data.map((d, i) => {
    const y = yOf(d.value);
    return {
      ...d,
      x: plot.x + i * slot + (slot - barWidth) / 2,
      y,
      width: barWidth,
      height: plot.y + plot.height - y,
    };
  });
  const ticks: { value: number; y: number }[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push({ value: round1(v), y: yOf(v) });
  return { bars, ticks, plot };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
