/**
 * Charts of /salaries, drawn with uPlot from the tables on the page: each table marked
 * data-chart is the chart's data and stays as its text alternative (the canvas is hidden from
 * assistive technology). Series differ by shape, not only colour: bars, circles, solid and
 * dashed lines, each named in the legend.
 */
import uPlot from 'uplot';

type Kind = 'bars' | 'lines' | 'histogram';

interface TableData {
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
}

function readTable(table: HTMLTableElement): TableData {
  const heads = [...table.querySelectorAll<HTMLTableCellElement>('thead th')];
  const columns = heads.map((th, i) => ({ i, name: th.dataset.series })).filter((c): c is { i: number; name: string } => Boolean(c.name));
  const rows = [...table.querySelectorAll<HTMLTableRowElement>('tbody tr')];
  return {
    labels: rows.map((r) => r.dataset.label ?? ''),
    series: columns.map((c) => ({
      name: c.name,
      values: rows.map((r) => {
        const cell = r.children[c.i] as HTMLElement | undefined;
        const v = cell?.dataset.value;
        return v === undefined ? null : Number(v);
      }),
    })),
  };
}

const INK = '#0b0c0c';
const BRAND = '#0f5e5b';
const ACCENT = '#b35900';

function circle(): uPlot.Series.Points {
  return { show: true, size: 11, width: 2, stroke: ACCENT, fill: '#fff' };
}

function optionsFor(kind: Kind, data: TableData, width: number, unit: string, groupName: string): uPlot.Options {
  const labels = data.labels;
  const bars = uPlot.paths.bars ? uPlot.paths.bars({ size: [0.6, 60], align: 0 }) : undefined;
  const series: uPlot.Series[] = [{ label: groupName, value: (_u, v) => (v === null || v === undefined ? '' : (labels[v] ?? '')) }];
  data.series.forEach((s, i) => {
    const money = (_u: uPlot, v: number | null) => (v === null || v === undefined ? '–' : kind === 'histogram' ? String(v) : `$${v.toFixed(2)}`);
    if (kind === 'lines') {
      series.push({ label: s.name, stroke: i === 0 ? BRAND : ACCENT, width: i === 0 ? 3 : 2, dash: i === 0 ? undefined : [10, 6], points: { show: true, size: 7 }, spanGaps: false, value: money });
    } else if (i === 0) {
      series.push({ label: s.name, stroke: BRAND, fill: 'rgba(15, 94, 91, 0.55)', width: 1, paths: bars, points: { show: false }, value: money });
    } else {
      series.push({ label: s.name, stroke: ACCENT, width: 0, paths: () => null, points: circle(), value: money });
    }
  });
  return {
    width,
    height: Math.max(220, Math.min(360, Math.round(width * 0.55))),
    series,
    scales: { x: { time: false, range: (_u, min, max) => [min - 0.6, max + 0.6] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: [
      {
        stroke: INK,
        grid: { show: false },
        values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? (labels[v] ?? '') : '')),
        // Whole steps only (every label, or every 2nd, 3rd, ...), as many as fit.
        incrs: [1, 2, 3, 4, 6, 12, 24],
        space: labels.length > 8 ? 22 : 40,
        rotate: labels.length > 8 ? -45 : 0,
        size: labels.length > 8 ? 70 : 40,
      },
      { stroke: INK, label: unit, grid: { stroke: '#dddddd', width: 1 }, values: (_u, splits) => splits.map((v) => (kind === 'histogram' ? String(v) : `$${v}`)) },
    ],
    cursor: { drag: { x: false, y: false } },
    legend: { show: true, live: true },
  };
}

function draw(): void {
  for (const table of document.querySelectorAll<HTMLTableElement>('table[data-chart]')) {
    const kind = (table.dataset.chart ?? 'bars') as Kind;
    const data = readTable(table);
    if (!data.labels.length || data.series.every((s) => s.values.every((v) => v === null))) continue;
    const wrap = table.closest('.table-wrap') ?? table;
    const holder = document.createElement('div');
    holder.className = 'chart';
    holder.setAttribute('aria-hidden', 'true');
    wrap.before(holder);
    const width = Math.max(280, Math.floor(holder.getBoundingClientRect().width || wrap.getBoundingClientRect().width));
    const aligned: uPlot.AlignedData = [data.labels.map((_, i) => i), ...data.series.map((s) => s.values)];
    const groupName = table.querySelector('thead th')?.textContent ?? '';
    const plot = new uPlot(optionsFor(kind, data, width, table.dataset.unit ?? '', groupName), aligned, holder);
    let last = width;
    new ResizeObserver(() => {
      const w = Math.max(280, Math.floor(holder.getBoundingClientRect().width));
      if (Math.abs(w - last) > 8) {
        last = w;
        plot.setSize({ width: w, height: Math.max(220, Math.min(360, Math.round(w * 0.55))) });
      }
    }).observe(holder);
  }
}

draw();
