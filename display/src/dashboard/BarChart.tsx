import { useId } from 'react';
import { barLayout, type BarDatum } from './shape.ts';

const BOX = { width: 440, height: 220, left: 36, right: 6, top: 18, bottom: 30 };

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
              {b.label}
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
