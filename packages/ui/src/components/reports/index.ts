export { BarChart, type ChartBar } from "./chart.tsx";
export { EditionPage, type EditionReportView, type EditionSectionView } from "./edition-page.tsx";
export {
  type CountsView,
  DashboardPage,
  type DashboardRegionView,
  type IndicatorChartView,
  IndicatorsPage,
} from "./hub-pages.tsx";
export { Reminders } from "./reminders.tsx";
export { ReportPage, ReportsPage } from "./report-pages.tsx";
export { SectionEditPage } from "./section-page.tsx";
export type * from "./views.ts";
