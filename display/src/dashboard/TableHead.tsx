/** A column: its label, or `{ num: label }` for a column of figures (right-aligned like them). */
export type Column = string | { num: string };

/** The header row of a dashboard table: every cell a column header (`scope="col"`). */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === 'string' ? (
            <th key={i} scope="col">
              {c}
            </th>
          ) : (
            <th key={i} scope="col" className="num">
              {c.num}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
