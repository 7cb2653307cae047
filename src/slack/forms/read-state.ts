// Turns a view submission's state.values into { field: value }, whatever input type each field used.
export type FormValue = string | boolean | string[] | undefined;

interface ElementState {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_user?: string | null;
  selected_users?: string[] | null;
  selected_conversation?: string | null;
  selected_channel?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }> | null;
}

export type StateValues = Record<string, Record<string, ElementState>>;

export function readState(values: StateValues): Record<string, FormValue> {
  const form: Record<string, FormValue> = {};
  for (const [field, actions] of Object.entries(values)) {
    const element = Object.values(actions)[0];
    if (!element) continue;
    form[field] = elementValue(element);
  }
  return form;
}

function elementValue(element: ElementState): FormValue {
  switch (element.type) {
    case 'checkboxes':
      return (element.selected_options ?? []).length > 0;
    case 'multi_users_select':
      return element.selected_users ?? [];
    default: {
      const value =
        element.value ??
        element.selected_date ??
        element.selected_user ??
        element.selected_conversation ??
        element.selected_channel ??
        element.selected_option?.value ??
        undefined;
      return value === null || value === '' ? undefined : (value ?? undefined);
    }
  }
}

export const text = (value: FormValue): string | undefined => (typeof value === 'string' ? value : undefined);
