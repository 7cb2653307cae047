// An exported plan as files people download: one YAML file, or the four CSV files. Warnings say what would
// stop the file from importing as it is (an item without an owner, say) and what the format leaves out.
import {
  CSV_FILES,
  formatPath,
  type Plan,
  planToCsv,
  slugify,
  stringifyPlanYaml,
  validatePlanData,
} from '../../plan/index.ts';

export const EXPORT_FORMATS = ['yaml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  filename: string;
  content: string;
}

export interface ExportedFiles {
  files: ExportFile[];
  warnings: string[];
}

export function exportFiles(plan: Plan, format: ExportFormat, now: Date): ExportedFiles {
  const warnings = fixesNeeded(plan).map((line) => `Fix before importing it again: ${line}`);
  if (format === 'yaml') {
    const header = `Okra plan for cycle "${plan.cycle.name}", exported ${now.toISOString().slice(0, 10)}.\nImport it with: okra import <this file>`;
    return {
      files: [{ filename: yamlFilename(plan), content: stringifyPlanYaml(plan, { header }) }],
      warnings,
    };
  }
  if (plan.risks.length > 0)
    warnings.push(`The CSV files leave out the ${plan.risks.length} risk(s); export as YAML to keep them.`);
  const csv = planToCsv(plan);
  return {
    files: [
      { filename: CSV_FILES.keyResults, content: csv.keyResults },
      { filename: CSV_FILES.checkIns, content: csv.checkIns },
      { filename: CSV_FILES.kpis, content: csv.kpis },
      { filename: CSV_FILES.kpiReadings, content: csv.kpiReadings },
    ],
    warnings,
  };
}

export function yamlFilename(plan: Plan): string {
  return `okra-plan-${slugify(plan.cycle.name, 'cycle')}.yaml`;
}

function fixesNeeded(plan: Plan): string[] {
  const validation = validatePlanData(plan);
  if (validation.ok) return [];
  return validation.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}
