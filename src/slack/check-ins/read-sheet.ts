// A submitted check-in page's state.values as the sheet's answers. Block ids name the items; the service
// checks every one of them against what the person owns, so nothing here is trusted.
import type { SheetAnswers } from '../../services/check-in-sheet.ts';

interface ElementState {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }> | null;
}

type StateValues = Record<string, Record<string, ElementState>>;

const answerOf = (element: ElementState | undefined): string | undefined =>
  element?.value ?? element?.selected_option?.value ?? undefined;

export function readSheetState(values: StateValues): SheetAnswers {
  const keyResults = new Map<number, SheetAnswers['keyResults'][number]>();
  const kr = (id: number) => {
    let entry = keyResults.get(id);
    if (!entry) {
      entry = { id };
      keyResults.set(id, entry);
    }
    return entry;
  };
  const answers: SheetAnswers = { keyResults: [], kpis: [] };
  for (const [blockId, actions] of Object.entries(values)) {
    const element = Object.values(actions)[0];
    const match = /^(kr|kpi)\.(\d{1,12})\.(value|confidence|comment|ms)(?:\.\d+)?$/.exec(blockId);
    if (match) {
      const id = Number(match[2]);
      if (match[1] === 'kpi') answers.kpis.push({ id, value: answerOf(element) ?? undefined });
      else if (match[3] === 'ms') {
        const entry = kr(id);
        const positions = (element?.selected_options ?? [])
          .map((o) => Number(o.value))
          .filter(Number.isInteger);
        entry.milestonesDone = [...(entry.milestonesDone ?? []), ...positions];
      } else kr(id)[match[3] as 'value' | 'confidence' | 'comment'] = answerOf(element) ?? undefined;
      continue;
    }
    switch (blockId) {
      case 'blockers':
        answers.blockers = answerOf(element);
        break;
      case 'risk.raise':
        answers.raiseRisk = (element?.selected_options ?? []).length > 0;
        break;
      case 'risk.likelihood':
        answers.likelihood = answerOf(element);
        break;
      case 'risk.impact':
        answers.impact = answerOf(element);
        break;
      case 'risk.on':
        answers.riskOn = answerOf(element);
        break;
    }
  }
  answers.keyResults = [...keyResults.values()];
  return answers;
}
