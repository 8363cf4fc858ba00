import type { ReactNode } from 'react';
import { BarChart } from './BarChart.tsx';
import type { BarDatum } from './shape.ts';
import type { DashText } from './strings.ts';
import { TableHead } from './TableHead.tsx';

/** A chart in a card with its numbers as a table one click away (reports, planner). */
export function ChartCard({
  t,
  title,
  description,
  unit,
  data,
  table,
  testId,
  integer = false,
}: {
  integer?: boolean;
  t: DashText;
  title: string;
  description: string;
  unit: string;
  data: BarDatum[];
  table: ReactNode;
  testId: string;
}) {
  return (
    <section className="card dash-chart-card" aria-label={title}>
      <h3>{title}</h3>
      {data.length === 0 ? (
        <p className="muted">{t('noData')}</p>
      ) : (
        <>
          <BarChart
            title={title}
            description={description}
            data={data}
            unit={unit}
            testId={testId}
            integer={integer}
          />
          <details>
            <summary>{t('asTable')}</summary>
            {table}
          </details>
        </>
      )}
    </section>
  );
}

export function DataTable({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="dash-table">
      <TableHead columns={head.map((h, i) => (i > 0 ? { num: h } : h))} />
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])}>
            {r.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i} className="num">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
