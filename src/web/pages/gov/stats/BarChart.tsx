/**
 * A plain SVG horizontal bar chart (echarts is not installed; one simple chart does not justify a package).
 * Accessible: role="img" with a label, and every bar has a <title> and its value as text.
 */
export interface Bar {
  label: string;
  value: number;
}

export function BarChart({
  bars,
  label,
  color = '#1560bd',
  unit = '',
}: {
  bars: Bar[];
  label: string;
  color?: string;
  unit?: string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 26;
  const labelW = 130;
  const chartW = 460;
  const height = bars.length * rowH + 8;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${labelW + chartW + 60} ${height}`}
      style={{ width: '100%', maxWidth: 720, height: 'auto', display: 'block' }}
    >
      {bars.map((b, i) => {
        const w = (b.value / max) * chartW;
        const y = i * rowH + 4;
        return (
          <g key={b.label}>
            <title>{`${b.label}：${b.value}${unit}`}</title>
            <text x={labelW - 8} y={y + 15} textAnchor="end" fontSize={13} fill="rgba(0,0,0,0.75)">
              {b.label}
            </text>
            <rect
              x={labelW}
              y={y + 2}
              width={Math.max(w, b.value > 0 ? 2 : 0)}
              height={rowH - 8}
              fill={color}
              rx={2}
            />
            <text x={labelW + w + 6} y={y + 15} fontSize={12} fill="rgba(0,0,0,0.65)">
              {b.value}
              {unit}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** A plain SVG grouped column chart across years (the trend). */
export function ColumnChart({
  categories,
  series,
  label,
}: {
  categories: string[];
  series: Series[];
  label: string;
}) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const plotH = 180;
  const groupW = Math.max(60, series.length * 24 + 20);
  const left = 40;
  const width = left + categories.length * groupW + 20;
  const barW = (groupW - 20) / Math.max(1, series.length);
  return (
    <div>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${plotH + 40}`}
        style={{ width: Math.max(360, width), maxWidth: '100%', height: 'auto', display: 'block' }}
      >
        <line x1={left} y1={plotH + 10} x2={width - 10} y2={plotH + 10} stroke="#d9d9d9" />
        <text x={left - 6} y={16} textAnchor="end" fontSize={11} fill="rgba(0,0,0,0.45)">
          {max}
        </text>
        {categories.map((c, ci) => (
          <g key={c}>
            {series.map((s, si) => {
              const v = s.values[ci] ?? 0;
              const h = (v / max) * plotH;
              const x = left + ci * groupW + 10 + si * barW;
              return (
                <g key={s.name}>
                  <title>{`${c} ${s.name}：${v}`}</title>
                  <rect x={x} y={plotH + 10 - h} width={barW - 4} height={h} fill={s.color} rx={2} />
                  <text
                    x={x + (barW - 4) / 2}
                    y={plotH + 6 - h}
                    textAnchor="middle"
                    fontSize={11}
                    fill="rgba(0,0,0,0.65)"
                  >
                    {v}
                  </text>
                </g>
              );
            })}
            <text
              x={left + ci * groupW + groupW / 2}
              y={plotH + 28}
              textAnchor="middle"
              fontSize={12}
              fill="rgba(0,0,0,0.75)"
            >
              {c}
            </text>
          </g>
        ))}
      </svg>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', marginTop: 4 }}>
        {series.map((s) => (
          <span key={s.name} style={{ fontSize: 12 }}>
            <span
              style={{ display: 'inline-block', width: 10, height: 10, background: s.color, marginRight: 4 }}
            />
            {s.name}
          </span>
        ))}
      </div>
    </div>
  );
}
