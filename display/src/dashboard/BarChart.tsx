import { useId } from 'react';
import { barLayout, wrapLabel, type BarDatum } from './shape.ts';

/** Room below the plot for axis labels of up to three lines. */
const BOX = { width: 440, height: 250, left: 36, right: 6, top: 18, bottom: 60 };
/** `.dash-axis` text: 13 px, about 0.62 em a character in DejaVu Sans, the widest font we ship. */
const LABEL_PX = 13;
const CHAR_PX = 0.62 * LABEL_PX;

/**
 * A plain SVG bar chart: the SVG is one image with a title and a description for screen readers
 * (`role="img"`); the numbers themselves are in the data table the caller puts next to it.
 */
export function BarChart({
  title,
  description,
  data,
  unit,
  testId,
  integer = false,
}: {
  /** Whole-number values (counts): whole-number axis ticks. */
  integer?: boolean;
  title: string;
  description: string;
  data: BarDatum[];
  unit: string;
  testId: string;
}) {
  const id = useId();
  const { bars, ticks, plot } = barLayout(data, BOX, integer);
  // Long label lists (e.g. twelve hours) thin out so they do not overlap.
  const labelEvery = Math.max(1, Math.ceil(data.length / 8));
  const maxChars = Math.max(3, Math.floor(((plot.width / Math.max(1, data.length)) * labelEvery) / CHAR_PX));
  return (
    <svg
      className="dash-chart"
      viewBox={`0 0 ${BOX.width} ${BOX.height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      data-testid={testId}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>
        {description} {data.map((d) => `${d.label}: ${d.value} ${unit}`).join('; ')}
      </desc>
      {ticks.map((tk) => (
        <g key={tk.value} aria-hidden="true">
          <line x1={plot.x} x2={plot.x + plot.width} y1={tk.y} y2={tk.y} className="dash-grid" />
          <text x={plot.x - 6} y={tk.y + 4} textAnchor="end" className="dash-axis">
            {tk.value}
          </text>
        </g>
      ))}
      {bars.map((b, i) => (
        <g key={`${b.label}-${i}`} aria-hidden="true">
          <rect x={b.x} y={b.y} width={b.width} height={Math.max(b.height, 0.5)} className="dash-bar" />
          {b.width >= 26 && (
            <text x={b.x + b.width / 2} y={b.y - 3} textAnchor="middle" className="dash-value">
              {b.value}
            </text>
          )}
          {i % labelEvery === 0 && (
            <text
              x={b.x + b.width / 2}
              y={plot.y + plot.height + 16}
              textAnchor="middle"
              className="dash-axis"
            >
              {wrapLabel(b.label, maxChars).map((line, n) => (
                <tspan key={n} x={b.x + b.width / 2} dy={n === 0 ? 0 : LABEL_PX + 2}>
                  {line}
                </tspan>
              ))}
            </text>
          )}
        </g>
      ))}
      <line
        x1={plot.x}
        x2={plot.x + plot.width}
        y1={plot.y + plot.height}
        y2={plot.y + plot.height}
        className="dash-baseline"
        aria-hidden="true"
      />
    </svg>
  );
}
